import { describe, expect, it } from "vitest";
import { normalize } from "../../../src/core/language/normalize.ts";
import {
  fitsMonthDay,
  fitsPeriod,
  namesMonthDay,
  questionMonthDay,
  questionPeriod,
} from "../../../src/core/question/dates.ts";

const NOW = new Date("2026-12-02T12:00:00Z");
const span = (question: string) => {
  const found = questionPeriod(normalize(question), NOW);
  return found && [found.from, found.to, question.slice(...found.at)];
};

describe("questionPeriod", () => {
  it("reads a year and month, a whole year, a day", () => {
    expect(span("特朗普2026年5月访华期间参观了哪里？")).toEqual(["2026-05-01", "2026-05-31", "2026年5月"]);
    expect(span("2025年中美关系如何")).toEqual(["2025-01-01", "2025-12-31", "2025年"]);
    expect(span("2024年4月2日的通话")).toEqual(["2024-04-02", "2024-04-02", "2024年4月2日"]);
  });

  it("reads English months and ISO dates", () => {
    expect(span("What did Trump say in June 2025?")).toEqual(["2025-06-01", "2025-06-30", "June 2025"]);
    expect(span("the call of 2024-04-02")).toEqual(["2024-04-02", "2024-04-02", "2024-04-02"]);
  });

  it("reads an English year after in or during", () => {
    expect(span("Where did Trump and Xi meet in 2025?")).toEqual(["2025-01-01", "2025-12-31", "in 2025"]);
    expect(span("How many people died since 2025?")).toBeUndefined();
    expect(span("Who won in 2025–26?")).toBeUndefined(); // a season
    expect(span("What did 2025 people sign?")).toBeUndefined();
  });

  it("reads a month of a year written with of", () => {
    expect(questionPeriod(normalize("What happened in May of 2012?"))).toMatchObject({
      from: "2012-05-01",
      to: "2012-05-31",
    });
  });

  it("counts 去年 and 今年 from the clock it is given", () => {
    expect(span("去年10月在哪里会晤")).toEqual(["2025-10-01", "2025-10-31", "去年10月"]);
    expect(questionPeriod("去年10月", new Date("2025-03-01T00:00:00Z"))?.from).toBe("2024-10-01");
    expect(span("今年的访问")).toEqual(["2026-01-01", "2026-12-31", "今年"]);
  });

  it("counts 上个月 and 本月 from the clock, across a new year too", () => {
    expect(span("上个月谁访华了")).toEqual(["2026-11-01", "2026-11-30", "上个月"]);
    expect(span("本月的会晤")).toEqual(["2026-12-01", "2026-12-31", "本月"]);
    expect(span("Who visited China last month?")).toEqual(["2026-11-01", "2026-11-30", "last month"]);
    expect(questionPeriod("上月", new Date("2026-01-15T00:00:00Z"))?.from).toBe("2025-12-01");
  });

  it("names no period for a day without a year, or no date at all", () => {
    expect(span("6月5日谁通了电话")).toBeUndefined();
    expect(span("耶伦哪天访华？")).toBeUndefined();
    expect(span("2026年13月")).toBeUndefined();
  });
});

describe("fitsPeriod", () => {
  const may2026 = { from: "2026-05-01", to: "2026-05-31" };
  it("takes articles dated in the period or soon after it, not before or long after", () => {
    expect(fitsPeriod("2026-05-15", may2026)).toBe(true);
    expect(fitsPeriod("2026-06-20", may2026)).toBe(true);
    expect(fitsPeriod("2025-10-31", may2026)).toBe(false);
    expect(fitsPeriod("2026-08-01", may2026)).toBe(false);
  });
});

describe("questionMonthDay", () => {
  const day = (question: string) => {
    const found = questionMonthDay(normalize(question));
    return found && [found.month, found.day, question.slice(...found.at)];
  };
  it("reads a month and day without a year, in Chinese or English", () => {
    expect(day("6月5日川普和习近平谈了什么")).toEqual([6, 5, "6月5日"]);
    expect(day("4月2号的通话")).toEqual([4, 2, "4月2号"]);
    expect(day("What did Biden and Xi discuss on April 2?")).toEqual([4, 2, "April 2"]);
  });

  it("reads a month alone, with no day", () => {
    expect(day("5月访华参观了哪里")).toEqual([5, undefined, "5月"]);
    expect(day("What did Trump and Xi discuss on their call in June?")).toEqual([6, undefined, "June"]);
    // March and May are words too: months only where a time is introduced.
    expect(day("What did Xi say in May?")).toEqual([5, undefined, "May"]);
    expect(day("since March")).toEqual([3, undefined, "March"]);
    expect(day("What may China do next?")).toBeUndefined();
    expect(day("Who led the march?")).toBeUndefined();
    expect(day("What did Xi say this may mean?")).toBeUndefined();
    expect(day("When was the last march on Washington?")).toBeUndefined();
    expect(day("in mid-May")).toEqual([5, undefined, "May"]);
    // A number after a comma starts the next clause, not a day.
    expect(day("In June, 12 people died")).toEqual([6, undefined, "June"]);
  });

  it("reads none in a date with a year, a duration, or an impossible day or month", () => {
    expect(day("2024年4月2日的通话")).toBeUndefined();
    expect(day("2026年5月访华")).toBeUndefined();
    expect(day("on April 2, 2024")).toBeUndefined();
    expect(day("谈了3个月")).toBeUndefined();
    expect(day("13月5日")).toBeUndefined();
    expect(day("6月40日")).toBeUndefined();
    expect(day("13月访华")).toBeUndefined();
    expect(day("2026 年 5 月")).toBeUndefined();
    expect(day("in June 2025")).toBeUndefined();
  });
});

describe("namesMonthDay", () => {
  it("finds the day as articles write it, not another day with the same digits", () => {
    const day = { month: 6, day: 5 };
    expect(namesMonthDay(normalize("周四（6月5日），美国总统川普与习近平通电话。"), day)).toBe(true);
    expect(namesMonthDay("2025年06月05日讯", day)).toBe(true);
    expect(namesMonthDay("16月5日", day)).toBe(false);
    expect(namesMonthDay("6月15日", day)).toBe(false);
  });

  it("finds a month in any date of it", () => {
    expect(namesMonthDay(normalize("周四（6月5日），美国总统川普与习近平通电话。"), { month: 6 })).toBe(true);
    expect(namesMonthDay("今年6月", { month: 6 })).toBe(true);
    expect(namesMonthDay("16月", { month: 6 })).toBe(false);
    expect(namesMonthDay("5月15日", { month: 6 })).toBe(false);
  });
});

describe("fitsMonthDay", () => {
  it("takes articles dated on the day of any year or soon after, not before or long after", () => {
    const day = { month: 4, day: 2 };
    expect(fitsMonthDay("2024-04-02", day)).toBe(true);
    expect(fitsMonthDay("2024-04-03", day)).toBe(true);
    expect(fitsMonthDay("2025-10-31", day)).toBe(false);
    expect(fitsMonthDay("2025-06-05", day)).toBe(false);
    expect(fitsMonthDay("2026-03-30", day)).toBe(false);
  });

  it("takes articles dated in the month of any year or soon after it", () => {
    const june = { month: 6 };
    expect(fitsMonthDay("2025-06-05", june)).toBe(true);
    expect(fitsMonthDay("2025-06-30", june)).toBe(true);
    expect(fitsMonthDay("2025-07-20", june)).toBe(true);
    expect(fitsMonthDay("2025-05-31", june)).toBe(false);
    expect(fitsMonthDay("2025-10-31", june)).toBe(false);
  });

  it("takes an article of January about a day in December of the year before", () => {
    expect(fitsMonthDay("2026-01-10", { month: 12, day: 28 })).toBe(true);
  });
});
