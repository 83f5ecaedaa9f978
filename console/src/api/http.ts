import { accessToken, signIn } from '../auth/auth';
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

/**
 * Calls the gateway (same origin) with the signed-in user's token. A 401 means the session is gone: sign in again,
 * coming back to this page.
 */
export async function request<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const token = await accessToken();
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (init.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }

  let response: Response;
  try {
    response = await fetch(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  } catch (error) {
    throw new ApiError(0, { title: 'The gateway does not answer', detail: String(error) });
  }

  if (response.status === 401) {
    await signIn();
  }
  const body = await readJson(response);
  if (!response.ok) {
    const problem = typeof body === 'object' && body !== null ? (body as ProblemDetails) : {};
    throw new ApiError(response.status, { status: response.status, title: problem.title ?? response.statusText, ...problem });
  }
  return body as T;
}

export const get = <T>(path: string, query?: Query) => request<T>(withQuery(path, query));

export const post = <T>(path: string, body: unknown) => request<T>(path, { method: 'POST', body });

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
