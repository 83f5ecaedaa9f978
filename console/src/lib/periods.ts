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

/** `count` quarters ending `ahead` quarters after `quarter`, newest first: what a period picker offers. */
export function quartersAround(quarter: string, count: number, ahead = 1): string[] {
  const [year, q] = quarter.split('-Q').map(Number) as [number, number];
  const last = year * 4 + (q - 1) + ahead;
  return Array.from({ length: count }, (_, i) => {
    const index = last - i;
    return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  });
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
