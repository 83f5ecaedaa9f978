import type { components } from './generated/okr';
import { get, post, segment, type Page } from './http';

// OKR's answers as its OpenAPI document says them (openapi/okr.json → generated/okr.ts: npm run api-types).
type Schemas = components['schemas'];

/** A key result's line on the board; progress and score are 0–1. */
export type KeyResultLine = Schemas['KeyResultLine'];
/** An objective's line; `context` is shown for where it sits in the tree, not asked for (and not scored here). */
export type ObjectiveLine = Schemas['ObjectiveLine'];
export type OkrBoard = Schemas['OkrBoardView'];
export type FillRate = Schemas['FillRateView'];
export type CheckIn = Schemas['CheckInRequest'];

/** Someone on the roster. */
export type Person = Schemas['PersonView'];
export type OwnerKind = Schemas['OwnerKind'];
export type NewObjective = Schemas['SetObjectiveRequest'];
export type NewKeyResult = Schemas['DefineKeyResultRequest'];
export type Scoring = Schemas['ScoreRequest'];

const base = '/api/okr';

export const okr = {
  board: (period: string, filter: { team?: string; person?: string } = {}) => get<OkrBoard>(`${base}/board`, { period, ...filter }),
  people: (query: { search?: string; team?: string; region?: string; page?: number; pageSize?: number } = { pageSize: 500 }) =>
    get<Page<Person>>(`${base}/people`, query),
  setObjective: (objective: NewObjective, idempotencyKey: string) => post<{ id: string }>(`${base}/objectives`, objective, idempotencyKey),
  defineKeyResult: (objectiveId: string, keyResult: NewKeyResult, idempotencyKey: string) =>
    post<{ id: string }>(`${base}/objectives/${segment(objectiveId)}/key-results`, keyResult, idempotencyKey),
  align: (objectiveId: string, parentId: Schemas['AlignObjectiveRequest']['parentId'], idempotencyKey: string) =>
    post<unknown>(`${base}/objectives/${segment(objectiveId)}/alignment`, { parentId }, idempotencyKey),
  score: (keyResultId: string, scoring: Scoring, idempotencyKey: string) =>
    post<unknown>(`${base}/key-results/${segment(keyResultId)}/scoring`, scoring, idempotencyKey),
  fillRate: (period: string) => get<FillRate>(`${base}/fill-rate`, { period }),
  checkIn: (keyResultId: string, checkIn: CheckIn, idempotencyKey: string) =>
    post<unknown>(`${base}/key-results/${segment(keyResultId)}/check-ins`, checkIn, idempotencyKey),
};
