/**
 * What an operator sees of a running citebot: Prometheus metrics through `prom-client`, in a registry of their own
 * (never the library's global one, so that tests and several bots in one process do not mix counts).
 * Counting sits at the two places every adapter already goes through, the `Qa` port and the logger, wrapped once
 * per platform in `main.ts`: no adapter knows it is measured.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { IndexStats } from "../core/index/port.ts";
import type { LogFn, Logger } from "../core/logger.ts";
import type { SemanticStatus } from "../core/semantic/layer.ts";
import type { Qa } from "../core/types.ts";
import { OPS_WAIT_MS, withinDeadline } from "./deadline.ts";

/** Where a question came from: the adapter's name, as in the `platform` label. */
export type Platform = "telegram" | "discord" | "console";

/** Something that says how big the index is now (the loaded `Qa`). */
export interface IndexSize {
  stats(): Promise<IndexStats>;
  /** Whether this process's semantic layer is on and healthy (undefined: off), when the source can say. */
  semantic?(): SemanticStatus | undefined;
  /**
   * Each Discord shard's semantic layer, when the source is the shards' parent (undefined: off; "unknown": the
   * shard did not answer within `waitMs`). `/healthz` reports them; `/metrics` has them already, in each shard's
   * own series.
   */
  shardsSemantic?(
    waitMs: number,
  ): Promise<Array<{ shard: number; status: SemanticStatus | undefined | "unknown" }>>;
}

/** One process's metrics, and the wrappers that feed them. */
export interface Metrics {
  /** The registry `/metrics` serves: citebot's metrics and the default process metrics. */
  readonly registry: Registry;
  /**
   * `qa` as `platform` sees it, counted: every new question (not the "More" pages of one), every abstention,
   * and the time of every answer, pages included.
   */
  measure(qa: Qa, platform: Platform): Qa;
  /** `logger` with every line at `error` or `fatal` level counted as a platform error of `platform`. */
  countErrors(logger: Logger, platform: Platform): Logger;
  /** Reports the index's size from `index` at each scrape, from now on. */
  watchIndex(index: IndexSize): void;
}

/** Answer latency buckets, in seconds: most answers take milliseconds, a cold PostgreSQL one can take seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Creates a registry with citebot's metrics (names start `citebot_`) and Node's default process metrics, each
 * with `labels` on every series (a Discord shard's `shard`, so that its parent can serve them beside its own).
 */
export function createMetrics(labels: Record<string, string> = {}): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const questions = new Counter({
    name: "citebot_questions_total",
    help: "Questions asked (first answers, not further pages), by platform.",
    labelNames: ["platform"],
    registers,
  });
  const abstentions = new Counter({
    name: "citebot_abstentions_total",
    help: "Questions answered with no quote because the articles do not cover them, by platform.",
    labelNames: ["platform"],
    registers,
  });
  const latency = new Histogram({
    name: "citebot_answer_duration_seconds",
    help: "Time to produce an answer (every page), by platform.",
    labelNames: ["platform"],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const errors = new Counter({
    name: "citebot_platform_errors_total",
    help: "Errors a bot logged at error level or above (a failed update or interaction, a client error), by platform.",
    labelNames: ["platform"],
    registers,
  });
  let index: IndexSize | undefined;
  // Both gauges are collected in one scrape: they share one `stats()` (a query, or a shard's round trip), which
  // a stalled store must not hold up past `OPS_WAIT_MS` (the next scrape asks again).
  let reading: Promise<IndexStats | undefined> | undefined;
  const read = () =>
    (reading ??= withinDeadline(index?.stats() ?? Promise.resolve(undefined), OPS_WAIT_MS, "the index")
      .catch(() => undefined)
      .finally(() => {
        reading = undefined;
      }));
  const sizes = { passages: "citebot_indexed_passages", articles: "citebot_indexed_articles" } as const;
  for (const [field, name] of Object.entries(sizes) as Array<[keyof IndexStats, string]>) {
    new Gauge({
      name,
      help: `${field === "passages" ? "Passages" : "Articles"} in the index (0 until it is loaded).`,
      registers,
      async collect() {
        // A failing or stalled store (PostgreSQL away) leaves the last value: /healthz is where that shows.
        const stats = await read();
        if (stats) this.set(stats[field]);
      },
    });
  }

  addSemanticMetrics(registers, () => index?.semantic?.());

  return {
    registry,
    measure(qa, platform) {
      const labels = { platform };
      return {
        ...qa,
        async ask(question, options) {
          const first = !options?.offset;
          if (first) questions.inc(labels);
          const end = latency.startTimer(labels);
          try {
            const answer = await qa.ask(question, options);
            if (first && answer.abstained && !answer.filterProblem) abstentions.inc(labels);
            return answer;
          } finally {
            end();
          }
        },
      };
    },
    countErrors(logger, platform) {
      return countingLogger(logger, () => errors.inc({ platform }));
    },
    watchIndex(source) {
      index = source;
    },
  };
}

/** `logger`, and each of its children, calling `count` for every `error` and `fatal` line. */
function countingLogger(logger: Logger, count: () => void): Logger {
  type Level = "fatal" | "error" | "warn" | "info" | "debug";
  // A method call on `logger` itself, so that pino's methods keep their `this`.
  const forward = (level: Level, counted: boolean): LogFn =>
    ((fieldsOrMessage: object | string, message?: string) => {
      if (counted) count();
      if (typeof fieldsOrMessage === "string") logger[level](fieldsOrMessage);
      else logger[level](fieldsOrMessage, message);
    }) as LogFn;
  return {
    fatal: forward("fatal", true),
    error: forward("error", true),
    warn: forward("warn", false),
    info: forward("info", false),
    debug: forward("debug", false),
    child: (fields) => countingLogger(logger.child(fields), count),
  };
}

/**
 * `citebot_semantic_up{part}`: 1 while the semantic layer's endpoint answers, 0 during an outage, absent when
 * it is off; `citebot_semantic_fallbacks_total`: questions answered with the lexical ranking because it failed.
 */
function addSemanticMetrics(registers: Registry[], status: () => SemanticStatus | undefined): void {
  new Gauge({
    name: "citebot_semantic_up",
    help: "Whether the semantic layer's endpoint (part: embeddings, rerank) answers: 1 yes, 0 in an outage.",
    labelNames: ["part"],
    registers,
    collect() {
      const now = status();
      this.reset();
      if (now?.embeddings) this.set({ part: "embeddings" }, now.embeddings.healthy ? 1 : 0);
      if (now?.rerank) this.set({ part: "rerank" }, now.rerank.healthy ? 1 : 0);
    },
  });
  let counted = 0;
  new Counter({
    name: "citebot_semantic_fallbacks_total",
    help: "Questions answered with the lexical ranking because a semantic endpoint failed or was too slow.",
    registers,
    collect() {
      const total = status()?.fallbacks ?? counted;
      if (total > counted) this.inc(total - counted);
      counted = total;
    },
  });
}
