import type { Bot, Context, MiddlewareFn } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../../core/logger.ts";
import { createPendingStore } from "../shared/pending.ts";
import { createTasks } from "../shared/tasks.ts";
import { describeError } from "./errors.ts";

/** Updates handled at once before the update loop waits for one to finish. */
const MAX_IN_FLIGHT = 100;

/** A left-over update is taken up by at most this many starts, so one that kills the bot cannot loop it. */
const MAX_ATTEMPTS = 3;

/** Telegram itself keeps an unconfirmed update for 24 hours; an older question is not worth answering. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Handling of updates that runs alongside the update loop, and what shutdown and the next start do with it. */
export interface InFlight {
  /** The first middleware: saves the update, starts the rest of the stack for it and returns without waiting. */
  middleware: MiddlewareFn<Context>;
  /** Handles the updates an earlier run accepted but did not answer; call after `bot.init()`. */
  resume(bot: Bot): Promise<void>;
  /** Takes no more updates, then waits until every started one is handled or `timeoutMs` passes. */
  drain(timeoutMs: number): Promise<number>;
}

/**
 * grammY's built-in long polling awaits each update before fetching the next, so one reply held back by the
 * flood-limit throttler or a retry would hold up every other chat; instead the stack runs detached, and only when
 * `MAX_IN_FLIGHT` updates are still being handled does the loop wait for one, which keeps memory bounded.
 *
 * Telegram forgets an update once the next `getUpdates` confirms it, which with detached handling is before it
 * is answered. So with a `pendingDir` each update is first written there (fsynced) and removed once handled:
 * whatever a shutdown (or crash) cuts short is answered at the next start (inline queries excepted: see below). Errors are handled by the error
 * boundary further down; anything that still escapes is logged here, never left as an unhandled rejection.
 */
export function createInFlight(logger: Logger, pendingDir?: string): InFlight {
  const tasks = createTasks();
  const pending = pendingDir === undefined ? undefined : createPendingStore<Update>(pendingDir);
  let closed = false;
  // Ids taken up from the last run: Telegram resends one whose confirmation that run never sent (a crash right
  // after saving, or the rest of a batch after stop), and it must not be answered twice.
  const resumed = new Set<string>();
  let resuming = false;

  const middleware: MiddlewareFn<Context> = async (ctx, next) => {
    const id = String(ctx.update.update_id);
    if (resumed.has(id) && !resuming) {
      logger.debug({ updateId: id }, "Telegram resent an update taken up from the last run; skipped");
      return;
    }
    // An unwritable cache costs durability, not the answer. An inline query is not saved: it comes at every
    // keystroke, and its answer is only wanted within seconds (Telegram refuses answers to old ones), so an
    // fsync each time would cost all and save nothing.
    const store = ctx.update.inline_query === undefined ? pending : undefined;
    await store?.add(id, ctx.update).catch((error: unknown) => {
      logger.warn(
        { updateId: id, err: describeError(error) },
        "could not save an update for after a restart",
      );
    });
    if (closed) return; // saved for the next start: shutdown does not begin new work
    const task = next()
      .catch((error: unknown) => {
        logger.error({ updateId: id, err: describeError(error) }, "unhandled error in an update");
      })
      .then(() => store?.remove(id))
      .catch((error: unknown) => logger.warn({ err: describeError(error) }, "could not forget an update"));
    tasks.track(task);
    if (tasks.size >= MAX_IN_FLIGHT) await tasks.one();
  };

  const resume = async (bot: Bot) => {
    for (const entry of (await pending?.takeUp()) ?? []) {
      const stale = Date.now() - entry.savedAt > MAX_AGE_MS;
      if (entry.attempts > MAX_ATTEMPTS || stale) {
        logger.warn({ updateId: entry.id, attempts: entry.attempts, stale }, "gave up on a saved update");
        await pending?.remove(entry.id);
        continue;
      }
      logger.info({ updateId: entry.id }, "answering an update left over from the last run");
      resumed.add(entry.id);
      resuming = true;
      await bot.handleUpdate(entry.item).finally(() => {
        resuming = false;
      });
    }
  };

  const drain = (timeoutMs: number) => {
    closed = true;
    return tasks.drain(timeoutMs);
  };
  return { middleware, resume, drain };
}
