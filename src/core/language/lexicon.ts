import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ConfigError } from "../errors.ts";
import { readConfigJson } from "../settings.ts";
import type { EnglishLexicon, NameCharacters } from "./cedict.ts";
import { type DerivedCedict, shippedCedict } from "./cedict-cache.ts";
import { normalize } from "./normalize.ts";
import { type RelatedWords, shippedWordNet } from "./wordnet.ts";

/** The editable word lists in `config/`, read once and normalised. */
export interface Lexicon {
  /** jieba user dictionary (names and places of this news domain). */
  userDictPath: string;
  /** Words that carry no topic: question words, glue words (Chinese and English). */
  stopWords: ReadonlySet<string>;
  /** Verbs that introduce what someone said or thinks (表示, 指出, 写道): evidence for "说了什么" questions. */
  sayingVerbs: ReadonlySet<string>;
  /** Variant spelling → the form the index keeps (川普 → 特朗普). */
  aliases: ReadonlyMap<string, string>;
  /** Canonical form → every spelling of it, canonical first (for highlighting a variant in a quote). */
  spellings: ReadonlyMap<string, readonly string[]>;
  /** English word or phrase → Chinese terms. */
  glossary: ReadonlyMap<string, readonly string[]>;
  /** The most words in one glossary phrase, to bound the longest-match scan. */
  longestGlossaryPhrase: number;
  /** English word or phrase → CC-CEDICT's Chinese headwords, best first (the glossary wins over it). */
  english: EnglishLexicon;
  /** English word or phrase → related English words (WordNet): their headwords are the next alternatives. */
  related: RelatedWords;
  /** How much a Chinese word says in general Chinese, in nats (see `specificityOf`); known for CEDICT's headwords. */
  specificity: (word: string) => number;
  /** CC-CEDICT's characters of transliterated foreign names, to find names it lacks in the corpus. */
  names: NameCharacters;
}

/**
 * The files a lexicon is read from that change the saved index, for fingerprinting it (`saying-verbs.txt` is
 * read for questions only).
 */
export const LEXICON_FILES = ["userdict.txt", "stopwords.txt", "aliases.json", "glossary.json"] as const;

const AliasesSchema = z.object({ groups: z.array(z.array(z.string().min(1)).min(2)) });
const GlossarySchema = z.object({ terms: z.record(z.string(), z.string()) });

/**
 * Reads the lexicon from a config directory, with what CC-CEDICT gives (by default parsed in this process; `createQa`
 * passes the one cached in its cache directory). A missing or malformed file is a `ConfigError` naming it.
 */
export function loadLexicon(configDir: string, cedict: DerivedCedict = shippedCedict()): Lexicon {
  const userDictPath = path.join(configDir, "userdict.txt");
  const stopWords = new Set(readWords(path.join(configDir, "stopwords.txt")));
  const sayingVerbs = new Set(readWords(path.join(configDir, "saying-verbs.txt")));
  const aliases = new Map<string, string>();
  const spellings = new Map<string, string[]>();
  for (const group of readConfigJson(configDir, "aliases.json", AliasesSchema).groups) {
    const [canonical, ...variants] = group.map((g) => normalize(g));
    if (canonical === undefined) continue;
    for (const variant of variants) aliases.set(variant, canonical);
    spellings.set(canonical, [canonical, ...variants]);
  }
  const glossary = new Map<string, string[]>();
  let longestGlossaryPhrase = 1;
  for (const [english, chinese] of Object.entries(
    readConfigJson(configDir, "glossary.json", GlossarySchema).terms,
  )) {
    const key = english.toLowerCase().trim().split(/\s+/).join(" ");
    glossary.set(key, normalize(chinese).split(/\s+/).filter(Boolean));
    longestGlossaryPhrase = Math.max(longestGlossaryPhrase, key.split(" ").length);
  }
  readWords(userDictPath); // fail now, naming the file, rather than inside nodejieba
  return {
    userDictPath,
    stopWords,
    sayingVerbs,
    aliases,
    spellings,
    glossary,
    longestGlossaryPhrase,
    english: cedict.english,
    related: shippedWordNet(),
    specificity: (word) => cedict.specificity.nats.get(word) ?? cedict.specificity.rarest,
    names: cedict.names,
  };
}

/** Words of a list file: white-space separated, `#` starts a comment. */
function readWords(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  return text
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .flatMap((line) => line.split(/\s+/))
    .filter(Boolean)
    .map(normalize);
}
