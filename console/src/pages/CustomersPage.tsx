import { createColumnHelper } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import { problemKind } from '../api/problem';
import { orders, type Customer, type RegisterCustomer } from '../api/orders';
import { mayAct, useUser } from '../auth/user';
import { FieldError, FormProblems } from '../commands/CommandForm';
import { useCommand } from '../commands/useCommand';
import { type ExportColumn } from '../components/ExportButtons';
import { CustomerLink } from '../components/links';
import { ListView } from '../components/ListView';
import { RegionSelect } from '../components/RegionSelect';
import { Select } from '../components/Select';
import { useAddressQuery } from '../components/useAddressQuery';
import { useRegions } from '../components/useRegions';
import { useLanguage } from '../i18n/language';
import { customerIdIn, firstContacts } from '../lib/customers';
import { formatInstant } from '../lib/format';

const customer = createColumnHelper<Customer>();
/** The columns the API sorts customers by. */
const sortColumns = ['id', 'name', 'region', 'registeredAt'] as const;

/** The customer registry [客户档案]: customers searched, filtered and sorted in the address; sales register one. */
export function CustomersPage() {
  const regions = useRegions();
  const { t, language, word } = useLanguage();
  const query = useAddressQuery();
  const [region, search, sort] = [query.get('region'), query.get('search'), query.get('sort')];
  // A customer registered here is read with the list again, so that it is listed.
  const [registered, setRegistered] = useState<Customer>();

  const columns = [
    customer.accessor('name', { header: 'customer.name', cell: (cell) => <CustomerLink id={cell.row.original.id} name={cell.getValue()} /> }),
    customer.accessor('id', { header: 'customer.id' }),
    customer.accessor('region', { header: 'common.region', cell: (cell) => word('region', cell.getValue()) }),
    customer.accessor((row) => row.contacts.length, { id: 'contacts', header: 'customers.contactCount' }),
    customer.accessor('registeredAt', { header: 'customer.registeredAt', cell: (cell) => formatInstant(cell.getValue(), language) }),
  ];

  return (
    <section>
      <h1>{t('customers.title')}</h1>
      <ListView
        key={registered?.id}
        name="customers"
        rowTestId="customer-row"
        query={query}
        fetchPage={(page, pageSize) => orders.customers({ region, search, sort, page, pageSize })}
        columns={columns}
        exported={exported}
        sortColumns={sortColumns}
        defaultSort="name"
        searchHint="customers.searchHint"
        filters={
          <div className="filters">
            <Select label="common.region" name="region" value={region ?? ''} options={regions} optionLabels="region." emptyLabel="common.all" onChange={(value) => query.set({ region: value })} />
          </div>
        }
      />
      <RegisterCustomerForm onRegistered={setRegistered} />
    </section>
  );
}

/** Customers as exported: the table's columns, and each one's contacts by name. */
const exported: ExportColumn<Customer>[] = [
  { header: 'customer.name', value: (row) => row.name },
  { header: 'customer.id', value: (row) => row.id },
  { header: 'common.region', value: (row) => row.region },
  { header: 'customers.contactCount', value: (row) => row.contacts.length },
  { header: 'customer.contacts', value: (row) => row.contacts.map((contact) => contact.name).join('、') },
  { header: 'customer.registeredAt', value: (row) => row.registeredAt },
];

/** The refusals whose detail names the customer that has the name already. */
const namingAnother = ['customer-already-registered', 'customer-name-taken'];

/** The form's inputs: the customer's, then its first contact's (one item of the API's `contacts`: `contacts[0].name` → `name-0`). */
const fields = ['name', 'region', 'contacts', 'name-0', 'phone-0', 'email-0', 'role-0'] as const;
type Field = (typeof fields)[number];

/** What the inputs say, as the API reads it: blank is null (the API names what is missing); no contact when its inputs are all blank. */
function readForm(form: HTMLFormElement): RegisterCustomer {
  const data = new FormData(form);
  const text = (name: Field) => String(data.get(name) ?? '').trim() || null;
  return {
    name: text('name'),
    region: text('region'),
    contacts: firstContacts({ name: text('name-0'), phone: text('phone-0'), email: text('email-0'), role: text('role-0') }),
  };
}

/**
 * Sales register a customer [客户] under its name (which gives its id) in a region, with a first contact if they have
 * one. The browser checks nothing (noValidate): the API decides, and its validation errors are shown on the inputs they
 * name; a customer registered already is linked to.
 */
function RegisterCustomerForm({ onRegistered }: { onRegistered: (customer: Customer) => void }) {
  const user = useUser();
  const { t } = useLanguage();
  const [registered, setRegistered] = useState<Customer>();
  // Pressing "register" again after an answer that never came registers the customer once.
  const registering = useCommand(orders.registerCustomer, fields);
  const { errors, refusal, sending } = registering;
  if (!mayAct(user, 'sales-rep', 'regional-manager')) {
    return null;
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setRegistered(undefined);
    const outcome = await registering.run(readForm(form));
    if (outcome && 'answer' in outcome) {
      form.reset();
      setRegistered(outcome.answer);
      onRegistered(outcome.answer);
    }
  };

  const input = (name: Field, label: string, props: Record<string, string> = {}) => (
    <label key={name}>
      {t(label)}
      <input name={name} aria-invalid={name in errors.fields} {...props} />
      <FieldError name={name} messages={errors.fields[name]} />
    </label>
  );
  // A customer registered already, or another one under this name: its page is a click away.
  const existing = refusal && namingAnother.includes(problemKind(refusal.problem) ?? '') ? customerIdIn(refusal.problem.detail) : undefined;

  return (
    <>
      <h2>{t('customers.register')}</h2>
      <form className="form" data-testid="customer-form" noValidate onSubmit={(event) => void submit(event)}>
        {input('name', 'customer.name')}
        <RegionSelect defaultValue={user.region} invalid={'region' in errors.fields}>
          <FieldError name="region" messages={errors.fields.region} />
        </RegionSelect>
        <fieldset className="group">
          <legend>{t('customers.firstContact')}</legend>
          {input('name-0', 'customer.contactName')}
          {input('role-0', 'customer.role')}
          {input('phone-0', 'customer.phone', { type: 'tel' })}
          {input('email-0', 'customer.email', { type: 'email' })}
          <FieldError name="contacts" messages={errors.fields.contacts} />
        </fieldset>
        <FormProblems unmapped={errors.unmapped} refusal={refusal}>
          {existing && (
            <p data-testid="customer-existing" data-id={existing}>
              {t('customers.existing')} <CustomerLink id={existing} name={existing} />
            </p>
          )}
        </FormProblems>
        <button type="submit" disabled={sending}>
          {t('customers.submit')}
        </button>
      </form>
      {registered && (
        <p className="success" data-testid="customer-registered" data-id={registered.id}>
          {t('customers.registered', { name: registered.name, id: registered.id })} <CustomerLink id={registered.id} name={registered.name} />
        </p>
      )}
    </>
  );
}
