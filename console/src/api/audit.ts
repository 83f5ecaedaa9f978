/** An event of a stream as the audit API tells it (JinGong.ServiceDefaults AuditEntry). */
export interface AuditEntry {
  type: string;
  data: Record<string, unknown>;
  service: string;
  sequence: number;
  streamId: string;
  version: number;
  occurredAt: string | null;
  recordedAt: string;
  user: string | null;
  correlationId: string | null;
}
