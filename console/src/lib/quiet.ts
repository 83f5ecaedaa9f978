/**
 * When the console's calls to the API have died down: each call is counted from `begin` to `end`, and `settled()`
 * resolves once none has been under way for `settle` ms. What can wait (the unread count in the navigation) waits for
 * it, so that it never competes with what a page shows first. The pause covers the moment between one read's answer
 * and the read it leads to (a page, then its space's tree).
 */
export class Quiet {
  private running = 0;
  private waiting: (() => void)[] = [];
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly settle: number) {}

  begin(): void {
    this.running++;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  end(): void {
    this.running = Math.max(0, this.running - 1);
    this.arm();
  }

  settled(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.arm();
    });
  }

  private arm(): void {
    if (this.running > 0 || this.waiting.length === 0) {
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const waiting = this.waiting;
      this.waiting = [];
      this.timer = undefined;
      waiting.forEach((resolve) => resolve());
    }, this.settle);
  }
}
