import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phrases } from "../../../src/core/messages.ts";
import { createFakeQa } from "../../support/fake-qa.ts";
import { botUser, buttonPress, CHANNEL_ID, message } from "./fixtures.ts";
import { callbackOf, type Harness, startHarness } from "./harness.ts";

/** A Qa whose store could not keep the vote (a full disk), as `Qa.vote` reports it. */
const qa = { ...createFakeQa(), vote: async () => "failed" as const };
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness(qa);
});
afterAll(() => harness.close());

describe("a vote that could not be recorded", () => {
  it("is answered with an apology, not thanks", async () => {
    const onMessage = message({ content: "❓ 耶伦" }, { channelId: CHANNEL_ID, author: botUser });
    const press = buttonPress("vote:down:0:1:耶伦", onMessage);
    harness.standIn.dispatch("INTERACTION_CREATE", press);
    const ack = await harness.standIn.waitFor(callbackOf(press.id));
    expect(ack.body.data).toMatchObject({ content: phrases.voteNotRecorded.zh, flags: 64 });
  });
});
