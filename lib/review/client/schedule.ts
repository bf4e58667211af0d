/**
 * Run `fn` once the browser has drawn the next frame: work that can wait (highlighting a file already shown as
 * plain text, updating the address) then does not hold up the answer to a click. Returns a cancel function.
 */
export function afterNextPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
  };
}

/** Run `fn` when the browser is idle (at the latest after `timeoutMs`): for work ahead of need. Returns a cancel function. */
export function whenIdle(fn: () => void, timeoutMs = 2_000): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(fn, { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const timer = setTimeout(fn, 50);
  return () => clearTimeout(timer);
}
