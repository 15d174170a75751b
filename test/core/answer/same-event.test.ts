import { describe, expect, it } from "vitest";
import { eventFacts, sameEvent } from "../../../src/core/answer/same-event.ts";
import { loadLexicon } from "../../../src/core/language/lexicon.ts";
import { normalize } from "../../../src/core/language/normalize.ts";
import { createAnalyzer } from "../../../src/core/question/analyse.ts";
import { CONFIG_DIR } from "../../support/seed-qa.ts";

const analyzer = createAnalyzer(loadLexicon(CONFIG_DIR));

/** The seed articles' dates (000 Epoch Times, 001 BBC中文, 002 RFI, 003 Busan commentary, 004 Xinhua). */
const DATES: Record<string, string> = {
  "000": "2025-06-05",
  "001": "2024-04-03",
  "002": "2024-04-02",
  "003": "2025-10-31",
  "004": "2026-05-15",
};

/** Verbatim seed sentences. */
const S = {
  trumpCall: ["000", "周四（6月5日），美国总统川普（特朗普）与中共国家主席习近平通电话。"],
  bidenCall: [
    "001",
    "北京时间本周二晚，美国总统拜登和中国国家主席习近平通电话，努力缓和两国之间的紧张局势。",
  ],
  busan: [
    "003",
    "當地時間10月30日，中國國家主席習近平在韓國釜山與美國總統特朗普舉行會晤，這場持續1小時40分鐘的高層溝通超出原定的時間安排，對外釋放了中美關係的積極信號。",
  ],
  zhongnanhai: ["004", "5月15日上午，国家主席习近平在中南海同美国总统特朗普举行小范围会晤。"],
  stateVisit: ["004", "应国家主席习近平邀请，美国总统特朗普于5月13日至15日对中国进行国事访问。"],
  redLineBbc: ["001", "拜登强调了美国对台湾的支持，但习近平称台湾问题是中美关系第一条不可逾越的“红线”。"],
  redLineRfi: [
    "002",
    "但是，在台湾当选总统五月正式就任前夕，习近平明显向拜登施压，称“台湾问题是中美关系第一条不可逾越的红线”，并威胁称，对“台独”势力活动和外部纵容支持，“ 不会听之任之”。",
  ],
  taiwan2026: ["004", "第一，台湾问题是中国内政。"],
  deriskBbc: ["001", "这不是“去风险”，而是制造风险。"],
  deriskRfi: [
    "002",
    "就美方对中国限制高科技出口及“经贸科技打压措施”，习近平称，这不是“去风险”，而是制造风险。",
  ],
  pressureBbc: ["001", "如果美方执意打压中国的高科技发展，剥夺中国的正当发展权利，中国也不会坐视不管。"],
  pressureRfi: [
    "002",
    "习近平还称，“如果美方执意打压中国的高科技发展，剥夺中国的正当发展权利，我们也不会坐视不管”。",
  ],
  candidBbc: ["001", "新华社称，两“坦诚深入”交换了意见。"],
  candidRfi: [
    "002",
    "中国官媒央视形容“两国元首就中美关系和双方共同关心的问题坦诚深入地交换了意见”，白宫则在声明中强调会谈既涉及“合作”的可能性，也涉及看法上的“分歧”。",
  ],
} as const satisfies Record<string, readonly [string, string]>;
type Key = keyof typeof S;

/**
 * Every pair of seed sentences from different articles whose bigrams overlap by half (the old folding rule),
 * labelled by hand: the same event (the 2024-04-02 Biden–Xi call, told by BBC and RFI) or not.
 */
const PAIRS: Array<[Key, Key, boolean]> = [
  ["redLineBbc", "redLineRfi", true],
  ["deriskBbc", "deriskRfi", true],
  ["pressureBbc", "pressureRfi", true],
  ["candidBbc", "candidRfi", true],
  ["trumpCall", "bidenCall", false],
  ["trumpCall", "busan", false],
  ["trumpCall", "zhongnanhai", false],
  ["trumpCall", "stateVisit", false],
  ["redLineBbc", "taiwan2026", false],
  ["redLineRfi", "taiwan2026", false],
  ["busan", "zhongnanhai", false],
];

const facts = (key: Key) => {
  const [article, text] = S[key];
  return eventFacts(normalize(text), DATES[article] ?? null, analyzer.canonical);
};

describe("sameEvent", () => {
  it.each(PAIRS)("%s and %s: same event %s", (a, b, same) => {
    expect(sameEvent(facts(a), facts(b))).toBe(same);
    expect(sameEvent(facts(b), facts(a))).toBe(same);
  });

  it("keeps apart alike wording about other people on the same day", () => {
    const biden = eventFacts(normalize("拜登与习近平通电话。"), "2024-04-02");
    const trump = eventFacts(normalize("特朗普与习近平通电话。"), "2024-04-02");
    expect(sameEvent(biden, trump)).toBe(false);
  });

  it("keeps apart alike wording with other numbers", () => {
    const a = eventFacts(normalize("会晤持续1小时40分钟。"), null);
    const b = eventFacts(normalize("会晤持续2小时10分钟。"), null);
    expect(sameEvent(a, b)).toBe(false);
    expect(sameEvent(a, eventFacts(normalize("据报道，会晤持续1小时40分钟。"), null))).toBe(true);
  });

  it("folds spellings of one name together (川普 is 特朗普)", () => {
    const a = eventFacts(normalize("川普与习近平通电话。"), "2025-06-05", analyzer.canonical);
    const b = eventFacts(normalize("特朗普与习近平通电话。"), "2025-06-06", analyzer.canonical);
    expect(sameEvent(a, b)).toBe(true);
  });

  it("tags a sentence once when the quotes of one question share a memo, and keeps each text's own people", () => {
    const named = new Map<string, ReadonlySet<string>>();
    const text = normalize("拜登与习近平通电话。");
    const reprint = eventFacts(text, "2024-04-02", analyzer.canonical, named);
    const original = eventFacts(text, "2024-04-02", analyzer.canonical, named);
    expect(original.people()).toBe(reprint.people()); // one Set: the second quote was not tagged again
    expect([...original.people()]).toContain("拜登");
    const other = eventFacts(normalize("特朗普与习近平通电话。"), "2024-04-02", analyzer.canonical, named);
    expect(other.people()).not.toContain("拜登");
    expect(sameEvent(original, other)).toBe(false);
  });
});
