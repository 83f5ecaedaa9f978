import { createColumnHelper } from '@tanstack/react-table';
import { orders, type Order } from '../api/orders';
import { type ExportColumn } from '../components/ExportButtons';
import { ListView } from '../components/ListView';
import { Select } from '../components/Select';
import { CustomerLink, OrderLink, VehicleList } from '../components/links';
import { useAddressQuery } from '../components/useAddressQuery';
import { useLanguage } from '../i18n/language';
import { formatAmount, formatInstant } from '../lib/format';
import { useRegions } from '../components/useRegions';

const order = createColumnHelper<Order>();
/** The columns the API sorts orders by. */
const sortColumns = ['id', 'customer', 'region', 'salesRep', 'placedAt'] as const;

/** Orders [订单] with their vehicles and receivables, newest first unless sorted otherwise; searched and sorted in the address. */
export function OrdersPage() {
  const regions = useRegions();
  const { t, language, word } = useLanguage();
  const query = useAddressQuery();
  const [region, search, sort] = [query.get('region'), query.get('search'), query.get('sort')];
  const amount = (value: number) => formatAmount(value, language);

  const columns = [
    order.accessor('id', { header: 'ID', cell: (cell) => <OrderLink id={cell.getValue()} /> }),
    order.accessor('status', { header: 'common.status', cell: (cell) => t(`orderStatus.${cell.getValue()}`) }),
    order.accessor('customer', { header: 'common.customer', cell: (cell) => <CustomerLink id={cell.row.original.customerId} name={cell.getValue()} /> }),
    order.accessor('region', { header: 'common.region', cell: (cell) => word('region', cell.getValue()) }),
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
      <ListView
        name="orders"
        rowTestId="order-row"
        query={query}
        fetchPage={(page, pageSize) => orders.orders({ region, search, sort, page, pageSize })}
        columns={columns}
        exported={exported(t)}
        sortColumns={sortColumns}
        defaultSort="-placedAt"
        searchHint="orders.searchHint"
        filters={
          <div className="filters">
            <Select label="common.region" name="region" value={region ?? ''} options={regions} optionLabels="region." emptyLabel="common.all" onChange={(value) => query.set({ region: value })} />
          </div>
        }
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
