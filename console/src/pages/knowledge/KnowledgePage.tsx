import { Link, useNavigate } from 'react-router';
import { knowledge } from '../../api/knowledge';
import { Loading } from '../../components/Loading';
import { SearchBox } from '../../components/SearchBox';
import { useApi } from '../../components/useApi';
import { useLanguage } from '../../i18n/language';
import { PendingReadings } from './ReadConfirmations';

/**
 * The knowledge base [知识库]: the pages the reader is asked to confirm reading, its spaces, a search over every page the
 * reader may read, and the way to their notifications.
 */
export function KnowledgePage() {
  const { t, word } = useLanguage();
  const navigate = useNavigate();
  const spaces = useApi('knowledge-spaces', knowledge.spaces);
  return (
    <section>
      <h1>{t('knowledge.title')}</h1>
      <p>
        <Link to="/knowledge/notifications">{t('knowledge.notifications')}</Link>
        {' · '}
        <Link to="/knowledge/scenarios">{t('scenario.title')}</Link>
      </p>
      <PendingReadings />
      <SearchBox
        value={undefined}
        hint="knowledge.searchHint"
        testId="knowledge-search"
        onSearch={(text) => text && void navigate(`/knowledge/search?${new URLSearchParams({ q: text })}`)}
      />
      <h2>{t('knowledge.spaces')}</h2>
      <Loading loaded={spaces}>
        {(found) => (
          <ul className="cards" data-testid="spaces">
            {found.items.map((space) => (
              <li key={space.id} className="card" data-testid="space" data-id={space.id}>
                <Link to={`/knowledge/spaces/${encodeURIComponent(space.id)}`}>{space.name}</Link>
                <small> · {word('spaceKind', space.kind)}</small>
                {space.description && <p>{space.description}</p>}
              </li>
            ))}
          </ul>
        )}
      </Loading>
    </section>
  );
}
