import type { components } from './generated/fleet';

/**
 * An event of a stream as the audit API tells it (JinGong.ServiceDefaults AuditEntry: the same schema in every
 * service's document). Its `data` is narrowed by hand: the document says any JSON (a JsonElement), but an event's data
 * is always an object of its fields.
 */
export type AuditEntry = Omit<components['schemas']['AuditEntry'], 'data'> & { data: Record<string, unknown> };
