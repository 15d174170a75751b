/**
 * Just enough of Telegram's HTML parse mode for the stand-in to refuse what Telegram refuses: unknown tags,
 * unbalanced tags, a bare `<`, `>` or `&`, and text longer than 4,096 characters once parsed.
 */
const TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "a",
  "code",
  "pre",
  "blockquote",
]);
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
const TOKEN = /<(\/?)([a-z-]+)(\s+[a-z-]+="[^"<>]*")*\s*>|&(lt|gt|amp|quot);|[<>&]/gu;

/** Telegram's error description for `html`, or undefined when Telegram would accept it. */
export function telegramHtmlError(html: string): string | undefined {
  const open: string[] = [];
  let text = "";
  let at = 0;
  for (const m of html.matchAll(TOKEN)) {
    text += html.slice(at, m.index);
    at = m.index + m[0].length;
    const [token, closing, tag, , entity] = m;
    if (entity !== undefined) {
      text += ENTITIES[entity];
    } else if (tag === undefined || !TAGS.has(tag)) {
      return `Bad Request: can't parse entities: unexpected "${token}" at byte offset ${m.index}`;
    } else if (closing === "/") {
      if (open.pop() !== tag) return `Bad Request: can't parse entities: unmatched end tag "${tag}"`;
    } else {
      open.push(tag);
    }
  }
  text += html.slice(at);
  if (open.length > 0) return `Bad Request: can't parse entities: unclosed start tag "${open.at(-1)}"`;
  if (text.length > 4096) return "Bad Request: message is too long";
  return undefined;
}
