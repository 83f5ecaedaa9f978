import type { Language } from '../i18n/translate';

export const locale = (language: Language) => (language === 'zh' ? 'zh-CN' : 'en-GB');

const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

/**
 * One Intl format per language and style, made once: `toLocaleString` with options makes a new one at each call, and a
 * vehicle page formatting its year of readings spent most of its rendering doing so.
 */
export function cachedFormat<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let format = formats.get(key);
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format as T;
}

/** An instant in China time, as ops read it. */
export function formatInstant(value: string | null | undefined, language: Language): string {
  if (!value) {
    return '';
  }
  const format = cachedFormat(`instant:${language}`, () => new Intl.DateTimeFormat(locale(language), { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }));
  return format.format(new Date(value));
}

export function formatAmount(value: number | null | undefined, language: Language): string {
  return value === null || value === undefined
    ? ''
    : cachedFormat(`amount:${language}`, () => new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 })).format(value);
}

/** A 0–1 ratio as a percentage; a ratio with no basis (null) as a dash. */
export function formatRatio(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}
