import { useEffect, useState } from 'react';
import { orders, type Customer } from '../api/orders';
import { useLanguage } from '../i18n/language';
import { customerNaming } from '../lib/customers';
import { useApi } from './useApi';
import { useDebounced } from './useDebounced';

/** How many customers a customer box offers at once, as their names are typed. */
const customerChoices = 20;

/**
 * The registry's customers a customer box offers for what is typed (asked for once the typing pauses), and every one
 * offered so far, which a typed name or id is matched against: a form then names its customer by id.
 */
export function useCustomerChoices(typed: string) {
  const search = useDebounced(typed.trim());
  const found = useApi(`customer-choices:${search}`, async (): Promise<Customer[]> =>
    search ? (await orders.customers({ search, page: 1, pageSize: customerChoices })).items : [],
  );
  // What was offered stays offered while the next search is answered (or when it fails): the list does not flicker.
  const [offered, setOffered] = useState<Customer[]>([]);
  const [known, setKnown] = useState<ReadonlyMap<string, Customer>>(new Map());
  useEffect(() => {
    if (found.state === 'ready') {
      setOffered(found.data);
      setKnown((seen) => new Map([...seen, ...found.data.map((customer) => [customer.id, customer] as const)]));
    }
  }, [found]);
  const all = [...known.values()];
  const naming = customerNaming(typed, all);
  return { offered, known: all, naming, named: all.find((customer) => customer.id === naming.customerId) };
}

export type CustomerChoices = ReturnType<typeof useCustomerChoices>;

/**
 * A box for a customer's name (sent under `name`) that offers the registry's customers as it is typed, and says
 * whether what is typed is one of them (by id) or, in `newHint`'s words, what a name not registered becomes.
 */
export function CustomerBox({
  name,
  invalid,
  choices,
  onType,
  newHint,
}: {
  name: string;
  invalid: boolean;
  choices: CustomerChoices;
  onType: (typed: string) => void;
  newHint: string;
}) {
  const { t, word } = useLanguage();
  const listId = `known-customers-${name}`;
  return (
    <>
      <input name={name} list={listId} autoComplete="off" aria-invalid={invalid} onChange={(event) => onType(event.target.value)} />
      {/* The registry's customers whose name or id starts with what is typed, offered as it is typed. */}
      <datalist id={listId} data-testid="customer-choices">
        {choices.offered.map((customer) => (
          <option key={customer.id} value={customer.name} label={`${customer.id} · ${word('region', customer.region)}`} />
        ))}
      </datalist>
      <small className="muted" data-testid="customer-hint" data-customer-id={choices.naming.customerId ?? undefined}>
        {choices.naming.customerId ? t('opportunity.knownCustomer', { id: choices.naming.customerId }) : t(newHint)}
      </small>
    </>
  );
}
