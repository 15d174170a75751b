/** What a web page says about the article it carries, from its markup (the `<head>` and JSON-LD). */
export interface PageMetadata {
  title?: string;
  publisher?: string;
  author?: string;
  /** As the page writes it (ISO 8601 usually); the caller keeps the day. */
  date?: string;
  /** The canonical link (`<link rel=canonical>`, `og:url`, JSON-LD `url`). */
  url?: string;
  /** `og:type` or the JSON-LD `@type`. */
  type?: string;
  /** JSON-LD `isAccessibleForFree: false`: the page says the article is behind a paywall. */
  paywalled: boolean;
}

/** JSON-LD types that mean "this page is an article". */
export const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|OpinionNewsArticle|report)$/i;

type Json = Record<string, unknown>;

/**
 * Reads a page's metadata, most specific first: JSON-LD (`NewsArticle` and kin), then OpenGraph and `article:`
 * tags, then `<meta name=author>`, `<time datetime>`, `<link rel=canonical>` and `<title>`.
 */
export function pageMetadata(document: Document): PageMetadata {
  const meta = (key: string) =>
    document
      .querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`)
      ?.getAttribute("content")
      ?.trim() || undefined;
  const ld = jsonLdArticle(document);
  const ldName = (value: unknown) => nameOf(Array.isArray(value) ? value[0] : value);
  const canonical =
    document.querySelector('link[rel="canonical"]')?.getAttribute("href")?.trim() || undefined;
  return {
    title: text(ld?.headline) ?? meta("og:title") ?? meta("twitter:title") ?? titleTag(document),
    publisher: ldName(ld?.publisher) ?? meta("og:site_name") ?? meta("application-name"),
    author: ldName(ld?.author) ?? meta("article:author") ?? meta("author"),
    date:
      text(ld?.datePublished) ??
      meta("article:published_time") ??
      meta("datePublished") ??
      meta("pubdate") ??
      meta("date") ??
      document.querySelector("time[datetime]")?.getAttribute("datetime") ??
      undefined,
    url: canonical ?? meta("og:url") ?? text(ld?.url),
    type: text(ld?.["@type"]) ?? meta("og:type"),
    paywalled:
      ld?.isAccessibleForFree === false ||
      ld?.isAccessibleForFree === "False" ||
      ld?.isAccessibleForFree === "false",
  };
}

/** The first JSON-LD object of an article type, looked for in arrays and `@graph` too; bad JSON is skipped. */
function jsonLdArticle(document: Document): Json | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    while (queue.length > 0) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...item);
      else if (item && typeof item === "object") {
        const object = item as Json;
        const types = ([] as unknown[]).concat(object["@type"] ?? []);
        const type = types.find((t) => typeof t === "string" && ARTICLE_TYPES.test(t));
        if (type) return { ...object, "@type": type };
        if (object["@graph"]) queue.push(object["@graph"]);
      }
    }
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === "string") return text(value);
  return value && typeof value === "object" ? text((value as Json).name) : undefined;
}

/** `<title>`, less a trailing " - Site" or " | Site" that names the site rather than the article. */
function titleTag(document: Document): string | undefined {
  const title = document.querySelector("title")?.textContent?.replace(/\s+/g, " ").trim();
  return title?.replace(/\s+[-|–—_]\s+[^-|–—_]{1,30}$/, "").trim() || undefined;
}
