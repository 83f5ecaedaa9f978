import { Link } from 'react-router';
import { knowledge } from '../../api/knowledge';
import { Highlighted } from '../../components/Highlighted';
import { Loading } from '../../components/Loading';
import { Pager } from '../../components/Pager';
import { SearchBox } from '../../components/SearchBox';
import { useAddressQuery } from '../../components/useAddressQuery';
import { useApi } from '../../components/useApi';
import { useLanguage } from '../../i18n/language';

const pageSize = 20;

/** Pages holding every word of the query (Chinese of any length, model codes), best first, the matches marked. */
export function KnowledgeSearchPage() {
  const { t } = useLanguage();
  const query = useAddressQuery();
  const q = query.get('q') ?? '';
  const hits = useApi(`knowledge-search?${query.key}`, () =>
    q ? knowledge.search({ q, page: query.page, pageSize }) : Promise.resolve({ items: [], pageNumber: 1, pageSize, total: 0 }),
  );
  return (
    <section>
      <h1>{t('knowledge.search')}</h1>
      <p>
        <Link to="/knowledge">{t('knowledge.title')}</Link>
      </p>
      <SearchBox value={q} hint="knowledge.searchHint" testId="knowledge-search" onSearch={(text) => query.set({ q: text })} />
      {q && (
        <Loading loaded={hits}>
          {(found) => (
            <>
              <ol className="search-hits" data-testid="search-hits" data-total={found.total}>
                {found.items.map((hit) => (
                  <li key={hit.pageId} data-testid="search-hit" data-id={hit.pageId} data-score={hit.score}>
                    <Link to={`/knowledge/pages/${encodeURIComponent(hit.pageId)}`} data-testid="search-hit-title">
                      <Highlighted text={hit.title} />
                    </Link>
                    <p data-testid="search-hit-snippet">
                      <Highlighted text={hit.snippet} />
                    </p>
                  </li>
                ))}
              </ol>
              {found.total === 0 ? (
                <p className="muted">{t('knowledge.noHits')}</p>
              ) : (
                <Pager page={query.page} pageSize={pageSize} total={found.total} onPage={(next) => query.set({ page: String(next) })} />
              )}
            </>
          )}
        </Loading>
      )}
    </section>
  );
}
