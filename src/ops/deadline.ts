/**
 * How long `/healthz` and `/metrics` wait for what they report on (the index's size, the Discord shards' metrics)
 * before answering without it. Under the 1 s that probes and scrapers commonly wait (Kubernetes' default probe
 * timeout), with room for the rest of the request: the port answers in time whatever its dependencies do.
 */
export const OPS_WAIT_MS = 500;

/** Thrown by {@link withinDeadline} when the deadline passes first. */
export class DeadlineError extends Error {
  override name = "DeadlineError";
}

/**
 * `promise`, or a `DeadlineError` naming `what` once `ms` have passed. The work behind `promise` is not
 * cancelled: only the wait for it ends.
 */
export async function withinDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
