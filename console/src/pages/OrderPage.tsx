import { createColumnHelper } from '@tanstack/react-table';
import { useParams } from 'react-router';
import { dispatch, type Allocation } from '../api/dispatch';
import { orders, type Invoice, type Order } from '../api/orders';
import { mayAct, useUser } from '../auth/user';
import { numberOf, RecordCommandForm } from '../commands/CommandForm';
import { useRecord, type ShownRecord } from '../commands/useRecord';
import { DataTable } from '../components/DataTable';
import { Facts } from '../components/Facts';
import { Loading } from '../components/Loading';
import { CustomerLink, DealLink, OpportunityLink, VehicleList } from '../components/links';
import { useModelNames } from '../components/useModels';
import { useLanguage } from '../i18n/language';
import { formatAmount, formatInstant } from '../lib/format';

const line = createColumnHelper<Order['lines'][number]>();
const invoice = createColumnHelper<Invoice>();

/** One order [订单]: its lines, its vehicles, its invoices and payments [回款]. */
export function OrderPage() {
  const { id = '' } = useParams();
  const { t, language, word } = useLanguage();
  const order = useRecord(`order:${id}`, () => orders.order(id));
  const amount = (value: number) => formatAmount(value, language);
  const modelName = useModelNames();

  const lineColumns = [
    line.accessor('model', { header: 'common.model', cell: (cell) => modelName(cell.getValue()) }),
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
      <div className="page-actions">
        <DealLink id={id}>{t('deal.link')}</DealLink>
      </div>
      <Loading loaded={order}>
        {(shown) => {
          const found = shown.value;
          return (
          <>
            <Facts
              testId="order"
              facts={[
                ['common.status', t(`orderStatus.${found.status}`)],
                ['common.customer', <CustomerLink id={found.customerId} name={found.customer} />],
                ['common.region', word('region', found.region)],
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
            <InvoicingCommands order={shown} />
            <DeliveryCommands orderId={found.id} onDelivered={shown.reload} />
          </>
          );
        }}
      </Loading>
    </section>
  );
}

/** What finance does from here: issue an invoice for the order, record a payment against one of its invoices. */
function InvoicingCommands({ order: shown }: { order: ShownRecord<Order> }) {
  const { t } = useLanguage();
  const user = useUser();
  const order = shown.value;
  if (!mayAct(user, 'finance') || order.status === 'Cancelled') {
    return null;
  }

  return (
    <>
      <h2>{t('command.title')}</h2>
      <div className="commands">
        <RecordCommandForm
          id="issue-invoice"
          record={shown}
          title="order.issueInvoice"
          fields={[
            { name: 'amount', label: 'common.amount', type: 'number', step: '0.01' },
            { name: 'issueDate', label: 'order.issueDate', type: 'date' },
            { name: 'dueDate', label: 'order.dueDate', type: 'date' },
          ]}
          send={(values, write) =>
            orders.issueInvoice(order.id, { amount: numberOf(values('amount')), issueDate: values('issueDate'), dueDate: values('dueDate') }, write)
          }
        />
        {order.invoices.length > 0 && (
          <RecordCommandForm
            id="record-payment"
            record={shown}
            title="order.recordPayment"
            fields={[
              {
                name: 'invoiceId',
                label: 'order.invoice',
                type: 'select',
                options: order.invoices.map((invoice) => ({ value: invoice.invoiceId, label: invoice.invoiceId })),
              },
              { name: 'amount', label: 'common.amount', type: 'number', step: '0.01' },
              { name: 'paidOn', label: 'order.paidOn', type: 'date' },
            ]}
            send={(values, write) =>
              orders.recordPayment(order.id, { invoiceId: values('invoiceId'), amount: numberOf(values('amount')), paidOn: values('paidOn') }, write)
            }
          />
        )}
      </div>
    </>
  );
}

const unit = createColumnHelper<Allocation['units'][number]>();

/**
 * What dispatch does from here: schedule a reserved unit's delivery and confirm it took place — commands on the order's
 * allocation, sent with the allocation's version. Fleet and orders then follow (the order is read again).
 */
function DeliveryCommands({ orderId, onDelivered }: { orderId: string; onDelivered: () => void }) {
  const { t } = useLanguage();
  const user = useUser();
  const dispatches = mayAct(user, 'dispatcher');
  const allocation = useRecord(`allocation:${orderId}`, () => dispatch.allocation(orderId));
  const modelName = useModelNames();
  if (!dispatches || allocation.state !== 'ready') {
    return null;
  }

  // Fleet and orders follow a delivery over the bus: the order is read again too.
  const shown: ShownRecord<Allocation> = {
    ...allocation.data,
    replace: (latest) => {
      allocation.data.replace(latest);
      onDelivered();
    },
  };
  const found = shown.value;
  const vehicles = (status: string) =>
    found.units.filter((item) => item.status === status && item.vehicleCode).map((item) => ({ value: item.vehicleCode!, label: `#${item.number} ${item.vehicleCode}` }));
  const columns = [
    unit.accessor('number', { header: '#' }),
    unit.accessor('model', { header: 'common.model', cell: (cell) => modelName(cell.getValue()) }),
    unit.accessor('status', { header: 'common.status', cell: (cell) => t(`unitStatus.${cell.getValue()}`) }),
    unit.accessor('vehicleCode', { header: 'common.vehicle', cell: (cell) => cell.getValue() ?? '—' }),
    unit.accessor('deliveryDate', { header: 'common.date', cell: (cell) => cell.getValue() ?? '—' }),
    unit.accessor('deliverySite', { header: 'common.site', cell: (cell) => cell.getValue() ?? '—' }),
  ];
  return (
    <>
      <h2>{t('order.allocation')}</h2>
      <DataTable rows={found.units} columns={columns} testId="allocation-units" />
      <div className="commands">
        <RecordCommandForm
          id="schedule-delivery"
          record={shown}
          title="order.scheduleDelivery"
          fields={[
            { name: 'vehicleCode', label: 'common.vehicle', type: 'select', options: vehicles('Reserved') },
            { name: 'date', label: 'common.date', type: 'date' },
            { name: 'site', label: 'common.site', defaultValue: found.deliverySite },
          ]}
          send={(values, write) => dispatch.scheduleDelivery(orderId, { vehicleCode: values('vehicleCode'), date: values('date'), site: values('site') }, write)}
        />
        <RecordCommandForm
          id="confirm-delivery"
          record={shown}
          title="order.confirmDelivery"
          fields={[{ name: 'vehicleCode', label: 'common.vehicle', type: 'select', options: vehicles('Scheduled') }]}
          send={(values, write) => dispatch.confirmDelivery(orderId, values('vehicleCode'), write)}
        />
      </div>
    </>
  );
}
