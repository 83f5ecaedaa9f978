import { createColumnHelper } from '@tanstack/react-table';
import { useParams } from 'react-router';
import { orders, type Invoice, type Order } from '../api/orders';
import { DataTable } from '../components/DataTable';
import { Facts } from '../components/Facts';
import { Loading } from '../components/Loading';
import { OpportunityLink, VehicleList } from '../components/links';
import { useApi } from '../components/useApi';
import { useLanguage } from '../i18n/language';
import { formatAmount, formatInstant } from '../lib/format';

const line = createColumnHelper<Order['lines'][number]>();
const invoice = createColumnHelper<Invoice>();

/** One order [订单]: its lines, its vehicles, its invoices and payments [回款]. */
export function OrderPage() {
  const { id = '' } = useParams();
  const { t, language } = useLanguage();
  const order = useApi(`order:${id}`, () => orders.order(id));
  const amount = (value: number) => formatAmount(value, language);

  const lineColumns = [
    line.accessor('model', { header: 'common.model' }),
    line.accessor('quantity', { header: 'common.quantity' }),
    line.accessor('unitPrice', { header: 'order.unitPrice', cell: (cell) => amount(cell.getValue()) }),
  ];
  const invoiceColumns = [
    invoice.accessor('invoiceId', { header: 'order.invoice' }),
    invoice.accessor('amount', { header: 'common.amount', cell: (cell) => amount(cell.getValue()) }),
    invoice.accessor('issueDate', { header: 'order.issueDate' }),
    invoice.accessor('dueDate', { header: 'order.dueDate' }),
    invoice.accessor('payments', {
      header: 'order.payments',
      cell: (cell) => cell.getValue().map((payment) => `${payment.paidOn}: ${amount(payment.amount)}`).join('; '),
    }),
  ];

  return (
    <section>
      <h1>{t('order.title', { id })}</h1>
      <Loading loaded={order}>
        {(found) => (
          <>
            <Facts
              testId="order"
              facts={[
                ['common.status', t(`orderStatus.${found.status}`)],
                ['common.customer', found.customer],
                ['common.region', found.region],
                ['common.salesRep', found.salesRep],
                ['order.deliverySite', found.deliverySite],
                ['common.amount', `${amount(found.amount)} ${found.currency}`],
                ['order.invoiced', amount(found.invoiced)],
                ['order.paid', amount(found.paid)],
                ['order.receivable', amount(found.receivable)],
                ['order.placedAt', formatInstant(found.placedAt, language)],
                ['pipeline.opportunities', found.opportunityId ? <OpportunityLink id={found.opportunityId} /> : '—'],
              ]}
            />
            <h2>{t('order.lines')}</h2>
            <DataTable rows={found.lines} columns={lineColumns} testId="order-lines" />
            <h2>{t('order.vehicles')}</h2>
            <Facts
              facts={[
                ['order.reserved', <VehicleList codes={found.reservedVehicles} />],
                ['order.delivered', <VehicleList codes={found.deliveredVehicles} />],
              ]}
            />
            <h2>{t('order.invoices')}</h2>
            <DataTable rows={found.invoices} columns={invoiceColumns} testId="order-invoices" />
          </>
        )}
      </Loading>
    </section>
  );
}
