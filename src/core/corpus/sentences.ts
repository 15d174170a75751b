/**
 * Sentences and passages: what the index stores and what a quote may be cut from.
 * Everything here keeps the article's characters verbatim; it only decides where to cut.
 */

/** Ends a sentence: 。！？!?；; and …, with any closing quotes or brackets that follow. */
const SENTENCE_END = /[。！？!?；;…]+[”」』"'’）)]*|\.(?=\s)/gu;

/** Ends a block that is complete (a paragraph, not a sentence broken across lines). */
const COMPLETE_END = /[。！？!?；;…：:”」』"'’）)\].]$/u;

/** `[start, end)` of each sentence of a text; together they cover it. */
export function sentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = (match.index ?? 0) + match[0].length;
    if (end > start) spans.push([start, end]);
    start = end;
  }
  if (start < text.length) spans.push([start, text.length]);
  return spans;
}

/** Splits a paragraph into sentences; joined, they give the paragraph back (less blank ones). */
export function splitSentences(paragraph: string): string[] {
  return sentenceSpans(paragraph)
    .map(([start, end]) => paragraph.slice(start, end))
    .filter((s) => s.trim() !== "");
}

/**
 * A short block with no sentence end and no comma is a heading or a title, not a broken sentence; so is an
 * interview's numbered question (一、……？): it asks, it does not answer.
 */
export function looksLikeHeading(block: string): boolean {
  if (/^[一二三四五六七八九十]+、.*[？?]$/.test(block) && block.length <= 80) return true;
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

/** A passage cut from a paragraph: its text and where it stands in the paragraph. */
export interface PassageCut {
  text: string;
  /** `paragraph.slice(start, end) === text`. */
  start: number;
  end: number;
}

/**
 * Cuts a paragraph into passages of whole sentences, each at most `maxLength` characters.
 * A sentence longer than that is cut at clause marks (，、：), and only as a last resort anywhere.
 * With `overlap`, each passage after the first starts halfway through the one before, so that an answer near a
 * passage's edge also stands in the middle of another, with the sentences around it.
 */
export function toPassages(paragraph: string, maxLength: number, overlap = false): PassageCut[] {
  const pieces = splitSentences(paragraph).flatMap((s) =>
    s.length <= maxLength ? [s] : cutLong(s, maxLength),
  );
  const offsets = [0];
  for (const piece of pieces) offsets.push((offsets[offsets.length - 1] ?? 0) + piece.length);
  const cuts: PassageCut[] = [];
  for (let first = 0; first < pieces.length; ) {
    let last = first + 1;
    while (last < pieces.length && (offsets[last + 1] ?? 0) - (offsets[first] ?? 0) <= maxLength) last++;
    const raw = pieces.slice(first, last).join("");
    const text = raw.trim();
    const start = (offsets[first] ?? 0) + (raw.length - raw.trimStart().length);
    if (text) cuts.push({ text, start, end: start + text.length });
    if (last >= pieces.length) break;
    first = overlap ? Math.max(first + 1, Math.ceil((first + last) / 2)) : last;
  }
  return cuts;
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
