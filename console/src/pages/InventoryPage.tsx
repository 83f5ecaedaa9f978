import { createColumnHelper } from '@tanstack/react-table';
import { useSearchParams } from 'react-router';
import { fleet, vehicleStatuses, type InventoryCount, type InventoryFilter, type InventoryLine } from '../api/fleet';
import { DataTable } from '../components/DataTable';
import { Loading } from '../components/Loading';
import { VehicleLink } from '../components/links';
import { PagedTable } from '../components/PagedTable';
import { Select } from '../components/Select';
import { useApi } from '../components/useApi';
import { useLanguage } from '../i18n/language';
import { useRegions } from '../components/useRegions';
import { parseSort } from '../lib/sorting';

const pageSize = 50;
const filterNames = ['search', 'model', 'status', 'region', 'warehouse'] as const;
/** The columns the API sorts the inventory by. */
const sortColumns = ['code', 'model', 'category', 'status', 'region', 'warehouse'] as const;

const line = createColumnHelper<InventoryLine>();
const count = createColumnHelper<InventoryCount>();

/**
 * The inventory [库存表]: every vehicle a page at a time, searched, filtered and sorted in the address (so a view can
 * be shared, and the back button returns to it).
 */
export function InventoryPage() {
  const regions = useRegions();
  const { t } = useLanguage();
  const [search, setSearch] = useSearchParams();
  const filter: InventoryFilter = Object.fromEntries(filterNames.map((name) => [name, search.get(name) ?? undefined]));
  const page = Number(search.get('page') ?? '1') || 1;
  const sort = search.get('sort') ?? undefined;
  const key = search.toString();
  const lines = useApi(`lines?${key}`, () => fleet.inventory(filter, page, pageSize, sort));
  const counts = useApi(`counts?${key}`, () => fleet.counts(filter));

  const set = (changes: Record<string, string>) => {
    if (Object.entries(changes).every(([name, value]) => (search.get(name) ?? '') === value)) {
      return;
    }
    const next = new URLSearchParams(search);
    for (const [name, value] of Object.entries(changes)) {
      if (value) {
        next.set(name, value);
      } else {
        next.delete(name);
      }
    }
    if (!('page' in changes)) {
      next.delete('page');
    }
    setSearch(next);
  };
  const typed = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    set({ search: text('search'), model: text('model'), warehouse: text('warehouse') });
  };

  const columns = [
    line.accessor('code', { header: 'inventory.code', cell: (cell) => <VehicleLink code={cell.getValue()} /> }),
    line.accessor('model', { header: 'common.model' }),
    line.accessor('category', { header: 'inventory.category' }),
    line.accessor('status', { header: 'common.status', cell: (cell) => t(`status.${cell.getValue()}`) }),
    line.accessor('region', { header: 'common.region' }),
    line.accessor('warehouse', { header: 'inventory.warehouse' }),
    line.accessor('holder', { header: 'inventory.holder' }),
  ];
  const countColumns = [
    count.accessor('model', { header: 'common.model' }),
    count.accessor('status', { header: 'common.status', cell: (cell) => t(`status.${cell.getValue()}`) }),
    count.accessor('region', { header: 'common.region' }),
    count.accessor('warehouse', { header: 'inventory.warehouse' }),
    count.accessor('count', { header: 'common.count' }),
  ];

  return (
    <section>
      <h1>{t('inventory.title')}</h1>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          typed(event.currentTarget);
        }}
      >
        <label>
          {t('inventory.search')}
          <input type="search" name="search" defaultValue={filter.search} placeholder={t('inventory.searchHint')} data-testid="inventory-search" />
        </label>
        <label>
          {t('common.model')}
          <input name="model" defaultValue={filter.model} onBlur={(event) => typed(event.target.form!)} />
        </label>
        <Select label="common.status" name="status" value={filter.status ?? ''} options={vehicleStatuses} optionLabels="status." emptyLabel="common.all" onChange={(status) => set({ status })} />
        <Select label="common.region" name="region" value={filter.region ?? ''} options={regions} emptyLabel="common.all" onChange={(region) => set({ region })} />
        <label>
          {t('inventory.warehouse')}
          <input name="warehouse" defaultValue={filter.warehouse} onBlur={(event) => typed(event.target.form!)} />
        </label>
        {/* Enter in any box applies what was typed: a form with several boxes submits on Enter only through its button. */}
        <button type="submit">{t('inventory.apply')}</button>
      </form>
      <PagedTable
        loaded={lines}
        columns={columns}
        testId="inventory"
        rowTestId="inventory-row"
        onPage={(next) => set({ page: String(next) })}
        sorting={{ ...parseSort(sort, 'code'), columns: sortColumns, onSort: (next) => set({ sort: next }) }}
      />
      <h2>{t('inventory.counts')}</h2>
      <Loading loaded={counts}>{(found) => <DataTable rows={found} columns={countColumns} testId="inventory-counts" />}</Loading>
    </section>
  );
}
