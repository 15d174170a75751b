import { createHash } from "node:crypto";
import type { QuoteLocation } from "../types.ts";

/**
 * The ref of a quote: `<file hash><text hash>.<paragraph>.<start>.<end>`, numbers in base 36 (see `Quote.ref`).
 * 8 hex digits of the file name's SHA-256 find the article again; 6 of the quoted text's tell whether the quote
 * still stands at those offsets, so a ref outlives restarts and edits elsewhere in the file, and no more.
 */
export function encodeRef(at: QuoteLocation, text: string): string {
  const numbers = [at.paragraph, at.start, at.end].map((n) => n.toString(36));
  return [`${digest(at.file, 8)}${digest(text, 6)}`, ...numbers].join(".");
}

/** What a ref says: which file (by hash), which text (by hash), where. */
export interface DecodedRef {
  fileHash: string;
  textHash: string;
  paragraph: number;
  start: number;
  end: number;
}

/** Reads a ref written by `encodeRef`; undefined for anything else. */
export function decodeRef(ref: string): DecodedRef | undefined {
  const match = /^([0-9a-f]{8})([0-9a-f]{6})\.([0-9a-z]{1,6})\.([0-9a-z]{1,6})\.([0-9a-z]{1,6})$/.exec(ref);
  if (!match) return undefined;
  const [paragraph = 0, start = 0, end = 0] = [match[3], match[4], match[5]].map((n) =>
    Number.parseInt(n ?? "", 36),
  );
  if (end <= start) return undefined;
  return { fileHash: match[1] ?? "", textHash: match[2] ?? "", paragraph, start, end };
}

/** True when a ref names this file. */
export function refNamesFile(ref: DecodedRef, file: string): boolean {
  return digest(file, 8) === ref.fileHash;
}

/** True when `text` is the text a ref was made for. */
export function refMatchesText(ref: DecodedRef, text: string): boolean {
  return digest(text, 6) === ref.textHash;
}

function digest(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}
