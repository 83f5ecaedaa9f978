import { createColumnHelper } from '@tanstack/react-table';
import { okr, type Person } from '../api/okr';
import { type ExportColumn } from '../components/ExportButtons';
import { ListView } from '../components/ListView';
import { Select } from '../components/Select';
import { useAddressQuery } from '../components/useAddressQuery';
import { useRegions } from '../components/useRegions';
import { useLanguage } from '../i18n/language';

const person = createColumnHelper<Person>();

/** The people on the roster [花名册]: found by the start of their id, name or team, by region; in id order. */
export function PeoplePage() {
  const regions = useRegions();
  const { t, word } = useLanguage();
  const query = useAddressQuery();
  const [region, search] = [query.get('region'), query.get('search')];
  const columns = [
    person.accessor('id', { header: 'ID' }),
    person.accessor('name', { header: 'people.name' }),
    person.accessor('team', { header: 'okr.team' }),
    person.accessor('region', { header: 'common.region', cell: (cell) => word('region', cell.getValue()) }),
    person.accessor('manager', { header: 'people.manager', cell: (cell) => cell.getValue() ?? '—' }),
  ];
  return (
    <section>
      <h1>{t('people.title')}</h1>
      <ListView
        name="people"
        rowTestId="person-row"
        query={query}
        fetchPage={(page, pageSize) => okr.people({ search, region, page, pageSize })}
        columns={columns}
        exported={exported}
        sortColumns={[]}
        defaultSort="id"
        searchHint="people.searchHint"
        filters={
          <div className="filters">
            <Select label="common.region" name="region" value={region ?? ''} options={regions} optionLabels="region." emptyLabel="common.all" onChange={(value) => query.set({ region: value })} />
          </div>
        }
      />
    </section>
  );
}

const exported: ExportColumn<Person>[] = [
  { header: 'ID', value: (row) => row.id },
  { header: 'people.name', value: (row) => row.name },
  { header: 'okr.team', value: (row) => row.team },
  { header: 'common.region', value: (row) => row.region },
  { header: 'people.manager', value: (row) => row.manager ?? null },
];
