import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionKeys } from './idempotency';

vi.mock('../auth/auth', () => ({ accessToken: async () => 'token', signIn: async () => undefined }));

describe('ActionKeys', () => {
  it('keeps the key while the same request is sent again, and makes a new one for another request or after an answer', () => {
    let made = 0;
    const keys = new ActionKeys(() => `key-${++made}`);
    const form = { customer: 'Baotou Steel', lines: [{ model: 'MT-90E', quantity: 2 }] };

    expect(keys.keyFor(form)).toBe('key-1');
    expect(keys.keyFor({ ...form })).toBe('key-1');
    expect(keys.keyFor({ ...form, customer: 'Baowu Steel' })).toBe('key-2');
    keys.answered();
    expect(keys.keyFor({ ...form, customer: 'Baowu Steel' })).toBe('key-3');
  });
});

describe('a write with an idempotency key', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('is sent again with the same key when its answer is lost, and not again once answered', async () => {
    vi.useFakeTimers();
    const sent: (string | undefined)[] = [];
    const answers = [
      () => Promise.reject(new TypeError('network')),
      () => Promise.resolve(new Response('{}', { status: 503, headers: { 'Retry-After': '1' } })),
      () => Promise.resolve(new Response('{"type":"https://jingong.dev/problems/idempotency-key-in-use"}', { status: 409, headers: { 'Retry-After': '1' } })),
      () => Promise.resolve(new Response('{"id":"OPP-1"}', { status: 201 })),
    ];
    vi.stubGlobal('fetch', (_path: string, init: RequestInit) => {
      sent.push((init.headers as Record<string, string>)['Idempotency-Key']);
      return answers[sent.length - 1]!();
    });
    const { post } = await import('./http');

    const filing = post<{ id: string }>('/api/orders/opportunities', { customer: 'Baotou Steel' }, 'key-1');
    await vi.runAllTimersAsync();

    await expect(filing).resolves.toEqual({ id: 'OPP-1' });
    expect(sent).toEqual(['key-1', 'key-1', 'key-1', 'key-1']);
  });

  it('is sent once when it is refused', async () => {
    const sent: string[] = [];
    vi.stubGlobal('fetch', () => {
      sent.push('sent');
      return Promise.resolve(new Response('{"title":"Invalid"}', { status: 400 }));
    });
    const { post } = await import('./http');

    await expect(post('/api/orders/opportunities', {}, 'key-2')).rejects.toMatchObject({ status: 400 });
    expect(sent).toHaveLength(1);
  });
});
