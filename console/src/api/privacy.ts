import type { components as fleet } from './generated/fleet';
import type { components as okr } from './generated/okr';
import { get, request, segment } from './http';

/**
 * What one service holds about a subject, and its erasure there if any (JinGong.EventSourcing SubjectHoldings: the same
 * schema in every service's document). The events' and documents' `data` is any JSON, as stored.
 */
export type SubjectHoldings = fleet['schemas']['SubjectHoldings'];
/** A service's record of an erasure it did: the pseudonym the subject became there, why, and when. */
export type ErasureRecord = fleet['schemas']['ErasureView'];
/** A person's erasure accepted by OKR, the roster's owner, and on its way to every service (202). */
export type PersonErasureRequested = okr['schemas']['PersonErasureRequested'];

/** Who is erased: a person who left the roster, or a customer's contact (`CUS-3F9A0C12B7-C1`). */
export const erasureKinds = ['person', 'customer-contact'] as const;
export type ErasureKind = (typeof erasureKinds)[number];

/**
 * A subject's access request answered whole (the gateway's own PersonalInformationExport, in no service's document):
 * each service's part under its name.
 */
export interface PersonalInformationExport {
  subjectId: string;
  exportedAt: string;
  services: Record<string, SubjectHoldings>;
}

/** An erasure as the gateway reads it (its own ErasureRequest); empty inputs go as null so that it names them. */
export interface ErasureRequest {
  kind: string | null;
  subjectId: string | null;
  reason: string | null;
  reference: string | null;
}

/** The owner's answer, whichever it is: a person's erasure sent on (202), or a contact's done (200). */
export type ErasureAnswer = PersonErasureRequested | ErasureRecord;

const base = '/api/privacy';

export const privacy = {
  /** Everything every service holds about the subject; a 503 when one of them did not answer (the export is whole or nothing). */
  export: (subjectId: string) => get<PersonalInformationExport>(`${base}/subjects/${segment(subjectId)}/export`),
  /**
   * Sent once, without an idempotency key: the gateway passes the erasure on to the subject's owner without the key, so
   * a resend would not be recognised as one (a contact's answer would become `subject-already-erased`). Pressing again
   * asks again, which for a person only sends the erasure on once more.
   */
  erase: (erasure: ErasureRequest) => request<ErasureAnswer>(`${base}/erasures`, { method: 'POST', body: erasure }),
};
