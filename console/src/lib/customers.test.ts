import { describe, expect, it } from 'vitest';
import { customerIdIn, customerKey, customerNaming, firstContacts } from './customers';

const known = [
  { id: 'CUS-1A2B3C4D5E', name: '包头钢铁' },
  { id: 'CUS-9F8E7D6C5B', name: 'Baotou Steel' },
];

describe('the customer a form names', () => {
  it('is a known customer by its id when the text is exactly its name', () => {
    expect(customerNaming('包头钢铁', known)).toEqual({ customerId: 'CUS-1A2B3C4D5E', customer: null });
  });

  it('compares names as the registry does: case, width and runs of spaces aside', () => {
    expect(customerNaming('  baotou   STEEL ', known)).toEqual({ customerId: 'CUS-9F8E7D6C5B', customer: null });
    expect(customerNaming('ＢＡＯＴＯＵ Steel', known)).toEqual({ customerId: 'CUS-9F8E7D6C5B', customer: null });
  });

  it('is a known customer when its id is typed, any case', () => {
    expect(customerNaming('cus-1a2b3c4d5e', known)).toEqual({ customerId: 'CUS-1A2B3C4D5E', customer: null });
  });

  it('is a name, to be registered, when no known customer has it', () => {
    expect(customerNaming('包头', known)).toEqual({ customerId: null, customer: '包头' });
    expect(customerNaming(' 鄂尔多斯煤业 ', [])).toEqual({ customerId: null, customer: '鄂尔多斯煤业' });
  });

  it('is nothing when blank, for the API to name as missing', () => {
    expect(customerNaming('  ', known)).toEqual({ customerId: null, customer: null });
    expect(customerNaming(null, known)).toEqual({ customerId: null, customer: null });
  });
});

describe('a name as compared', () => {
  it('is upper case, single spaced, trimmed, of normal width', () => {
    expect(customerKey(' Ｂaotou \t steel ')).toBe('BAOTOU STEEL');
  });
});

describe('the customer a refusal names', () => {
  it('is the id in its detail', () => {
    expect(customerIdIn('The customer is registered already, as CUS-1A2B3C4D5E (包头钢铁).')).toBe('CUS-1A2B3C4D5E');
    expect(customerIdIn('该客户已登记，编号 CUS-1A2B3C4D5E（包头钢铁）。')).toBe('CUS-1A2B3C4D5E');
  });

  it('is none when the detail names none', () => {
    expect(customerIdIn('Customer names must be unique.')).toBeUndefined();
    expect(customerIdIn(undefined)).toBeUndefined();
  });
});

describe('the first contact of a customer to register', () => {
  const blank = { name: null, phone: null, email: null, role: null };

  it('is none when every input is blank', () => {
    expect(firstContacts(blank)).toBeNull();
  });

  it('is the inputs as typed when any is filled, a missing name left for the API to name', () => {
    expect(firstContacts({ ...blank, name: '李娜', phone: '138 0000 0000' })).toEqual([{ ...blank, name: '李娜', phone: '138 0000 0000' }]);
    expect(firstContacts({ ...blank, email: 'li.na@example.com' })).toEqual([{ ...blank, email: 'li.na@example.com' }]);
  });
});
