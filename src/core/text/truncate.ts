/**
 * The one place text is cut to a length. Lengths are UTF-16 code units, as every platform limit and
 * `String#length` count them; a cut never falls between the two halves of a surrogate pair (an emoji, a rare
 * CJK character), which would leave a lone half that renders as � and that some APIs refuse outright.
 */

/** The ellipsis that marks a cut. */
export const ELLIPSIS = "…";

/** True for the first half of a surrogate pair. */
function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Where to cut `text` so that at most `max` units stay: `max`, or one less when that would split a surrogate
 * pair; `text.length` when it is short enough already.
 */
export function cutPoint(text: string, max: number): number {
  if (text.length <= max) return text.length;
  const end = Math.max(0, max);
  return end > 0 && isHighSurrogate(text.charCodeAt(end - 1)) ? end - 1 : end;
}

/** The longest start of `text` of at most `max` units that splits no surrogate pair. */
export function safePrefix(text: string, max: number): string {
  return text.slice(0, cutPoint(text, max));
}

/**
 * `text` if it fits in `max` units; otherwise its start followed by `ellipsis`, the whole at most `max` units,
 * never splitting a surrogate pair.
 */
export function truncate(text: string, max: number, ellipsis: string = ELLIPSIS): string {
  if (text.length <= max) return text;
  // No room for the ellipsis as well: the text alone, cut.
  if (max < ellipsis.length) return safePrefix(text, max);
  return safePrefix(text, max - ellipsis.length) + ellipsis;
}
