import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import { knowledge, solutionParts, type Scenario } from '../../api/knowledge';
import { PagedTable } from '../../components/PagedTable';
import { Select } from '../../components/Select';
import { useAddressQuery } from '../../components/useAddressQuery';
import { useApi } from '../../components/useApi';
import { useLanguage } from '../../i18n/language';
import { teamOf } from '../../lib/solutions';

const pageSize = 50;
const scenario = createColumnHelper<Scenario>();

/** The scenario solutions [场景化方案] the reader may read, of every space of solutions or of one (kept in the address), by name. */
export function ScenariosPage() {
  const { t } = useLanguage();
  const query = useAddressQuery();
  const spaceId = query.get('spaceId') ?? '';
  const spaces = useApi('knowledge-spaces', knowledge.spaces);
  const solutionSpaces = spaces.state === 'ready' ? spaces.data.items.filter((space) => space.kind === 'Solutions') : [];
  const spaceName = (id: string) => solutionSpaces.find((space) => space.id === id)?.name ?? id;
  const found = useApi(`scenarios?${query.key}`, () => knowledge.scenarios({ spaceId: spaceId || undefined, page: query.page, pageSize }));
  const columns = [
    scenario.accessor('name', {
      header: 'scenario.name',
      cell: (cell) => <Link to={`/knowledge/scenarios/${encodeURIComponent(cell.row.original.id)}`}>{cell.getValue()}</Link>,
    }),
    scenario.accessor('spaceId', { header: 'scenario.space', cell: (cell) => spaceName(cell.getValue()) }),
    scenario.accessor('teams', { header: 'scenario.teams', cell: (cell) => solutionParts.map((part) => teamOf(cell.getValue(), part)).join(' · ') }),
    scenario.accessor((row) => row.conditions.length, { id: 'conditions', header: 'scenario.conditions' }),
  ];
  return (
    <section>
      <h1>{t('scenario.title')}</h1>
      <div className="page-actions">
        <Link to="/knowledge">{t('knowledge.title')}</Link>
      </div>
      <div className="filters">
        <Select
          label="scenario.space"
          name="spaceId"
          value={spaceId}
          options={solutionSpaces.map((space) => space.id)}
          labelOf={spaceName}
          emptyLabel="common.all"
          onChange={(id) => query.set({ spaceId: id })}
        />
      </div>
      <PagedTable loaded={found} columns={columns} testId="scenarios" rowTestId="scenario-row" rowId={(row) => row.id} onPage={(next) => query.set({ page: String(next) })} />
    </section>
  );
}
