/** Placeholder until the run worker lands (issue 4): nothing to process yet. */
export async function startWorker(): Promise<{ stop(): Promise<void> }> {
  return { stop: async () => {} };
}
