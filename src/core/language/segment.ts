import path from "node:path";
import nodejieba from "nodejieba";

/**
 * Word segmentation: the only module that imports nodejieba.
 * nodejieba keeps one dictionary per process, so the first user dictionary loaded is the one in effect;
 * loading another one later would silently change how existing indexes were built, so it is refused.
 */
let loadedUserDict: string | undefined;

/**
 * jieba also loads an IDF table and stop words for keyword extraction, which citebot never asks for: 20 MB of
 * the process's memory for the 6 MB table. This one-line file (the least jieba accepts) stands in for both.
 */
const UNUSED_TABLES = path.join(import.meta.dirname, "unused-keyword-tables.utf8");

/** Loads jieba's dictionaries with the user dictionary at `userDictPath` (once per process). */
export function loadSegmenter(userDictPath: string): void {
  if (loadedUserDict === userDictPath) return;
  if (loadedUserDict !== undefined) {
    throw new Error(`segment: jieba already uses ${loadedUserDict}; cannot switch to ${userDictPath}`);
  }
  nodejieba.load({ userDict: userDictPath, idfDict: UNUSED_TABLES, stopWordDict: UNUSED_TABLES });
  loadedUserDict = userDictPath;
}

/** Splits normalised text into words, with the finer sub-words of long words too (jieba's search mode). */
export function segment(text: string): string[] {
  assertLoaded();
  return nodejieba.cutForSearch(text, true);
}

/** Splits normalised text into words that do not overlap: joined, they give the text back. */
export function cut(text: string): string[] {
  assertLoaded();
  return nodejieba.cut(text, true);
}

function assertLoaded(): void {
  if (loadedUserDict === undefined) throw new Error("segment: call loadSegmenter(userDictPath) first");
}

/** Words with jieba's part-of-speech tags (`nr` person, `ns` place, `nt` organisation, `t` time, `m` numeral). */
export function tag(text: string): Array<{ word: string; tag: string }> {
  assertLoaded();
  return nodejieba.tag(text);
}

/** The text cut into the words of jieba's dictionaries only, with no guessing at words they lack (no HMM). */
export function cutKnown(text: string): string[] {
  assertLoaded();
  return nodejieba.cut(text, false);
}
