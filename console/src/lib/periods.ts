// Periods as the API names them (2026-11, 2026-Q4, 2026), in the China calendar (UTC+8 all year, no daylight saving).

const chinaOffsetMs = 8 * 60 * 60 * 1000;

function chinaDate(now: Date): { year: number; month: number; day: number } {
  const shifted = new Date(now.getTime() + chinaOffsetMs);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today in China, e.g. `2026-11-30`. */
export function chinaToday(now: Date = new Date()): string {
  const { year, month, day } = chinaDate(now);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** This month in China, e.g. `2026-11`. */
export function chinaMonth(now: Date = new Date()): string {
  return chinaToday(now).slice(0, 7);
}

/** This year in China, e.g. `2026`. */
export function chinaYear(now: Date = new Date()): string {
  return chinaToday(now).slice(0, 4);
}

/** This quarter in China, e.g. `2026-Q4`. */
export function chinaQuarter(now: Date = new Date()): string {
  const { year, month } = chinaDate(now);
  return `${year}-Q${Math.ceil(month / 3)}`;
}

/** A whole period as the API takes it: a year (`2026`), a quarter (`2026-Q4`) or a month (`2026-11`); not a half-typed one. */
export function isPeriod(text: string): boolean {
  return /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/.test(text);
}

/** The kinds of period a picker offers, as the API names them: `2026-11`, `2026-Q4`, `2026`. */
export const periodKinds = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof periodKinds)[number];

/**
 * What a period picker holds: the kind of period, and the parts that name it — the year (as typed, whole or not) and
 * quarter (`1`–`4`) of a quarter or a year, or the month as `<input type="month">` holds it (`2026-11`, empty when cleared).
 */
export interface PeriodDraft {
  kind: PeriodKind;
  year: string;
  quarter: string;
  month: string;
}

/** The kind of a whole period; none for one that is not. */
export function kindOf(period: string): PeriodKind | undefined {
  if (!isPeriod(period)) {
    return undefined;
  }
  return period.length === 4 ? 'year' : period.includes('Q') ? 'quarter' : 'month';
}

/**
 * A picker's parts for a period. Every part is filled from the period's first month (`2026-Q4` → year 2026, quarter 4,
 * month 2026-10), so that another kind picked next starts where this one does; a period that is not whole leaves the
 * parts empty (the first quarter chosen).
 */
export function draftOf(period: string, kind: PeriodKind = kindOf(period) ?? 'month'): PeriodDraft {
  if (!isPeriod(period)) {
    return { kind, year: '', quarter: '1', month: '' };
  }
  const [year, part] = period.split('-') as [string, string | undefined];
  const firstMonth = part === undefined ? 1 : part.startsWith('Q') ? Number(part.slice(1)) * 3 - 2 : Number(part);
  return { kind, year, quarter: String(Math.ceil(firstMonth / 3)), month: `${year}-${pad(firstMonth)}` };
}

/** The period a picker's parts name (whole or not: `isPeriod` tells). */
export function periodOf(draft: PeriodDraft): string {
  switch (draft.kind) {
    case 'month':
      return draft.month;
    case 'quarter':
      return `${draft.year.trim()}-Q${draft.quarter}`;
    case 'year':
      return draft.year.trim();
  }
}

/** The picker switched to another kind: the period of that kind its period starts in (`2026-Q4` as a month: `2026-10`). */
export function withKind(draft: PeriodDraft, kind: PeriodKind): PeriodDraft {
  const period = periodOf(draft);
  return isPeriod(period) ? draftOf(period, kind) : { ...draft, kind };
}

/** The month `offset` months from `month` (`2026-01`, -1 → `2025-12`). */
export function addMonths(month: string, offset: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + offset;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The months from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to && months.length < 120; month = addMonths(month, 1)) {
    months.push(month);
  }
  return months;
}

/** The last month of a period (`2026` → `2026-12`, `2026-Q3` → `2026-09`, `2026-11` → itself). */
function lastMonth(period: string): string {
  const [year, part] = period.split('-') as [string, string | undefined];
  if (part === undefined) {
    return `${year}-12`;
  }
  return part.startsWith('Q') ? `${year}-${pad(Number(part.slice(1)) * 3)}` : period;
}

/** Whether a period is over in China (its last day has passed): what may be scored. */
export function periodEnded(period: string, now: Date = new Date()): boolean {
  return lastMonth(period) < chinaMonth(now);
}
