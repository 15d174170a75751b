import { describe, expect, it } from "vitest";
import { memoryLogger } from "./support/seed-qa.ts";

describe("createLogger", () => {
  it("never writes a secret, wherever it appears", () => {
    const token = "123456:AAE-secret-token";
    const memory = memoryLogger([token]);
    memory.logger.error({ url: `https://api.telegram.org/bot${token}/getMe` }, `request failed for ${token}`);
    expect(memory.text()).not.toContain(token);
    expect(memory.text()).toContain("https://api.telegram.org/bot[secret]/getMe");
  });
});
