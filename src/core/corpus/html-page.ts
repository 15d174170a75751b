import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { Refusal } from "../news-phrases.ts";
import { htmlContent } from "./html.ts";
import { type PageMetadata, pageMetadata } from "./page-metadata.ts";

/** Fewer characters of article text than this, and a page holds no article (a paywall stub, a list of links). */
export const MIN_ARTICLE_CHARACTERS = 80;

/** A whole web page's article: its metadata and paragraphs, or why it holds none. */
export interface PageArticle extends PageMetadata {
  paragraphs: string[];
  /** Set when the page holds no article text: why (no article at all, or a paywall's teaser). */
  problem?: Refusal & { kind: "notArticle" | "teaser" };
}

/** True for a whole HTML document (a page saved from a browser, or fetched), not an HTML fragment. */
export function isHtmlDocument(text: string): boolean {
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>])/i.test(text);
}

/**
 * Reads a whole web page as an article: the metadata from its markup (see `pageMetadata`), the article body
 * found by Mozilla's Readability (Firefox's Reader View) on linkedom's light DOM, cut into paragraphs as any
 * HTML article is (`htmlContent`). A page with too little article text gets a `problem` instead of paragraphs.
 */
export function readHtmlPage(html: string): PageArticle {
  const { document } = parseHTML(html);
  const metadata = pageMetadata(document as unknown as Document);
  const parsed = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  const paragraphs = parsed?.content ? htmlContent(parsed.content).blocks : [];
  const characters = paragraphs.join("").replace(/\s/g, "").length;
  if (characters >= MIN_ARTICLE_CHARACTERS) return { ...metadata, paragraphs };
  const teaser = metadata.paywalled || /article/i.test(metadata.type ?? "");
  return { ...metadata, paragraphs: [], problem: { kind: teaser ? "teaser" : "notArticle" } };
}
