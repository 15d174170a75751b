import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";

describe("loadConfig", () => {
  it("runs the console chat when no token is set, and treats blank values as unset", () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: "",
      DISCORD_TOKEN: " ",
      TELEGRAM_WEBHOOK_PORT: "",
      LOG_LEVEL: "",
    });
    expect(config.telegram).toBeUndefined();
    expect(config.discord).toBeUndefined();
    expect(config.logLevel).toBeUndefined();
    expect(config.corpusDir).toMatch(/seeds$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("enables a bot when its token is set, with defaults for the rest", () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: "123:abc" });
    expect(config.telegram).toEqual({
      token: "123:abc",
      apiRoot: undefined,
      webhook: undefined,
      rateLimitPerMinute: 5,
    });
    expect(config.secrets).toEqual(["123:abc"]);
  });

  it("shares both bots' limits through REDIS_URL, keeping its password out of the log", () => {
    const url = "redis://:s3cret@redis.internal:6379";
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: "123:abc", DISCORD_TOKEN: "d", REDIS_URL: url });
    expect(config.telegram?.redisUrl).toBe(url);
    expect(config.discord?.redisUrl).toBe(url);
    expect(config.secrets).toEqual(expect.arrayContaining([url, "s3cret"]));
    expect(() => loadConfig({ REDIS_URL: "http://redis.internal" })).toThrow(/REDIS_URL/);
  });

  it("shards Discord when DISCORD_SHARDS is auto or a number, and not otherwise", () => {
    expect(loadConfig({ DISCORD_TOKEN: "d" }).discord?.shards).toBeUndefined();
    expect(loadConfig({ DISCORD_TOKEN: "d", DISCORD_SHARDS: "auto" }).discord?.shards).toBe("auto");
    expect(loadConfig({ DISCORD_TOKEN: "d", DISCORD_SHARDS: " 4 " }).discord?.shards).toBe(4);
    for (const bad of ["0", "-1", "2.5", "many"])
      expect(() => loadConfig({ DISCORD_TOKEN: "d", DISCORD_SHARDS: bad })).toThrow(
        "DISCORD_SHARDS: auto (as many shards as Discord recommends) or a number of shards from 1",
      );
  });

  it("names every bad variable and what is wrong with it", () => {
    const message = (() => {
      try {
        loadConfig({ TELEGRAM_API_ROOT: "not a url", TELEGRAM_RATE_LIMIT: "0", LOG_LEVEL: "loud" });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/^Invalid settings \(see \.env\.example\):/);
    for (const name of ["TELEGRAM_API_ROOT", "TELEGRAM_RATE_LIMIT", "LOG_LEVEL"])
      expect(message).toContain(`  ${name}: `);
    expect(() => loadConfig({ DISCORD_GUILD_ID: "abc", DISCORD_TOKEN: "x" })).toThrow(
      "DISCORD_GUILD_ID: a numeric snowflake",
    );
  });

  it("turns the semantic layer on only with a URL and its model, keeping keys out of the log", () => {
    expect(loadConfig({}).semantic).toBeUndefined();
    const config = loadConfig({
      EMBEDDINGS_URL: "http://localhost:11434/v1",
      EMBEDDINGS_MODEL: "bge-m3",
      RERANK_URL: "https://user:pw-secret@rerank.example.com/v1",
      RERANK_MODEL: "BAAI/bge-reranker-v2-m3",
      RERANK_API_KEY: "sk-rerank",
    });
    expect(config.semantic).toEqual({
      embeddings: { url: "http://localhost:11434/v1", model: "bge-m3", apiKey: undefined },
      rerank: {
        url: "https://user:pw-secret@rerank.example.com/v1",
        model: "BAAI/bge-reranker-v2-m3",
        apiKey: "sk-rerank",
      },
    });
    expect(config.secrets).toEqual(expect.arrayContaining(["sk-rerank", "pw-secret"]));
    expect(() => loadConfig({ EMBEDDINGS_URL: "http://localhost:11434/v1" })).toThrow(
      /EMBEDDINGS_URL is set but EMBEDDINGS_MODEL is not/,
    );
    expect(() => loadConfig({ RERANK_API_KEY: "sk" })).toThrow(/RERANK_API_KEY is set but RERANK_URL is not/);
    expect(() => loadConfig({ EMBEDDINGS_URL: "localhost:11434", EMBEDDINGS_MODEL: "m" })).toThrow(
      /EMBEDDINGS_URL/,
    );
  });

  it("refuses a webhook without a secret", () => {
    expect(() =>
      loadConfig({ TELEGRAM_BOT_TOKEN: "1:a", TELEGRAM_WEBHOOK_URL: "https://example.com/hook" }),
    ).toThrow("TELEGRAM_WEBHOOK_URL is set but TELEGRAM_WEBHOOK_SECRET is not");
  });

  it("binds the webhook to TELEGRAM_WEBHOOK_HOST, every interface by default", () => {
    const webhook = {
      TELEGRAM_BOT_TOKEN: "1:a",
      TELEGRAM_WEBHOOK_URL: "https://example.com/hook",
      TELEGRAM_WEBHOOK_SECRET: "s3cret",
    };
    expect(loadConfig(webhook).telegram?.webhook).toEqual({
      url: "https://example.com/hook",
      secret: "s3cret",
      port: 8080,
      host: undefined,
    });
    expect(loadConfig({ ...webhook, TELEGRAM_WEBHOOK_HOST: "127.0.0.1" }).telegram?.webhook?.host).toBe(
      "127.0.0.1",
    );
    expect(() => loadConfig({ ...webhook, TELEGRAM_WEBHOOK_HOST: "a b" })).toThrow(
      "  TELEGRAM_WEBHOOK_HOST: an address to listen on",
    );
  });

  it("opens the health and metrics port only when HEALTH_PORT is set, on a port of its own", () => {
    expect(loadConfig({}).health).toBeUndefined();
    expect(loadConfig({ HEALTH_PORT: "" }).health).toBeUndefined();
    expect(loadConfig({ HEALTH_PORT: "9464" }).health).toEqual({ port: 9464 });
    expect(() => loadConfig({ HEALTH_PORT: "70000" })).toThrow("  HEALTH_PORT: ");
    const webhook = {
      TELEGRAM_BOT_TOKEN: "1:a",
      TELEGRAM_WEBHOOK_URL: "https://example.com/hook",
      TELEGRAM_WEBHOOK_SECRET: "s3cret",
    };
    expect(() => loadConfig({ ...webhook, HEALTH_PORT: "8080" })).toThrow(
      "HEALTH_PORT and TELEGRAM_WEBHOOK_PORT are both 8080",
    );
    expect(loadConfig({ ...webhook, HEALTH_PORT: "9464" }).health).toEqual({ port: 9464 });
  });
});
