/**
 * What every part of citebot logs through: the few calls it makes, so that the core depends on no logging
 * library. `src/logger.ts` makes the real one (pino's, which satisfies this interface).
 */

/** One log method: structured fields first, then a message; or a message alone. */
export interface LogFn {
  (fields: object, message?: string): void;
  (message: string): void;
}

/** A logger at the levels citebot uses, and children that add fields (e.g. `{ adapter: "discord" }`) to every line. */
export interface Logger {
  fatal: LogFn;
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  child(fields: Record<string, unknown>): Logger;
}
