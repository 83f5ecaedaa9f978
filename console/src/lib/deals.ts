import type { DealDocument, KnowledgePage } from '../api/knowledge';

/** The steps of a deal as the API names them (the knowledge service's DealSteps), each shown in the reader's words. */
export const dealSteps = [
  'filed',
  'stage-changed',
  'won',
  'lost',
  'reopened',
  'order-placed',
  'order-cancelled',
  'vehicle-reserved',
  'reservation-released',
  'transfer-started',
  'transfer-arrived',
  'delivery-scheduled',
  'delivered',
  'invoice-issued',
  'payment-received',
  'document-opened',
  'revision-published',
  'proposal-sent',
] as const;

/**
 * The revision a proposal sends unless another is typed: the one readers see now (in a space that reviews its
 * revisions, the last approved), else the document's last; the page itself may not have been read yet.
 */
export function proposalRevision(document: DealDocument, page: KnowledgePage | undefined): number {
  return page?.revision?.number ?? document.revisions;
}
