import { splitSentences } from "../core/corpus/sentences.ts";
import { normalize } from "../core/language/normalize.ts";
import type { Logger } from "../core/logger.ts";
import type { Article, ArticleInfo } from "../core/types.ts";
import type { SubscriptionStore, Target } from "../store/subscriptions.ts";

/** A new article as announced: where it is from and its lead sentence, verbatim. */
export interface NewArticle extends ArticleInfo {
  lead: string;
}

/** A new article that matches a user's topic, with the sentence that matches. */
export interface TopicMatch {
  topic: string;
  article: NewArticle;
  /** Verbatim: the first sentence of the article naming the topic. */
  quote: string;
}

/**
 * How a message went: sent; the chat or user is gone for good (blocked the bot, removed it); or the chat belongs
 * to another process of the same door (a Discord channel of a server another shard holds), which posts in it.
 */
export type Delivery = "sent" | "gone" | "elsewhere";

/** One door's way of posting announcements (Telegram, Discord): formatting is the door's own. */
export interface AnnouncementSender {
  readonly platform: string;
  /** Posts one message announcing `articles` in a chat or channel. Throws for a failure that may pass. */
  announce(chat: string, articles: readonly NewArticle[]): Promise<Delivery>;
  /** Sends a user one direct message with the new articles matching their topics. */
  direct(user: string, matches: readonly TopicMatch[]): Promise<Delivery>;
}

/** Options of `createAnnouncer`. */
export interface AnnouncerOptions {
  subscriptions: SubscriptionStore;
  logger: Logger;
  /** How long after a new article the announcement waits for others of the same burst. Default 30 s. */
  burstMs?: number;
}

/** Default of `AnnouncerOptions.burstMs`. */
export const DEFAULT_BURST_MS = 30_000;

/** Announces new articles to the chats that opted in and the users whose topics they match. */
export interface Announcer {
  /** A door that can post (each door attaches itself once started). */
  attach(sender: AnnouncementSender): void;
  /** A new article: announced with the rest of its burst. */
  added(article: Article): void;
  /** Sends what is waiting now (tests; shutdown). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Creates the announcer: articles arriving within `burstMs` of the first are one announcement per chat (a feed
 * of thirty items is one message, not thirty), and one direct message per user with every match. A chat or user
 * gone for good is forgotten (`forget`), never retried; any other failure is one warning.
 */
export function createAnnouncer({
  subscriptions,
  logger,
  burstMs = DEFAULT_BURST_MS,
}: AnnouncerOptions): Announcer {
  const senders = new Map<string, AnnouncementSender>();
  let waiting: Article[] = [];
  let timer: NodeJS.Timeout | undefined;
  let sending: Promise<void> = Promise.resolve();

  const deliver = async (target: Target, send: () => Promise<Delivery>) => {
    try {
      if ((await send()) === "gone") {
        await subscriptions.forget(target);
        logger.info({ platform: target.platform }, "a chat or user is gone; their subscriptions are removed");
      }
    } catch (error) {
      logger.warn({ platform: target.platform, error: String(error) }, "an announcement could not be sent");
    }
  };

  const send = async (burst: Article[]) => {
    const articles = burst.map(newArticle);
    for (const target of await subscriptions.announceTargets()) {
      const sender = senders.get(target.platform);
      if (sender) await deliver(target, () => sender.announce(target.id, articles));
    }
    const byUser = new Map<string, { target: Target; matches: TopicMatch[] }>();
    // Each article is normalised once for the burst, not once per follower.
    const readable = burst.map(normalisedArticle);
    for (const follow of await subscriptions.follows()) {
      for (const [i, article] of readable.entries()) {
        const quote = matchingSentence(article, follow.topic);
        if (!quote) continue;
        const key = `${follow.platform}\u0000${follow.id}`;
        const entry = byUser.get(key) ?? {
          target: { platform: follow.platform, id: follow.id },
          matches: [],
        };
        entry.matches.push({ topic: follow.topic, article: articles[i] as NewArticle, quote });
        byUser.set(key, entry);
      }
    }
    for (const { target, matches } of byUser.values()) {
      const sender = senders.get(target.platform);
      if (sender) await deliver(target, () => sender.direct(target.id, matches));
    }
  };

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const burst = waiting;
    waiting = [];
    if (burst.length > 0)
      sending = sending
        .then(() => send(burst))
        .catch((error) => logger.warn({ error: String(error) }, "announcements failed"));
    return sending;
  };

  return {
    attach: (sender) => void senders.set(sender.platform, sender),
    added(article) {
      waiting.push(article);
      timer ??= setTimeout(() => void flush(), burstMs);
    },
    flush,
    stop: flush,
  };
}

/** The article as announced: its metadata and its lead sentence. */
export function newArticle({ paragraphs, ...info }: Article): NewArticle {
  return { ...info, lead: (splitSentences(paragraphs[0] ?? "")[0] ?? "").trim() };
}

/**
 * The first sentence naming every word of a topic (space-separated), in either script and any case; undefined
 * when the article does not.
 */
export function matchingSentence(article: NormalisedArticle, topic: string): string | undefined {
  const words = normalize(topic).split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  if (!words.every((w) => article.whole.includes(w))) return undefined;
  return article.sentences.find((s) => s.normal.includes(words[0] as string))?.text ?? article.lead;
}

/** An article as topics are matched against it: its whole text and each sentence normalised, and its lead. */
interface NormalisedArticle {
  whole: string;
  sentences: Array<{ text: string; normal: string }>;
  lead: string;
}

function normalisedArticle(article: Article): NormalisedArticle {
  return {
    whole: normalize(`${article.title}\n${article.paragraphs.join("\n")}`),
    sentences: article.paragraphs.flatMap((paragraph) =>
      splitSentences(paragraph).map((sentence) => ({ text: sentence.trim(), normal: normalize(sentence) })),
    ),
    lead: newArticle(article).lead,
  };
}
