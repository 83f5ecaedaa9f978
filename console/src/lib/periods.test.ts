import { describe, expect, it } from 'vitest';
import { addMonths, chinaMonth, chinaQuarter, chinaToday, chinaYear, draftOf, isPeriod, kindOf, monthsBetween, periodEnded, periodOf, withKind } from './periods';

describe('China calendar', () => {
  it('is already the next day and quarter in China at 16:00 UTC on 31 March', () => {
    const instant = new Date('2026-03-31T16:00:00Z');
    expect(chinaToday(instant)).toBe('2026-04-01');
    expect(chinaMonth(instant)).toBe('2026-04');
    expect(chinaQuarter(instant)).toBe('2026-Q2');
  });

  it('is still the old year in China before 16:00 UTC on 31 December', () => {
    expect(chinaQuarter(new Date('2026-12-31T15:59:59Z'))).toBe('2026-Q4');
    expect(chinaQuarter(new Date('2026-12-31T16:00:00Z'))).toBe('2027-Q1');
    expect(chinaYear(new Date('2026-12-31T15:59:59Z'))).toBe('2026');
    expect(chinaYear(new Date('2026-12-31T16:00:00Z'))).toBe('2027');
  });
});

describe('periods', () => {
  it('counts months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-11', 14)).toBe('2027-01');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('tells a whole period from a half-typed one', () => {
    expect(['2026', '2026-Q3', '2026-11', '2026-01'].filter(isPeriod)).toHaveLength(4);
    expect(['', '2', '202', '2026-', '2026-Q', '2026-Q5', '2026-1', '2026-13', '2026-00', ' 2026'].filter(isPeriod)).toEqual([]);
  });
});

describe('a period picker', () => {
  it('shows a period in its own kind and names it again unchanged', () => {
    for (const period of ['2026', '2026-Q1', '2026-Q4', '2026-01', '2026-12']) {
      expect(periodOf(draftOf(period))).toBe(period);
    }
    expect(draftOf('2026-Q4')).toEqual({ kind: 'quarter', year: '2026', quarter: '4', month: '2026-10' });
    expect(draftOf('2026-11')).toEqual({ kind: 'month', year: '2026', quarter: '4', month: '2026-11' });
    expect(draftOf('2026')).toEqual({ kind: 'year', year: '2026', quarter: '1', month: '2026-01' });
  });

  it('tells the kind of a whole period only', () => {
    expect(['2026', '2026-Q2', '2026-05', '2026-1', ''].map(kindOf)).toEqual(['year', 'quarter', 'month', undefined, undefined]);
  });

  it('starts another kind where the period starts', () => {
    expect(periodOf(withKind(draftOf('2026-Q3'), 'month'))).toBe('2026-07');
    expect(periodOf(withKind(draftOf('2026-Q3'), 'year'))).toBe('2026');
    expect(periodOf(withKind(draftOf('2026-11'), 'quarter'))).toBe('2026-Q4');
    expect(periodOf(withKind(draftOf('2026'), 'quarter'))).toBe('2026-Q1');
    expect(periodOf(withKind(draftOf('2026'), 'month'))).toBe('2026-01');
  });

  it('names what its parts say as they are typed, whole or not', () => {
    const quarter = draftOf('2026-Q4');
    expect(periodOf({ ...quarter, year: '202' })).toBe('202-Q4');
    expect(periodOf({ ...quarter, year: ' 2025 ', quarter: '2' })).toBe('2025-Q2');
    expect(periodOf({ ...draftOf('2026-11'), month: '' })).toBe('');
    expect(periodOf({ ...draftOf('2026'), year: '1899' })).toBe('1899');
  });

  it('keeps the parts typed when switched from a period that is not whole', () => {
    const halfTyped = { ...draftOf('2026-Q4'), year: '20' };
    expect(withKind(halfTyped, 'year')).toEqual({ ...halfTyped, kind: 'year' });
    expect(draftOf('', 'quarter')).toEqual({ kind: 'quarter', year: '', quarter: '1', month: '' });
  });
});

describe('a period being over', () => {
  const lateNovember = new Date('2026-11-30T15:59:00Z'); // 23:59 in China, still November
  it('is over once its last month has passed in China', () => {
    expect(periodEnded('2026-Q3', lateNovember)).toBe(true);
    expect(periodEnded('2026-10', lateNovember)).toBe(true);
    expect(periodEnded('2025', lateNovember)).toBe(true);
  });
  it('is not over while its last month runs or before', () => {
    expect(periodEnded('2026-11', lateNovember)).toBe(false);
    expect(periodEnded('2026-Q4', lateNovember)).toBe(false);
    expect(periodEnded('2026', lateNovember)).toBe(false);
    expect(periodEnded('2026-11', new Date('2026-11-30T16:00:00Z'))).toBe(true);
  });
});
