import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { orders, type Order } from '../api/orders';
import { PagedTable } from '../components/PagedTable';
import { Select } from '../components/Select';
import { OrderLink, VehicleList } from '../components/links';
import { useApi } from '../components/useApi';
import { useLanguage } from '../i18n/language';
import { formatAmount, formatInstant } from '../lib/format';
import { useRegions } from '../components/useRegions';

const pageSize = 50;
const order = createColumnHelper<Order>();

/** Orders [订单] with their vehicles and receivables, newest first. */
export function OrdersPage() {
  const regions = useRegions();
  const { t, language } = useLanguage();
  const [region, setRegion] = useState('');
  const [page, setPage] = useState(1);
  const list = useApi(`orders:${region}:${page}`, () => orders.orders({ region: region || undefined, page, pageSize }));
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
      <div className="filters">
        <Select label="common.region" name="region" value={region} options={regions} emptyLabel="common.all" onChange={(value) => (setRegion(value), setPage(1))} />
      </div>
      <PagedTable loaded={list} columns={columns} testId="orders" rowTestId="order-row" onPage={setPage} />
    </section>
  );
}
