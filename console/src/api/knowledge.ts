import type { components } from './generated/knowledge';
import { command, get, getVersioned, post, segment, withQuery, type Page, type Write } from './http';

// Knowledge's answers as its OpenAPI document says them (openapi/knowledge.json → generated/knowledge.ts: npm run api-types).
type Schemas = components['schemas'];

export const spaceKinds = ['Rules', 'ProductMaterials', 'MarketingToolkit', 'IndustryNews', 'Solutions', 'Deals'] as const satisfies readonly Schemas['SpaceKind'][];
export type SpaceKind = Schemas['SpaceKind'];
/** A space [空间] of the knowledge base, with the roles that write its pages. */
export type Space = Schemas['SpaceView'];
export type SpaceTree = Schemas['SpaceTree'];
export type AccessLevel = Schemas['AccessLevel'];

/** The levels of access to a space, each including those below it. */
export const accessLevels = ['None', 'Read', 'Edit', 'Approve', 'Administer'] as const satisfies readonly AccessLevel[];
/** Who a space grants a level to: everyone signed in, a role, a team of OKR's roster, or a region. */
export type GranteeKind = Schemas['GranteeKind'];
export const granteeKinds = ['Everyone', 'Role', 'Team', 'Region'] as const satisfies readonly GranteeKind[];
export type Grant = Schemas['Grant'];

// What a level lets one do, for what a page offers; the API decides all the same.
/** Whether a level in a space lets one write its pages and their drafts. */
export const mayEdit = (access: AccessLevel) => accessLevels.indexOf(access) >= accessLevels.indexOf('Edit');
/** Whether a level in a space lets one approve or return a submitted draft. */
export const mayApprove = (access: AccessLevel) => accessLevels.indexOf(access) >= accessLevels.indexOf('Approve');
/** Whether a level in a space lets one say who may do what in it, and whether its revisions are reviewed. */
export const mayAdminister = (access: AccessLevel) => access === 'Administer';
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
/** A page's text not yet published, its editors': whether it awaits review, and why an approver last sent it back. */
export type Draft = Schemas['Draft'];
export type DraftView = Schemas['DraftView'];
/** The reader's notices of new revisions of what they follow, with how many are unread and what they follow. */
export type NotificationsView = Schemas['NotificationsView'];
/** What the reader follows and how many of their notifications are unread, as a follow or a read answers it. */
export type SubscriberView = Schemas['SubscriberView'];
/** A page whose current revision the reader is asked to confirm reading [阅读确认], and has not. */
export type PendingReading = Schemas['PendingReading'];
/** Of the people in the teams a space asks, who confirmed reading every page's current revision: per team, with who is missing which pages, and per page. */
export type ReadRate = Schemas['ReadRateView'];
/** An application scenario [场景化方案] of a space of solutions: the teams that keep its solution and its working conditions; its stream's version is its ETag. */
export type Scenario = Schemas['ScenarioView'];
/** A working condition [工况] of a scenario, with the models recommended for it. */
export type WorkingCondition = Schemas['WorkingCondition'];
/** A model recommended for a working condition, why, by whom and when. */
export type Recommendation = Schemas['Recommendation'];
export type NewWorkingCondition = Schemas['WorkingConditionRequest'];
export type Climate = Schemas['Climate'];
export const climates = ['Temperate', 'Hot', 'Cold', 'Humid', 'HighAltitude'] as const satisfies readonly Climate[];
/** A working condition's solution as of a moment: its terms, sections, trial figures per model and the scenario's lost opportunities. */
export type Solution = Schemas['SolutionView'];
export type SolutionPart = Schemas['SolutionPart'];
export const solutionParts = ['Technical', 'Brand', 'Marketing'] as const satisfies readonly SolutionPart[];
export type SolutionSection = Schemas['SectionView'];
/** The teams of the roster that keep a scenario's solution, one per part. */
export type SolutionTeams = Schemas['SolutionTeams'];
/** A model's trials [试用] for a working condition, summed, with each loan behind them. */
export type ModelTrials = Schemas['ModelTrials'];
export type TrialLine = Schemas['TrialLine'];
export type LostOpportunity = Schemas['LostOpportunity'];
/**
 * A deal [一篇文档伴随整个流程] by its opportunity: who and what, the orders placed from it, its process document with the
 * proposals sent from it (none: not opened, or in a space the reader may not read), and the timeline of every step.
 */
export type Deal = Schemas['DealView'];
/** A step of a deal, in business time, from the service that told it, with the event and the flow (correlation id) behind it. */
export type DealStep = Schemas['DealStep'];
export type DealDocument = Schemas['DealDocumentView'];
/** A revision of a deal's process document sent to the customer as the proposal, with the text it pins. */
export type Proposal = Schemas['ProposalView'];
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
const scenario = (id: string) => `${base}/scenarios/${segment(id)}`;
const condition = (id: string, conditionId: string) => `${scenario(id)}/conditions/${segment(conditionId)}`;

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
  draft: (id: string) => get<DraftView>(`${page(id)}/draft`),
  saveDraft: (id: string, draft: Schemas['SaveDraftRequest'], write: Write) => command<KnowledgePage>(`${page(id)}/draft`, draft, write),
  // A draft is acted on at the version the editor read, so that a draft saved since is not acted on unseen.
  submitDraft: (id: string, version: number, write: Write) => command<KnowledgePage>(`${page(id)}/draft/submission`, { version }, write),
  approveDraft: (id: string, version: number, write: Write) => command<KnowledgePage>(`${page(id)}/draft/approval`, { version }, write),
  returnDraft: (id: string, version: number, reason: string | null, write: Write) =>
    command<KnowledgePage>(`${page(id)}/draft/return`, { version, reason }, write),
  publishDraft: (id: string, version: number, write: Write) => command<KnowledgePage>(`${page(id)}/draft/publication`, { version }, write),
  discardDraft: (id: string, write: Write) => command<KnowledgePage>(`${page(id)}/draft/discard`, {}, write),
  follow: ({ kind, id }: Followed, idempotencyKey: string) => post<SubscriberView>(`${base}/${kind}s/${segment(id)}/subscription`, {}, idempotencyKey),
  unfollow: ({ kind, id }: Followed, idempotencyKey: string) => post<SubscriberView>(`${base}/${kind}s/${segment(id)}/unsubscription`, {}, idempotencyKey),
  /** The reader's notifications, newest first (only the unread ones: `unread`), with what they follow. */
  notifications: (unread = false) => get<NotificationsView>(`${base}/notifications`, { unread: unread || undefined }),
  /** Marks notification `number` read, or every one (null). */
  readNotifications: (number: number | null, idempotencyKey: string) => post<SubscriberView>(`${base}/notifications/read`, { number }, idempotencyKey),
  changeAccess: (spaceId: string, grant: Schemas['ChangeSpaceAccessRequest'], write: Write) =>
    command<Space>(`${base}/spaces/${segment(spaceId)}/access`, grant, write),
  requireReview: (spaceId: string, required: boolean, write: Write) => command<Space>(`${base}/spaces/${segment(spaceId)}/review`, { required }, write),
  pendingReadings: () => get<PendingReading[]>(`${base}/read-confirmations/pending`),
  /** Confirms having read `revision` of the page: the one readers see now. */
  confirmReading: (id: string, revision: number, idempotencyKey: string) =>
    post<Schemas['ReadingRecordView']>(`${page(id)}/read-confirmation`, { revision }, idempotencyKey),
  readRate: (spaceId: string) => get<ReadRate>(`${base}/spaces/${segment(spaceId)}/read-rate`),
  /** Asks everyone of `teams` to confirm reading each page's current revision (none: nobody). */
  requireReadConfirmation: (spaceId: string, teams: string[], write: Write) =>
    command<Space>(`${base}/spaces/${segment(spaceId)}/read-confirmation`, { teams }, write),
  scenarios: (query: { spaceId?: string; page: number; pageSize: number }) => get<Page<Scenario>>(`${base}/scenarios`, query),
  scenario: (id: string) => getVersioned<Scenario>(scenario(id)),
  addCondition: (id: string, terms: NewWorkingCondition, write: Write) => command<Scenario>(`${scenario(id)}/conditions`, terms, write),
  recommend: (id: string, conditionId: string, recommendation: Schemas['RecommendModelRequest'], write: Write) =>
    command<Scenario>(`${condition(id, conditionId)}/recommendations`, recommendation, write),
  withdrawRecommendation: (id: string, conditionId: string, model: string, reason: string | null, write: Write) =>
    command<Scenario>(`${condition(id, conditionId)}/recommendations/${segment(model)}/withdrawal`, { reason }, write),
  /** The solution now, or as of a day (the end of it, China time) or an instant. */
  solution: (id: string, conditionId: string, asOf?: string) => get<Solution>(`${condition(id, conditionId)}/solution`, { asOf }),
  /** A section's first text: its page, which is then revised like any page. */
  writeSection: (id: string, conditionId: string, part: SolutionPart, text: Schemas['WriteSectionRequest'], idempotencyKey: string) =>
    post<KnowledgePage>(`${condition(id, conditionId)}/sections/${part}`, text, idempotencyKey),
  /** A deal by its opportunity's id, or by the id of an order placed from it. */
  deal: (id: string) => get<Deal>(`${base}/deals/${segment(id)}`),
  /** Opens the opportunity's process document in the space of deals of its region (title and text: the API's defaults). */
  openDealDocument: (opportunityId: string, text: Schemas['OpenDealDocumentRequest'], idempotencyKey: string) =>
    post<KnowledgePage>(`${base}/deals/${segment(opportunityId)}/document`, text, idempotencyKey),
  /** Records that a revision of a deal's process document was sent to `recipient` as the proposal, pinning its text. */
  sendProposal: (id: string, proposal: Schemas['SendProposalRequest'], write: Write) => command<KnowledgePage>(`${page(id)}/proposals`, proposal, write),
  search: (query: { q: string; space?: string; page: number; pageSize: number }) => get<Page<SearchHit>>(`${base}/search`, query),
};
