import { knowledge, mayApprove, type AccessLevel, type Draft, type KnowledgePage, type Space } from '../../api/knowledge';
import { RecordCommandForm } from '../../commands/CommandForm';
import type { ShownRecord } from '../../commands/useRecord';
import { Fold } from '../../components/Fold';
import { Loading } from '../../components/Loading';
import { Markdown } from '../../components/Markdown';
import { useApi } from '../../components/useApi';
import { useLanguage } from '../../i18n/language';
import { formatInstant } from '../../lib/format';
import { PageTextForm } from './PageEditor';

/**
 * A page's pending draft [草稿], for its space's editors: who saved which version when, whether it awaits review and why
 * an approver last sent it back, its text as readers would see it, and what may be done with it where the space
 * reviews its revisions (submit; approve or return, for approvers) or does not (publish); editing and discarding it,
 * either way.
 * Every command names the draft version shown and the page's version (`If-Match`), so nothing is done to a draft unseen.
 */
export function PendingDraft({ page, space, access }: { page: ShownRecord<KnowledgePage>; space: Space; access: AccessLevel }) {
  const { t, language } = useLanguage();
  const id = page.value.id;
  // Read again whenever a command changed the page (its version), which is when the draft may have changed.
  const read = useApi(`knowledge-draft:${id}:${page.version}`, () => knowledge.draft(id));
  return (
    <Loading loaded={read}>
      {({ draft }) =>
        draft && (
          <div className="card draft" data-testid="draft" data-version={draft.version} data-submitted={draft.submitted}>
            <h2>{t('knowledge.draft')}</h2>
            <p>
              {t('knowledge.draftBy', { version: draft.version, author: draft.author, at: formatInstant(draft.savedAt, language) })}
              {' · '}
              <strong data-testid="draft-state">{t(draft.submitted ? 'knowledge.awaitingReview' : 'knowledge.notSubmitted')}</strong>
            </p>
            {draft.returnedBecause && (
              <p className="returned" data-testid="draft-returned">
                {t('knowledge.returnedBecause', { reason: draft.returnedBecause })}
              </p>
            )}
            {/* A page not published yet has nothing else to read than its draft. */}
            {page.value.revision ? (
              <Fold summary={t('knowledge.previewDraft')}>
                <DraftText draft={draft} />
              </Fold>
            ) : (
              <DraftText draft={draft} />
            )}
            <Fold summary={t('knowledge.editDraft')}>
              <PageTextForm id="save-draft" title="knowledge.saveDraft" record={page} text={draft} send={(written, write) => knowledge.saveDraft(id, written, write)} />
            </Fold>
            <DraftCommands page={page} draft={draft} reviewed={space.reviewRequired} approves={mayApprove(access)} />
          </div>
        )
      }
    </Loading>
  );
}

function DraftText({ draft }: { draft: Draft }) {
  return (
    <>
      <h3 data-testid="draft-title">{draft.title}</h3>
      <Markdown text={draft.body} testId="draft-body" />
    </>
  );
}

function DraftCommands({ page, draft, reviewed, approves }: { page: ShownRecord<KnowledgePage>; draft: Draft; reviewed: boolean; approves: boolean }) {
  const id = page.value.id;
  const { version } = draft;
  return (
    <div className="commands">
      {reviewed && !draft.submitted && (
        <RecordCommandForm id="submit-draft" title="knowledge.submitDraft" record={page} send={(_, write) => knowledge.submitDraft(id, version, write)} />
      )}
      {/* Offered to every approver: one approving their own draft is told by the API that four eyes see each revision. */}
      {reviewed && draft.submitted && approves && (
        <>
          <RecordCommandForm id="approve-draft" title="knowledge.approveDraft" record={page} send={(_, write) => knowledge.approveDraft(id, version, write)} />
          <RecordCommandForm
            id="return-draft"
            title="knowledge.returnDraft"
            record={page}
            fields={[{ name: 'reason', label: 'knowledge.returnReason', type: 'textarea' }]}
            send={(values, write) => knowledge.returnDraft(id, version, values('reason'), write)}
          />
        </>
      )}
      {!reviewed && (
        <RecordCommandForm id="publish-draft" title="knowledge.publishDraft" record={page} send={(_, write) => knowledge.publishDraft(id, version, write)} />
      )}
      <RecordCommandForm id="discard-draft" title="knowledge.discardDraft" record={page} send={(_, write) => knowledge.discardDraft(id, write)} />
    </div>
  );
}
