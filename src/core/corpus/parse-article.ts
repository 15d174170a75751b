import { ArticleError } from "../errors.ts";
import { refusalPhrase } from "../news-phrases.ts";
import type { Article } from "../types.ts";
import { isBoilerplate, withoutTail } from "./boilerplate.ts";
import { boundedFields, fieldText, type MetadataWarning } from "./fields.ts";
import { readFrontMatter } from "./front-matter.ts";
import { htmlContent } from "./html.ts";
import { isHtmlDocument, type PageArticle, readHtmlPage } from "./html-page.ts";
import {
  dateFromEpoch,
  findAuthor,
  findDate,
  findPublisher,
  isSignOff,
  withoutDateline,
} from "./metadata.ts";
import { looksLikeHeading, rejoinBrokenSentences } from "./sentences.ts";
import { type TextBlock, textBlocks } from "./text.ts";

/** Metadata an article file states in its header, before anything is inferred from the text. */
interface Header {
  title?: string;
  url?: string;
  date?: string;
  publisher?: string;
  author?: string;
  /** When the page was saved (its `<!--epoch-ms-->` comment): the date only where the page states none. */
  savedDate?: string;
  body: string;
}

/** Hostname of a link → publisher name (`config/publishers.json`). */
export type PublisherTable = ReadonlyMap<string, string>;

export type { MetadataWarning } from "./fields.ts";

/**
 * Parses one article file of any of the supported shapes: Markdown with YAML front matter (the documented
 * way), an `<!--epoch-ms-->` + `[title](url)` header over an HTML or Markdown body, a ` date YYYY-MM-DD`
 * prefix, or plain text whose first short line is the title. Each field is bounded (see `boundedFields`).
 */
export function parseArticle(
  file: string,
  content: string,
  publishers: PublisherTable,
  warn: MetadataWarning = () => undefined,
): Article {
  let header: Header;
  try {
    header = readHeader(content.replace(/^\uFEFF/, ""), warn);
  } catch (error) {
    throw error instanceof ArticleError ? new ArticleError(`${file}: ${error.message}`) : error;
  }
  // A whole page (saved from a browser) is read as Reader View reads it, its metadata from its markup.
  const page = isHtmlDocument(header.body) ? readHtmlPage(header.body) : undefined;
  if (page?.problem) throw new ArticleError(`${file}: ${refusalPhrase(page.problem).en}`);
  if (page) header = { ...pageHeader(page), ...definedFields(header) };
  // An HTML body starts with a tag; Markdown with a stray tag or two is still Markdown.
  const isHtml =
    page !== undefined ||
    (/^\s*<(?!!--)[a-z]/i.test(header.body) && /<(p|div|main|article|section)[\s>]/i.test(header.body));
  const html = isHtml && !page ? htmlContent(header.body) : undefined;
  const blocks: TextBlock[] = page
    ? page.paragraphs.map((text) => ({ text, heading: false }))
    : html
      ? html.blocks.map((text) => ({ text, heading: false }))
      : textBlocks(header.body);
  const texts = blocks.map((b) => b.text);
  const title = header.title ?? (isHtml ? undefined : leadingTitle(texts));
  const paragraphs = quotableParagraphs(
    blocks.filter((b) => b.text !== title),
    !isHtml,
  );
  if (paragraphs.length === 0) throw new ArticleError(`${file}: no article text found`);
  const date = header.date ?? (html?.time && normalDate(html.time)) ?? findDate(texts) ?? header.savedDate;
  return boundedFields(
    {
      file,
      title: title ?? firstWords(paragraphs[0] ?? file),
      ...(title === undefined ? { untitled: true } : {}),
      publisher: header.publisher ?? findPublisher(texts) ?? publisherOf(header.url, publishers) ?? null,
      date: date ?? null,
      url: header.url ?? null,
      author: header.author ?? findAuthor(texts) ?? null,
      paragraphs,
    },
    warn,
  );
}

/**
 * The paragraphs a quote may come from: boilerplate and the related-links tail dropped, the wire dateline
 * cut off. Plain text also has its broken sentences rejoined and its headings dropped (HTML marks both).
 */
function quotableParagraphs(blocks: readonly TextBlock[], isText: boolean): string[] {
  const kept = withoutTail(blocks.map((b) => b.text)).length;
  let texts = blocks
    .slice(0, kept)
    .filter((b) => !b.heading && !isBoilerplate(b.text) && !isSignOff(b.text))
    .map((b) => b.text);
  if (isText) texts = rejoinBrokenSentences(texts).filter((t) => !looksLikeHeading(t));
  return texts.map(withoutDateline).filter(Boolean);
}

function readHeader(content: string, warn: MetadataWarning): Header {
  const front = readFrontMatter(content);
  if (front) {
    const { data, matter, body } = front;
    const text = (key: string) => fieldText(key, data[key], warn);
    // As written: a time with a zone could be another day in UTC.
    const written = /^date:[ \t]*["']?([^"'\n#]*?)["']?[ \t]*(?:#.*)?$/m.exec(matter)?.[1];
    const date = written || text("date");
    if (date !== undefined && normalDate(date) === undefined) {
      warn(
        `date: ${JSON.stringify(date.slice(0, 40))} is not a date (YYYY-MM-DD); the article is shown without one`,
      );
    }
    const url = text("url") ?? text("link");
    if (url !== undefined && !isWebLink(url)) {
      warn(
        `url: ${JSON.stringify(url.slice(0, 80))} is not an http(s) link; the article is shown without one`,
      );
    }
    return {
      title: text("title"),
      url: url !== undefined && isWebLink(url) ? url : undefined,
      date: normalDate(date),
      publisher: text("publisher") ?? text("source"),
      author: text("author"),
      body,
    };
  }
  const link =
    /^\s*(?:<!--\s*(\d{10,13})\s*-->\s*)?\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)\s*\n(?:\s*-{3,}\s*\n)?/.exec(
      content,
    );
  if (link) {
    const savedDate = link[1] ? dateFromEpoch(Number(link[1].padEnd(13, "0"))) : undefined;
    return { title: link[2]?.trim(), url: link[3], savedDate, body: content.slice(link[0].length) };
  }
  const dated = /^\s*date\s+(\d{4}-\d{2}-\d{2})\s*/.exec(content);
  if (dated) return { date: dated[1], body: content.slice(dated[0].length) };
  return { body: content };
}

/** A page's metadata as a header (the day of its date, its canonical link if a web link). */
function pageHeader(page: PageArticle): Omit<Header, "body"> {
  return {
    title: page.title,
    url: page.url && isWebLink(page.url) ? page.url : undefined,
    date: normalDate(page.date),
    publisher: page.publisher,
    author: page.author,
  };
}

/** The header's fields that are set (what the file's own header states wins over the page's markup). */
function definedFields(header: Header): Header {
  return Object.fromEntries(Object.entries(header).filter(([, v]) => v !== undefined)) as Header;
}

/** A plain-text article's first block is its title when it is short and not a sentence. */
function leadingTitle(blocks: readonly string[]): string | undefined {
  const first = blocks[0];
  return first && first.length <= 80 && !/[。！？]$/.test(first) && !isBoilerplate(first) ? first : undefined;
}

/** A stand-in title for an article that has none: its first words, marked as cut. */
function firstWords(paragraph: string): string {
  const sentence = paragraph.split(/[。！？]/)[0] ?? paragraph;
  return sentence.length <= 30 ? sentence : `${sentence.slice(0, 30)}…`;
}

function publisherOf(url: string | undefined, publishers: PublisherTable): string | undefined {
  if (!url) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return undefined;
  }
  for (let h = host; h.includes("."); h = h.slice(h.indexOf(".") + 1)) {
    const name = publishers.get(h);
    if (name) return name;
  }
  return undefined;
}

/** `YYYY-MM-DD` from a value that starts with one, if it is a day of the calendar (not 2024-02-30). */
function normalDate(value: string | undefined): string | undefined {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim()) : null;
  if (!match) return undefined;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  const day = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(iso) ? iso : undefined;
}

/** Only http(s) links are shown as a source's link: `javascript:` or `file:` in front matter must not be. */
function isWebLink(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}
