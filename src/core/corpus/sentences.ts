/**
 * Sentences and passages: what the index stores and what a quote may be cut from.
 * Everything here keeps the article's characters verbatim; it only decides where to cut.
 */

/** Ends a sentence: 。！？!?；; and …, with any closing quotes or brackets that follow. */
const SENTENCE_END = /[。！？!?；;…]+[”」』"'’）)]*|\.(?=\s)/gu;

/** Ends a block that is complete (a paragraph, not a sentence broken across lines). */
const COMPLETE_END = /[。！？!?；;…：:”」』"'’）)\].]$/u;

/** Splits a paragraph into sentences; joined, they give the paragraph back. */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of paragraph.matchAll(SENTENCE_END)) {
    const end = (match.index ?? 0) + match[0].length;
    if (end > start) sentences.push(paragraph.slice(start, end));
    start = end;
  }
  if (start < paragraph.length) sentences.push(paragraph.slice(start));
  return sentences.filter((s) => s.trim() !== "");
}

/** A short block with no sentence end and no comma is a heading or a title, not a broken sentence. */
export function looksLikeHeading(block: string): boolean {
  return !COMPLETE_END.test(block) && block.length <= 40 && !/[，,]/.test(block);
}

/**
 * Rejoins sentences that line breaks cut in two (Xinhua's "标志性的" / "访问，我们…"): a block that does not
 * end like a sentence and is not a heading continues in the next block.
 */
export function rejoinBrokenSentences(blocks: readonly string[]): string[] {
  const out: string[] = [];
  let pending = "";
  for (const block of blocks) {
    const text = pending ? joinText(pending, block) : block;
    if (!COMPLETE_END.test(text) && !looksLikeHeading(text)) {
      pending = text;
      continue;
    }
    out.push(text);
    pending = "";
  }
  if (pending) out.push(pending);
  return out;
}

/** Joins two pieces of one sentence: no space between Chinese characters, one between Latin words. */
export function joinText(left: string, right: string): string {
  const latin = /[A-Za-z0-9,]$/.test(left) && /^[A-Za-z0-9]/.test(right);
  return latin ? `${left} ${right}` : left + right;
}

/**
 * Cuts a paragraph into passages of whole sentences, each at most `maxLength` characters.
 * A sentence longer than that is cut at clause marks (，、：), and only as a last resort anywhere.
 */
export function toPassages(paragraph: string, maxLength: number): string[] {
  const pieces = splitSentences(paragraph).flatMap((s) =>
    s.length <= maxLength ? [s] : cutLong(s, maxLength),
  );
  const passages: string[] = [];
  let current = "";
  for (const piece of pieces) {
    if (current && current.length + piece.length > maxLength) {
      passages.push(current);
      current = "";
    }
    current += piece;
  }
  if (current) passages.push(current);
  return passages.map((p) => p.trim()).filter(Boolean);
}

function cutLong(sentence: string, maxLength: number): string[] {
  const clauses = sentence.split(/(?<=[，、：,:])/u);
  const out: string[] = [];
  let current = "";
  for (const clause of clauses) {
    if (current && current.length + clause.length > maxLength) {
      out.push(current);
      current = "";
    }
    current += clause;
    while (current.length > maxLength) {
      out.push(current.slice(0, maxLength));
      current = current.slice(maxLength);
    }
  }
  if (current) out.push(current);
  return out;
}
