// Long because it is one guarded fetch: address checks, redirects, time and size limits must see each other.
import ipaddr from "ipaddr.js";
import { Agent, fetch } from "undici";
import { type Refusal, refusalPhrase } from "../core/news-phrases.ts";
import { checkedLookup, isAllowedAddress } from "./address-check.ts";
import { createHostPace } from "./host-pace.ts";

/**
 * Why a link was not fetched: `refusal` for the reply (in the user's language), the English as the message (the
 * log, the CLI).
 */
export class FetchRefusal extends Error {
  constructor(
    readonly refusal: Refusal,
    /** A `Retry-After` the server sent, in ms, when it asked to be left alone for a while. */
    readonly retryAfterMs?: number,
  ) {
    super(refusalPhrase(refusal).en);
    this.name = "FetchRefusal";
  }
}

/** What may be fetched, and how patiently; every field is optional. */
export interface FetchOptions {
  /** Fetch from loopback, private and link-local addresses too (`FETCH_ALLOW_PRIVATE`; tests). Default false. */
  allowPrivate?: boolean;
  /** Sent with every request, robots.txt is read for it. Default `DEFAULT_USER_AGENT`. */
  userAgent?: string;
  /** Most time to connect. Default 5 s. */
  connectTimeoutMs?: number;
  /** Most time to wait for the headers, and between two pieces of the body. Default 10 s. */
  readTimeoutMs?: number;
  /** Most time for the whole fetch, redirects included. Default 20 s. */
  totalTimeoutMs?: number;
  /** Most bytes of a body; a larger one is cut off and refused. Default 5 MiB. */
  maxBytes?: number;
  /** Most redirects followed. Default 5. */
  maxRedirects?: number;
  /** Least time between two requests to one host (`FETCH_HOST_INTERVAL_MS`). Default 1 s. */
  hostIntervalMs?: number;
}

/** The bot's name on the web: what robots.txt rules are matched against. */
export const DEFAULT_USER_AGENT = "citebot/0.1 (+https://github.com/citebot/citebot)";

/** The defaults of `FetchOptions`, each written once. */
export const FETCH_DEFAULTS: Required<FetchOptions> = {
  allowPrivate: false,
  userAgent: DEFAULT_USER_AGENT,
  connectTimeoutMs: 5_000,
  readTimeoutMs: 10_000,
  totalTimeoutMs: 20_000,
  maxBytes: 5 * 2 ** 20,
  maxRedirects: 5,
  hostIntervalMs: 1_000,
};

/** What a fetch is for: the content types each accepts. */
export type FetchKind = "page" | "feed" | "robots";

const ACCEPTED: Record<FetchKind, RegExp> = {
  page: /^(text\/html|application\/xhtml\+xml)$/,
  feed: /^(application\/(rss\+xml|atom\+xml|feed\+json|json|xml|rdf\+xml)|text\/(xml|plain|html))$/,
  robots: /^text\/plain$/,
};

/** A fetched text. */
export interface Fetched {
  /** After redirects. */
  url: string;
  status: number;
  /** 304 Not Modified to a conditional request: `text` is empty. */
  notModified: boolean;
  text: string;
  etag: string | undefined;
  lastModified: string | undefined;
}

/** Fetches for the bot: only http(s), only public addresses, bounded in time and size, paced per host. */
export interface Fetcher {
  /** Fetches a text; `conditional` makes it a conditional request. Throws `FetchRefusal` saying why not. */
  fetchText(
    url: string,
    kind: FetchKind,
    conditional?: { etag?: string | undefined; lastModified?: string | undefined },
  ): Promise<Fetched>;
  readonly userAgent: string;
  close(): Promise<void>;
}

/**
 * Creates the fetcher: undici's fetch over an `Agent` whose DNS lookup refuses private addresses when the
 * socket connects (see `checkedLookup`); redirects followed by hand, each link checked again; the body read as
 * a stream and abandoned past `maxBytes`.
 */
export function createFetcher(options: FetchOptions = {}): Fetcher {
  const o = { ...FETCH_DEFAULTS, ...options };
  const agent = new Agent({
    connect: { timeout: o.connectTimeoutMs, lookup: checkedLookup(o.allowPrivate) },
    headersTimeout: o.readTimeoutMs,
    bodyTimeout: o.readTimeoutMs,
  });
  const pace = createHostPace(o.hostIntervalMs);
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

  const fetchOnce = async (url: URL, headers: Record<string, string>, signal: AbortSignal) => {
    checkLink(url, o.allowPrivate);
    await pace.wait(url.host);
    try {
      return await fetch(url, { dispatcher: agent, redirect: "manual", headers, signal });
    } catch (error) {
      throw refusalOf(error, signal.aborted ? `took longer than ${seconds(o.totalTimeoutMs)}` : undefined);
    }
  };

  return {
    userAgent: o.userAgent,
    async fetchText(link, kind, conditional = {}) {
      const signal = AbortSignal.timeout(o.totalTimeoutMs);
      const headers: Record<string, string> = {
        "user-agent": o.userAgent,
        accept:
          kind === "page"
            ? "text/html,application/xhtml+xml"
            : kind === "feed"
              ? "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.5"
              : "text/plain",
      };
      if (conditional.etag) headers["if-none-match"] = conditional.etag;
      if (conditional.lastModified) headers["if-modified-since"] = conditional.lastModified;
      let url = parseLink(link);
      for (let redirects = 0; ; redirects++) {
        const response = await fetchOnce(url, headers, signal);
        const location = response.headers.get("location");
        if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
          await response.body?.cancel().catch(() => undefined);
          if (redirects >= o.maxRedirects)
            throw new FetchRefusal({ kind: "unreachable", detail: `more than ${o.maxRedirects} redirects` });
          url = parseLink(new URL(location, url).href);
          continue;
        }
        const base = {
          url: url.href,
          status: response.status,
          etag: header(response, "etag"),
          lastModified: header(response, "last-modified"),
        };
        if (response.status === 304) return { ...base, notModified: true, text: "" };
        if (response.status >= 400) {
          await response.body?.cancel().catch(() => undefined);
          throw new FetchRefusal(
            { kind: "unreachable", detail: `HTTP ${response.status}` },
            retryAfterMs(response.headers.get("retry-after")),
          );
        }
        const type = (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
        if (!ACCEPTED[kind].test(type)) {
          await response.body?.cancel().catch(() => undefined);
          throw new FetchRefusal({ kind: "wrongType", wanted: kind, type });
        }
        const bytes = await readBounded(response, o.maxBytes, signal, seconds(o.totalTimeoutMs));
        return { ...base, notModified: false, text: decode(bytes, response.headers.get("content-type")) };
      }
    },
    close: () => agent.close(),
  };
}

/** The link as a URL, or a `FetchRefusal` when it is no http(s) link or carries a user name or password. */
export function parseLink(link: string): URL {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new FetchRefusal({ kind: "notLink" });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new FetchRefusal({ kind: "notHttp", scheme: url.protocol.slice(0, -1) });
  if (url.username || url.password) throw new FetchRefusal({ kind: "credentials" });
  return url;
}

/** An address written in the link itself is checked here: no lookup happens for it. */
function checkLink(url: URL, allowPrivate: boolean): void {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host) && !isAllowedAddress(host, allowPrivate))
    throw new FetchRefusal({ kind: "private" });
  if (!allowPrivate && /^(localhost|.*\.localhost|.*\.internal)$/i.test(host))
    throw new FetchRefusal({ kind: "private" });
}

function header(response: Response | import("undici").Response, name: string): string | undefined {
  return response.headers.get(name) ?? undefined;
}

/** The body, at most `maxBytes`: a `Content-Length` over it is refused at once, a longer stream cut off. */
async function readBounded(
  response: import("undici").Response,
  maxBytes: number,
  signal: AbortSignal,
  total: string,
): Promise<Uint8Array> {
  const tooLarge = () => new FetchRefusal({ kind: "tooLarge", megabytes: (maxBytes / 2 ** 20).toFixed(1) });
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body?.getReader();
  try {
    for (;;) {
      const { done, value } = reader ? await reader.read() : { done: true, value: undefined };
      if (done) break;
      length += value.byteLength;
      if (length > maxBytes) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    await reader?.cancel().catch(() => undefined);
    if (error instanceof FetchRefusal) throw error;
    throw refusalOf(error, signal.aborted ? total : undefined);
  }
  return Buffer.concat(chunks, length);
}

/** Decodes with the charset the headers or a `<meta charset>` name (GBK, Big5…), UTF-8 otherwise. */
function decode(bytes: Uint8Array, contentType: string | null): string {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  const charset =
    /charset=["']?([\w-]+)/i.exec(contentType ?? "")?.[1] ??
    /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ??
    "utf-8";
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/** `Retry-After` in ms (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** A network error as the moderator is told it. */
function refusalOf(error: unknown, timedOut: string | undefined): FetchRefusal {
  if (timedOut) return new FetchRefusal({ kind: "slow", detail: timedOut });
  const cause =
    (error as { cause?: { code?: string; message?: string } }).cause ??
    (error as { code?: string; message?: string });
  if (cause?.code === "EPRIVATE") return new FetchRefusal({ kind: "private" });
  if (/timeout/i.test(String(cause?.code ?? ""))) return new FetchRefusal({ kind: "slow" });
  return new FetchRefusal({ kind: "unreachable", detail: String(cause?.code ?? cause?.message ?? error) });
}
