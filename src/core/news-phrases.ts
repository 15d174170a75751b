import type { Difference, Verdict, Verification } from "./features/verify.ts";
import { colon, type Language, label, type Phrase, repeating } from "./reply-language.ts";

/**
 * Why a link was not added, as data: the ingest says which, `refusalPhrase` says it in the user's language (and
 * in English for the log, the CLI and `AddOutcome.reason`). `detail` is the technical part, said as it is.
 */
export type Refusal =
  | { kind: "already" }
  /** A feed's item whose article an operator removed from the corpus: a feed does not bring it back. */
  | { kind: "removed" }
  | { kind: "notArticle" }
  | { kind: "teaser" }
  /** The server sent something else than the `wanted` kind of text: its content type (or none). */
  | { kind: "wrongType"; wanted: "page" | "feed" | "robots"; type: string }
  | { kind: "tooLarge"; megabytes: string }
  /** An HTTP error status, too many redirects, a network error code. */
  | { kind: "unreachable"; detail: string }
  | { kind: "slow"; detail?: string }
  | { kind: "robots" }
  | { kind: "robotsUnreadable"; detail: string }
  | { kind: "private" }
  | { kind: "notLink" }
  | { kind: "notHttp"; scheme: string }
  | { kind: "credentials" }
  | { kind: "failed"; detail: string };

/** What a refusal says, in both languages. The English is the reason the log and the CLI show too. */
export function refusalPhrase(refusal: Refusal): Phrase {
  switch (refusal.kind) {
    case "already":
      return { zh: "已经收录", en: "already in" };
    case "removed":
      return { zh: "管理员已从文章库删除", en: "removed from the corpus by an operator" };
    case "notArticle":
      return { zh: "不是文章（页面上没有正文）", en: "not an article (no article text on the page)" };
    case "teaser":
      return {
        zh: "只能读到文章的开头（有付费墙？）",
        en: "only a teaser of the article is readable (behind a paywall?)",
      };
    case "wrongType": {
      const type = refusal.type || "no content type";
      return refusal.wanted === "page"
        ? { zh: `不是网页（${type}）`, en: `not HTML (${type})` }
        : { zh: `不是 ${refusal.wanted}（${type}）`, en: `not a ${refusal.wanted} (${type})` };
    }
    case "tooLarge":
      return { zh: `太大：超过 ${refusal.megabytes} MB`, en: `too large: over ${refusal.megabytes} MB` };
    case "unreachable":
      return { zh: `无法访问：${refusal.detail}`, en: `unreachable: ${refusal.detail}` };
    case "slow":
      return refusal.detail
        ? {
            zh: `无法访问：超过 ${refusal.detail} 未读完`,
            en: `unreachable: took longer than ${refusal.detail}`,
          }
        : { zh: "无法访问：服务器响应太慢", en: "unreachable: the server was too slow to answer" };
    case "robots":
      return { zh: "网站的 robots.txt 不允许抓取", en: "refused by the site's robots.txt" };
    case "robotsUnreadable":
      return {
        zh: `无法读取网站的 robots.txt（${refusal.detail}）`,
        en: `robots.txt could not be read (${refusal.detail})`,
      };
    case "private":
      return {
        zh: "拒绝：链接指向私有、回环或链路本地地址",
        en: "refused: the link leads to a private, loopback or link-local address",
      };
    case "notLink":
      return {
        zh: "不是链接（请写完整的 http:// 或 https:// 地址）",
        en: "not a link (give a full http:// or https:// address)",
      };
    case "notHttp":
      return {
        zh: `拒绝：只抓取 http 和 https 链接，不抓取 ${refusal.scheme}`,
        en: `refused: only http and https links are fetched, not ${refusal.scheme}`,
      };
    case "credentials":
      return {
        zh: "拒绝：不抓取带用户名或密码的链接",
        en: "refused: links with a user name or password are not fetched",
      };
    case "failed":
      return { zh: `无法添加（${refusal.detail}）`, en: `could not be added (${refusal.detail})` };
  }
}

/** The mark a chat's `/verify` reply opens with, by verdict (the terminal's has none). */
const VERDICT_MARKS: Record<Verdict, string> = { verbatim: "✅", nearly: "⚠️", none: "❌" };

/** How a verdict of `/verify` opens its reply, followed by a colon and the article's sentence. */
const VERDICTS: Record<Verdict, Phrase> = {
  verbatim: { zh: "逐字相符", en: "Verbatim" },
  nearly: { zh: "接近，但有出入", en: "Nearly" },
  none: { zh: "文章中没有这句话。最接近的一句", en: "Not found in the articles. The closest sentence" },
};

/** What each kind of difference is called where the reply names it. */
const DIFFERENCES: Record<Difference["kind"], Phrase> = {
  number: { zh: "数字", en: "number" },
  negation: { zh: "否定", en: "negation" },
  name: { zh: "名称", en: "name" },
  wording: { zh: "措辞", en: "wording" },
  script: { zh: "繁简", en: "script" },
};

/**
 * Everything the news commands (`/add`, `/announce`, `/follow`, `/unfollow`, `/following`, `/verify`) and the
 * announcements say in the bot's own words, as `phrases.news` (core/messages.ts) exposes it. Titles, topics and
 * quotes stay as they were written.
 */
export const newsPhrases = {
  onlyModeratorsAdd: { zh: "只有管理员可以添加文章。", en: "Only moderators can add articles." },
  onlyModeratorsAnnounce: {
    zh: "只有管理员可以开启或关闭新文章通知。",
    en: "Only moderators can turn announcements on or off.",
  },
  /** `/announce` and `/follow` when the bot's store (where subscriptions are kept) did not open. */
  announcementsUnavailable: {
    zh: "新文章通知暂不可用：机器人的数据库没有打开。",
    en: "Announcements are unavailable: the bot's store is not open.",
  },
  followingUnavailable: {
    zh: "关注话题暂不可用：机器人的数据库没有打开。",
    en: "Following is unavailable: the bot's store is not open.",
  },
  announceOn: { zh: "此后新文章会在这里通知。", en: "New articles will be announced here." },
  announceOff: { zh: "新文章不再在这里通知。", en: "New articles will no longer be announced here." },
  /** The replies that repeat the user's topics keep them as written, in Traditional too (`repeating`). */
  followed: (topic: string): Phrase =>
    repeating(
      (t) => ({
        zh: `有新文章提到“${t}”时会私信通知你。`,
        en: `You will get a message when a new article mentions "${t}".`,
      }),
      topic,
    ),
  followedAlready: (topic: string): Phrase =>
    repeating((t) => ({ zh: `你已经关注了“${t}”。`, en: `You follow "${t}" already.` }), topic),
  tooManyTopics: (max: number): Phrase => ({
    zh: `你已经关注了 ${max} 个话题；请先用 /unfollow 取消一个。`,
    en: `You follow ${max} topics already; /unfollow one first.`,
  }),
  unfollowed: (topic: string): Phrase =>
    repeating((t) => ({ zh: `不再关注“${t}”。`, en: `You no longer follow "${t}".` }), topic),
  unfollowedAll: { zh: "不再关注任何话题。", en: "You no longer follow any topic." },
  notFollowed: { zh: "你没有关注这个。", en: "You did not follow that." },
  following: (...topics: string[]): Phrase =>
    repeating(
      (...ts: string[]) => ({ zh: `你关注的话题：${ts.join("、")}`, en: `You follow: ${ts.join(", ")}` }),
      ...topics,
    ),
  followingNone: {
    zh: "你没有关注任何话题。发送 /follow 和话题开始关注，例如：/follow 关税",
    en: "You follow no topic. Send /follow and a word or name to start.",
  },
  /** How to use a command given without what it needs (Telegram and the console, where text follows it). */
  usage: {
    add: { zh: "用法：/add https://…", en: "Usage: /add https://..." },
    announce: { zh: "用法：/announce on 或 /announce off", en: "Usage: /announce on, or /announce off" },
    follow: {
      zh: "用法：/follow 话题，例如：/follow 关税",
      en: "Usage: /follow <word or name>",
    },
    verify: {
      zh: "用法：/verify 一句话（或回复一条消息时发送 /verify）",
      en: "Usage: /verify <sentence> (or reply /verify to a message)",
    },
  },
  /** Heads the article `/add` added; `passages` follows the headline. */
  added: { zh: "已添加", en: "Added" },
  passages: (count: number): Phrase => ({ zh: `${count} 个段落`, en: `${count} passages` }),
  /** Heads why a link was not added (`refusalPhrase`). */
  notAdded: { zh: "未添加", en: "Not added" },
  /** Opens a `/verify` reply that shows the article's sentence. */
  verdicts: VERDICTS,
  /** The whole reply of a `none` verdict with no sentence close enough to show. */
  notFound: { zh: "文章中没有这句话。", en: "Not found in the articles." },
  /** Names each kind of difference a `nearly` marks. */
  differences: DIFFERENCES,
  /** Heads an announcement of `count` new articles. */
  newArticles: (count: number): Phrase =>
    count === 1
      ? { zh: "新文章", en: "New article" }
      : { zh: `${count} 篇新文章`, en: `${count} new articles` },
} as const;

/** What an `/add` came to, as `addedParts` reads it (the ingest's `AddOutcome`). */
export type AddedOutcome = { added: true; passages: number } | { added: false; refusal: Refusal };

/**
 * The words of an `/add` reply, as plain text each door escapes and marks up: `lead` opens it, colon included
 * ("Added: ", or "Not added: " and why), the article's headline follows it (the one added, or the one in already),
 * then `passages` when the article was added.
 */
export function addedParts(outcome: AddedOutcome, language?: Language): { lead: string; passages?: string } {
  if (outcome.added)
    return {
      lead: `${label(newsPhrases.added, language)}${colon(language)}`,
      passages: label(newsPhrases.passages(outcome.passages), language),
    };
  const why = label(refusalPhrase(outcome.refusal), language);
  return { lead: `${label(newsPhrases.notAdded, language)}${colon(language)}${why}` };
}

/** The words of a `/verify` reply, as plain text each door escapes and marks up. */
export interface VerdictParts {
  /** The chats' mark of the verdict (the terminal shows none). */
  mark: string;
  /** The verdict, with its colon when the article's sentence follows; the whole reply when no sentence is close. */
  lead: string;
  /** Between a difference's name and the text's words for it. */
  colon: string;
  /** What a kind of difference is called. */
  difference(kind: Difference["kind"]): string;
}

/** The words of a `/verify` reply in `language` (both when it is not known). */
export function verdictParts(
  { verdict, quote }: Pick<Verification, "verdict" | "quote">,
  language?: Language,
): VerdictParts {
  const lead = quote
    ? `${label(VERDICTS[verdict], language)}${colon(language).trimEnd()}`
    : label(newsPhrases.notFound, language);
  return {
    mark: VERDICT_MARKS[verdict],
    lead,
    colon: colon(language),
    difference: (kind) => label(DIFFERENCES[kind], language),
  };
}
