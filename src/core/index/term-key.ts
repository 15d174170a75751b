/**
 * How index terms are spelt as MiniSearch's keys: every character other than lower-case ASCII spelt as four
 * letters A–P (its UTF-16 code unit in hexadecimal, a letter a digit).
 *
 * Why: MiniSearch keeps terms in a radix tree whose nodes are searched child by child. With Chinese, the root
 * alone has thousands of children (one per first character), so every insert and look-up scans thousands of
 * keys; spelt in sixteen letters, no node has more than sixteen (plus the ASCII ones). Measured on drcd-dev
 * (2,519 passages): adding them 6.1 s → 1.8 s, loading the saved index 6.9 s → 1.0 s.
 *
 * Prefix and fuzzy search must stay off (MiniSearch's default): in this spelling a prefix or an edit is a
 * fraction of a character, so they would match terms that have nothing in common with the question's.
 */

const HEX = "ABCDEFGHIJKLMNOP";
/** Each byte spelt as two letters A–P: a code unit is two of these. */
const BYTE_LETTERS = Array.from({ length: 256 }, (_, n) => `${HEX[n >> 4]}${HEX[n & 15]}`);

/**
 * ASCII that stands for itself. Upper-case A–P would read as a spelt character and a space would split the
 * key (MiniSearch's tokenizer splits on it), so those are spelt too: terms are lower case, so in practice
 * only non-ASCII characters are.
 */
function isLiteral(code: number): boolean {
  return code < 0x80 && code !== 0x20 && !(code >= 0x41 && code <= 0x50);
}

/** One term as a tree key. Distinct terms have distinct keys, and `termOfKey` reads the term back. */
export function treeKey(term: string): string {
  let key = "";
  for (let i = 0; i < term.length; i++) {
    const n = term.charCodeAt(i);
    key += isLiteral(n) ? term.charAt(i) : `${BYTE_LETTERS[n >> 8]}${BYTE_LETTERS[n & 255]}`;
  }
  return key;
}

/** Terms as MiniSearch's keys, joined by spaces (see `treeKey`), for one field of one passage or question. */
export function treeKeys(terms: readonly string[]): string {
  return terms.map(treeKey).join(" ");
}

/** The term a key spells (for reading a saved index: its terms are keys). */
export function termOfKey(key: string): string {
  let term = "";
  for (let i = 0; i < key.length; ) {
    if (isLiteral(key.charCodeAt(i))) {
      term += key.charAt(i);
      i += 1;
      continue;
    }
    let code = 0;
    for (const letter of key.slice(i, i + 4)) code = code * 16 + HEX.indexOf(letter);
    term += String.fromCharCode(code);
    i += 4;
  }
  return term;
}
