import { describe, expect, it } from 'vitest';
import type { DealDocument, KnowledgePage } from '../api/knowledge';
import { en, zh, type MessageKey } from '../i18n/messages';
import { dealSteps, proposalRevision } from './deals';

const document: DealDocument = { pageId: 'deal-OPP-1', spaceId: 'SPACE-1', title: '包钢 · OPP-1', revisions: 3, proposals: [] };

const page = (revision: number | null) =>
  ({
    id: 'deal-OPP-1',
    spaceId: 'SPACE-1',
    title: '包钢 · OPP-1',
    revisions: 3,
    revision: revision === null ? null : { number: revision, title: '包钢 · OPP-1', body: '', author: 'li.wei', publishedAt: '2026-10-01T00:00:00Z' },
  }) as KnowledgePage;

describe('the revision a proposal sends', () => {
  it('is the one readers see now, not a later one awaiting review', () => {
    expect(proposalRevision(document, page(2))).toBe(2);
  });

  it('is the document’s last until its page is read, or when nothing is approved yet', () => {
    expect(proposalRevision(document, undefined)).toBe(3);
    expect(proposalRevision(document, page(null))).toBe(3);
  });
});

describe('the steps of a deal', () => {
  it('each have words in English and Chinese, never the API’s name', () => {
    for (const step of dealSteps) {
      const key = `dealStep.${step}` as MessageKey;
      expect(en[key], step).toBeTruthy();
      expect(zh[key], step).toBeTruthy();
      expect(zh[key]).not.toBe(step);
    }
  });
});
