import * as OpenCC from "opencc-js";

/**
 * Normalisation shared by articles and questions, so that both meet in one form:
 * Traditional → Simplified at phrase level (OpenCC), full-width → half-width, lower case.
 *
 * The result has exactly the length of the input, character for character, so that an offset found in the
 * normalised text is the same offset in the verbatim text (that is how highlights land on the quote).
 * Invisible characters are turned into spaces for the same reason; articles lose them when they are read.
 */
const toSimplifiedPhrases = OpenCC.Converter({ from: "twp", to: "cn" });
const toSimplifiedChars = OpenCC.Converter({ from: "tw", to: "cn" });

const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/** Normalises text for matching; `normalize(t).length === t.length` always holds. */
export function normalize(text: string): string {
  return lowerCase(halfWidth(toSimplified(text.replace(INVISIBLE, " "))));
}

/** Traditional → Simplified; where a phrase conversion changes the length (軟體 stays, 雪梨 → 悉尼 does
 * not, but some do), that clause falls back to character conversion, which never does. */
function toSimplified(text: string): string {
  const converted = toSimplifiedPhrases(text);
  if (converted.length === text.length) return converted;
  return text
    .split(/(?<=[，。！？；、,.!?;\s])/)
    .map((clause) => {
      const phrase = toSimplifiedPhrases(clause);
      if (phrase.length === clause.length) return phrase;
      const chars = toSimplifiedChars(clause);
      if (chars.length === clause.length) return chars;
      // A character whose Simplified form is outside the BMP (頫 → 𫖯) is kept; not the clause around it.
      return Array.from(clause, (c) => {
        const simplified = toSimplifiedChars(c);
        return simplified.length === c.length ? simplified : c;
      }).join("");
    })
    .join("");
}

/** Full-width ASCII forms (Ａ１！) and the ideographic space become their half-width forms. */
function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (c) =>
    c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** Lower case, except the rare letters whose lower case is longer (İ → i̇). */
function lowerCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return Array.from(text, (c) => {
    const l = c.toLowerCase();
    return l.length === c.length ? l : c;
  }).join("");
}
