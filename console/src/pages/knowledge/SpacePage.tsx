import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { knowledge, mayAdminister, mayApprove, mayEdit, type PageNode, type Space } from '../../api/knowledge';
import { FoldedCommandForm, numberOf } from '../../commands/CommandForm';
import { Loading } from '../../components/Loading';
import { useReloadable } from '../../components/useReloadable';
import { useLanguage } from '../../i18n/language';
import { formatInstant } from '../../lib/format';
import { FollowButton } from './Following';
import { SpaceReadConfirmation } from './ReadConfirmations';
import { SpaceAdministration } from './SpaceAdministration';

/**
 * A space [空间] of the knowledge base: its tree of pages, each branch folding; following it; its editors write a new
 * page here, its administrators say who may do what in it, whether its revisions are reviewed and which teams confirm
 * reading them, and its approvers read who has.
 */
export function SpacePage() {
  const { id = '' } = useParams();
  const { t, word } = useLanguage();
  const tree = useReloadable(`knowledge-tree:${id}`, () => knowledge.tree(id));
  return (
    <section>
      <Loading loaded={tree.loaded}>
        {({ space, access, pages }) => (
          <>
            <h1>{space.name}</h1>
            <div className="page-actions">
              <Link to="/knowledge">{t('knowledge.title')}</Link>
              <span>{word('spaceKind', space.kind)}</span>
              <span data-testid="review-required" data-required={space.reviewRequired}>
                {t(space.reviewRequired ? 'knowledge.reviewed' : 'knowledge.notReviewed')}
              </span>
              <FollowButton followed={{ kind: 'space', id: space.id }} />
              {space.kind === 'Solutions' && <Link to={`/knowledge/scenarios?${new URLSearchParams({ spaceId: space.id })}`}>{t('scenario.title')}</Link>}
            </div>
            {space.description && <p>{space.description}</p>}
            {pages.length === 0 ? (
              <p className="muted">{t('common.empty')}</p>
            ) : (
              <ul className="page-tree" data-testid="page-tree">
                {pages.map((node) => (
                  <TreeNode key={node.id} node={node} />
                ))}
              </ul>
            )}
            {mayEdit(access) && <NewPage space={space} pages={pages} />}
            {mayAdminister(access) && <SpaceAdministration space={space} reload={tree.reload} />}
            {/* A rules space is where confirming one has read is asked; another space shows it once it asks. */}
            {mayApprove(access) && (space.kind === 'Rules' || space.confirmingTeams.length > 0) && (
              <SpaceReadConfirmation space={space} access={access} reload={tree.reload} />
            )}
          </>
        )}
      </Loading>
    </section>
  );
}

/** A page of the tree with its branch, folded and unfolded by the button before it (a link inside a summary would be a control in a control). */
function TreeNode({ node }: { node: PageNode }) {
  const { t, language } = useLanguage();
  const [open, setOpen] = useState(true);
  const branch = `branch-${node.id}`;
  return (
    <li data-testid="tree-node" data-id={node.id}>
      {node.children.length > 0 && (
        <button type="button" className="fold" aria-expanded={open} aria-controls={branch} aria-label={t(open ? 'knowledge.fold' : 'knowledge.unfold')} onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'}
        </button>
      )}
      <Link to={`/knowledge/pages/${encodeURIComponent(node.id)}`}>{node.title}</Link>{' '}
      <small className="muted">
        {t('knowledge.revisionCount', { count: node.revisions })} · {formatInstant(node.lastChangedAt, language)}
        {node.drafted && ` · ${t(node.awaitingReview ? 'knowledge.awaitingReview' : 'knowledge.drafted')}`}
      </small>
      {node.children.length > 0 && (
        <ul id={branch} hidden={!open}>
          {node.children.map((child) => (
            <TreeNode key={child.id} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** A parent to choose among a space's pages (none: the top of the space), indented by depth; never `except` or a page under it. */
export function parentOptions(pages: readonly PageNode[], except?: string, depth = 0): { value: string; label: string }[] {
  return pages
    .filter((node) => node.id !== except)
    .flatMap((node) => [{ value: node.id, label: `${'\u3000'.repeat(depth)}${node.title}` }, ...parentOptions(node.children, except, depth + 1)]);
}

function NewPage({ space, pages }: { space: Space; pages: PageNode[] }) {
  const navigate = useNavigate();
  return (
    <FoldedCommandForm
      id="create-page"
      title="knowledge.createPage"
      fields={[
        { name: 'title', label: 'knowledge.pageTitle' },
        { name: 'body', label: 'knowledge.body', type: 'textarea' },
        { name: 'parentId', label: 'knowledge.parent', type: 'select', options: parentOptions(pages) },
        { name: 'position', label: 'knowledge.position', type: 'number', defaultValue: '0' },
      ]}
      send={(values, key) =>
        knowledge.createPage(space.id, { title: values('title'), body: values('body'), parentId: values('parentId'), position: numberOf(values('position')) }, key)
      }
      onDone={(page) => void navigate(`/knowledge/pages/${encodeURIComponent(page.id)}`)}
    />
  );
}
