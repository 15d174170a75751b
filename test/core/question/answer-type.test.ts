import { describe, expect, it } from "vitest";
import { normalize } from "../../../src/core/language/normalize.ts";
import { answerType } from "../../../src/core/question/answer-type.ts";

const typeOf = (question: string) => answerType(normalize(question));

describe("answerType", () => {
  it("tells durations, counts and quantities apart", () => {
    expect(typeOf("两国元首在北京相处了多长时间？")).toBe("duration");
    expect(typeOf("How long did the meeting last?")).toBe("duration");
    expect(typeOf("两人通话过几次？")).toBe("count");
    expect(typeOf("How many points did the Panthers score?")).toBe("count");
    expect(typeOf("美国加征了多少亿美元的关税？")).toBe("quantity");
    expect(typeOf("What percentage of voters agreed?")).toBe("quantity");
  });

  it("reads dates, people, places and organisations, in either script and in English", () => {
    expect(typeOf("耶伦哪天访华？")).toBe("date");
    expect(typeOf("In what year did the war end?")).toBe("date");
    expect(typeOf("川普访华时李强会见了谁？")).toBe("person");
    expect(typeOf("哪一位法國皇帝頒布了這項公文?")).toBe("person");
    expect(typeOf("Where did Xi and Trump meet?")).toBe("place");
    expect(typeOf("这位领袖曾在哪里担任教职?")).toBe("place");
    expect(typeOf("Which company built the stadium?")).toBe("organisation");
  });

  it("knows what someone said, reasons and yes/no questions", () => {
    expect(typeOf("川普怎么评价那次通话？")).toBe("statement");
    expect(typeOf("What did Biden say about TikTok?")).toBe("statement");
    expect(typeOf("为什么美国限制芯片出口？")).toBe("reason");
    expect(typeOf("美国对华高科技出口限制会取消吗？")).toBe("yesno");
    expect(typeOf("Did Biden call Xi?")).toBe("yesno");
  });

  it("reads the colloquial question words chat uses (啥 for 什么, 咋 for 怎么)", () => {
    expect(typeOf("王毅说了啥？")).toBe("statement");
    expect(typeOf("川普咋看这事")).toBe("statement");
    expect(typeOf("中方为啥这么提防？")).toBe("reason");
    expect(typeOf("他俩啥时候通的电话")).toBe("date");
    expect(typeOf("在啥地方见的面")).toBe("place");
    expect(typeOf("王毅说啥时候访美")).toBe("date");
    expect(typeOf("啥公司投资了")).toBe("organisation");
  });

  it("asks about the article itself only when the question points at it", () => {
    expect(typeOf("BBC这篇文章的记者是谁")).toBe("author");
    expect(typeOf("Who wrote this article?")).toBe("author");
    expect(typeOf("这篇报道是哪家媒体的？")).toBe("outlet");
    expect(typeOf("这篇文章是什么时候发表的？")).toBe("published");
    expect(typeOf("《教會史》的作者是誰？")).toBe("person");
  });

  it("leaves other questions untyped", () => {
    expect(typeOf("日内瓦贸易休战协议的目的是什么")).toBe("other");
  });
});
