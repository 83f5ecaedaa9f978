import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { useParams } from 'react-router';
import { orders, type Customer, type CustomerContact, type Opportunity, type Order } from '../api/orders';
import { mayAct, useUser } from '../auth/user';
import { RecordCommandForm, type CommandField, type CommandValues } from '../commands/CommandForm';
import { useMovedOn, useRecord, type ShownRecord } from '../commands/useRecord';
import { DataTable } from '../components/DataTable';
import { Facts } from '../components/Facts';
import { Fold } from '../components/Fold';
import { HistoryTable } from '../components/HistoryTable';
import { Loading } from '../components/Loading';
import { OpportunityLink, OrderLink } from '../components/links';
import { PagedTable } from '../components/PagedTable';
import { RegionSelect } from '../components/RegionSelect';
import { useApi } from '../components/useApi';
import { useLanguage } from '../i18n/language';
import { formatAmount, formatInstant } from '../lib/format';

const historyPageSize = 20;
const listPageSize = 20;

const contact = createColumnHelper<CustomerContact>();
const opportunity = createColumnHelper<Opportunity>();
const order = createColumnHelper<Order>();

/**
 * A customer [客户档案]: who and where it is, the people the company deals with there, its opportunities and orders,
 * and its history. Sales correct its name and region and keep its contacts, each command sent with the version shown
 * (`If-Match`).
 */
export function CustomerPage() {
  const { id = '' } = useParams();
  const { t, language, word } = useLanguage();
  const customer = useRecord(`customer:${id}`, () => orders.customer(id));
  // Its history is read beside it, and again whenever a command moves it on; a page at a time, this customer's.
  const version = useMovedOn(id, customer.state === 'ready' ? customer.data.version : undefined);
  const [pageShown, setPageShown] = useState({ id, page: 1 });
  const historyPage = pageShown.id === id ? pageShown.page : 1;
  const history = useApi(`customer-history:${id}:${version}:${historyPage}`, () => orders.customerHistory(id, historyPage, historyPageSize));
  const contactColumns = [
    contact.accessor('name', { header: 'customer.contactName' }),
    contact.accessor('role', { header: 'customer.role', cell: (cell) => cell.getValue() ?? '—' }),
    contact.accessor('phone', { header: 'customer.phone', cell: (cell) => cell.getValue() ?? '—' }),
    contact.accessor('email', { header: 'customer.email', cell: (cell) => cell.getValue() ?? '—' }),
    contact.accessor('contactId', { header: 'customer.contactId' }),
  ];

  return (
    <section>
      <h1 data-testid="customer-title">{t('customer.title', { name: customer.state === 'ready' ? customer.data.value.name : id })}</h1>
      <Loading loaded={customer}>
        {(shown) => {
          const found = shown.value;
          return (
            <>
              <Facts
                testId="customer"
                facts={[
                  ['customer.name', found.name],
                  ['customer.id', found.id],
                  ['common.region', word('region', found.region)],
                  ['customer.registeredAt', formatInstant(found.registeredAt, language)],
                  ['history.version', found.version],
                ]}
              />
              <h2>{t('customer.contacts')}</h2>
              <DataTable rows={found.contacts} columns={contactColumns} testId="customer-contacts" rowTestId="contact-row" rowId={(row) => row.contactId} />
              <CustomerCommands customer={shown} />
            </>
          );
        }}
      </Loading>
      <h2>{t('pipeline.opportunities')}</h2>
      <CustomerOpportunities key={id} customerId={id} />
      <h2>{t('orders.title')}</h2>
      <CustomerOrders key={id} customerId={id} />
      <h2>{t('customer.history')}</h2>
      <Loading loaded={history}>{(found) => <HistoryTable found={found} testId="customer-history" onPage={(page) => setPageShown({ id, page })} />}</Loading>
    </section>
  );
}

/** A contact's inputs, each with the contact's detail as it is (a new contact's blank). */
const contactFields = (shown?: CustomerContact): CommandField[] => [
  { name: 'name', label: 'customer.contactName', defaultValue: shown?.name },
  { name: 'role', label: 'customer.role', defaultValue: shown?.role ?? undefined },
  { name: 'phone', label: 'customer.phone', defaultValue: shown?.phone ?? undefined },
  { name: 'email', label: 'customer.email', defaultValue: shown?.email ?? undefined },
];

/** A contact's details as the API reads them: all of them, a blank one null (which clears it). */
const contactOf = (values: CommandValues) => ({ name: values('name'), phone: values('phone'), email: values('email'), role: values('role') });

/**
 * What sales (a rep or regional manager of the customer's region) and administrators do here: add a contact, change
 * one's details (replaced whole) or remove one, and correct the customer's name or region.
 */
function CustomerCommands({ customer: shown }: { customer: ShownRecord<Customer> }) {
  const { t } = useLanguage();
  const user = useUser();
  if (!mayAct(user, 'sales-rep', 'regional-manager')) {
    return null;
  }

  const customer = shown.value;
  const id = customer.id;
  return (
    <>
      <div className="commands">
        <RecordCommandForm
          id="add-contact"
          title="customer.addContact"
          record={shown}
          fields={contactFields()}
          send={(values, write) => orders.addContact(id, contactOf(values), write)}
        />
        <RecordCommandForm
          id="change-details"
          title="customer.changeDetails"
          record={shown}
          fields={[
            { name: 'name', label: 'customer.name', defaultValue: customer.name },
            {
              name: 'region',
              label: 'common.region',
              defaultValue: customer.region,
              render: ({ name, defaultValue, invalid }) => <RegionSelect name={name} defaultValue={defaultValue} invalid={invalid} />,
            },
          ]}
          send={(values, write) => orders.changeCustomerDetails(id, { name: values('name'), region: values('region') }, write)}
        />
      </div>
      {customer.contacts.map((shownContact) => (
        <Fold key={shownContact.contactId} className="card" summary={t('customer.editContact', { name: shownContact.name, contactId: shownContact.contactId })}>
          <div className="commands" data-testid="contact-form" data-id={shownContact.contactId}>
            <RecordCommandForm
              id="change-contact"
              title="customer.changeContact"
              record={shown}
              fields={contactFields(shownContact)}
              send={(values, write) => orders.changeContact(id, shownContact.contactId, contactOf(values), write)}
            />
            <RecordCommandForm
              id="remove-contact"
              title="customer.removeContact"
              record={shown}
              send={(_, write) => orders.removeContact(id, shownContact.contactId, write)}
            />
          </div>
        </Fold>
      ))}
    </>
  );
}

/** The customer's opportunities, newest first, a page at a time, each linked to. */
function CustomerOpportunities({ customerId }: { customerId: string }) {
  const { t, language } = useLanguage();
  const [page, setPage] = useState(1);
  const list = useApi(`customer-opportunities:${customerId}:${page}`, () => orders.opportunities({ customerId, page, pageSize: listPageSize }));
  const columns = [
    opportunity.accessor('id', { header: 'ID', cell: (cell) => <OpportunityLink id={cell.getValue()} /> }),
    opportunity.accessor('stage', { header: 'opportunity.stage', cell: (cell) => t(`stage.${cell.getValue()}`) }),
    opportunity.accessor('salesRep', { header: 'common.salesRep' }),
    opportunity.accessor('expectedAmount', { header: 'opportunity.expectedAmount', cell: (cell) => formatAmount(cell.getValue(), language) }),
    opportunity.accessor('expectedCloseDate', { header: 'opportunity.expectedCloseDate' }),
    opportunity.accessor('filedAt', { header: 'opportunity.filedAt', cell: (cell) => formatInstant(cell.getValue(), language) }),
  ];
  return <PagedTable loaded={list} columns={columns} testId="customer-opportunities" rowTestId="opportunity-row" rowId={(row) => row.id} onPage={setPage} />;
}

/** The customer's orders, newest first, a page at a time, each linked to, with what is still to be collected. */
function CustomerOrders({ customerId }: { customerId: string }) {
  const { t, language } = useLanguage();
  const [page, setPage] = useState(1);
  const list = useApi(`customer-orders:${customerId}:${page}`, () => orders.orders({ customerId, page, pageSize: listPageSize }));
  const amount = (value: number) => formatAmount(value, language);
  const columns = [
    order.accessor('id', { header: 'ID', cell: (cell) => <OrderLink id={cell.getValue()} /> }),
    order.accessor('status', { header: 'common.status', cell: (cell) => t(`orderStatus.${cell.getValue()}`) }),
    order.accessor('salesRep', { header: 'common.salesRep' }),
    order.accessor('amount', { header: 'common.amount', cell: (cell) => amount(cell.getValue()) }),
    order.accessor('receivable', { header: 'order.receivable', cell: (cell) => amount(cell.getValue()) }),
    order.accessor('placedAt', { header: 'order.placedAt', cell: (cell) => formatInstant(cell.getValue(), language) }),
  ];
  return <PagedTable loaded={list} columns={columns} testId="customer-orders" rowTestId="order-row" rowId={(row) => row.id} onPage={setPage} />;
}
