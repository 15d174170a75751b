/**
 * The errors the core throws on purpose. Each is a problem a person can act on, worded for them; anything else
 * thrown is a bug. Adapters and the command-line tools import them from here, never the other way round.
 */

/** A start-up problem a person can fix: which setting or file, what is wrong, what to do. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** A corpus directory that cannot be listed at all: not a per-file problem, a setting to fix. */
export class CorpusError extends Error {
  override name = "CorpusError";
}

/** An article file that cannot be read as an article; the corpus skips it with a warning. */
export class ArticleError extends Error {
  override name = "ArticleError";
}
