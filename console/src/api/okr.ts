import { get, post, segment } from './http';

// Shapes of OKR's answers (services/Okr/JinGong.Okr/Board/OkrBoard.cs, FillRate/FillRateEndpoint.cs).

export interface KeyResultLine {
  id: string;
  title: string;
  binding: { metric: string; filter: Record<string, string | null> } | null;
  unit: string;
  start: number;
  target: number;
  value: number;
  /** 0–1 */
  progress: number;
  /** 0–1 */
  score: number;
  weight: number;
  confidence: number | null;
  lastCheckInAt: string | null;
  lastNote: string | null;
  frozen: boolean;
  scoreReason: string | null;
  stale: boolean;
}

export interface ObjectiveLine {
  id: string;
  title: string;
  period: string;
  owner: { kind: 'Person' | 'Team'; id: string; name: string | null; team: string | null };
  weight: number;
  score: number | null;
  /** Shown for where it sits in the tree, not asked for (and not scored here). */
  context: boolean;
  keyResults: KeyResultLine[];
  children: ObjectiveLine[];
}

export interface OkrBoard {
  period: string;
  objectives: number;
  keyResults: number;
  staleKeyResults: number;
  roots: ObjectiveLine[];
}

export interface FillRate {
  period: string;
  people: number;
  filled: number;
  rate: number | null;
  teams: { team: string; people: number; filled: number; rate: number | null; missing: { id: string; name: string }[] }[];
}

const base = '/api/okr';

export const okr = {
  board: (period: string) => get<OkrBoard>(`${base}/board`, { period }),
  fillRate: (period: string) => get<FillRate>(`${base}/fill-rate`, { period }),
  checkIn: (keyResultId: string, checkIn: { value: number | null; confidence: number | null; note: string | null }, idempotencyKey: string) =>
    post<unknown>(`${base}/key-results/${segment(keyResultId)}/check-ins`, checkIn, idempotencyKey),
};
