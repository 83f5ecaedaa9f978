import { createColumnHelper } from '@tanstack/react-table';
import { Link, useParams } from 'react-router';
import { knowledge, mayEdit, type Deal, type DealDocument, type DealStep, type Proposal } from '../api/knowledge';
import { allRoles } from '../auth/auth';
import { mayAct, useUser } from '../auth/user';
import { CommandButton } from '../commands/CommandButton';
import { numberOf, RecordCommandForm } from '../commands/CommandForm';
import { useRecord } from '../commands/useRecord';
import { DataTable } from '../components/DataTable';
import { Facts } from '../components/Facts';
import { Fold } from '../components/Fold';
import { LoadingText } from '../components/Loading';
import { loadMarkdown, Markdown } from '../components/Markdown';
import { CustomerSearchLink, OpportunityLink, OrderLink, VehicleLink } from '../components/links';
import { ProblemMessage } from '../components/ProblemMessage';
import { useModelNames } from '../components/useModels';
import { useReloadable } from '../components/useReloadable';
import { useLanguage } from '../i18n/language';
import { proposalRevision } from '../lib/deals';
import { formatInstant } from '../lib/format';
import { useSpaceAccess } from './knowledge/ScenarioPage';

const step = createColumnHelper<DealStep>();

/** Who the API lets open a process document: any role but the auditor's (the space of deals decides the rest). */
const documentWriters = allRoles.filter((role) => role !== 'auditor');

/**
 * A deal [一篇文档伴随整个流程], by its opportunity's id or an order's: who and what, its process document with the
 * proposals sent from it, and the timeline of every step from every service, each with the event behind it.
 */
export function DealPage() {
  const { id = '' } = useParams();
  const { t } = useLanguage();
  // The renderer's script comes while the deal is read: the proposals' pinned texts are Markdown.
  void loadMarkdown();
  const deal = useReloadable(`deal:${id}`, () => knowledge.deal(id));
  const loaded = deal.loaded;
  if (loaded.state === 'ready') {
    return (
      <section data-testid="deal" data-id={loaded.data.opportunityId}>
        <ShownDeal deal={loaded.data} reload={deal.reload} />
      </section>
    );
  }
  return (
    <section>
      <h1>{t('deal.title', { id })}</h1>
      {loaded.state === 'error' ? (
        <>
          <ProblemMessage error={loaded.error} />
          {/* The knowledge base learns an opportunity over the bus: one just filed may be known a moment later. */}
          <button type="button" data-testid="deal-read-again" onClick={deal.reload}>
            {t('deal.readAgain')}
          </button>
        </>
      ) : (
        <LoadingText />
      )}
    </section>
  );
}

function ShownDeal({ deal, reload }: { deal: Deal; reload: () => void }) {
  const { t, word } = useLanguage();
  const modelName = useModelNames();
  return (
    <>
      <h1>{t('deal.title', { id: deal.opportunityId })}</h1>
      <Facts
        testId="deal-facts"
        facts={[
          ['deal.opportunity', <OpportunityLink id={deal.opportunityId} />],
          // The knowledge base knows the deal's customer by name: the link finds it in the registry.
          ['common.customer', deal.customer ? <CustomerSearchLink name={deal.customer} /> : '—'],
          ['common.region', deal.region ? word('region', deal.region) : '—'],
          ['common.salesRep', deal.salesRep ?? '—'],
          ['common.model', deal.models.map(modelName).join('、') || '—'],
          [
            'deal.orders',
            deal.orderIds.length > 0 ? (
              <span className="list">
                {deal.orderIds.map((orderId) => (
                  <OrderLink key={orderId} id={orderId} />
                ))}
              </span>
            ) : (
              '—'
            ),
          ],
        ]}
      />
      <h2>{t('deal.document')}</h2>
      {deal.document ? <ProcessDocument document={deal.document} onChanged={reload} /> : <NoDocument opportunityId={deal.opportunityId} onOpened={reload} />}
      <h2>{t('deal.timeline')}</h2>
      <Timeline steps={deal.timeline} />
    </>
  );
}

/** No process document the reader may read: whoever may write one opens it in the space of deals of the deal's region. */
function NoDocument({ opportunityId, onOpened }: { opportunityId: string; onOpened: () => void }) {
  const { t } = useLanguage();
  const user = useUser();
  return (
    <>
      <p className="muted" data-testid="deal-document" data-opened="false">
        {t('deal.noDocument')}
      </p>
      {mayAct(user, ...documentWriters) && (
        <CommandButton id="open-deal-document" label="deal.openDocument" send={(key) => knowledge.openDealDocument(opportunityId, {}, key)} onDone={onOpened} />
      )}
    </>
  );
}

/**
 * The process document: its page, edited and revised as any page (so its editor is the page's), its revisions, the
 * proposals sent from it, and for its space's editors the form that sends a revision as the proposal — a command on
 * the page, sent with the page's version (`If-Match`).
 */
function ProcessDocument({ document, onChanged }: { document: DealDocument; onChanged: () => void }) {
  const { t } = useLanguage();
  const page = useRecord(`knowledge-page:${document.pageId}`, () => knowledge.page(document.pageId));
  const access = useSpaceAccess(document.spaceId);
  return (
    <div className="card" data-testid="deal-document" data-opened="true" data-page={document.pageId} data-revisions={document.revisions}>
      <h3 data-testid="deal-document-title">{document.title}</h3>
      <p className="page-actions">
        <Link to={`/knowledge/pages/${encodeURIComponent(document.pageId)}`} data-testid="deal-document-page">
          {t('deal.editDocument')}
        </Link>
        <span className="muted">{t('knowledge.revisionCount', { count: document.revisions })}</span>
      </p>
      <h3>{t('deal.proposals')}</h3>
      <Proposals proposals={document.proposals} />
      {page.state === 'ready' && access && mayEdit(access) && (
        <RecordCommandForm
          id="send-proposal"
          title="deal.sendProposal"
          // The page answers as it now is; the deal is read again for its proposals and timeline.
          record={{
            ...page.data,
            replace: (answer) => {
              page.data.replace(answer);
              onChanged();
            },
          }}
          fields={[
            { name: 'revision', label: 'knowledge.revision', type: 'number', step: '1', defaultValue: String(proposalRevision(document, page.data.value)) },
            { name: 'recipient', label: 'deal.recipient' },
          ]}
          send={(values, write) => knowledge.sendProposal(document.pageId, { revision: numberOf(values('revision')), recipient: values('recipient') }, write)}
        />
      )}
    </div>
  );
}

/** The proposals sent, as the API lists them, each with the text of the revision it pins (folded: it may be long). */
function Proposals({ proposals }: { proposals: Proposal[] }) {
  const { t, language } = useLanguage();
  if (proposals.length === 0) {
    return (
      <p className="muted" data-testid="proposals" data-count={0}>
        {t('deal.noProposals')}
      </p>
    );
  }
  return (
    <div data-testid="proposals" data-count={proposals.length}>
      {proposals.map((proposal) => (
        <article key={`${proposal.sentAt}-${proposal.revision}-${proposal.recipient}`} className="card" data-testid="proposal" data-revision={proposal.revision}>
          <strong data-testid="proposal-to">{t('deal.proposalTo', { revision: proposal.revision, recipient: proposal.recipient })}</strong>
          <p className="muted">{t('deal.sentBy', { person: proposal.sentBy, at: formatInstant(proposal.sentAt, language) })}</p>
          <Fold summary={proposal.title}>
            <Markdown text={proposal.body} testId="proposal-body" />
          </Fold>
        </article>
      ))}
    </div>
  );
}

/** Every step of the deal in business time, as the API orders them, each in the reader's words with its record and event. */
function Timeline({ steps }: { steps: DealStep[] }) {
  const { language, word } = useLanguage();
  const columns = [
    step.accessor('at', { header: 'deal.at', cell: (cell) => formatInstant(cell.getValue(), language) }),
    step.accessor('step', { header: 'deal.step', cell: (cell) => <span data-step={cell.getValue()}>{word('dealStep', cell.getValue())}</span> }),
    step.accessor('service', { header: 'deal.service', cell: (cell) => word('service', cell.getValue()) }),
    step.accessor('detail', { header: 'deal.detail', cell: (cell) => cell.getValue() ?? '—' }),
    step.accessor('orderId', { header: 'common.order', cell: (cell) => (cell.getValue() ? <OrderLink id={cell.getValue()!} /> : '—') }),
    step.accessor('vehicleCode', { header: 'common.vehicle', cell: (cell) => (cell.getValue() ? <VehicleLink code={cell.getValue()!} /> : '—') }),
    step.display({ id: 'ids', header: 'deal.ids', cell: (cell) => <StepIds step={cell.row.original} /> }),
  ];
  return <DataTable rows={steps} columns={columns} testId="deal-timeline" rowTestId="deal-step" rowId={(row) => row.eventId} />;
}

/** The event a step comes from and the flow it was part of, folded: they are for whoever traces a step through the services. */
function StepIds({ step: shown }: { step: DealStep }) {
  const { t } = useLanguage();
  return (
    <details className="events">
      <summary>{t('deal.ids')}</summary>
      <p>
        {t('deal.eventId')} <code className="data" data-testid="event-id">{shown.eventId}</code>
      </p>
      <p>
        {t('deal.correlationId')} <code className="data" data-testid="correlation-id">{shown.correlationId ?? '—'}</code>
      </p>
    </details>
  );
}
