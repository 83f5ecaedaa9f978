import { createColumnHelper } from '@tanstack/react-table';
import { orders, type Order } from '../api/orders';
import { ExportButtons, type ExportColumn } from '../components/ExportButtons';
import { PagedTable } from '../components/PagedTable';
import { SearchBox } from '../components/SearchBox';
import { Select } from '../components/Select';
import { OrderLink, VehicleList } from '../components/links';
import { useAddressQuery } from '../components/useAddressQuery';
import { useApi } from '../components/useApi';
import { useLanguage } from '../i18n/language';
import { formatAmount, formatInstant } from '../lib/format';
import { useRegions } from '../components/useRegions';
import { parseSort } from '../lib/sorting';

const pageSize = 50;
const order = createColumnHelper<Order>();
/** The columns the API sorts orders by. */
const sortColumns = ['id', 'customer', 'region', 'salesRep', 'placedAt'] as const;

/** Orders [订单] with their vehicles and receivables, newest first unless sorted otherwise; searched and sorted in the address. */
export function OrdersPage() {
  const regions = useRegions();
  const { t, language } = useLanguage();
  const { get, page, key, set } = useAddressQuery();
  const [region, search, sort] = [get('region'), get('search'), get('sort')];
  const list = useApi(`orders?${key}`, () => orders.orders({ region, search, sort, page, pageSize }));
  const amount = (value: number) => formatAmount(value, language);

  const columns = [
    order.accessor('id', { header: 'ID', cell: (cell) => <OrderLink id={cell.getValue()} /> }),
    order.accessor('status', { header: 'common.status', cell: (cell) => t(`orderStatus.${cell.getValue()}`) }),
    order.accessor('customer', { header: 'common.customer' }),
    order.accessor('region', { header: 'common.region' }),
    order.accessor('salesRep', { header: 'common.salesRep' }),
    order.accessor('units', { header: 'common.units' }),
    order.accessor('amount', { header: 'common.amount', cell: (cell) => amount(cell.getValue()) }),
    order.accessor('reservedVehicles', { header: 'order.reserved', cell: (cell) => <VehicleList codes={cell.getValue()} /> }),
    order.accessor('deliveredVehicles', { header: 'order.delivered', cell: (cell) => <VehicleList codes={cell.getValue()} /> }),
    order.accessor('invoiced', { header: 'order.invoiced', cell: (cell) => amount(cell.getValue()) }),
    order.accessor('paid', { header: 'order.paid', cell: (cell) => amount(cell.getValue()) }),
    order.accessor('receivable', { header: 'order.receivable', cell: (cell) => amount(cell.getValue()) }),
    order.accessor('placedAt', { header: 'order.placedAt', cell: (cell) => formatInstant(cell.getValue(), language) }),
  ];

  return (
    <section>
      <h1>{t('orders.title')}</h1>
      <SearchBox value={search} hint="orders.searchHint" testId="orders-search" onSearch={(text) => set({ search: text })} />
      <div className="filters">
        <Select label="common.region" name="region" value={region ?? ''} options={regions} emptyLabel="common.all" onChange={(value) => set({ region: value })} />
      </div>
      <ExportButtons name="orders" columns={exported(t)} fetchPage={(number, size) => orders.orders({ region, search, sort, page: number, pageSize: size })} />
      <PagedTable
        loaded={list}
        columns={columns}
        testId="orders"
        rowTestId="order-row"
        onPage={(next) => set({ page: String(next) })}
        sorting={{ ...parseSort(sort ?? '-placedAt', 'placedAt'), columns: sortColumns, onSort: (next) => set({ sort: next }) }}
      />
    </section>
  );
}

/** Orders as exported: amounts as numbers, vehicles as one list each. */
const exported = (t: (key: string) => string): ExportColumn<Order>[] => [
  { header: 'ID', value: (row) => row.id },
  { header: 'common.status', value: (row) => t(`orderStatus.${row.status}`) },
  { header: 'common.customer', value: (row) => row.customer },
  { header: 'common.region', value: (row) => row.region },
  { header: 'common.salesRep', value: (row) => row.salesRep },
  { header: 'common.units', value: (row) => row.units },
  { header: 'common.amount', value: (row) => row.amount },
  { header: 'order.reserved', value: (row) => row.reservedVehicles.join(' ') },
  { header: 'order.delivered', value: (row) => row.deliveredVehicles.join(' ') },
  { header: 'order.invoiced', value: (row) => row.invoiced },
  { header: 'order.paid', value: (row) => row.paid },
  { header: 'order.receivable', value: (row) => row.receivable },
  { header: 'order.placedAt', value: (row) => row.placedAt },
];
