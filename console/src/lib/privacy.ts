import type { ErasureAnswer, ErasureRecord, ErasureRequest, PersonalInformationExport, PersonErasureRequested } from '../api/privacy';

/** The services an export has a part of, in the gateway's order (ServiceRoutes.Services); one added later comes after them. */
export const exportingServices = ['fleet', 'orders', 'dispatch', 'okr', 'knowledge', 'identity'] as const;

/** Identity keeps no events, so no record of an erasure: it is done with one when it holds nothing of the subject. */
const recordsNoErasures = new Set(['identity']);

/** What one service holds about the subject, counted: the export's table, a row per service. */
export interface HoldingsRow {
  service: string;
  events: number;
  /** Of those events, the ones the subject recorded themselves (its user), not only ones naming them. */
  recordedBySubject: number;
  documents: number;
  /** The service's erasure of the subject, or null while it holds them as they are. */
  erasure: ErasureRecord | null;
}

const rank = (service: string) => {
  const known = exportingServices.indexOf(service as (typeof exportingServices)[number]);
  return known === -1 ? exportingServices.length : known;
};

/** The export's parts counted, a row per service in the gateway's order (others by name after them). */
export function holdingsRows(exported: PersonalInformationExport): HoldingsRow[] {
  return Object.entries(exported.services)
    .map(([service, held]) => ({
      service,
      events: held.events.length,
      recordedBySubject: held.events.filter((event) => event.recordedBySubject).length,
      documents: held.documents.length,
      erasure: held.erasure,
    }))
    .sort((a, b) => rank(a.service) - rank(b.service) || a.service.localeCompare(b.service));
}

const holdsNothing = (row: HoldingsRow) => row.events === 0 && row.documents === 0;

/** How far a person's erasure has got: the services that recorded it, and those that have not yet. */
export interface ErasureProgress {
  erased: { service: string; erasure: ErasureRecord }[];
  /** Services that keep no record of erasures and now hold nothing of the subject (identity: the account is gone). */
  emptied: string[];
  pending: string[];
}

/**
 * A person's erasure goes to every service on its own (OKR publishes it): each service's part of a fresh export says
 * whether it has recorded it yet.
 */
export function erasureProgress(exported: PersonalInformationExport): ErasureProgress {
  const rows = holdingsRows(exported);
  return {
    erased: rows.flatMap((row) => (row.erasure ? [{ service: row.service, erasure: row.erasure }] : [])),
    emptied: rows.filter((row) => recordsNoErasures.has(row.service) && holdsNothing(row)).map((row) => row.service),
    pending: rows.filter((row) => !row.erasure && !(recordsNoErasures.has(row.service) && holdsNothing(row))).map((row) => row.service),
  };
}

/**
 * Whether an erasure names everything the gateway asks for. Only such a request may erase anyone, so only it is
 * confirmed first; one lacking a field is refused whole, and goes straight to the gateway to be told what is missing.
 */
export function erasureComplete(erasure: ErasureRequest): boolean {
  return [erasure.kind, erasure.subjectId, erasure.reason, erasure.reference].every((value) => value !== null && value.trim() !== '');
}

/** A person's erasure sent on to every service (202), as against a contact's erasure done by orders (200). */
export function isPersonErasure(answer: ErasureAnswer): answer is PersonErasureRequested {
  return 'personId' in answer;
}

/** The export's file: the subject and the day it was asked on, e.g. `personal-information-CUS-3F9A0C12B7-C1-2026-11-03.json`. */
export function exportFileName(subjectId: string, day: string): string {
  // A subject id is a code; anything a file name cannot hold is replaced rather than trusted.
  return `personal-information-${subjectId.replace(/[^\w.-]+/g, '_')}-${day}.json`;
}

/** The export as its subject gets it: the whole document, as the gateway answered it, readable. */
export function exportDocument(exported: PersonalInformationExport): Blob {
  return new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' });
}
