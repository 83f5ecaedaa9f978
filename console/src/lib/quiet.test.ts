import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Quiet } from './quiet';

describe('waiting for the calls to die down', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Whether `promise` has resolved by now (its callbacks run as the fake clock's microtasks are flushed). */
  const watch = (promise: Promise<void>) => {
    const state = { done: false };
    void promise.then(() => (state.done = true));
    return state;
  };

  it('settles the pause after the last call ends, not before', async () => {
    const quiet = new Quiet(200);
    quiet.begin();
    const settled = watch(quiet.settled());
    await vi.advanceTimersByTimeAsync(1000);
    expect(settled.done).toBe(false);
    quiet.end();
    await vi.advanceTimersByTimeAsync(199);
    expect(settled.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled.done).toBe(true);
  });

  it('waits again for a call that starts within the pause (a page read leads to the next one)', async () => {
    const quiet = new Quiet(200);
    const settled = watch(quiet.settled());
    await vi.advanceTimersByTimeAsync(100);
    quiet.begin();
    await vi.advanceTimersByTimeAsync(500);
    expect(settled.done).toBe(false);
    quiet.end();
    await vi.advanceTimersByTimeAsync(200);
    expect(settled.done).toBe(true);
  });

  it('settles at once after the pause when nothing is under way, and for every one waiting', async () => {
    const quiet = new Quiet(200);
    const first = watch(quiet.settled());
    const second = watch(quiet.settled());
    await vi.advanceTimersByTimeAsync(200);
    expect([first.done, second.done]).toEqual([true, true]);
  });

  it('counts overlapping calls: settles only when all have ended', async () => {
    const quiet = new Quiet(200);
    quiet.begin();
    quiet.begin();
    const settled = watch(quiet.settled());
    quiet.end();
    await vi.advanceTimersByTimeAsync(1000);
    expect(settled.done).toBe(false);
    quiet.end();
    await vi.advanceTimersByTimeAsync(200);
    expect(settled.done).toBe(true);
  });
});
