/**
 * The stand-in's REST routes: what Discord answers to each request the bot (or `deploy:discord`) makes.
 * Anything else gets Discord's 404, so that an unexpected request fails loudly in the test that made it.
 */
import { BOT_ID, botUser, CHANNEL_ID, message, snowflake } from "./fixtures.ts";
import type { RecordedRequest, StandIn } from "./stand-in.ts";

/** What the stand-in answers: a status and a JSON body (none for 204). */
export interface RestReply {
  status: number;
  body?: unknown;
}

type Handler = (standIn: StandIn, request: RecordedRequest, params: string[]) => RestReply;

const SNOWFLAKE = "(\\d+)";
const TOKEN = "([^/]+)";

function saved<T extends { id: string }>(standIn: StandIn, created: T): RestReply {
  standIn.messages.set(created.id, created);
  return { status: 200, body: created };
}

/** A message the bot sends through an interaction's webhook; the fixtures' interactions all come from CHANNEL_ID. */
function webhookMessage(standIn: StandIn, request: RecordedRequest, id?: string): RestReply {
  const created = message(request.body, { channelId: CHANNEL_ID, author: botUser, ...(id ? { id } : {}) });
  return saved(standIn, { ...created, webhook_id: BOT_ID });
}

const routes: [method: string, path: RegExp, handler: Handler][] = [
  [
    "GET",
    /^\/gateway\/bot$/,
    (standIn) => ({
      status: 200,
      body: {
        url: standIn.gatewayUrl,
        shards: standIn.recommendedShards,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 86_400_000,
          max_concurrency: standIn.maxConcurrency,
        },
      },
    }),
  ],
  ["GET", /^\/users\/@me$/, () => ({ status: 200, body: botUser })],
  ["POST", new RegExp(`^/interactions/${SNOWFLAKE}/${TOKEN}/callback$`), () => ({ status: 204 })],
  [
    "PATCH",
    new RegExp(`^/webhooks/${SNOWFLAKE}/${TOKEN}/messages/(@original|\\d+)$`),
    (standIn, request, [, token, id]) =>
      webhookMessage(standIn, request, id === "@original" ? standIn.originalId(token ?? "") : id),
  ],
  [
    "POST",
    new RegExp(`^/webhooks/${SNOWFLAKE}/${TOKEN}$`),
    (standIn, request) => webhookMessage(standIn, request),
  ],
  [
    "DELETE",
    new RegExp(`^/webhooks/${SNOWFLAKE}/${TOKEN}/messages/(@original|\\d+)$`),
    () => ({ status: 204 }),
  ],
  [
    "POST",
    /^\/users\/@me\/channels$/,
    (standIn, request) => ({
      status: 200,
      body: standIn.openDirectChannel(String(request.body.recipient_id)),
    }),
  ],
  [
    "POST",
    new RegExp(`^/channels/${SNOWFLAKE}/messages$`),
    (standIn, request, [channelId]) => {
      const recipient = standIn.directChannels.get(channelId ?? "");
      // What Discord answers when the recipient blocked the bot, shares no server with it or closed their DMs.
      if (recipient && standIn.refusingDirectMessages.has(recipient))
        return { status: 403, body: { message: "Cannot send messages to this user", code: 50007 } };
      const options = { channelId: channelId ?? "", author: botUser };
      const asked = request.body.message_reference?.message_id;
      // Discord fills in the channel of a reply's reference; discord.js needs it to fetch the message replied to.
      const reference = asked ? { message_id: asked, channel_id: options.channelId } : undefined;
      return saved(standIn, message(request.body, reference ? { ...options, reference } : options));
    },
  ],
  [
    "GET",
    new RegExp(`^/channels/${SNOWFLAKE}$`),
    (standIn, _request, [id]) => {
      const found = standIn.channel(id ?? "");
      return found
        ? { status: 200, body: found }
        : { status: 404, body: { message: "Unknown Channel", code: 10003 } };
    },
  ],
  [
    "GET",
    new RegExp(`^/channels/${SNOWFLAKE}/messages/${SNOWFLAKE}$`),
    (standIn, _request, [, id]) => {
      const found = standIn.messages.get(id ?? "");
      return found
        ? { status: 200, body: found }
        : { status: 404, body: { message: "Unknown Message", code: 10008 } };
    },
  ],
  [
    "PUT",
    new RegExp(`^/applications/${SNOWFLAKE}(?:/guilds/${SNOWFLAKE})?/commands$`),
    (_standIn, request, [applicationId, guildId]) => ({
      status: 200,
      body: (request.body as object[]).map((command) => ({
        id: snowflake(),
        application_id: applicationId,
        ...(guildId ? { guild_id: guildId } : {}),
        version: snowflake(),
        ...command,
      })),
    }),
  ],
];

/** Discord's limits on the URLs of a message, in characters: a link button's, and an embed's. */
const URL_LIMITS = { button: 512, embed: 2048 } as const;

/** A message body as the bot sends it: directly, or as an interaction callback's `data`. */
interface MessageBody {
  embeds?: { url?: string }[];
  components?: { components?: { url?: string }[] }[];
}

/** Discord's 400 "Invalid Form Body" for one field over its length, or undefined when the body is valid. */
function invalidFormBody(body: unknown): RestReply | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const message = ((body as { data?: MessageBody }).data ?? body) as MessageBody;
  const tooLong = (max: number) => ({
    _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${max} or fewer in length.` }],
  });
  const errors: Record<string, unknown> = {};
  (message.components ?? []).forEach((row, r) => {
    (row.components ?? []).forEach((component, c) => {
      if ((component.url?.length ?? 0) > URL_LIMITS.button)
        errors[`components.${r}.components.${c}.url`] = tooLong(URL_LIMITS.button);
    });
  });
  (message.embeds ?? []).forEach((embed, e) => {
    if ((embed.url?.length ?? 0) > URL_LIMITS.embed) errors[`embeds.${e}.url`] = tooLong(URL_LIMITS.embed);
  });
  if (Object.keys(errors).length === 0) return undefined;
  return { status: 400, body: { message: "Invalid Form Body", code: 50035, errors } };
}

/** Finds the route for a request and answers it; a message Discord would refuse gets its 400. */
export function restRoute(standIn: StandIn, request: RecordedRequest): RestReply {
  const invalid = request.method === "GET" ? undefined : invalidFormBody(request.body);
  if (invalid) return invalid;
  for (const [method, path, handler] of routes) {
    const match = path.exec(request.path);
    if (method === request.method && match) return handler(standIn, request, match.slice(1));
  }
  return { status: 404, body: { message: "404: Not Found", code: 0 } };
}
