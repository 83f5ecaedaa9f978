import type { components } from './generated/knowledge';
import { command, get, getVersioned, post, segment, withQuery, type Page, type Write } from './http';

// Knowledge's answers as its OpenAPI document says them (openapi/knowledge.json → generated/knowledge.ts: npm run api-types).
type Schemas = components['schemas'];

export const spaceKinds = ['Rules', 'ProductMaterials', 'MarketingToolkit', 'IndustryNews'] as const satisfies readonly Schemas['SpaceKind'][];
export type SpaceKind = Schemas['SpaceKind'];
/** A space [空间] of the knowledge base, with the roles that write its pages. */
export type Space = Schemas['SpaceView'];
export type SpaceTree = Schemas['SpaceTree'];
export type AccessLevel = Schemas['AccessLevel'];

/** Whether a level in a space lets one write its pages (approving and administering include editing); the API decides all the same. */
export const mayEdit = (access: AccessLevel) => access === 'Edit' || access === 'Approve' || access === 'Administer';
/** A page in a space's tree, with its children. */
export type PageNode = Schemas['PageNode'];
/** A page with the revision shown (its last, one asked for, or the one it had at a moment); its stream's version is its ETag. */
export type KnowledgePage = Schemas['PageView'];
export type Revision = Schemas['Revision'];
export type RevisionSummary = Schemas['RevisionSummary'];
export type RevisionDiff = Schemas['RevisionDiff'];
export type DiffLine = Schemas['DiffLine'];
/** A text with its matches marked by position (UTF-16 code units), never by markup. */
export type HighlightedText = Schemas['HighlightedText'];
export type SearchHit = Schemas['SearchHit'];
export type NewPage = Schemas['CreatePageRequest'];
/** The reader's notices of new revisions of what they follow, with how many are unread and what they follow. */
export type NotificationsView = Schemas['NotificationsView'];
/** What the reader follows and how many of their notifications are unread, as a follow or a read answers it. */
export type SubscriberView = Schemas['SubscriberView'];
/** What one follows: a page, or every page of a space. */
export interface Followed {
  kind: 'page' | 'space';
  id: string;
}

/** Which revision a page is read at: its last (nothing), a number, or as it read at a moment (ISO 8601). */
export interface PageReading {
  revision?: number;
  asOf?: string;
}

const base = '/api/knowledge';
const page = (id: string) => `${base}/pages/${segment(id)}`;

export const knowledge = {
  spaces: () => get<Page<Space>>(`${base}/spaces`, { pageSize: 100 }),
  tree: (id: string) => get<SpaceTree>(`${base}/spaces/${segment(id)}/tree`),
  createPage: (spaceId: string, newPage: NewPage, idempotencyKey: string) =>
    post<KnowledgePage>(`${base}/spaces/${segment(spaceId)}/pages`, newPage, idempotencyKey),
  /** The page with its ETag; read at a revision or a moment, the ETag is still its stream's version now. */
  page: (id: string, reading: PageReading = {}) =>
    getVersioned<KnowledgePage>(withQuery(page(id), { revision: reading.revision, asOf: reading.asOf })),
  revisions: (id: string) => get<RevisionSummary[]>(`${page(id)}/revisions`),
  diff: (id: string, from: number, to: number) => get<RevisionDiff>(`${page(id)}/diff`, { from, to }),
  publish: (id: string, revision: { title: string | null; body: string | null }, write: Write) =>
    command<KnowledgePage>(`${page(id)}/revisions`, revision, write),
  rename: (id: string, title: string | null, write: Write) => command<KnowledgePage>(`${page(id)}/title`, { title }, write),
  move: (id: string, place: { parentId: string | null; position: number | null }, write: Write) =>
    command<KnowledgePage>(`${page(id)}/place`, place, write),
  restore: (id: string, revision: number | null, write: Write) => command<KnowledgePage>(`${page(id)}/restoration`, { revision }, write),
  follow: ({ kind, id }: Followed, idempotencyKey: string) => post<SubscriberView>(`${base}/${kind}s/${segment(id)}/subscription`, {}, idempotencyKey),
  unfollow: ({ kind, id }: Followed, idempotencyKey: string) => post<SubscriberView>(`${base}/${kind}s/${segment(id)}/unsubscription`, {}, idempotencyKey),
  /** The reader's notifications, newest first (only the unread ones: `unread`), with what they follow. */
  notifications: (unread = false) => get<NotificationsView>(`${base}/notifications`, { unread: unread || undefined }),
  /** Marks notification `number` read, or every one (null). */
  readNotifications: (number: number | null, idempotencyKey: string) => post<SubscriberView>(`${base}/notifications/read`, { number }, idempotencyKey),
  search: (query: { q: string; space?: string; page: number; pageSize: number }) => get<Page<SearchHit>>(`${base}/search`, query),
};
