import { describe, expect, it } from "vitest";
import { beginStartUp, settlesWithin } from "../../../src/adapters/shared/deadlines.ts";

describe("beginStartUp", () => {
  it("aborts its signal when the deadline passes, and says so", async () => {
    const startUp = beginStartUp(20);
    await new Promise((resolve) => startUp.signal.addEventListener("abort", resolve));
    expect(startUp.timedOut).toBe(true);
    expect(startUp.cancelled).toBe(false);
  });

  it("tells a cancel apart from the deadline", () => {
    const startUp = beginStartUp(60_000);
    startUp.cancel();
    startUp.finish();
    expect(startUp.signal.aborted).toBe(true);
    expect(startUp.cancelled).toBe(true);
    expect(startUp.timedOut).toBe(false);
  });

  it("no longer aborts once finished", async () => {
    const startUp = beginStartUp(10);
    startUp.finish();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(startUp.signal.aborted).toBe(false);
  });
});

describe("settlesWithin", () => {
  it("is true for a promise that settles in time, false for one that does not", async () => {
    expect(await settlesWithin(Promise.resolve(), 50)).toBe(true);
    expect(await settlesWithin(new Promise(() => {}), 20)).toBe(false);
  });
});
