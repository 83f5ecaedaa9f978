import { translateWord, type Language } from '../i18n/translate';
import { cachedFormat, formatAmount, locale } from './format';

/** One event of a record's history as the audit API tells it. */
export interface HistoryEvent {
  type: string;
  data: Record<string, unknown>;
}

/** Fields of an event that are words of the company's reference data, by the kind of word (`region.east` → 华东). */
const words: Record<string, string> = { region: 'region', toRegion: 'region', category: 'category' };

/** Fields of an event that are days (`2026-12-01`) or instants: said as the reader says a day. */
const days = new Set(['dueDate', 'issueDate', 'paidOn', 'date', 'from', 'to']);

/**
 * An event as a sentence in the reader's words: the label `event.{type}` (the type without its version, so that a new
 * version of an event reads as the old one did) filled from the event's data (the fields of an object in it too,
 * `contact.name` as `{contactName}`) — days as days, numbers as numbers,
 * statuses and stages in words, regions and categories in the reader's words, a model with its name (`modelName`, the catalogue's in the reader's language); an event
 * the console has no sentence for shows its name.
 */
export function describeEvent(
  event: HistoryEvent,
  language: Language,
  t: (key: string, values?: Record<string, string | number>) => string,
  { today = new Date(), modelName = (code: string) => code }: { today?: Date; modelName?: (code: string) => string } = {},
): string {
  const key = `event.${event.type.replace(/_v\d+$/, '')}`;
  const values = Object.fromEntries(
    fieldsOf(event.data).map(([name, field, value]) => [
      name,
      field === 'model' && typeof value === 'string' ? modelName(value) : said(field, value, language, t, today),
    ]),
  );
  const sentence = t(key, values);
  return sentence === key ? event.type : sentence;
}

/**
 * An event's fields as its sentence names them, each with its own name (which says how it is said) and its value: each
 * field as it is, and each field of an object in it (a customer's `contact`) under the object's name and its own
 * (`contactName`).
 */
function fieldsOf(data: Record<string, unknown>): [string, string, unknown][] {
  return Object.entries(data).flatMap(([name, value]): [string, string, unknown][] => [
    [name, name, value],
    ...(isRecord(value) ? Object.entries(value).map(([field, inner]): [string, string, unknown] => [`${name}${field.charAt(0).toUpperCase()}${field.slice(1)}`, field, inner]) : []),
  ]);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function said(name: string, value: unknown, language: Language, t: (key: string) => string, today: Date): string {
  if (typeof value === 'number') {
    return formatAmount(value, language);
  }
  if (typeof value !== 'string') {
    return value === null || value === undefined ? '—' : JSON.stringify(value);
  }
  if (days.has(name)) {
    return formatDay(value, language, today);
  }
  const kind = words[name];
  if (kind) {
    return translateWord(language, kind, value);
  }
  return name === 'status' || name === 'stage' ? t(`${name}.${value}`) : value;
}

/** A day as people say it: "12月1日" / "1 Dec", with its year when it is not this one's. */
export function formatDay(value: string, language: Language, today = new Date()): string {
  const day = new Date(value.length === 10 ? `${value}T00:00:00+08:00` : value);
  if (Number.isNaN(day.getTime())) {
    return value;
  }
  const sameYear = day.getUTCFullYear() === today.getUTCFullYear();
  const format = cachedFormat(`day:${language}:${sameYear}`, () =>
    new Intl.DateTimeFormat(locale(language), {
      timeZone: 'Asia/Shanghai',
      month: language === 'zh' ? 'long' : 'short',
      day: 'numeric',
      year: sameYear ? undefined : 'numeric',
    }),
  );
  return format.format(day);
}
