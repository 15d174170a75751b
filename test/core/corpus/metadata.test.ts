import { describe, expect, it } from "vitest";
import {
  dateFromEpoch,
  findAuthor,
  findDate,
  findPublisher,
  isSignOff,
  withoutDateline,
} from "../../../src/core/corpus/metadata.ts";

const EPOCH_DATELINE =
  "【大纪元2025年06月05日讯】（大纪元记者林燕报导）周四（6月5日），美国总统川普与习近平通电话。";

describe("findDate", () => {
  it("reads a wire dateline", () => {
    expect(findDate([EPOCH_DATELINE])).toBe("2025-06-05");
    expect(findDate(["【新唐人2024年4月3日讯】正文"])).toBe("2024-04-03");
  });

  it("reads an ISO date only on an update or publication line", () => {
    expect(findDate(["更新 2024-04-03 08:00"])).toBe("2024-04-03");
    expect(findDate(["会议定于 2024-04-03 举行。"])).toBeUndefined();
  });

  it("reads RFI's day/month/year time line", () => {
    expect(findDate(["02/04/2024 - 22:34"])).toBe("2024-04-02");
  });

  it("takes the first block that states a date", () => {
    expect(findDate(["正文。", "02/04/2024 - 22:34", EPOCH_DATELINE])).toBe("2024-04-02");
    expect(findDate(["没有日期。"])).toBeUndefined();
  });
});

describe("findPublisher", () => {
  it("reads the outlet from a dateline or an agency sign-off", () => {
    expect(findPublisher([EPOCH_DATELINE])).toBe("大纪元");
    expect(findPublisher(["正文。", "据新华社电"])).toBe("新华社");
    expect(findPublisher(["（新华社北京5月15日电）"])).toBeUndefined();
    expect(findPublisher(["新华社北京5月15日电"])).toBe("新华社");
  });

  it("names no publisher for ordinary text", () => {
    expect(findPublisher(["新华社报道了这次会晤。"])).toBeUndefined();
  });
});

describe("findAuthor", () => {
  it("reads the reporter from a dateline or a byline", () => {
    expect(findAuthor([EPOCH_DATELINE])).toBe("林燕");
    expect(findAuthor(["陈岩 BBC中文记者"])).toBe("陈岩");
    expect(findAuthor(["正文没有作者。"])).toBeUndefined();
  });
});

describe("withoutDateline", () => {
  it("drops the wire header, so the quote starts with the news", () => {
    expect(withoutDateline(EPOCH_DATELINE)).toBe("周四（6月5日），美国总统川普与习近平通电话。");
    expect(withoutDateline("  正文。 ")).toBe("正文。");
  });
});

describe("isSignOff", () => {
  it("is true for an agency sign-off line, false for a sentence", () => {
    expect(isSignOff("据新华社电")).toBe(true);
    expect(isSignOff(" 新华社电 ")).toBe(true);
    expect(isSignOff("新华社报道了这次会晤。")).toBe(false);
  });
});

describe("dateFromEpoch", () => {
  it("turns epoch milliseconds into a UTC date", () => {
    expect(dateFromEpoch(1712090701000)).toBe("2024-04-02");
    expect(dateFromEpoch(Number.NaN)).toBeUndefined();
  });
});
