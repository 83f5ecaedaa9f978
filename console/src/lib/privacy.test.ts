import { describe, expect, it } from 'vitest';
import type { ErasureRecord, PersonalInformationExport, SubjectHoldings } from '../api/privacy';
import { erasureComplete, erasureProgress, exportDocument, exportFileName, holdingsRows, isPersonErasure } from './privacy';

const erasure: ErasureRecord = {
  pseudonym: 'erased:3f9a0c12',
  kind: 'person',
  reason: 'their written request',
  reference: 'PIPL-2026-044',
  eventsMasked: 12,
  erasedAt: '2026-11-03T02:00:00Z',
};

const event = (recordedBySubject: boolean) => ({
  streamId: 'ORD-1',
  version: 1,
  type: 'order_placed_v1',
  recordedAt: '2026-03-01T00:00:00Z',
  recordedBySubject,
  data: { salesRep: 'zhang.wei' },
});

const part = (service: string, held: Partial<SubjectHoldings> = {}): SubjectHoldings => ({
  service,
  subjectId: 'zhang.wei',
  erasure: null,
  events: [],
  documents: [],
  ...held,
});

/** An export as the gateway answers it, its parts in whatever order the JSON has them. */
const exported: PersonalInformationExport = {
  subjectId: 'zhang.wei',
  exportedAt: '2026-11-03T03:00:00Z',
  services: {
    knowledge: part('knowledge', { erasure }),
    orders: part('orders', { events: [event(true), event(false), event(true)], documents: [{ type: 'order', id: 'ORD-1', data: {} }] }),
    fleet: part('fleet'),
    okr: part('okr', { erasure, events: [event(false)] }),
    dispatch: part('dispatch'),
    identity: part('identity', { documents: [{ type: 'account', id: 'zhang.wei', data: {} }] }),
  },
};

describe('what an export holds, per service', () => {
  it("counts each service's events, those the subject recorded, and its documents, in the gateway's order", () => {
    expect(holdingsRows(exported).map(({ service, events, recordedBySubject, documents }) => [service, events, recordedBySubject, documents])).toEqual([
      ['fleet', 0, 0, 0],
      ['orders', 3, 2, 1],
      ['dispatch', 0, 0, 0],
      ['okr', 1, 0, 0],
      ['knowledge', 0, 0, 0],
      ['identity', 0, 0, 1],
    ]);
  });

  it("carries each service's erasure, or none", () => {
    expect(holdingsRows(exported).map((row) => row.erasure?.reference ?? null)).toEqual([null, null, null, 'PIPL-2026-044', 'PIPL-2026-044', null]);
  });

  it('puts a service the console does not know yet after the known ones', () => {
    const withNew = { ...exported, services: { billing: part('billing'), ...exported.services } };
    expect(holdingsRows(withNew).map((row) => row.service)).toEqual(['fleet', 'orders', 'dispatch', 'okr', 'knowledge', 'identity', 'billing']);
  });
});

describe("how far a person's erasure has got", () => {
  it('names the services that recorded it and those still to', () => {
    const progress = erasureProgress(exported);
    expect(progress.erased.map((done) => done.service)).toEqual(['okr', 'knowledge']);
    expect(progress.pending).toEqual(['fleet', 'orders', 'dispatch', 'identity']);
  });

  it('is done when every service recorded it, and identity, which records none, holds nothing', () => {
    const everywhere = {
      ...exported,
      services: Object.fromEntries(Object.keys(exported.services).map((service) => [service, service === 'identity' ? part(service) : part(service, { erasure })])),
    };
    const progress = erasureProgress(everywhere);
    expect(progress.pending).toEqual([]);
    expect(progress.emptied).toEqual(['identity']);
  });
});

describe('an erasure confirmed before it is sent', () => {
  const complete = { kind: 'person', subjectId: 'zhang.wei', reason: 'their written request', reference: 'PIPL-2026-044' };

  it('is one that names every field, which may erase someone', () => {
    expect(erasureComplete(complete)).toBe(true);
  });

  it('is not one lacking a field, which the gateway refuses whole', () => {
    expect(erasureComplete({ ...complete, reason: null })).toBe(false);
    expect(erasureComplete({ ...complete, reference: '  ' })).toBe(false);
    expect(erasureComplete({ ...complete, kind: null })).toBe(false);
  });
});

describe("the owner's answer to an erasure", () => {
  it("is a person's sent on to every service, or a contact's record", () => {
    expect(isPersonErasure({ personId: 'zhang.wei', pseudonym: 'erased:3f9a0c12', reason: 'r', reference: 'PIPL-2026-044', requestedAt: '2026-11-03T02:00:00Z' })).toBe(true);
    expect(isPersonErasure({ ...erasure, kind: 'customer-contact' })).toBe(false);
  });
});

describe("the export's file", () => {
  it('is named after the subject and the day, with nothing a file name cannot hold', () => {
    expect(exportFileName('CUS-3F9A0C12B7-C1', '2026-11-03')).toBe('personal-information-CUS-3F9A0C12B7-C1-2026-11-03.json');
    expect(exportFileName('../a b/c', '2026-11-03')).toBe('personal-information-.._a_b_c-2026-11-03.json');
  });

  it('holds the whole export as the gateway answered it', async () => {
    expect(JSON.parse(await exportDocument(exported).text())).toEqual(exported);
  });
});
