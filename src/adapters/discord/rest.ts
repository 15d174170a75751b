import { type Client, REST, RESTEvents } from "discord.js";

/** What `REST.queueRequest` is given: the route and how to send it. */
type QueuedRequest = Parameters<REST["queueRequest"]>[0];

/** What the client's REST reports that the bot logs; forwarded from the interaction channel too. */
const FORWARDED = [RESTEvents.RateLimited, RESTEvents.InvalidRequestWarning, RESTEvents.Response] as const;

/**
 * Whether a request goes to an interaction's own webhook (`/webhooks/{application}/{interaction token}…`, sent
 * without the bot token): editing, following up or deleting a reply.
 */
export function isInteractionWebhook(request: QueuedRequest, applicationId: string | undefined): boolean {
  return (
    applicationId !== undefined &&
    request.auth === false &&
    String(request.fullRoute).startsWith(`/webhooks/${applicationId}/`)
  );
}

/**
 * Sends interaction replies past the client-side global limit (50 requests/s) that @discordjs/rest applies to
 * every request but interaction callbacks: Discord does not count interaction endpoints against a bot's global
 * limit, and under a burst the edits carrying answers waited up to a second behind it. They go through a second
 * REST manager with no global limit but the same per-route buckets, so a 429 on one interaction's token is still
 * obeyed; every request made with the bot token stays under the global limit as before.
 */
export function exemptInteractionWebhooks(client: Client): void {
  const interactions = new REST({
    ...client.options.rest,
    globalRequestsPerSecond: Number.POSITIVE_INFINITY,
  });
  for (const event of FORWARDED) {
    const emit = client.rest.emit.bind(client.rest) as (...args: unknown[]) => boolean;
    interactions.on(event, (...args: unknown[]) => emit(event, ...args));
  }
  const queue = client.rest.queueRequest.bind(client.rest);
  client.rest.queueRequest = (request) =>
    isInteractionWebhook(request, client.application?.id)
      ? interactions.queueRequest(request)
      : queue(request);
}
