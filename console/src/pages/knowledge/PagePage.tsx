import { createColumnHelper } from '@tanstack/react-table';
import { Link, useParams } from 'react-router';
import { knowledge, mayEdit, type KnowledgePage, type PageReading, type RevisionDiff, type RevisionSummary, type SpaceTree } from '../../api/knowledge';
import { numberOf, RecordCommandForm } from '../../commands/CommandForm';
import { useRecord, type ShownRecord } from '../../commands/useRecord';
import { DataTable } from '../../components/DataTable';
import { Fold } from '../../components/Fold';
import { Loading } from '../../components/Loading';
import { loadMarkdown, Markdown } from '../../components/Markdown';
import { useAddressQuery, type AddressQuery } from '../../components/useAddressQuery';
import { useApi } from '../../components/useApi';
import { useReloadable, type Reloadable } from '../../components/useReloadable';
import { useLanguage } from '../../i18n/language';
import { sideBySide } from '../../lib/diff';
import { formatInstant } from '../../lib/format';
import { PendingDraft } from './Drafts';
import { FollowButton } from './Following';
import { PageTextForm } from './PageEditor';
import { ConfirmReading } from './ReadConfirmations';
import { parentOptions } from './SpacePage';

const revision = createColumnHelper<RevisionSummary>();

/** China time on the wire: a moment picked in the browser's date-time picker is a moment in China. */
const chinaMoment = (local: string) => `${local.length === 16 ? `${local}:00` : local}+08:00`;

/**
 * A page of the knowledge base: its text rendered from Markdown, as it reads now, at a revision or as of a moment
 * (kept in the address); every revision, any two compared side by side or inline; following it; confirming one has
 * read it where one is asked to; and for its space's editors, its pending draft with review, the editor with a live
 * preview, rename, move and restore.
 */
export function PagePage() {
  const { id = '' } = useParams();
  const query = useAddressQuery();
  // The renderer's script comes while the page is read.
  void loadMarkdown();
  const reading: PageReading = { revision: Number(query.get('revision')) || undefined, asOf: query.get('asOf') };
  const shown = useRecord(`knowledge-page:${id}:${reading.revision ?? ''}:${reading.asOf ?? ''}`, () => knowledge.page(id, reading));
  const revisions = useReloadable(`knowledge-revisions:${id}`, () => knowledge.revisions(id));
  return (
    <section>
      <Loading loaded={shown}>
        {(record) => (
          <ShownPage
            // A command answers the page as it now reads: show that (not an old revision) and read the revisions again.
            record={{
              ...record,
              replace: (answer) => {
                query.set({ revision: '', asOf: '' });
                record.replace(answer);
                revisions.reload();
              },
            }}
            revisions={revisions}
            query={query}
          />
        )}
      </Loading>
    </section>
  );
}

/** The page read, with what its space lets the reader do: follow it, and for its editors its draft and their commands. */
function ShownPage({ record, revisions, query }: { record: ShownRecord<KnowledgePage>; revisions: Reloadable<RevisionSummary[]>; query: AddressQuery }) {
  const { t, language } = useLanguage();
  const page = record.value;
  const tree = useApi(`knowledge-tree:${page.spaceId}`, () => knowledge.tree(page.spaceId));
  const editing = tree.state === 'ready' && mayEdit(tree.data.access) ? tree.data : undefined;
  const listed = revisions.loaded.state === 'ready' ? revisions.loaded.data : [];
  const compared = revisionsCompared(query);
  const columns = [
    revision.accessor('number', { header: 'knowledge.revision', cell: (cell) => <Link to={`?revision=${cell.getValue()}`}>{cell.getValue()}</Link> }),
    revision.accessor('title', { header: 'knowledge.pageTitle' }),
    revision.accessor('author', { header: 'knowledge.author' }),
    revision.accessor('approvedBy', { header: 'knowledge.approvedBy', cell: (cell) => cell.getValue() ?? '—' }),
    revision.accessor('publishedAt', { header: 'knowledge.publishedAt', cell: (cell) => formatInstant(cell.getValue(), language) }),
    revision.accessor('restoredFrom', { header: 'knowledge.restoredFrom', cell: (cell) => cell.getValue() ?? '—' }),
  ];
  return (
    <>
      <h1 data-testid="page-title">{page.revision?.title ?? page.title}</h1>
      <div className="page-actions">
        <Link to={`/knowledge/spaces/${encodeURIComponent(page.spaceId)}`}>{t('knowledge.backToSpace')}</Link>
        {page.revision && (
          <span className="muted" data-testid="page-reading" data-revision={page.revision.number}>
            {t('knowledge.revisionBy', { number: page.revision.number, author: page.revision.author, at: formatInstant(page.revision.publishedAt, language) })}
          </span>
        )}
        <FollowButton followed={{ kind: 'page', id: page.id }} />
      </div>
      {page.revision && <ConfirmReading page={page} />}
      <Reading query={query} revisions={listed} />
      {page.revision ? <Markdown text={page.revision.body} testId="page-body" /> : <p className="muted">{t('knowledge.notPublished')}</p>}
      {editing && page.draftVersion !== null && <PendingDraft page={record} space={editing.space} access={editing.access} />}
      <h2>{t('knowledge.revisions')}</h2>
      <Loading loaded={revisions.loaded}>
        {(list) => (
          <>
            <DataTable rows={list} columns={columns} testId="revisions" rowTestId="revision-row" />
            <Comparison query={query} revisions={list} />
          </>
        )}
      </Loading>
      {/* Read beside the revisions, not after them: the two compared are in the address. */}
      {compared.from && compared.to && <Diff id={page.id} from={compared.from} to={compared.to} query={query} />}
      {editing && <PageCommands shown={record} tree={editing} revisions={listed} />}
    </>
  );
}

/** Which revision is read: the last, one picked, or the page as it read at a moment (China time). */
function Reading({ query, revisions }: { query: AddressQuery; revisions: RevisionSummary[] }) {
  const { t } = useLanguage();
  const asOf = query.get('asOf');
  return (
    <form
      className="filters"
      data-testid="reading"
      onSubmit={(event) => {
        event.preventDefault();
        const picked = String(new FormData(event.currentTarget).get('asOf') ?? '');
        query.set({ asOf: picked ? chinaMoment(picked) : '', revision: '' });
      }}
    >
      <label>
        {t('knowledge.readRevision')}
        <select
          data-testid="reading-revision"
          value={query.get('revision') ?? ''}
          onChange={(event) => query.set({ revision: event.target.value, asOf: '' })}
        >
          <option value="">{t('knowledge.current')}</option>
          {revisions.map((item) => (
            <option key={item.number} value={item.number}>
              {t('knowledge.revisionNumber', { number: item.number })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('common.asOf')}
        <input key={asOf} type="datetime-local" name="asOf" data-testid="reading-as-of" defaultValue={asOf?.slice(0, 16)} />
      </label>
      <button type="submit">{t('knowledge.read')}</button>
    </form>
  );
}

/** The two revisions compared, as the address says (?from=&to=). */
const revisionsCompared = (query: AddressQuery) => ({ from: Number(query.get('from')) || undefined, to: Number(query.get('to')) || undefined });

/** Two revisions picked, to be compared by the server (kept in the address), side by side or inline. */
function Comparison({ query, revisions }: { query: AddressQuery; revisions: RevisionSummary[] }) {
  const { t } = useLanguage();
  const { from, to } = revisionsCompared(query);
  if (revisions.length < 2) {
    return null;
  }
  const last = revisions[revisions.length - 1]!.number;
  const choose = (name: string, chosen: number) => (
    <select name={name} data-testid={`diff-${name}`} defaultValue={chosen}>
      {revisions.map((item) => (
        <option key={item.number} value={item.number}>
          {t('knowledge.revisionNumber', { number: item.number })}
        </option>
      ))}
    </select>
  );
  return (
    <>
      <h2>{t('knowledge.compare')}</h2>
      <form
        className="filters"
        data-testid="diff-form"
        key={`${from}-${to}`}
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          query.set({ from: String(data.get('from')), to: String(data.get('to')) });
        }}
      >
        <label>
          {t('common.from')}
          {choose('from', from ?? last - 1)}
        </label>
        <label>
          {t('common.to')}
          {choose('to', to ?? last)}
        </label>
        <button type="submit">{t('knowledge.compare')}</button>
      </form>
    </>
  );
}

function Diff({ id, from, to, query }: { id: string; from: number; to: number; query: AddressQuery }) {
  const { t } = useLanguage();
  const diff = useApi(`knowledge-diff:${id}:${from}:${to}`, () => knowledge.diff(id, from, to));
  const inline = query.get('view') === 'inline';
  return (
    <Loading loaded={diff}>
      {(found) => (
        <div className="diff" data-testid="diff" data-from={found.from} data-to={found.to} data-added={found.added} data-removed={found.removed}>
          <p>
            {t('knowledge.diffSummary', { added: found.added, removed: found.removed })}{' '}
            <button type="button" data-testid="diff-view" aria-pressed={inline} onClick={() => query.set({ view: inline ? '' : 'inline' })}>
              {t(inline ? 'knowledge.sideBySide' : 'knowledge.inline')}
            </button>
          </p>
          {inline ? <InlineDiff diff={found} /> : <SideBySideDiff diff={found} />}
        </div>
      )}
    </Loading>
  );
}

const marks = { Added: '+', Removed: '−', Unchanged: ' ' } as const;

function InlineDiff({ diff }: { diff: RevisionDiff }) {
  return (
    <ol className="diff-inline" data-testid="diff-inline">
      {diff.lines.map((line, index) => (
        <li key={index} className={`diff-${line.kind.toLowerCase()}`} data-testid="diff-line" data-kind={line.kind}>
          <span className="diff-mark" aria-hidden="true">
            {marks[line.kind]}
          </span>
          {line.text}
        </li>
      ))}
    </ol>
  );
}

function SideBySideDiff({ diff }: { diff: RevisionDiff }) {
  const { t } = useLanguage();
  return (
    <table className="diff-side-by-side" data-testid="diff-side-by-side">
      <thead>
        <tr>
          <th>{t('knowledge.revisionNumber', { number: diff.from })} · {diff.fromTitle}</th>
          <th>{t('knowledge.revisionNumber', { number: diff.to })} · {diff.toTitle}</th>
        </tr>
      </thead>
      <tbody>
        {sideBySide(diff.lines).map(({ left, right }, index) => (
          <tr key={index}>
            <td className={left ? `diff-${left.kind.toLowerCase()}` : 'diff-none'} data-testid="diff-left" data-kind={left?.kind}>
              {left?.text}
            </td>
            <td className={right ? `diff-${right.kind.toLowerCase()}` : 'diff-none'} data-testid="diff-right" data-kind={right?.kind}>
              {right?.text}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * What the space's editors do with a page: publish a revision from the Markdown editor where the space reviews nothing
 * (restore an old one likewise), else write a draft to be reviewed; rename, move; each sends the version the page shows
 * (`If-Match`) under one key per press. With a draft pending its text is edited beside it (PendingDraft), and nothing
 * is published past it.
 */
function PageCommands({ shown, tree, revisions }: { shown: ShownRecord<KnowledgePage>; tree: SpaceTree; revisions: RevisionSummary[] }) {
  const { t } = useLanguage();
  const page = shown.value;
  const id = page.id;
  const drafted = page.draftVersion !== null;
  const publishes = !tree.space.reviewRequired && !drafted;
  const text = { title: page.revision?.title ?? page.title, body: page.revision?.body ?? '' };
  return (
    <>
      <h2>{t('command.title')}</h2>
      {publishes && (
        <Fold className="card" summary={t('knowledge.edit')}>
          <PageTextForm id="publish" title="knowledge.publish" record={shown} text={text} send={(written, write) => knowledge.publish(id, written, write)} />
        </Fold>
      )}
      {!drafted && (
        <Fold className="card" summary={t('knowledge.writeDraft')}>
          <PageTextForm id="save-draft" title="knowledge.saveDraft" record={shown} text={text} send={(written, write) => knowledge.saveDraft(id, written, write)} />
        </Fold>
      )}
      <div className="commands">
        <RecordCommandForm
          id="rename"
          title="knowledge.rename"
          record={shown}
          fields={[{ name: 'title', label: 'knowledge.pageTitle', defaultValue: page.title }]}
          send={(values, write) => knowledge.rename(id, values('title'), write)}
        />
        <RecordCommandForm
          id="move"
          title="knowledge.move"
          record={shown}
          fields={[
            { name: 'parentId', label: 'knowledge.parent', type: 'select', options: parentOptions(tree.pages, id), defaultValue: page.parentId ?? '' },
            { name: 'position', label: 'knowledge.position', type: 'number', defaultValue: String(page.position) },
          ]}
          send={(values, write) => knowledge.move(id, { parentId: values('parentId'), position: numberOf(values('position')) }, write)}
        />
        {publishes && (
          <RecordCommandForm
            id="restore"
            title="knowledge.restore"
            record={shown}
            fields={[
              {
                name: 'revision',
                label: 'knowledge.revision',
                type: 'select',
                options: revisions.map((item) => ({ value: String(item.number), label: `${t('knowledge.revisionNumber', { number: item.number })} · ${item.title}` })),
              },
            ]}
            send={(values, write) => knowledge.restore(id, numberOf(values('revision')), write)}
          />
        )}
      </div>
    </>
  );
}
