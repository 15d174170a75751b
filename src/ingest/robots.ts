import robotsParserModule from "robots-parser";
import { type Fetcher, FetchRefusal } from "./safe-fetch.ts";

// A CommonJS module whose declared ES default is, at run time, the module itself: the function.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** How long a site's robots.txt is kept before it is read again. */
const ROBOTS_TTL_MS = 3_600_000;

/** Tells whether the bot may fetch a link, by the site's robots.txt read with the bot's own User-Agent. */
export interface RobotsRules {
  /** Resolves when allowed; throws `FetchRefusal` when robots.txt disallows the link. */
  check(url: string): Promise<void>;
}

/**
 * robots.txt, read once an hour per site. No robots.txt (404 or any 4xx) allows everything, as the standard says;
 * one that cannot be read (5xx, unreachable) disallows for now, as Google does: the site may be in trouble.
 */
export function createRobotsRules(fetcher: Fetcher): RobotsRules {
  const cache = new Map<string, { allowed: (url: string) => boolean; until: number }>();
  const rulesOf = async (origin: string) => {
    const cached = cache.get(origin);
    if (cached && cached.until > Date.now()) return cached.allowed;
    const robotsUrl = `${origin}/robots.txt`;
    let allowed: (url: string) => boolean;
    try {
      const { text } = await fetcher.fetchText(robotsUrl, "robots");
      const robots = robotsParser(robotsUrl, text);
      allowed = (url) => robots.isAllowed(url, fetcher.userAgent) !== false;
    } catch (error) {
      const refusal = error instanceof FetchRefusal ? error.refusal : undefined;
      const missing =
        (refusal?.kind === "unreachable" && /^HTTP 4\d\d$/.test(refusal.detail)) ||
        refusal?.kind === "wrongType";
      if (missing) allowed = () => true;
      else if (refusal && ["private", "notHttp", "credentials"].includes(refusal.kind)) throw error;
      else throw new FetchRefusal({ kind: "robotsUnreadable", detail: (error as Error).message });
    }
    cache.set(origin, { allowed, until: Date.now() + ROBOTS_TTL_MS });
    return allowed;
  };
  return {
    async check(url) {
      const allowed = await rulesOf(new URL(url).origin);
      if (!allowed(url)) throw new FetchRefusal({ kind: "robots" });
    },
  };
}
