import { en, zh, type MessageKey } from './messages';

export type Language = 'zh' | 'en';

export const languages: Record<Language, Partial<Record<MessageKey, string>>> = { zh, en };

/**
 * The label of `key` in `language`, falling back to English when that language lacks it, with `{name}` placeholders
 * filled from `values`. A key that is not a known label (an enum name the API added later) comes back as it is.
 */
export function translate(language: Language, key: string, values: Record<string, string | number> = {}): string {
  const text = languages[language][key as MessageKey] ?? en[key as MessageKey] ?? key;
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}

/** `region.north` → 华北; a value with no label (a region added later) is shown as it is. */
export function translateWord(language: Language, kind: string, value: string): string {
  const key = `${kind}.${value}`;
  const text = translate(language, key);
  return text === key ? value : text;
}

/** The language remembered, else Chinese: the console is for Chinese ops people first. */
export function initialLanguage(stored: string | null): Language {
  return stored === 'en' || stored === 'zh' ? stored : 'zh';
}
