import { type Api, HttpError } from "grammy";
import type { Logger } from "../../core/logger.ts";
import { describeError } from "./errors.ts";

/** Whether the bot reaches the Telegram Bot API: `unknown` until the first call has an answer. */
export type Reachability = "reachable" | "unreachable" | "unknown";

/**
 * Watches every Bot API call (getUpdates included) as it leaves, under the retries: a call that cannot reach
 * Telegram (a network error, or a 5xx from its front) marks it unreachable, any answer from it reachable again.
 * Each change is logged once, a warning for the outage and a notice for the recovery, not once per retry: an
 * outage otherwise showed nowhere, since grammY and auto-retry retry network errors silently. Install it before
 * the other API plugins, so that it sits closest to the network and sees each attempt.
 */
export function watchReachability(api: Api, logger: Logger): () => Reachability {
  let state: Reachability = "unknown";
  const mark = (next: Reachability, detail?: object) => {
    if (next === state) return;
    const was = state;
    state = next;
    if (next === "unreachable")
      logger.warn(
        { ...detail },
        "Telegram is unreachable: no updates are received or answered until it is back",
      );
    else if (was === "unreachable") logger.info("Telegram is reachable again");
  };
  api.config.use(async (prev, method, payload, signal) => {
    try {
      const response = await prev(method, payload, signal);
      if (!response.ok && response.error_code >= 500)
        mark("unreachable", { method, status: response.error_code, description: response.description });
      else mark("reachable");
      return response;
    } catch (error) {
      // A call cut short by stopping the bot says nothing about Telegram.
      const aborted = (signal as AbortSignal | undefined)?.aborted === true;
      if (error instanceof HttpError && !aborted) mark("unreachable", { method, err: describeError(error) });
      throw error;
    }
  });
  return () => state;
}
