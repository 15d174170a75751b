import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeQa } from "../../support/fake-qa.ts";
import { BOT_ID, CHANNEL_ID, slashCommand, userMessage } from "./fixtures.ts";
import { editOf, type Harness, request, startHarness } from "./harness.ts";

/** More requests than @discordjs/rest lets through in one second under its global limit (50). */
const BURST = 70;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness(createFakeQa());
});
afterAll(() => harness.close());

/** The routes of the global waits the bot logged from line `since` on. */
function globalWaits(since: number): string[] {
  return harness.logLines
    .slice(since)
    .map((line) => JSON.parse(line))
    .filter((entry) => entry.msg === "rate limited" && entry.global === true)
    .map((entry) => entry.route);
}

describe("the client-side global rate limit", () => {
  it("does not hold back answers to interactions, which Discord does not count against it", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    const lines = harness.logLines.length;
    const since = harness.standIn.mark();
    const asked = Array.from({ length: BURST }, () => slashCommand("ask", { question: "耶伦" }));
    for (const interaction of asked) harness.standIn.dispatch("INTERACTION_CREATE", interaction);
    const edits = await Promise.all(asked.map((i) => harness.standIn.waitFor(editOf(i.token), since)));
    expect(edits.every((edit) => edit.status === 200)).toBe(true);
    expect(edits.every((edit) => edit.headers.authorization === undefined)).toBe(true);
    expect(globalWaits(lines)).toEqual([]);
    // Waiting for the whole burst at once is no leak: the stand-in must not warn of one (as it did, from npm test).
    await new Promise((resolve) => setImmediate(resolve));
    process.off("warning", onWarning);
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });

  it("still holds back requests made with the bot token, such as replies to mentions", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a fresh global window
    const lines = harness.logLines.length;
    const since = harness.standIn.mark();
    for (let i = 0; i < BURST; i++) {
      const sent = userMessage(`<@${BOT_ID}> 耶伦`);
      harness.standIn.messages.set(sent.id, sent);
      harness.standIn.dispatch("MESSAGE_CREATE", sent);
    }
    const reply = request("POST", new RegExp(`^/channels/${CHANNEL_ID}/messages$`));
    await harness.standIn.waitFor(
      (r) => reply(r) && harness.standIn.requests.slice(since).filter(reply).length >= BURST,
      since,
      5000,
    );
    expect(globalWaits(lines)).toContain("/channels/:id/messages");
  });
});
