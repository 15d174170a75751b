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

  it("waits ANNOUNCE_BURST_MS for more new articles to announce together, 30 s unless told", () => {
    expect(loadConfig({}).news.burstMs).toBe(30_000);
    expect(loadConfig({ ANNOUNCE_BURST_MS: "5000" }).news.burstMs).toBe(5000);
    expect(() => loadConfig({ ANNOUNCE_BURST_MS: "-1" })).toThrow("ANNOUNCE_BURST_MS");
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

  it("serves the operator's console only with CONSOLE_PORT and CONSOLE_TOKEN, on 127.0.0.1 unless told", () => {
    expect(loadConfig({}).console).toBeUndefined();
    expect(loadConfig({}).questionLog).toEqual({ enabled: true, days: 30 });
    const token = "0123456789abcdef";
    expect(loadConfig({ CONSOLE_PORT: "8090", CONSOLE_TOKEN: token }).console).toEqual({
      port: 8090,
      host: "127.0.0.1",
      token,
    });
    expect(
      loadConfig({ CONSOLE_PORT: "8090", CONSOLE_TOKEN: token, CONSOLE_HOST: "0.0.0.0" }).console?.host,
    ).toBe("0.0.0.0");
    expect(loadConfig({ CONSOLE_PORT: "8090", CONSOLE_TOKEN: token }).secrets).toContain(token);
    expect(loadConfig({ QUESTION_LOG: "off", QUESTION_LOG_DAYS: "7" }).questionLog).toEqual({
      enabled: false,
      days: 7,
    });
  });

  it("refuses a console without a token, with a short token, or on a port taken by another", () => {
    expect(() => loadConfig({ CONSOLE_PORT: "8090" })).toThrow(
      /CONSOLE_PORT is set but CONSOLE_TOKEN is not: set a token of at least 16 characters/,
    );
    expect(() => loadConfig({ CONSOLE_PORT: "8090", CONSOLE_TOKEN: "short" })).toThrow(
      /CONSOLE_TOKEN: at least 16 characters/,
    );
    expect(() =>
      loadConfig({ CONSOLE_PORT: "8090", CONSOLE_TOKEN: "0123456789abcdef", HEALTH_PORT: "8090" }),
    ).toThrow(/CONSOLE_PORT 8090 is taken by HEALTH_PORT or TELEGRAM_WEBHOOK_PORT/);
    expect(() => loadConfig({ QUESTION_LOG: "maybe" })).toThrow(/QUESTION_LOG/);
  });
});
