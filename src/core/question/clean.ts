/**
 * Characters that show nothing: controls, format characters (zero-width space and joiners, the byte-order mark,
 * direction marks, the soft hyphen), lone surrogates, and the "blank" letters used to fake empty names (Hangul
 * fillers, the blank Braille pattern).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\u115f\u1160\u3164\uffa0\u2800]/gu;

/**
 * A question as the core searches it: invisible characters out, whitespace collapsed, trimmed. An empty result
 * is an empty question, whatever the user typed: adapters check this before asking, so that a message of only
 * zero-width spaces gets the empty-question hint rather than "not found".
 */
export function cleanQuestion(question: string): string {
  return question.replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
}

/** True for a question of nothing but white space and invisible characters: doors answer it with a hint. */
export function isBlankQuestion(question: string): boolean {
  return cleanQuestion(question) === "";
}
