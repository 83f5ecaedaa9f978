import { get, post, segment, type Page } from './http';

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

/** Someone on the roster (services/Okr/JinGong.Okr/Roster/Person.cs PersonView). */
export interface Person {
  id: string;
  name: string;
  team: string;
  region: string;
  manager: string | null;
}

export interface NewObjective {
  title: string | null;
  period: string | null;
  ownerKind: string | null;
  owner: string | null;
  parentId: string | null;
  weight: number | null;
}

export interface NewKeyResult {
  title: string | null;
  start: number | null;
  target: number | null;
  unit: string | null;
  weight: number | null;
}

const base = '/api/okr';

export const okr = {
  board: (period: string, filter: { team?: string; person?: string } = {}) => get<OkrBoard>(`${base}/board`, { period, ...filter }),
  people: () => get<Page<Person>>(`${base}/people`, { pageSize: 500 }),
  setObjective: (objective: NewObjective, idempotencyKey: string) => post<{ id: string }>(`${base}/objectives`, objective, idempotencyKey),
  defineKeyResult: (objectiveId: string, keyResult: NewKeyResult, idempotencyKey: string) =>
    post<{ id: string }>(`${base}/objectives/${segment(objectiveId)}/key-results`, keyResult, idempotencyKey),
  align: (objectiveId: string, parentId: string | null, idempotencyKey: string) =>
    post<unknown>(`${base}/objectives/${segment(objectiveId)}/alignment`, { parentId }, idempotencyKey),
  score: (keyResultId: string, scoring: { score: number | null; reason: string | null }, idempotencyKey: string) =>
    post<unknown>(`${base}/key-results/${segment(keyResultId)}/scoring`, scoring, idempotencyKey),
  fillRate: (period: string) => get<FillRate>(`${base}/fill-rate`, { period }),
  checkIn: (keyResultId: string, checkIn: { value: number | null; confidence: number | null; note: string | null }, idempotencyKey: string) =>
    post<unknown>(`${base}/key-results/${segment(keyResultId)}/check-ins`, checkIn, idempotencyKey),
};
