import { pino } from "pino";
import type { Logger } from "./core/logger.ts";

/** Where log lines go; stderr unless told otherwise (tests keep them in memory). */
export interface LogStream {
  write(line: string): void;
}

/**
 * Creates the process logger: JSON lines on stderr (stdout belongs to the console chat and the CLI).
 * Every line it writes has the given secrets replaced by `[secret]`, wherever they appear: a token can
 * hide inside a URL in an error message, so redacting fixed keys is not enough.
 */
export function createLogger(options: {
  level: string;
  secrets?: readonly string[];
  stream?: LogStream;
}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 6);
  const destination = options.stream ?? pino.destination({ fd: 2, sync: true });
  const scrub = (line: string) => secrets.reduce((text, secret) => text.replaceAll(secret, "[secret]"), line);
  const stream =
    secrets.length === 0 ? destination : { write: (line: string) => destination.write(scrub(line)) };
  return pino({ level: options.level, base: undefined }, stream);
}
