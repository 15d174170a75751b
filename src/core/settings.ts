import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ConfigError } from "./errors.ts";
import { SemanticSettingsSchema } from "./semantic/settings.ts";

/**
 * The search settings, each with its default: the one source of truth for them, one `.default(value)` per
 * setting (an object of settings is `.prefault({})`, so that each of its fields takes its own default).
 * `config/search.json` ships these same values so that a user sees every setting there: a test fails unless it
 * lists every setting at exactly its default and nothing else. A field left out of it takes its default here.
 */
const SettingsSchema = z.object({
  /** Longest passage the index stores, in characters; also the longest quote. */
  passageMaxLength: z.number().int().min(50).max(300).default(300),
  /** Passages overlap by half, so that every sentence also stands mid-passage (about twice the passages). */
  overlap: z.boolean().default(true),
  /** Weight of the jieba word field. */
  wordBoost: z.number().positive().default(1),
  /** Weight of the character-bigram field, which finds words the dictionary lacks. */
  bigramBoost: z.number().positive().default(0.5),
  /** MiniSearch's BM25 parameters. */
  bm25: z
    .object({
      k: z.number().positive().default(1.2),
      b: z.number().min(0).max(1).default(0.7),
      d: z.number().min(0).default(0.5),
    })
    .prefault({}),
  /** Terms found in more than this share of passages are not looked up in the index (only used to re-rank). */
  commonTermShare: z.number().min(0).max(1).default(0.02),
  /**
   * A term in at most this many passages is looked up whatever its share (within `lookupBudget`): on a small
   * corpus 2% is a handful of passages (6 of xquad-dev's 319), which left out words that pick the right passage,
   * while the cost of a term is its passages, not its share. At 2,500 passages and more, the share decides.
   */
  cheapTermPassages: z.number().int().min(0).default(50),
  /**
   * How many passages a question's terms may make the index score, per field: terms are looked up rarest first
   * until the next would pass this (the rarest whatever its count; see `termsToLookUp`). Bounds a
   * question's cost on a large corpus; the terms left out still count when re-ranking.
   */
  lookupBudget: z.number().int().min(1).default(1500),
  /** How many passages from the index are re-ranked for each question. */
  candidates: z.number().int().min(1).max(500).default(15),
  /** Weights of the re-ranking features (see `rank` in src/core/answer/rank.ts). */
  weights: z
    .object({
      bm25: z.number().min(0).default(0.25),
      passage: z.number().min(0).default(0.3),
      sentence: z.number().min(0).default(0.4),
      kind: z.number().min(0).default(0.05),
      recency: z.number().min(0).default(0.1),
      title: z.number().min(0).default(0.2),
      characters: z.number().min(0).default(0.2),
      phrase: z.number().min(0).default(0.3),
    })
    .prefault({}),
  /** Quote the sentences that carry the answer (`sentences`) or the whole passage (`passage`). */
  quote: z.enum(["sentences", "passage"]).default("passage"),
  /** With `quote: sentences`, neighbouring sentences are added until a quote is at least this long. */
  quoteMinLength: z.number().int().min(0).max(300).default(0),
  /** Below this confidence (0–1) the bot abstains rather than quote something irrelevant. */
  minConfidence: z.number().min(0).max(1).default(0.25),
  /**
   * The same for questions asked mostly in English: their terms are dictionary translations, which match more
   * loosely, so they have their own threshold (calibrated with `npm run calibrate`).
   */
  minConfidenceEnglish: z.number().min(0).max(1).default(0.425),
  /**
   * An English question's quote must also say this much, in nats of general-Chinese specificity (see
   * `informationIn` in src/core/answer/rank.ts): dictionary translations include common words, one of which
   * matches some sentence of almost any corpus (calibrated with `npm run calibrate -- --english`).
   */
  minInformationEnglish: z.number().min(0).default(18),
  /**
   * The confidence an English question needs where the corpus writes every one of its terms (a translation of
   * each English word, each name): then its words are the corpus's own and a passage missing some of them is
   * still about them; a question asked off the corpus's subject has words it never writes (calibrated with
   * `npm run calibrate -- --english --written`).
   */
  minConfidenceEnglishWritten: z.number().min(0).max(1).default(0.3),
  /**
   * Of an English term's translations, the most that count (see `usedWords` in src/core/index/lookup.ts): more
   * would let a stray sense match anything.
   */
  maxAlternatives: z.number().int().min(1).default(4),
  /**
   * How many of the best passages have their sentences tested for an answer of the type asked (see `rank`): a page
   * of three quotes, the one more that says there is more, and two to spare for quotes folded or overlapping.
   */
  evidenceTested: z.number().int().min(0).default(6),
  /**
   * How far apart, in pinyin letters (0–1), two transliterations of a name may sound and be one name (lu-bi-ou and
   * lu-bi-ao; see `createNameMatcher` in src/core/language/transliterate.ts).
   */
  maxSoundDistance: z.number().min(0).max(1).default(0.34),
  /** Articles further apart than this many days report different events, however alike their sentences. */
  sameEventDays: z.number().int().min(0).default(3),
  /** The opt-in semantic re-ranking's fusion weights and limits (see src/core/semantic/settings.ts). */
  semantic: SemanticSettingsSchema.prefault({}),
});

/** Search settings from `config/search.json`; every field optional there, defaults here. */
export type SearchSettings = z.infer<typeof SettingsSchema>;

/** Every setting at its default. */
export function defaultSearchSettings(): SearchSettings {
  return SettingsSchema.parse({});
}

/** The defaults, for functions whose callers may leave a tuned setting out (tests, benchmarks). */
export const SEARCH_DEFAULTS: Readonly<SearchSettings> = Object.freeze(defaultSearchSettings());

/** Reads and validates a JSON file from the config directory, naming the file in any error. */
export function readConfigJson<T>(configDir: string, name: string, schema: z.ZodType<T>): T {
  const file = path.join(configDir, name);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`${file}: cannot read it as JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`).join("; ");
    throw new ConfigError(`${file}: ${issues}`);
  }
  return parsed.data;
}

/** Loads `search.json` from the config directory. */
export function loadSearchSettings(configDir: string): SearchSettings {
  return readConfigJson(configDir, "search.json", SettingsSchema);
}
