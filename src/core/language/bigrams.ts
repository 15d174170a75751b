/** Text holding a Chinese character. */
export const HAN = /\p{Script=Han}/u;

/** A word of two Han characters or more, and nothing else. */
export const HAN_WORD = /^\p{Script=Han}{2,}$/u;

/** Overlapping bigrams of each run of Han characters (a lone character stands for itself), plus each
 * Latin or number word whole: the Lucene CJK analyzer's way of matching words a dictionary lacks. */
export function bigrams(normal: string): string[] {
  const out: string[] = [];
  for (const match of normal.matchAll(/\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu)) {
    const run = match[0];
    if (!HAN.test(run[0] ?? "") || run.length === 1) {
      out.push(run);
      continue;
    }
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}
