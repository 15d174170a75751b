import { describe, expect, it } from "vitest";
import { createEvidence } from "../../../src/core/answer/evidence.ts";
import { loadLexicon } from "../../../src/core/language/lexicon.ts";
import { normalize } from "../../../src/core/language/normalize.ts";
import { loadSegmenter } from "../../../src/core/language/segment.ts";
import type { AnswerType } from "../../../src/core/question/answer-type.ts";
import { CONFIG_DIR } from "../../support/seed-qa.ts";

const lexicon = loadLexicon(CONFIG_DIR);
loadSegmenter(lexicon.userDictPath);
const evidence = createEvidence(lexicon.sayingVerbs);

/** Whether a (normalised) seed sentence holds an answer of `type`, for a question with the words `asked`. */
const holds = (type: AnswerType, sentence: string, asked: string[] = []) =>
  evidence.of(type, asked)?.(normalize(sentence)) ?? false;

describe("Evidence.of", () => {
  it("finds a span of time, and does not take a date for one", () => {
    expect(holds("duration", "这也不是说在长达1小时45分钟的通话中所表达的分歧无关紧要。")).toBe(true);
    expect(holds("duration", "两国元首在北京相处近9个小时。")).toBe(true);
    expect(holds("duration", "5月15日上午，国家主席习近平在中南海同美国总统特朗普举行小范围会晤。")).toBe(
      false,
    );
    expect(holds("duration", "【大纪元2025年06月05日讯】")).toBe(false);
  });

  it("finds how many of something, with its measure word", () => {
    expect(holds("count", "中美政府间对话机制最多时有100多個。")).toBe(true);
    expect(holds("count", "即将举行几次重要的外交会晤。")).toBe(true);
    expect(holds("count", "拜登强调了美国对台湾的支持。")).toBe(false);
  });

  it("finds an amount or a share", () => {
    expect(holds("quantity", "对中国商品加徵的24%对等关税将继续暂停一年。")).toBe(true);
    expect(holds("quantity", "中美关系承载着两国17亿多人民的福祉。")).toBe(true);
    expect(holds("quantity", "BBC采访专家梳理了三大重点。")).toBe(false);
  });

  it("finds a date written out, and a period jieba tags as time", () => {
    expect(holds("date", "另一个沟通迹象是4月3日美国财长耶伦将访华。")).toBe(true);
    expect(holds("date", "春秋时期诸侯并起。")).toBe(true);
    // jieba tags 后来 and dynasties as time words too, but they say when nothing happened.
    expect(holds("date", "后来许多人去了南方。")).toBe(false);
    expect(holds("date", "赵忠等宋人逃往越南。")).toBe(false);
  });

  it("finds a person's name by its part-of-speech tag, or a foreign name by its middle dot", () => {
    expect(holds("person", "台总统府发言人林聿禅称，台湾欣见并感谢拜登重申美国政府的一贯政策。")).toBe(true);
    expect(holds("person", "威尔逊中心基辛格中美研究所所长罗伯特·戴利强调。")).toBe(true);
    expect(holds("person", "两人的通话重点依然是台湾问题，主要分歧也在这里。")).toBe(false);
  });

  it("does not count a name the question itself gives", () => {
    const sentence = "拜登随后在X上写道。";
    expect(holds("person", sentence)).toBe(true);
    expect(holds("person", sentence, ["拜登", "写道"])).toBe(false);
    // 杰克逊 is part of the question's 杰克逊维尔, 安德鲁·杰克逊 is not.
    expect(holds("person", "杰克逊维尔是一座城市。", ["杰克逊维尔"])).toBe(false);
    expect(holds("person", "杰克逊维尔以安德鲁·杰克逊命名。", ["杰克逊维尔"])).toBe(true);
  });

  it("takes a body of people named by its country for who", () => {
    expect(holds("person", "一些诺曼人加入土耳其军队。", ["诺曼人"])).toBe(true);
    expect(holds("person", "一些诺曼人加入土耳其的行列。", ["诺曼人"])).toBe(false);
  });

  it("finds places and organisations by their tags", () => {
    expect(holds("place", "5月15日上午，国家主席习近平在中南海同美国总统特朗普举行小范围会晤。")).toBe(true);
    expect(holds("place", "两人的通话重点依然是台湾问题。", ["台湾"])).toBe(false);
    expect(holds("organisation", "北京时间周四晚近9点，中共官媒新华社最早发布通告说。")).toBe(true);
    expect(holds("organisation", "两人的通话重点依然是台湾问题。")).toBe(false);
  });

  it("finds what someone said by a verb of saying from config/, as a whole word, or by quotation marks", () => {
    expect(holds("statement", "戴利认为，尽管双方都把重点放在了合作和对话上。")).toBe(true);
    expect(holds("statement", "柯比说：“美国不是要禁止这款应用。”")).toBe(true);
    // 称 inside 名称 is not 称 (says).
    expect(holds("statement", "这款应用的名称很短。")).toBe(false);
    expect(lexicon.sayingVerbs.has("写道")).toBe(true);
  });

  it("finds a reason by its connective", () => {
    expect(holds("reason", "由于疾病和不宜居的气候，远征受阻。")).toBe(true);
    expect(holds("reason", "远征受阻。")).toBe(false);
  });

  it("has no test for types no sentence shows (yes/no, other)", () => {
    expect(evidence.of("yesno")).toBeUndefined();
    expect(evidence.of("other")).toBeUndefined();
  });
});
