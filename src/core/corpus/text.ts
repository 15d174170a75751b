import { joinText } from "./sentences.ts";

/** A block of a plain-text or Markdown body. */
export interface TextBlock {
  text: string;
  /** A Markdown heading (`## …`). */
  heading: boolean;
}

/**
 * Splits a plain-text or Markdown body into blocks at blank lines. Line breaks inside a block are soft
 * (joined without a space between Chinese characters). Markdown markup is removed, its text kept:
 * images go, links keep their text, emphasis and list markers go.
 */
export function textBlocks(body: string): TextBlock[] {
  return body
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((chunk) =>
      chunk
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      const heading = lines.length === 1 && /^#{1,6}\s/.test(lines[0] ?? "");
      const text = lines.map(stripLineMarkup).reduce(joinText);
      return { text: heading ? text.replace(/^#{1,6}\s+/, "") : text, heading };
    });
}

/** Removes Markdown markup from one line, keeping its text. A line of only a link is kept as it is, so
 * that boilerplate rules can still see it is a lone link. */
function stripLineMarkup(line: string): string {
  if (/^\[[^\]]*\]\([^)]*\)$/.test(line)) return line;
  return line
    .replace(/<[^>]*>/g, "")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^(?:>\s*)+/, "")
    .replace(/^(?:[-*+]|\d+\.)\s+/, "")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/`([^`]+)`/g, "$1")
    .trim();
}
