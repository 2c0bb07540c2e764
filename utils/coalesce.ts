/**
 * "Run again if something arrived meanwhile": the returned function starts
 * `work` when idle; called while `work` runs, it asks for one more run after
 * this one (however many calls came) and returns the same promise, which
 * settles when no run is left. A run that throws ends the series (the next
 * call starts a new one).
 */
export function coalesce(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await work();
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
}
