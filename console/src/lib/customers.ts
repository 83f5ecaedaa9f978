/** A customer as the console knows it from the registry's list: what a typed name or id is matched against. */
export interface KnownCustomer {
  id: string;
  name: string;
}

/**
 * A name as the registry compares it (orders' CustomerIds.KeyOf): width, case and runs of spaces aside, so that
 * "Baotou  steel" and "ＢＡＯＴＯＵ Steel" are one customer.
 */
export function customerKey(text: string): string {
  return text.normalize('NFKC').trim().split(/\s+/).join(' ').toUpperCase();
}

/** How a form names its customer: by `customerId` (the registry's), or by `customer` (a name, registered when new). */
export type CustomerNaming = { customerId: string; customer: null } | { customerId: null; customer: string | null };

/**
 * The customer a form names from what was typed in its customer box: a known customer's id when the text is exactly
 * its name (as names are compared) or its id, any case; else the text as a name, which the API finds or registers
 * (blank: null, which the API names as missing).
 */
export function customerNaming(typed: string | null | undefined, known: readonly KnownCustomer[]): CustomerNaming {
  const text = typed?.trim() ?? '';
  if (!text) {
    return { customerId: null, customer: null };
  }
  const key = customerKey(text);
  const found =
    known.find((customer) => customer.id.toUpperCase() === text.toUpperCase()) ?? known.find((customer) => customerKey(customer.name) === key);
  return found ? { customerId: found.id, customer: null } : { customerId: null, customer: text };
}

/** The customer id a refusal's detail names (`customer-already-registered`: "… registered already, as CUS-1A2B3C4D5E (…)"), if any. */
export function customerIdIn(detail: string | null | undefined): string | undefined {
  return /\bCUS-[0-9A-F]+\b/i.exec(detail ?? '')?.[0];
}

export interface ContactInputs {
  name: string | null;
  phone: string | null;
  email: string | null;
  role: string | null;
}

/**
 * The first contact of a customer to register, as the API reads it: none when every input was left blank (a contact is
 * optional), else the inputs as typed (a contact without a name is the API's to refuse, on its field).
 */
export function firstContacts(contact: ContactInputs): ContactInputs[] | null {
  return Object.values(contact).some((value) => value !== null && value.trim() !== '') ? [contact] : null;
}
