import type { LogFn, Logger } from "../../core/logger.ts";

/** One error line the bots logged. */
export interface LoggedError {
  time: string;
  level: "error" | "fatal";
  message: string;
  /** The line's `error` field, if it had one. */
  error?: string;
}

/** The last errors logged, for the console's overview. */
export interface RecentErrors {
  /** `logger`, and each of its children, keeping every `error` and `fatal` line here too. */
  capture(logger: Logger): Logger;
  /** The kept lines, newest first. */
  list(): LoggedError[];
}

/** Keeps the last `size` error lines (default 20) in memory; the log itself is untouched. */
export function createRecentErrors(size = 20): RecentErrors {
  const kept: LoggedError[] = [];
  const keep = (level: LoggedError["level"], fields: object | string, message?: string) => {
    const error = typeof fields === "object" && "error" in fields ? String(fields.error) : undefined;
    const text = typeof fields === "string" ? fields : (message ?? "");
    kept.unshift({ time: new Date().toISOString(), level, message: text, ...(error ? { error } : {}) });
    kept.length = Math.min(kept.length, size);
  };
  const capture = (logger: Logger): Logger => {
    const keeping = (level: LoggedError["level"]): LogFn =>
      ((fields: object | string, message?: string) => {
        keep(level, fields, message);
        if (typeof fields === "string") logger[level](fields);
        else logger[level](fields, message);
      }) as LogFn;
    return {
      fatal: keeping("fatal"),
      error: keeping("error"),
      warn: (fields: object | string, message?: string) =>
        typeof fields === "string" ? logger.warn(fields) : logger.warn(fields, message),
      info: (fields: object | string, message?: string) =>
        typeof fields === "string" ? logger.info(fields) : logger.info(fields, message),
      debug: (fields: object | string, message?: string) =>
        typeof fields === "string" ? logger.debug(fields) : logger.debug(fields, message),
      child: (fields) => capture(logger.child(fields)),
    } as Logger;
  };
  return { capture, list: () => [...kept] };
}
