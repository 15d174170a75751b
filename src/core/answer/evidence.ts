import { tag } from "../language/segment.ts";
import type { AnswerType } from "../question/answer-type.ts";

/**
 * Whether a sentence holds an answer of the type a question asks for: a person's name for 谁, a place for 哪里,
 * a number with a unit for 多少. Re-ranking prefers, among sentences that match the question about as well, the
 * one that holds such an answer. Names, places, organisations and times come from jieba's part-of-speech tags;
 * numbers with their units from patterns; what someone said from the verbs of saying in `config/`.
 */
export interface Evidence {
  /**
   * The test for one answer type; undefined for types no sentence shows evidence of (yes/no, other). `asked`
   * are the question's own words: a name the question gives is not the answer it asks for (杰克逊 in
   * 杰克逊维尔是以哪位人物命名的).
   */
  of(type: AnswerType, asked?: readonly string[]): ((sentence: string) => boolean) | undefined;
}

// The patterns are tested on one sentence at a time (see `sentenceSpans`), so none may need sentence-ending
// punctuation: no `.`, `\S`, `[^…]` or `\p{P}`.

/** A number as Chinese text writes one: digits (1.5, 2,000) or numerals (三, 二十, 两百), maybe "多" after it. */
const NUMBER = String.raw`(?:\d+(?:[.,]\d+)*|[一二三四五六七八九十两百千万亿零〇几数半]+)(?:多|余)?`;

/**
 * A span of time: 1小时45分钟, 三年, 两个多月, 近9个小时. Four-digit years (2024年) and days of a month (15日) are
 * dates, not spans.
 */
const DURATION =
  /(?<!\d)(?:\d{1,3}(?:\.\d+)?|[一二三四五六七八九十两百千几数半]+)(?:多|余)?个?(?:多|半)?(?:小时|钟头|分钟|秒钟?|天|周|星期|个月|年|世纪|昼夜)(?:之久|时间)?/u;

/** How many of something: 5次, 三位, 100多个, 十几家. */
const COUNT = new RegExp(
  `${NUMBER}(?:次|个|位|名|人|家|项|条|场|届|座|艘|辆|种|所|支|部|本|首|份|只|头|匹|块|间|局|枚|架|颗|轮|批|例|起|处|国|城|具|张|件|篇|门|台|棵|根|幅|段|层|级|把|任|对|双|套|群|队|组|册|卷|集|章|节|票|分)`,
  "u",
);

/** An amount or share: 2000亿美元, 10%, 百分之五, 17亿多, 3.5公里, 两倍. */
const QUANTITY = new RegExp(
  String.raw`${NUMBER}\s*(?:%|％|‰|成|倍|万|亿|美元|元|人民币|欧元|英镑|日元|港元|吨|公里|千米|米|公斤|千克|克|平方|亩|公顷|度|岁|公尺|英里|加仑|桶|升|瓦)|百分之|\d{2,}`,
  "u",
);

/** A date or time written out: 2024年, 4月3日, 周四, 上午, 1990年代 (jieba tags some of these `t`, not all). */
const DATE =
  /\d{1,4}\s*[年月日号]|[一二三四五六七八九十〇零]+[年月日]|(周|星期|礼拜)[一二三四五六日天]|今年|去年|明年|昨天|今天|上午|下午|晚上|凌晨|世纪|年代|\d{4}/u;

/** Words that give a reason: 因为, 由于, 为了, 导致. */
const REASON = /因为|由于|因此|所以|为了|原因|导致|以致|鉴于|出于|以便|旨在|目的|缘于|因而|致使|源于/u;

/** Quoted speech: “…”, 「…」, 『…』. */
const QUOTED = /[“「『]/u;

/**
 * jieba tags relative time words `t` as well (后来, 当时, even 后代): only periods say when (春秋时期, 明治年间);
 * dates written with numbers are DATE's. Dynasties (元朝, 宋朝) are left out: history texts name them in passing
 * everywhere, and counting them lost xquad-dev zh questions whose answer is a year.
 */
const ERA = /(时期|年间|年代|世纪)$/u;

/** Transliterated foreign names are written with a middle dot, which jieba splits: 安德鲁·杰克逊. */
const FOREIGN_NAME = /\p{Script=Han}{2,}[·・]\p{Script=Han}{2,}/u;

/** "Who" is often a body of people named by its country: 土耳其军队, 英国政府, 美国人民. */
const COLLECTIVE = new Set(["人", "军", "军队", "部队", "政府", "人民", "士兵", "军方", "当局", "官员"]);

/** jieba's tags (prefixes) for names of people (nr, nrt, nrfg), places (ns) and organisations (nt). */
const TAG_OF: Partial<Record<AnswerType, string>> = { person: "nr", place: "ns", organisation: "nt" };

/** Tagged sentences kept between questions: the same passages come back for questions on one topic. */
const CACHE_SIZE = 4096;

/** Builds the evidence tests over a list of verbs of saying (`Lexicon.sayingVerbs`). */
export function createEvidence(sayingVerbs: ReadonlySet<string>): Evidence {
  const tagged = new Map<string, Array<{ word: string; tag: string }>>();
  const tagsOf = (sentence: string) => {
    let tags = tagged.get(sentence);
    if (!tags) {
      // Tagging is the costly part (about 1 µs a character): only sentences a window could turn on are
      // tagged (see `assessPassage`), and each once while it is in the cache.
      if (tagged.size >= CACHE_SIZE) tagged.clear();
      tags = tag(sentence);
      tagged.set(sentence, tags);
    }
    return tags;
  };
  return {
    of(type, asked = []) {
      const given = asked.filter((w) => w.length > 1);
      // Within the question's words (杰克逊 in 杰克逊维尔) or holding one: not a new name.
      const isNew = (word: string) => word !== "" && !given.some((w) => w.includes(word) || word.includes(w));
      const prefix = TAG_OF[type] ?? "";
      const named = (t: { word: string; tag: string }) =>
        prefix !== "" && t.tag.startsWith(prefix) && t.word.length > 1 && isNew(t.word);
      switch (type) {
        case "duration":
          return (s) => DURATION.test(s);
        case "count":
          return (s) => COUNT.test(s);
        case "quantity":
          return (s) => QUANTITY.test(s);
        case "reason":
          return (s) => REASON.test(s);
        case "date":
          return (s) =>
            DATE.test(s) || tagsOf(s).some((t) => t.tag === "t" && ERA.test(t.word) && isNew(t.word));
        case "statement":
          return (s) => QUOTED.test(s) || tagsOf(s).some((t) => sayingVerbs.has(t.word));
        case "person":
          return (s) =>
            isNew(FOREIGN_NAME.exec(s)?.[0] ?? "") ||
            tagsOf(s).some(
              (t, i, all) =>
                named(t) ||
                (t.tag.startsWith("ns") && isNew(t.word) && COLLECTIVE.has(all[i + 1]?.word ?? "")),
            );
        case "place":
        case "organisation":
          return (s) => tagsOf(s).some(named);
        default:
          return undefined;
      }
    },
  };
}
