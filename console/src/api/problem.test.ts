import { describe, expect, it } from 'vitest';
import { formErrors, problemKind } from './problem';

const fields = ['customer', 'region', 'salesRep', 'model', 'quantity', 'expectedAmount', 'expectedCloseDate'];

describe('formErrors', () => {
  it('puts each API field on the input of the same name', () => {
    const mapped = formErrors({ customer: ['Required.'], expectedAmount: ['Must be positive.', 'Too large.'] }, fields);
    expect(mapped.fields).toEqual({ customer: ['Required.'], expectedAmount: ['Must be positive.', 'Too large.'] });
    expect(mapped.unmapped).toEqual([]);
  });

  it('puts the first line of the opportunity on the model and quantity inputs', () => {
    const mapped = formErrors({ 'lines[0].model': ['Unknown model.'], 'lines[0].quantity': ['At least 1.'] }, fields);
    expect(mapped.fields).toEqual({ model: ['Unknown model.'], quantity: ['At least 1.'] });
  });

  it('puts each line of a form with an input per line on that line\'s input', () => {
    const perLine = ['deliverySite', 'unitPrice-0', 'unitPrice-1'];
    const mapped = formErrors({ 'lines[1].unitPrice': ['Must be positive.'], 'lines[0].unitPrice': ['Required.'] }, perLine);
    expect(mapped.fields).toEqual({ 'unitPrice-1': ['Must be positive.'], 'unitPrice-0': ['Required.'] });
    expect(mapped.unmapped).toEqual([]);
  });

  it('matches names whatever their case', () => {
    expect(formErrors({ SalesRep: ['Required.'] }, fields).fields).toEqual({ salesRep: ['Required.'] });
  });

  it('keeps what no input shows for the form as a whole, naming the field', () => {
    const mapped = formErrors({ lines: ['Name 1 to 50 lines.'], 'lines[1].model': ['Unknown.'], occurredAt: ['In the future.'] }, fields);
    expect(mapped.fields).toEqual({});
    expect(mapped.unmapped).toEqual(['lines: Name 1 to 50 lines.', 'lines[1].model: Unknown.', 'occurredAt: In the future.']);
  });

  it('has nothing to show without errors', () => {
    expect(formErrors(undefined, fields)).toEqual({ fields: {}, unmapped: [] });
  });
});

describe('problemKind', () => {
  it('is the last segment of the type', () => {
    expect(problemKind({ type: 'https://jingong.dev/problems/outside-your-region' })).toBe('outside-your-region');
    expect(problemKind({})).toBeUndefined();
  });
});
