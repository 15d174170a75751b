import { Parser } from "htmlparser2";

/** What an HTML body yields: its text blocks, and the facts its markup states. */
export interface HtmlContent {
  /** Text of each block element, white space collapsed, in document order. */
  blocks: string[];
  /** The first `<time datetime>`, if any. */
  time: string | undefined;
}

const BLOCKS = new Set([
  "p",
  "div",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "td",
  "dd",
  "dt",
  "section",
  "article",
  "main",
]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const SKIPPED = new Set([
  "script",
  "style",
  "noscript",
  "figure",
  "figcaption",
  "picture",
  "img",
  "svg",
  "nav",
  "aside",
  "footer",
  "form",
  "button",
  "iframe",
  "template",
]);
const VOID = new Set(["img", "br", "hr", "input", "meta", "link", "source", "wbr"]);

interface Block {
  text: string;
  linkText: number;
  heading: boolean;
  listItem: boolean;
}

/**
 * Extracts the readable blocks of an article's HTML. Headings, navigation, captions (any element whose
 * test id or class says caption), hidden regions and blocks that are mostly link text (related-article lists,
 * share buttons) are left out. Consecutive short list items (a byline: 陈岩 / BBC中文记者) become one block.
 */
export function htmlContent(html: string): HtmlContent {
  const blocks: Array<Block & { list: number }> = [];
  // A root block catches text outside any block element.
  const stack: Block[] = [{ text: "", linkText: 0, heading: false, listItem: false }];
  let skipDepth = 0;
  let linkDepth = 0;
  let list = 0;
  let time: string | undefined;
  const flush = () => {
    const block = stack[stack.length - 1];
    if (!block) return;
    const text = block.text.replace(/\s+/g, " ").trim();
    if (text && !block.heading) blocks.push({ ...block, text, list: block.listItem ? list : 0 });
    block.text = "";
    block.linkText = 0;
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (skipDepth > 0 || shouldSkip(name, attribs)) {
          if (!VOID.has(name)) skipDepth++;
          return;
        }
        if (name === "time" && time === undefined) time = attribs.datetime;
        if (name === "a") linkDepth++;
        if (name === "ul" || name === "ol") list++;
        if (BLOCKS.has(name)) {
          flush();
          stack.push({ text: "", linkText: 0, heading: HEADINGS.has(name), listItem: name === "li" });
        }
      },
      ontext(text) {
        const block = stack[stack.length - 1];
        if (skipDepth > 0 || !block) return;
        block.text += text;
        if (linkDepth > 0) block.linkText += text.trim().length;
      },
      onclosetag(name, isImplied) {
        if (skipDepth > 0) {
          if (!VOID.has(name)) skipDepth--;
          return;
        }
        if (name === "a") linkDepth = Math.max(0, linkDepth - 1);
        if (BLOCKS.has(name) && !isImplied) {
          flush();
          stack.pop();
        } else if (name === "br") {
          const block = stack[stack.length - 1];
          if (block) block.text += "\n";
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  flush();
  const kept = blocks.filter((b) => b.linkText < b.text.replace(/\s/g, "").length * 0.8);
  return { blocks: mergeShortLists(kept), time };
}

function shouldSkip(name: string, attribs: Record<string, string>): boolean {
  if (SKIPPED.has(name) || name.includes("-")) return true; // custom elements: share buttons and widgets
  if (attribs["aria-hidden"] === "true" || "hidden" in attribs) return true;
  const label = `${attribs["data-testid"] ?? ""} ${attribs.class ?? ""} ${attribs.id ?? ""}`.toLowerCase();
  return /caption|share|advert|newsletter|related|promo/.test(label);
}

/** Consecutive list items of one list, each at most 15 characters, are one block (a byline). */
function mergeShortLists(blocks: Array<Block & { list: number }>): string[] {
  const out: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block & { list: number };
    let text = block.text;
    while (block.listItem && text.length <= 40) {
      const next = blocks[i + 1];
      if (!next?.listItem || next.list !== block.list || next.text.length > 15 || block.text.length > 15)
        break;
      text = `${text} ${next.text}`;
      i++;
    }
    out.push(text);
  }
  return out;
}
