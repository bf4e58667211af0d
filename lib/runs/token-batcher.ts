/**
 * Collects streamed text and hands it on in small batches (every `intervalMs`, or sooner past `maxChars`), so that
 * storage sees a few writes a second per step while viewers still see the code appear as it is written.
 * Writes never overlap and keep their order.
 */
export class TokenBatcher {
  private buffer = "";
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (text: string) => Promise<void>,
    private readonly intervalMs = 40,
    private readonly maxChars = 2000,
  ) {}

  push(text: string) {
    this.buffer += text;
    if (this.buffer.length >= this.maxChars) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const text = this.buffer;
    this.buffer = "";
    // A failed write must not surface as an unhandled rejection from a timer: keep it for the final flush.
    if (text) this.chain = this.chain.then(() => this.write(text)).catch((err) => void (this.failure ??= err));
    return this.chain.then(() => {
      if (this.failure) throw this.failure;
    });
  }

  stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
