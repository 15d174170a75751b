/**
 * The shard side of `DISCORD_SHARDS` (see shards.ts for the parent's): which shard this process runs, its answers
 * to the parent's questions over IPC, and its part in the parent's announcements (`relayToParent`). Free of
 * discord.js, so that every process can ask cheaply.
 */
import type { IndexStats } from "../../core/index/port.ts";
import type { Logger } from "../../core/logger.ts";
import type { SemanticStatus } from "../../core/semantic/layer.ts";
import type { Article } from "../../core/types.ts";
import type { AnnouncementSender, Announcer, NewArticle, TopicMatch } from "../../ingest/announcer.ts";

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

/**
 * What the parent may ask a shard over IPC, and what the shard answers with the same `id`: its index's size, its
 * metrics, its semantic layer's state, or to post an announcement (`[channel, articles]`) or a follower's direct message (`[user, matches]`).
 */
export type Question = "stats" | "metrics" | "semantic" | "announce" | "direct";
export interface IpcRequest {
  citebot: Question;
  id: number;
  /** The arguments of `announce` and `direct`. */
  args?: [string, readonly NewArticle[]] | [string, readonly TopicMatch[]];
}
export interface IpcReply {
  citebot: Question;
  id: number;
  result?: unknown;
  error?: string;
}

/** What a shard tells its parent unasked: an article it added (`/add`), for the parent's announcer. */
export interface IpcAdded {
  citebot: "added";
  article: Article;
}

const QUESTIONS: readonly unknown[] = [
  "stats",
  "metrics",
  "semantic",
  "announce",
  "direct",
] satisfies Question[];

const isRequest = (message: unknown): message is IpcRequest =>
  typeof message === "object" &&
  message !== null &&
  QUESTIONS.includes((message as IpcRequest).citebot) &&
  typeof (message as IpcRequest).id === "number";

/** Whether a shard's message to the parent is an article it added. */
export const isAdded = (message: unknown): message is IpcAdded =>
  typeof message === "object" && message !== null && (message as IpcAdded).citebot === "added";

/** What a shard can tell its parent. */
export interface ShardAnswers {
  /** The size of the shard's index (every shard loads the same). */
  stats(): Promise<IndexStats>;
  /** The shard's metrics as `prom-client`'s `getMetricsAsJSON()`, when the parent serves `/metrics`. */
  metrics?(): Promise<object[]>;
  /** The shard's semantic layer (undefined: off), for the parent's `/healthz`. */
  semantic?(): SemanticStatus | undefined;
  /** The Discord client's sender of announcements, once the bot has attached it (see `relayToParent`). */
  announcements?(): AnnouncementSender | undefined;
}

/**
 * The announcer of a shard process: the parent runs the one announcer (one message per burst, whichever process
 * added the articles), so a shard hands each article it adds to the parent, and posts what the parent asks it to
 * with the door's sender (`attach`), through `answerParent`.
 */
export function relayToParent(): Announcer & { sender(): AnnouncementSender | undefined } {
  let sender: AnnouncementSender | undefined;
  return {
    attach(attached) {
      sender = attached;
    },
    sender: () => sender,
    added: (article) => void process.send?.({ citebot: "added", article } satisfies IpcAdded),
    flush: async () => undefined,
    stop: async () => undefined,
  };
}

/** What a shard does for a question of its parent. */
function answer(answers: ShardAnswers, { citebot: question, args }: IpcRequest): Promise<unknown> {
  if (question === "stats") return answers.stats();
  if (question === "metrics") return answers.metrics?.() ?? Promise.resolve([]);
  if (question === "semantic") return Promise.resolve(answers.semantic?.());
  const sender = answers.announcements?.();
  if (!sender || !args) return Promise.reject(new Error("this shard has no Discord client to post with"));
  const [to, items] = args;
  return question === "announce"
    ? sender.announce(to, items as readonly NewArticle[])
    : sender.direct(to, items as readonly TopicMatch[]);
}

/** In a shard process: answers the parent's questions over IPC. */
export function answerParent(answers: ShardAnswers, logger: Logger): void {
  process.on("message", (message: unknown) => {
    if (!isRequest(message)) return; // discord.js's own messages, which its ShardClientUtil answers
    const { citebot: question, id } = message;
    const work = answer(answers, message);
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
