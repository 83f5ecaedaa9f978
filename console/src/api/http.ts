import { accessToken, signIn } from '../auth/auth';
import { Quiet } from '../lib/quiet';
import type { ProblemDetails } from './problem';

/** A call the API refused or could not answer, with the Problem Details it gave (or one made up from the status). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails) {
    super(problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

/** `/api/fleet/inventory` with the query's set values, e.g. `?model=WL-50E&page=2`. */
export function withQuery(path: string, query: Query = {}): string {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      parameters.set(name, String(value));
    }
  }
  const text = parameters.toString();
  return text ? `${path}?${text}` : path;
}

/** A path segment as the API expects it in a route (`/vehicles/{code}`). */
export const segment = (value: string) => encodeURIComponent(value);

/** The language the API answers its Problem Details in (`Accept-Language`): the reader's, as the console shows it. */
let answerLanguage = 'zh-CN';

export function answerIn(language: string) {
  answerLanguage = language;
}

/** Statuses after which a write sent with its idempotency key is sent once more: the answer may simply have been lost. */
const resentAfter = new Set([502, 503, 504]);
const writeAttempts = 4;

/** An answer with the version (ETag) of the record it shows, which a write may send back in `If-Match`. */
export interface Versioned<T> {
  value: T;
  version?: string;
}

/** A write's request: the user action it is (`idempotencyKey`) and, for a record, the version the user saw (`ifMatch`). */
export interface Write {
  idempotencyKey: string;
  ifMatch?: string;
}

/** The ETag of a record at stream version `version` (`"5"`), as its reads send it, for a record read from a list or a tree. */
export const versionTag = (version: number) => `"${version}"`;

const calls = new Quiet(250);

/** Resolves once the page's calls to the API are answered and none has started for a moment: for what can wait. */
export const afterPageReads = () => calls.settled();

export async function request<T>(path: string, init: { method?: string; body?: unknown } & Partial<Write> = {}): Promise<T> {
  return (await exchange<T>(path, init)).value;
}

/**
 * Calls the gateway (same origin) with the signed-in user's token. A 401 means the session is gone: sign in again,
 * coming back to this page. A write with an `Idempotency-Key` whose answer was lost (no answer, 502, 503, 504) or is
 * still being given (409 `idempotency-key-in-use`) is sent again with the same key, a few times: the API does it once
 * whatever the number of sends. A 412 means the record changed since the version sent in `If-Match` was read. Each call
 * is counted while under way, so that what can wait knows when a page's calls are done (`afterPageReads`).
 */
async function exchange<T>(path: string, init: { method?: string; body?: unknown } & Partial<Write>): Promise<Versioned<T>> {
  calls.begin();
  try {
    return await answerOf<T>(path, init);
  } finally {
    calls.end();
  }
}

/** The call itself, sent again as `exchange` says. */
async function answerOf<T>(path: string, init: { method?: string; body?: unknown } & Partial<Write>): Promise<Versioned<T>> {
  const token = await accessToken();
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'Accept-Language': answerLanguage };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (init.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (init.idempotencyKey) {
    headers['Idempotency-Key'] = init.idempotencyKey;
  }
  if (init.ifMatch) {
    headers['If-Match'] = init.ifMatch;
  }

  const attempts = init.idempotencyKey ? writeAttempts : 1;
  let response: Response | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      response = await fetch(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    } catch (error) {
      if (attempt === attempts) {
        throw new ApiError(0, { title: 'The gateway does not answer', detail: String(error) });
      }
      await pause(1);
      continue;
    }
    if (attempt === attempts || !(resentAfter.has(response.status) || (await stillBeingAnswered(response)))) {
      break;
    }
    await pause(Number(response.headers.get('Retry-After')) || 1);
  }

  if (response!.status === 401) {
    await signIn();
  }
  const body = await readJson(response!);
  if (!response!.ok) {
    const problem = typeof body === 'object' && body !== null ? (body as ProblemDetails) : {};
    throw new ApiError(response!.status, { status: response!.status, title: problem.title ?? response!.statusText, ...problem });
  }
  return { value: body as T, version: response!.headers.get('ETag') ?? undefined };
}

/** A 409 `idempotency-key-in-use`: the same action's first send is still being answered; its answer comes with the next. */
async function stillBeingAnswered(response: Response): Promise<boolean> {
  return response.status === 409 && ((await response.clone().text()).includes('idempotency-key-in-use'));
}

const pause = (seconds: number) => new Promise((resolve) => setTimeout(resolve, Math.min(seconds, 5) * 1000));

export const get = <T>(path: string, query?: Query) => request<T>(withQuery(path, query));

/** A record with its version, for pages whose commands send that version back (`If-Match`). */
export const getVersioned = <T>(path: string) => exchange<T>(path, {});

/** A write: `idempotencyKey` names the user action it is (`ActionKeys`), so sending it again does it once. */
export const post = <T>(path: string, body: unknown, idempotencyKey: string) => request<T>(path, { method: 'POST', body, idempotencyKey });

/** A command on a record: answers the record as it now is, with its new version. */
export const command = <T>(path: string, body: unknown, write: Write) => exchange<T>(path, { method: 'POST', body, ...write });

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return { title: response.statusText, detail: text.slice(0, 500) };
  }
}

/** Every list of the API comes a page at a time. */
export interface Page<T> {
  items: T[];
  pageNumber: number;
  pageSize: number;
  total: number;
}

/**
 * The two clocks a figure is asked at: `asOf`, business time (what had happened by then), and `knownAt`, recorded time
 * (what had been recorded by then); either left out is now.
 */
// A type, not an interface: a query's fields are read as an index of strings.
export type Clocks = {
  asOf?: string;
  knownAt?: string;
};
