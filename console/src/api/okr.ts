import type { components } from './generated/okr';
import { get, post, segment } from './http';

// OKR's answers as its OpenAPI document says them (openapi/okr.json → generated/okr.ts: npm run api-types).
type Schemas = components['schemas'];

/** A key result's line on the board; progress and score are 0–1. */
export type KeyResultLine = Schemas['KeyResultLine'];
/** An objective's line; `context` is shown for where it sits in the tree, not asked for (and not scored here). */
export type ObjectiveLine = Schemas['ObjectiveLine'];
export type OkrBoard = Schemas['OkrBoardView'];
export type FillRate = Schemas['FillRateView'];
export type CheckIn = Schemas['CheckInRequest'];

const base = '/api/okr';

export const okr = {
  board: (period: string) => get<OkrBoard>(`${base}/board`, { period }),
  fillRate: (period: string) => get<FillRate>(`${base}/fill-rate`, { period }),
  checkIn: (keyResultId: string, checkIn: CheckIn, idempotencyKey: string) =>
    post<unknown>(`${base}/key-results/${segment(keyResultId)}/check-ins`, checkIn, idempotencyKey),
};
