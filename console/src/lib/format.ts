import type { Language } from '../i18n/translate';

const locale = (language: Language) => (language === 'zh' ? 'zh-CN' : 'en-GB');

/** An instant in China time, as ops read it. */
export function formatInstant(value: string | null | undefined, language: Language): string {
  if (!value) {
    return '';
  }
  return new Date(value).toLocaleString(locale(language), { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
}

export function formatAmount(value: number | null | undefined, language: Language): string {
  return value === null || value === undefined ? '' : value.toLocaleString(locale(language), { maximumFractionDigits: 2 });
}

/** A 0–1 ratio as a percentage; a ratio with no basis (null) as a dash. */
export function formatRatio(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}
