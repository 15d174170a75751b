import type { Context, MiddlewareFn } from "grammy";
import type { Logger } from "../../core/logger.ts";
import { settlesWithin } from "../shared/deadlines.ts";
import { describeError } from "./errors.ts";

/** Updates handled at once before the update loop waits for one to finish. */
const MAX_IN_FLIGHT = 100;

/** Handling of updates that runs alongside the update loop, and a way to wait for it at shutdown. */
export interface InFlight {
  /** The first middleware: starts the rest of the stack for an update and returns without waiting for it. */
  middleware: MiddlewareFn<Context>;
  /** Waits until every started update is handled, or `timeoutMs` passes; resolves to how many were left. */
  drain(timeoutMs: number): Promise<number>;
}

/**
 * grammY's built-in long polling awaits each update before fetching the next, so one reply held back by
 * the flood-limit throttler or a retry would hold up every other chat. `@grammyjs/runner` is not installed,
 * so instead the stack runs detached: the loop moves on, and only when `MAX_IN_FLIGHT` updates are still
 * being handled does it wait for one, which keeps memory bounded. Errors are handled by the error boundary
 * further down; anything that still escapes is logged here, never left as an unhandled rejection.
 */
export function createInFlight(logger: Logger): InFlight {
  const tasks = new Set<Promise<void>>();
  const middleware: MiddlewareFn<Context> = async (ctx, next) => {
    const task: Promise<void> = next()
      .catch((error: unknown) => {
        logger.error(
          { updateId: ctx.update.update_id, err: describeError(error) },
          "unhandled error in an update",
        );
      })
      .finally(() => tasks.delete(task));
    tasks.add(task);
    if (tasks.size >= MAX_IN_FLIGHT) await Promise.race(tasks);
  };
  const drain = async (timeoutMs: number) => {
    await settlesWithin(Promise.all(tasks), timeoutMs);
    return tasks.size;
  };
  return { middleware, drain };
}
