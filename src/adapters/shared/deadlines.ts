/**
 * Start-up and shutdown timing both bots share. discord.js retries an unreachable gateway for ever, and
 * grammY's auto-retry repeats a request that meets a network error for ever, so without a deadline a bot whose
 * platform is out of reach would hang silently at start-up.
 */

/** How long a bot's start-up may wait for its platform before it gives up with a `ConfigError`. */
export const START_TIMEOUT_MS = 30_000;

/**
 * How long a bot's shutdown may take, from the signal until its in-flight work is finished or left for the next
 * start. Docker and Compose send SIGKILL 10 s after SIGTERM (Kubernetes 30 s, systemd 90 s); 6 s leaves room
 * for closing the index and for the process's own exit grace within Docker's 10.
 */
export const STOP_BUDGET_MS = 6_000;

/** One start-up's deadline and off switch. */
export interface StartUp {
  /** Aborted by `cancel()` or when the deadline passes; give it to every call start-up makes. */
  signal: AbortSignal;
  /** True once `cancel()` cut start-up short (the bot is stopping), as opposed to the deadline. */
  readonly cancelled: boolean;
  /** True once the deadline passed. */
  readonly timedOut: boolean;
  cancel(): void;
  /** Start-up is over: the deadline no longer applies. */
  finish(): void;
}

/** Starts the clock on a start-up that may take at most `timeoutMs`. */
export function beginStartUp(timeoutMs: number): StartUp {
  // A plain controller and timer: Node 20 can collect an `AbortSignal.any` or `timeout` signal before it fires.
  const controller = new AbortController();
  let cancelled = false;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  return {
    signal: controller.signal,
    get cancelled() {
      return cancelled;
    },
    get timedOut() {
      return timedOut;
    },
    cancel() {
      cancelled = true;
      controller.abort();
    },
    finish: () => clearTimeout(timer),
  };
}

/** Resolves when `promise` (which must not reject) settles or `ms` pass; true if it settled in time. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const result = await Promise.race([promise.then(() => true), timeout]);
  clearTimeout(timer);
  return result;
}
