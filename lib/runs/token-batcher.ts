/**
 * Hands streamed text on to storage with no fixed wait: a token that arrives while no write is in flight is written
 * at once (viewers see it within a round trip), and tokens that arrive during a write are coalesced into the next
 * one. So an idle stream costs one write per token, and a fast one costs about one write per storage round trip.
 * Writes never overlap and keep their order. After a failed write nothing more is written (the text would have a
 * hole); the failure surfaces from `flush()`.
 */
export class TokenBatcher {
  private buffer = "";
  private inFlight: Promise<void> | null = null;
  private failure: unknown = null;
  private stopped = false;
  private holding = false;

  constructor(private readonly write: (text: string) => Promise<void>) {}

  push(text: string) {
    if (this.stopped || this.failure) return;
    this.buffer += text;
    this.pump();
  }

  private pump() {
    if (this.inFlight || !this.buffer || this.stopped || this.failure || this.holding) return;
    const text = this.buffer;
    this.buffer = "";
    // A failed write must not surface as an unhandled rejection from a stream callback: keep it for flush().
    this.inFlight = this.write(text)
      .catch((err: unknown) => void (this.failure ??= err))
      .finally(() => {
        this.inFlight = null;
        this.pump();
      });
  }

  /** Resolves once everything pushed so far is written; rejects with the first write's failure. */
  async flush(): Promise<void> {
    this.pump();
    while (this.inFlight) await this.inFlight;
    if (this.failure) throw this.failure;
  }

  /**
   * Waits for the write in flight, then hands back what is still buffered instead of writing it, so the caller can
   * store it together with other events; rejects with the first write's failure. Nothing more is written after it.
   */
  async drain(): Promise<string> {
    this.holding = true;
    while (this.inFlight) await this.inFlight;
    if (this.failure) throw this.failure;
    const text = this.buffer;
    this.stop();
    return text;
  }

  /** Nothing pushed from now on (or still buffered) is written. */
  stop() {
    this.stopped = true;
    this.buffer = "";
  }
}
