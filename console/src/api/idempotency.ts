/**
 * One `Idempotency-Key` per user action: the same action sent again (the user presses the button once more after an
 * answer that never came) keeps its key, so the API does it once and answers it again; a changed form is a new action.
 */
export class ActionKeys {
  private current?: { key: string; request: string };

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  /** The key for sending `request`: the last one while the request is the same and not done, a new one otherwise. */
  keyFor(request: unknown): string {
    const text = JSON.stringify(request);
    if (this.current?.request !== text) {
      this.current = { key: this.newKey(), request: text };
    }
    return this.current.key;
  }

  /** The action got its answer (done or refused for good): the next one is new. */
  answered(): void {
    this.current = undefined;
  }
}
