/**
 * The shard side of `DISCORD_SHARDS` (see shards.ts for the parent's): which shard this process runs, and its
 * answers to the parent's questions over IPC. Free of discord.js, so that every process can ask cheaply.
 */
import type { IndexStats } from "../../core/index/port.ts";
import type { Logger } from "../../core/logger.ts";
import type { SemanticStatus } from "../../core/semantic/layer.ts";

/** The shard this process runs, when the `ShardingManager` of a citebot parent forked it. */
export interface ShardOfThisProcess {
  id: number;
  count: number;
}

/**
 * The shard this process runs, from what discord.js put in its environment; undefined in any other process.
 * The IPC channel is part of the test: a parent process whose environment says `SHARDING_MANAGER` has none.
 */
export function shardOfThisProcess(env: NodeJS.ProcessEnv = process.env): ShardOfThisProcess | undefined {
  if (env.SHARDING_MANAGER !== "true" || env.SHARDS === undefined || !process.send) return undefined;
  return { id: Number(env.SHARDS), count: Number(env.SHARD_COUNT) };
}

/** What the parent may ask a shard over IPC, and what the shard answers with the same `id`. */
export type Question = "stats" | "metrics" | "semantic";
const QUESTIONS: readonly unknown[] = ["stats", "metrics", "semantic"] satisfies Question[];
export interface IpcRequest {
  citebot: Question;
  id: number;
}
export interface IpcReply {
  citebot: Question;
  id: number;
  result?: unknown;
  error?: string;
}

const isRequest = (message: unknown): message is IpcRequest =>
  typeof message === "object" &&
  message !== null &&
  QUESTIONS.includes((message as IpcRequest).citebot) &&
  typeof (message as IpcRequest).id === "number";

/** What a shard can tell its parent. */
export interface ShardAnswers {
  /** The size of the shard's index (every shard loads the same). */
  stats(): Promise<IndexStats>;
  /** The shard's metrics as `prom-client`'s `getMetricsAsJSON()`, when the parent serves `/metrics`. */
  metrics?(): Promise<object[]>;
  /** The shard's semantic layer (undefined: off), for the parent's `/healthz`. */
  semantic?(): SemanticStatus | undefined;
}

/** In a shard process: answers the parent's questions over IPC. */
export function answerParent(answers: ShardAnswers, logger: Logger): void {
  process.on("message", (message: unknown) => {
    if (!isRequest(message)) return; // discord.js's own messages, which its ShardClientUtil answers
    const { citebot: question, id } = message;
    const work: Promise<unknown> =
      question === "stats"
        ? answers.stats()
        : question === "semantic"
          ? Promise.resolve(answers.semantic?.())
          : (answers.metrics?.() ?? Promise.resolve([]));
    work
      .then(
        (result): IpcReply => ({ citebot: question, id, result }),
        (error: unknown): IpcReply => ({ citebot: question, id, error: String(error) }),
      )
      .then((reply) => process.send?.(reply))
      .catch((error: unknown) =>
        logger.debug({ error: String(error) }, "could not answer the shard manager"),
      );
  });
}
