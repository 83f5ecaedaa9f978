import { describe, expect, it } from 'vitest';
import { addMonths, chinaMonth, chinaQuarter, chinaToday, chinaYear, isPeriod, monthsBetween, periodEnded, quartersAround } from './periods';

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
  it('offers quarters newest first, one ahead, across years', () => {
    expect(quartersAround('2026-Q1', 4)).toEqual(['2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3']);
  });

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
