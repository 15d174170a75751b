/** What a limiter decided about one question. */
export type LimitVerdict =
  /** Within the limit: answer it. */
  | "allowed"
  /** Over the limit: refuse it and say why. */
  | "refused"
  /** Over the limit, and the user was told moments ago: refuse it without another notice. */
  | "refused-quietly";

/**
 * A per-user question limit. Kept this small so that a shared store (Redis, when several replicas answer) can
 * stand in for the in-memory one without touching the adapters.
 */
export interface QuestionLimiter {
  /** Counts one question from `key` (a user id) and says whether to answer it. */
  take(key: string): Promise<LimitVerdict>;
}

/** Options of `createMemoryLimiter`. */
export interface MemoryLimiterOptions {
  /** Questions one user may ask per window. */
  limit: number;
  /** The window, in milliseconds. Default 60 000. */
  windowMs?: number;
  /**
   * The shortest time between two refusal notices to one user, in milliseconds. Default 5 000: every refused
   * question is told why, yet a user who keeps sending cannot make the bot flood a group.
   */
  noticeIntervalMs?: number;
  /** The clock; tests pass their own. Default `Date.now`. */
  now?: () => number;
}

const defaultOptions = { windowMs: 60_000, noticeIntervalMs: 5_000, now: Date.now };

/** The most users remembered at once; forgetting one early only lets them ask a little more. */
const MAX_USERS = 10_000;

/** A sliding-window `QuestionLimiter` held in this process. */
export function createMemoryLimiter(options: MemoryLimiterOptions): QuestionLimiter {
  const { limit, windowMs, noticeIntervalMs, now } = { ...defaultOptions, ...options };
  const asked = new Map<string, number[]>();
  const noticedAt = new Map<string, number>();
  return {
    async take(key) {
      const at = now();
      const recent = (asked.get(key) ?? []).filter((time) => at - time < windowMs);
      if (recent.length < limit) {
        if (asked.size >= MAX_USERS && !asked.has(key)) asked.clear();
        recent.push(at);
        asked.set(key, recent);
        return "allowed";
      }
      asked.set(key, recent);
      const last = noticedAt.get(key);
      if (last !== undefined && at - last < noticeIntervalMs) return "refused-quietly";
      if (noticedAt.size >= MAX_USERS) noticedAt.clear();
      noticedAt.set(key, at);
      return "refused";
    },
  };
}
