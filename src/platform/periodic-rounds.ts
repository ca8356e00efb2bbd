/**
 * A background job done in rounds: rounds run one after another in this process (a round asked
 * for while another runs waits for it), and the timer skips a tick while one is still busy.
 */
export interface PeriodicRounds<T> {
  /** One round, after the ones already asked for. */
  runRound(): Promise<T>;
  /** A round, waited for at most `maxWaitMs` and never failing. */
  settle(maxWaitMs: number): Promise<void>;
  start(intervalMs?: number): void;
  /** Stops the timer and waits for the round under way. */
  stop(): Promise<void>;
}

export function periodicRounds<T>(
  run: () => Promise<T>,
  options: { intervalMs: number; log: { warn(details: object, message: string): void }; failure: string },
): PeriodicRounds<T> {
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let busy = false;
  const runRound = () => {
    const round = chain.then(run);
    chain = round.catch(() => undefined);
    return round;
  };
  return {
    runRound,
    async settle(maxWaitMs) {
      let timeout: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => {
        timeout = setTimeout(resolve, maxWaitMs);
      });
      await Promise.race([runRound().then(() => undefined, () => undefined), waited]);
      clearTimeout(timeout);
    },
    start(intervalMs = options.intervalMs) {
      if (timer) return;
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        runRound()
          .catch((error: Error) => options.log.warn({ error: error.message }, options.failure))
          .finally(() => {
            busy = false;
          });
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await chain;
    },
  };
}
