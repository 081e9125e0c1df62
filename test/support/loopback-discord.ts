/**
 * A loopback Discord for tests: REST and a gateway on one 127.0.0.1 port, written from the protocol facts in
 * shared/reference/discord-platform.md. The real discord.js client logs into it, receives injected interactions
 * and sends its replies here, where every request is recorded and every payload is checked against Discord's
 * limits. A payload over a limit is answered with Discord's own 400 (50035) and kept in `violations`, so a test
 * fails on it even when the bot swallows the error.
 *
 * Every request is also held to Discord's own OpenAPI spec (./openapi.ts): an unknown route is answered 404, a
 * method the route does not take 405, and parameters or a body the spec does not allow 400 (50035), each recorded
 * in `violations` too. The loopback's own answers are checked against the spec's response schemas the same way.
 *
 * Faults are injected per route (429 with Retry-After and the bucket's headers, 403 50013, 404 10003, 5xx), on
 * every request or one in N, and a 5xx can be "landed" (the request is carried out, then answered with the error).
 * An optional global limit of N requests a second answers the excess with a global 429 exactly as Discord would.
 *
 * The gateway keeps each session's dispatches by sequence number, so a RESUME after a drop replays exactly those
 * after the client's `seq`; a drop with a code that ends the session (4007, 4009) loses what was not yet sent, and
 * a later RESUME is answered with Invalid Session. Each interaction records whether it reached the bot and how many
 * callbacks the bot made for it (`interactionLog`).
 *
 * Guilds can carry roles, the bot's own roles and per-channel permission overwrites (sent in GUILD_CREATE, so
 * discord.js can compute the bot's permissions); slash() fills `resolved` for channel and role options; a
 * channel's recent messages can be read back (GET, newest first), and a message carries at most one thread
 * (160004 otherwise). The bot may edit its messages (PATCH), and a test may delete one (`deleteMessage`): an edit
 * then answers 404 10008 Unknown Message. A request aborted because the bot process died is not counted as a loopback failure.
 *
 * DMs: the bot opens a member's DM channel with POST /users/@me/channels (the same id every time) and posts in it
 * like any channel; a member in `closedDms` answers 403 50007. Role grants are recorded in `roleGrants`.
 *
 * Threads: public (11) and private (12) threads, created on a message or without one. A private thread needs Create
 * Private Threads (and View Channel) of the bot in its parent, is seen only by its members and by members with
 * Manage Threads (`canSeeThread`), and takes members through PUT/GET/DELETE thread-members, which need Send
 * Messages in Threads and an unarchived thread (400 50083 otherwise); posting in a private thread needs Send
 * Messages in Threads too, and unarchives it. `archiveThread` archives one as its auto-archive would; PATCH
 * `archived` does either. The bot's permissions are computed as Discord does (@everyone, its roles, the channel's
 * overwrites). GET /guilds/{guild}/threads/active and the bot's joined archived private threads list them.
 *
 * Members: every user is a member of every guild (GET /guilds/{guild}/members/{user} answers 200 with a member
 * object) until `leaveGuild` (left, kicked or banned: Discord then answers 404 10007 Unknown Member, and, as with
 * only the Guilds intent, sends the bot no event). Listing a guild's members (GET /guilds/{guild}/members) lists
 * its declared `members` and the bot, only with `membersIntent` (the privileged intent; 403 50001 otherwise).
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { checkCommandList } from "../../src/discord/command-limits.js";
import { checkInteractionResponse, checkMessage } from "../../src/discord/message-limits.js";
import { checkRequest } from "./openapi.js";

type Json = Record<string, unknown>;

export interface RecordedCall {
  method: string;
  /** Path below /api/v10, e.g. `/channels/123/messages`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  files: RecordedFile[];
  status: number;
  at: number;
  /** A 5xx answered after the request was carried out (see Fault.landed). */
  landed?: boolean;
}

export interface RecordedFile {
  name: string;
  contentType: string;
  data: Buffer;
}

export interface Fault {
  method?: string;
  /** Matched against the path below /api/v10. */
  path: RegExp | string;
  status: 429 | 403 | 404 | 500 | 502 | 503;
  /** How many matching requests to fail; Infinity for all. */
  times?: number;
  /** For 429: seconds to wait, sent as Retry-After. */
  retryAfter?: number;
  /** For 429: whether the limit is the global one. */
  global?: boolean;
  /** Fail only every `every`-th matching request (each fault counts its own matches); every one when absent. */
  every?: number;
  /** For 5xx: carry the request out first, then answer the error, as when Discord fails after the write. */
  landed?: boolean;
}

/** A fault being served: how many more it fails, the matching requests it has seen, and those it failed. */
type ActiveFault = Fault & { remaining: number; seen: number; met: number };

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
}

/** A permission overwrite on a channel, as Discord sends it: type 0 for a role (or @everyone), 1 for a member. */
export interface FakeOverwrite {
  id: string;
  type: 0 | 1;
  allow?: string;
  deny?: string;
}

export interface FakeChannel {
  id: string;
  name: string;
  /** Discord channel type; 0 (text) when absent. */
  type?: number;
  overwrites?: FakeOverwrite[];
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
  roles?: { id: string; name: string; permissions?: string; mentionable?: boolean; managed?: boolean }[];
  /** The role ids members hold here, by user id (sent as the invoking member's `roles`); none when absent. */
  memberRoles?: Record<string, string[]>;
  /** Permissions of @everyone; MEMBER_PERMISSIONS when absent. */
  everyonePermissions?: string;
  /** Ids of the roles (from `roles`) the bot's own member has. */
  botRoles?: string[];
  /**
   * The members GET /guilds/{guild}/members lists (with the bot's own member), in user id order; a member can carry
   * a server nickname. Lookups of one member still answer for anyone (see the header).
   */
  members?: FakeMember[];
}

export interface LoopbackOptions {
  token?: string;
  guilds?: FakeGuild[];
  /** Non-interaction REST requests allowed per second before a global 429; unlimited when absent. */
  globalRateLimit?: number;
  /** How long an enforced nonce is remembered, in ms (Discord: a few minutes). */
  nonceWindowMs?: number;
  /** Latency added to every REST answer, in ms. */
  latencyMs?: number;
  /**
   * Whether the app has the privileged Server Members intent switched on in the Developer Portal: without it Discord
   * refuses to list a guild's members (403, 50001 Missing Access), as by default.
   */
  membersIntent?: boolean;
  /** The shard count GET /gateway/bot recommends; one per 1,000 guilds (at least 1) when absent, as Discord does. */
  recommendedShards?: number;
  /** `session_start_limit.max_concurrency`: shards allowed to identify at once (Discord: 1 for most bots). */
  maxConcurrency?: number;
}

/** Discord closes a connection that would hold more guilds than this with 4011 "Sharding required". */
export const MAX_GUILDS_PER_SHARD = 2500;

/** A server's shard by Discord's formula; events without a server go to shard 0. */
export function shardOfGuild(guildId: string | null | undefined, shardCount: number): number {
  return guildId ? Number((BigInt(guildId) >> 22n) % BigInt(shardCount)) : 0;
}

/** One dispatch of a session, kept so a RESUME can replay it; `interactionId` when it carries an interaction. */
interface Dispatched {
  s: number;
  frame: string;
  interactionId?: string;
}

/** One gateway session: the shard it identified as, its socket while connected, and its recent dispatches. */
interface GatewaySession {
  id: string;
  shard: [number, number];
  socket: WebSocket | undefined;
  log: Dispatched[];
}

/** Dispatches a session keeps for replay; a RESUME from before the oldest kept one is refused, as on Discord. */
const REPLAY_LIMIT = 20_000;

/** Close codes after which Discord's session is gone: the client must identify again (RESUME gets Invalid Session). */
const SESSION_ENDING_CLOSE_CODES = new Set([4007, 4009]);

const CLOSE_REASONS: Record<number, string> = { 4000: "Unknown error", 4007: "Invalid seq", 4009: "Session timed out" };

/** What became of one interaction the loopback sent: whether the gateway delivered it, and the callbacks it got. */
export interface InteractionRecord {
  id: string;
  /** Written to the bot's connection (at once, or on a RESUME's replay). */
  delivered: boolean;
  /** Callback requests the bot made for it; a second one is refused with 40060, as Discord does. */
  callbacks: number;
}

export interface InteractionOptions {
  user?: FakeUser;
  guildId?: string | null;
  channelId?: string;
  /** Member permissions as a decimal bit set string; defaults to ordinary member rights. */
  permissions?: string;
  locale?: string;
}

export interface SentInteraction {
  id: string;
  token: string;
  sentAt: number;
}

/** What the bot answered to one interaction, in order: the callback, then webhook edits and follow-ups. */
export interface InteractionReply {
  callback: { type: number; data?: Json };
  edits: Json[];
  followUps: Json[];
  files: RecordedFile[];
  /** The message the member ends up seeing (callback data updated by edits). */
  final: Json;
}

export const ADMIN_PERMISSIONS = "8";
/** View channel, send messages, embed links, attach files, read history, use application commands. */
export const MEMBER_PERMISSIONS = String(1024n | 2048n | 16384n | 32768n | 65536n | 2147483648n);

const API_PREFIX = "/api/v10";
const APPLICATION_ID = "100000000000000001";
const BOT_USER: FakeUser = { id: APPLICATION_ID, username: "Gradient" };
const INTERACTION_TTL_MS = 3000;

let snowflakeCounter = 0n;
/** Unique, time-ordered ids shaped like Discord's. */
export function snowflake(): string {
  snowflakeCounter += 1n;
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) | (snowflakeCounter & 0x3fffffn)).toString();
}

export const defaultGuild = (): FakeGuild => ({
  id: "200000000000000001",
  name: "ML Study Hall",
  channels: [
    { id: "300000000000000001", name: "general" },
    { id: "300000000000000002", name: "weekly-prompts" },
  ],
});

export const aUser = (n: number, name = `member${n}`): FakeUser => ({
  id: (400000000000000000n + BigInt(n)).toString(),
  username: name,
  global_name: name,
});

/** A member of a fake guild: who, and their nickname there. */
export interface FakeMember {
  user: FakeUser;
  nick?: string;
}

/** Snowflakes as decimal strings: shorter is smaller, then text order is number order (cheap for 100,000). */
const snowflakeOrder = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

export class LoopbackDiscord {
  readonly token: string;
  readonly applicationId = APPLICATION_ID;
  readonly calls: RecordedCall[] = [];
  readonly violations: string[] = [];
  readonly guilds: FakeGuild[];
  /** Guilds the bot was removed from (removeGuild), kept so guildReturns can bring them back. */
  readonly #removed = new Map<string, FakeGuild>();
  /** Messages posted to channels, by channel id. */
  readonly channelMessages = new Map<string, Json[]>();
  readonly threads: Json[] = [];
  /** Members added to threads (PUT thread-members of someone not yet in it), in order. */
  readonly threadMemberAdds: { threadId: string; userId: string }[] = [];
  /** Files served at their attachment URL, as Discord's CDN would. */
  #files = new Map<string, Buffer>();
  registeredCommands: { scope: string; body: unknown }[] = [];
  rateLimited = 0;
  /** DM channels the bot opened (POST /users/@me/channels), channel id to member id. */
  readonly dmChannels = new Map<string, string>();
  /** Members who do not accept DMs from the bot: sending to them answers 403 50007. */
  readonly closedDms = new Set<string>();
  /** `guild:user` of members who left a guild (or were kicked or banned). */
  #departed = new Set<string>();
  /** Pages of GET /guilds/{guild}/members answered 200. */
  memberListings = 0;
  /** Whether Discord lists guild members to the bot (LoopbackOptions.membersIntent); a test may switch it. */
  membersIntent: boolean;
  /** Roles granted (PUT /guilds/{guild}/members/{user}/roles/{role}), in order. */
  readonly roleGrants: { guildId: string; userId: string; roleId: string }[] = [];

  #server: Server;
  #wss: WebSocketServer;
  #sockets = new Set<WebSocket>();
  #sequence = 0;
  #faults: ActiveFault[] = [];
  #interactions = new Map<
    string,
    {
      sent: SentInteraction;
      type: number;
      reply?: InteractionReply;
      waiters: (() => void)[];
      delivered: boolean;
      callbacks: number;
    }
  >();
  #byToken = new Map<string, string>();
  #nonces = new Map<string, { message: Json; at: number }>();
  #holds: {
    method: string;
    path: RegExp | string;
    open: boolean;
    held: number;
    released: Promise<void>;
    /** Resolves `reached` of holdAnswers: the first held request has been carried out. */
    reached: () => void;
  }[] = [];
  #window: number[] = [];
  #identified: (() => void)[] = [];
  #sessions = new Map<string, GatewaySession>();
  #sessionOf = new Map<WebSocket, GatewaySession>();
  /** Sessions ended by a close code, id to shard, so a RESUME naming one is told apart from a made-up id. */
  #ended = new Map<string, number>();
  #helloHeld: (() => void)[] | undefined;
  /** Every IDENTIFY's `shard` field, in order. */
  readonly identifies: [number, number][] = [];
  /** Every RESUME, in order: the shard of the session it named (-1 for an unknown one), and whether it resumed. */
  readonly resumes: { shard: number; accepted: boolean }[] = [];
  /** Close codes the gateway sent (4011 when a shard would hold too many guilds). */
  readonly closeCodes: number[] = [];
  #options: LoopbackOptions;
  #port = 0;
  #callWaiters: { predicate: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void }[] = [];

  private constructor(options: LoopbackOptions) {
    this.#options = options;
    this.token = options.token ?? `loopback.${randomBytes(12).toString("hex")}`;
    this.guilds = options.guilds ?? [defaultGuild()];
    this.membersIntent = options.membersIntent ?? false;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        // A client that dies mid-request (a killed bot process) aborts its request; that is not the loopback's fault.
        if (req.destroyed && !req.complete) return;
        this.violations.push(`loopback crashed on ${req.method} ${req.url}: ${String(error)}`);
        if (!res.headersSent) this.#json(res, 500, { code: 0, message: "loopback error" });
      });
    });
    this.#wss = new WebSocketServer({ server: this.#server, path: "/gateway" });
    this.#wss.on("connection", (socket) => this.#onGatewayConnection(socket));
  }

  static async start(options: LoopbackOptions = {}): Promise<LoopbackDiscord> {
    const discord = new LoopbackDiscord(options);
    await new Promise<void>((resolve) => discord.#server.listen(0, "127.0.0.1", resolve));
    discord.#port = (discord.#server.address() as AddressInfo).port;
    return discord;
  }

  /** The REST base to give the bot as DISCORD_API_BASE. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get botUser(): FakeUser {
    return BOT_USER;
  }

  get guild(): FakeGuild {
    const first = this.guilds[0];
    if (!first) throw new Error("the loopback Discord has no guild");
    return first;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    this.#wss.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /**
   * Throws, listing them, if any violation is still recorded. Tests take the ones they provoke on purpose out of
   * `violations`, so whatever is left is something the bot sent that Discord would refuse, or a loopback answer
   * Discord would not give, whether or not the test looked.
   */
  assertNoViolations(): void {
    if (this.violations.length === 0) return;
    throw new Error(
      `the loopback Discord recorded ${this.violations.length} violations:\n${this.violations.join("\n")}`,
    );
  }

  // ---- faults --------------------------------------------------------------------------------------------

  /**
   * Fails the next `times` (default 1) requests matching `fault` (or one in `every` of them) with the given
   * status. The handle tells how many requests the fault has failed so far.
   */
  fail(fault: Fault): { readonly met: number } {
    const entry = { ...fault, remaining: fault.times ?? 1, seen: 0, met: 0 };
    this.#faults.push(entry);
    return {
      get met() {
        return entry.met;
      },
    };
  }

  clearFaults(): void {
    this.#faults = [];
  }

  /**
   * Carries out the requests matching `method` and `path` as usual but holds their answers until `release()`: what a
   * bot sees when Discord made the message and the answer never reached it (a bot killed meanwhile).
   */
  holdAnswers(
    method: string,
    path: RegExp | string,
  ): { readonly held: number; readonly reached: Promise<void>; release(): void } {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reached = () => {};
    const wasReached = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const hold = { method, path, open: true, held: 0, released, reached };
    this.#holds.push(hold);
    return {
      get held() {
        return hold.held;
      },
      reached: wasReached,
      release() {
        hold.open = false;
        release();
      },
    };
  }

  /** Forgets every enforced nonce, as Discord does once its few-minute window has passed. */
  clearNonces(): void {
    this.#nonces.clear();
  }

  // ---- gateway ---------------------------------------------------------------------------------------------

  /** Resolves once a client has identified and received READY and every GUILD_CREATE. */
  waitForIdentify(): Promise<void> {
    return new Promise((resolve) => this.#identified.push(resolve));
  }

  /** The shard count GET /gateway/bot recommends. */
  get recommendedShards(): number {
    return this.#options.recommendedShards ?? Math.max(1, Math.ceil(this.guilds.length / 1000));
  }

  /**
   * Sends a gateway dispatch as Discord would: to the session whose shard holds `data.guild_id`, or to shard 0
   * for an event without a server. A session that is disconnected gets it when it resumes.
   */
  dispatch(event: string, data: unknown): void {
    this.#dispatch(event, data);
  }

  /**
   * Discord's GUILD_DELETE for `guildId`, sent to the shard that holds it. With `unavailable` it is an outage: the
   * bot is still a member and the server comes back with guildReturns. Without it the bot was removed (kicked, or
   * the server deleted): the server leaves this Discord's guilds, so a later IDENTIFY no longer brings it.
   */
  removeGuild(guildId: string, options: { unavailable?: boolean } = {}): void {
    const at = this.guilds.findIndex((g) => g.id === guildId);
    const guild = this.guilds[at];
    if (!guild) throw new Error(`the loopback Discord holds no guild ${guildId}`);
    if (options.unavailable) {
      this.#dispatchFor(guildId, "GUILD_DELETE", { id: guildId, unavailable: true });
      return;
    }
    this.guilds.splice(at, 1);
    this.#removed.set(guildId, guild);
    this.#dispatchFor(guildId, "GUILD_DELETE", { id: guildId });
  }

  /**
   * GUILD_CREATE for a server again: after an outage (it becomes available), or after the bot was added back to a
   * server removeGuild took it from (the server joins this Discord's guilds again).
   */
  guildReturns(guildId: string): void {
    const removed = this.#removed.get(guildId);
    if (removed) {
      this.#removed.delete(guildId);
      this.guilds.push(removed);
    }
    const guild = this.guilds.find((g) => g.id === guildId);
    if (!guild) throw new Error(`the loopback Discord holds no guild ${guildId}`);
    this.#dispatchFor(guildId, "GUILD_CREATE", this.#apiGuild(guild));
  }

  /** A dispatch about a guild itself (whose payload names it `id`, not `guild_id`), to the shard holding it. */
  #dispatchFor(guildId: string, event: string, data: unknown): void {
    for (const session of this.#sessions.values()) {
      if (shardOfGuild(guildId, session.shard[1]) === session.shard[0]) this.#emit(session, event, data);
    }
  }

  #dispatch(event: string, data: unknown, interactionId?: string): void {
    const guildId = (data as Json | null)?.guild_id as string | undefined;
    for (const session of this.#sessions.values()) {
      if (shardOfGuild(guildId, session.shard[1]) === session.shard[0]) this.#emit(session, event, data, interactionId);
    }
  }

  /** Numbers a dispatch, keeps it for replay and writes it to the session's connection if it has one. */
  #emit(session: GatewaySession, event: string, data: unknown, interactionId?: string): void {
    this.#sequence += 1;
    const entry: Dispatched = {
      s: this.#sequence,
      frame: JSON.stringify({ op: 0, t: event, s: this.#sequence, d: data }),
      interactionId,
    };
    session.log.push(entry);
    if (session.log.length > REPLAY_LIMIT) session.log.shift();
    if (session.socket) this.#write(session.socket, entry);
  }

  #write(socket: WebSocket, entry: Dispatched): void {
    socket.send(entry.frame);
    const interaction = entry.interactionId ? this.#interactions.get(entry.interactionId) : undefined;
    if (interaction) interaction.delivered = true;
  }

  /** Every interaction sent so far, in order, with whether it reached the bot and the callbacks it got. */
  get interactionLog(): InteractionRecord[] {
    return [...this.#interactions.values()].map((i) => ({
      id: i.sent.id,
      delivered: i.delivered,
      callbacks: i.callbacks,
    }));
  }

  get connectedClients(): number {
    return this.#sockets.size;
  }

  /** Resolves once `count` sessions are identified (each has had READY and its GUILD_CREATEs). */
  async waitForSessions(count: number, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.#sessions.size < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.#sessions.size} of ${count} shards identified`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The shards with a connected session right now. */
  get connectedShards(): number[] {
    return [...this.#sessions.values()].filter((s) => s.socket).map((s) => s.shard[0]);
  }

  /**
   * Closes shard `id`'s connection with `code`: by default 4000, as Discord does when it restarts a gateway node
   * (resumable: events for the shard are kept and replayed once the client resumes). With a code that ends the
   * session (4007, 4009) the session is forgotten: events until the shard identifies again are never delivered.
   */
  dropShard(id: number, code = 4000): void {
    for (const session of [...this.#sessions.values()]) {
      if (session.shard[0] !== id || !session.socket) continue;
      const socket = session.socket;
      session.socket = undefined;
      this.#sessionOf.delete(socket);
      if (SESSION_ENDING_CLOSE_CODES.has(code)) {
        this.#sessions.delete(session.id);
        this.#ended.set(session.id, session.shard[0]);
      }
      this.#close(socket, code, CLOSE_REASONS[code] ?? "Unknown error");
    }
  }

  /** New gateway connections get no HELLO until the returned function is called (a gateway that is slow to answer). */
  holdConnections(): () => void {
    this.#helloHeld ??= [];
    return () => {
      const held = this.#helloHeld ?? [];
      this.#helloHeld = undefined;
      for (const hello of held) hello();
    };
  }

  #onGatewayConnection(socket: WebSocket): void {
    this.#sockets.add(socket);
    socket.on("close", () => {
      this.#sockets.delete(socket);
      const session = this.#sessionOf.get(socket);
      if (session && session.socket === socket) session.socket = undefined;
      this.#sessionOf.delete(socket);
    });
    const hello = () => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    };
    if (this.#helloHeld) this.#helloHeld.push(hello);
    else hello();
    socket.on("message", (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: Json };
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11 }));
      else if (frame.op === 2) this.#identify(socket, frame.d);
      else if (frame.op === 6) this.#resume(socket, frame.d);
    });
  }

  #close(socket: WebSocket, code: number, reason: string): void {
    this.closeCodes.push(code);
    socket.close(code, reason);
  }

  #identify(socket: WebSocket, d: Json): void {
    if (d.token !== this.token && d.token !== `Bot ${this.token}`) {
      this.#close(socket, 4004, "Authentication failed.");
      return;
    }
    const shard = (Array.isArray(d.shard) ? d.shard.map(Number) : [0, 1]) as [number, number];
    this.identifies.push(shard);
    if (!(shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1])) {
      this.#close(socket, 4010, "Invalid shard.");
      return;
    }
    const guilds = this.guilds.filter((g) => shardOfGuild(g.id, shard[1]) === shard[0]);
    if (guilds.length > MAX_GUILDS_PER_SHARD) {
      this.#close(socket, 4011, "Sharding required.");
      return;
    }
    const session: GatewaySession = { id: randomBytes(8).toString("hex"), shard, socket, log: [] };
    const send = (t: string, data: unknown) => this.#emit(session, t, data);
    send("READY", {
      v: 10,
      user: { ...this.#apiUser(BOT_USER), bot: true },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: `ws://127.0.0.1:${this.#port}/gateway`,
      shard,
      application: { id: APPLICATION_ID, flags: 0 },
    });
    for (const guild of guilds) send("GUILD_CREATE", this.#apiGuild(guild));
    // A shard identifying again replaces its old session, as on Discord.
    for (const old of this.#sessions.values()) if (old.shard[0] === shard[0]) this.#sessions.delete(old.id);
    this.#sessions.set(session.id, session);
    this.#sessionOf.set(socket, session);
    for (const resolve of this.#identified.splice(0)) resolve();
  }

  /**
   * RESUME: a known session gets every dispatch after the client's `seq`, in order, then RESUMED; an unknown or
   * ended one (or a `seq` older than what is kept) gets Invalid Session (op 9, not resumable) and must identify.
   */
  #resume(socket: WebSocket, d: Json): void {
    const session = this.#sessions.get(String(d.session_id));
    const seq = Number(d.seq ?? 0);
    const oldest = session?.log[0]?.s ?? 0;
    if (!session || (d.token !== this.token && d.token !== `Bot ${this.token}`) || seq < oldest - 1) {
      const shard = session?.shard[0] ?? this.#ended.get(String(d.session_id)) ?? -1;
      this.resumes.push({ shard, accepted: false });
      socket.send(JSON.stringify({ op: 9, d: false }));
      return;
    }
    this.resumes.push({ shard: session.shard[0], accepted: true });
    for (const entry of session.log) if (entry.s > seq) this.#write(socket, entry);
    session.socket = socket;
    this.#sessionOf.set(socket, session);
    this.#emit(session, "RESUMED", {});
  }

  /** A member leaves `guildId` (or is kicked or banned); the bot is not told. */
  leaveGuild(guildId: string, userId: string): void {
    this.#departed.add(`${guildId}:${userId}`);
  }

  #apiUser(user: FakeUser): Json {
    return {
      id: user.id,
      username: user.username,
      discriminator: "0",
      global_name: user.global_name ?? user.username,
      avatar: null,
      public_flags: 0,
      flags: 0,
      primary_guild: null,
    };
  }

  #apiMember(user: FakeUser & { bot?: boolean }, nick?: string): Json {
    return {
      user: { ...this.#apiUser(user), ...(user.bot ? { bot: true } : {}) },
      nick: nick ?? null,
      avatar: null,
      banner: null,
      roles: [],
      joined_at: new Date(0).toISOString(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
  }

  #apiApplication(): Json {
    return {
      id: APPLICATION_ID,
      name: "Gradient",
      icon: null,
      description: "",
      type: null,
      verify_key: "0".repeat(64),
      flags: 0,
      flags_new: "0",
      redirect_uris: [],
      interactions_endpoint_url: null,
      role_connections_verification_url: null,
      owner: this.#apiUser({ id: "400000000000009999", username: "owner" }),
      approximate_guild_count: this.guilds.length,
      approximate_user_install_count: 0,
      approximate_user_authorization_count: 0,
      explicit_content_filter: 0,
      team: null,
      eligible_oauth2_scopes: [],
      bot_public: true,
      bot_require_code_grant: false,
    };
  }

  #apiGuild(guild: FakeGuild): Json {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      owner_id: "400000000000009999",
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      preferred_locale: "en-US",
      premium_tier: 0,
      nsfw_level: 0,
      features: [],
      joined_at: new Date(0).toISOString(),
      large: false,
      unavailable: false,
      member_count: 2,
      roles: [
        {
          id: guild.id,
          name: "@everyone",
          permissions: guild.everyonePermissions ?? MEMBER_PERMISSIONS,
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
        ...(guild.roles ?? []).map((r, i) => ({
          id: r.id,
          name: r.name,
          permissions: r.permissions ?? "0",
          position: i + 1,
          color: 0,
          hoist: false,
          managed: r.managed ?? false,
          mentionable: r.mentionable ?? true,
          flags: 0,
        })),
      ],
      channels: guild.channels.map((c, i) => this.#apiChannel(guild.id, c, i)),
      members: [
        {
          user: { ...this.#apiUser(BOT_USER), bot: true },
          roles: guild.botRoles ?? [],
          joined_at: new Date(0).toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
        },
      ],
      threads: [],
      presences: [],
      voice_states: [],
      emojis: [],
      stickers: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  #apiChannel(guildId: string, c: FakeChannel, position = 0): Json {
    return {
      id: c.id,
      type: c.type ?? 0,
      guild_id: guildId,
      name: c.name,
      position,
      permission_overwrites: (c.overwrites ?? []).map((o) => ({
        id: o.id,
        type: o.type,
        allow: o.allow ?? "0",
        deny: o.deny ?? "0",
      })),
      nsfw: false,
      parent_id: null,
      topic: null,
      rate_limit_per_user: 0,
    };
  }

  #findChannel(channelId: string): { guild: FakeGuild; channel: FakeChannel } | undefined {
    for (const guild of this.guilds) {
      const channel = guild.channels.find((c) => c.id === channelId);
      if (channel) return { guild, channel };
    }
    return undefined;
  }

  // ---- interactions ----------------------------------------------------------------------------------------

  #baseInteraction(type: number, data: Json, options: InteractionOptions, extra: Json = {}): Json {
    const user = options.user ?? aUser(1);
    const guildId = options.guildId === undefined ? this.guild.id : options.guildId;
    const channelId =
      options.channelId ??
      (guildId ? this.guilds.find((g) => g.id === guildId)?.channels[0]?.id : undefined) ??
      "300000000000000099";
    const base: Json = {
      id: snowflake(),
      application_id: APPLICATION_ID,
      type,
      data,
      token: `itok-${randomBytes(16).toString("hex")}`,
      version: 1,
      locale: options.locale ?? "en-US",
      app_permissions: MEMBER_PERMISSIONS,
      entitlements: [],
      authorizing_integration_owners: guildId ? { "0": guildId } : { "1": user.id },
      context: guildId ? 0 : 1,
      attachment_size_limit: 10 * 1024 * 1024,
      channel_id: channelId,
      ...extra,
    };
    if (guildId) {
      const channel = this.#findChannel(channelId);
      base.guild_id = guildId;
      base.guild_locale = "en-US";
      base.guild = { id: guildId, locale: "en-US", features: [] };
      base.channel = channel
        ? this.#apiChannel(guildId, channel.channel)
        : { id: channelId, type: 0, guild_id: guildId, name: "unknown" };
      base.member = {
        user: this.#apiUser(user),
        roles: this.#memberRoles(guildId, user.id),
        joined_at: new Date(0).toISOString(),
        permissions: options.permissions ?? MEMBER_PERMISSIONS,
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
      };
    } else {
      base.channel = { id: channelId, type: 1, recipients: [this.#apiUser(user)] };
      base.user = this.#apiUser(user);
    }
    return base;
  }

  #send(interaction: Json): SentInteraction {
    const sent: SentInteraction = { id: String(interaction.id), token: String(interaction.token), sentAt: Date.now() };
    this.#interactions.set(sent.id, {
      sent,
      type: Number(interaction.type),
      waiters: [],
      delivered: false,
      callbacks: 0,
    });
    this.#byToken.set(sent.token, sent.id);
    this.#dispatch("INTERACTION_CREATE", interaction, sent.id);
    return sent;
  }

  /**
   * A slash command. `options` are API options, e.g. `[{ type: 1, name: "today", options: [] }]`. Like Discord,
   * it fills `data.resolved` for channel (type 7) and role (type 8) options naming a channel or role of a known
   * guild, unless `opts.resolved` is given.
   */
  slash(name: string, options: Json[] = [], opts: InteractionOptions & { resolved?: Json } = {}): SentInteraction {
    this.#refuseWithoutPermissions(name, opts);
    const data: Json = { id: snowflake(), name, type: 1, options };
    const resolved = opts.resolved ?? this.#resolve(options, opts);
    if (resolved) data.resolved = resolved;
    return this.#send(this.#baseInteraction(2, data, opts));
  }

  /**
   * Discord offers a command declaring `default_member_permissions` in a server only to members holding all of those
   * permissions (Administrator holds every one); no one else can invoke it, so the bot never hears of it. (A server's
   * own overrides under Integrations are not modelled.)
   */
  #refuseWithoutPermissions(name: string, opts: InteractionOptions): void {
    const guildId = opts.guildId === undefined ? this.guilds[0]?.id : opts.guildId;
    if (!guildId) return;
    const registered = [...this.registeredCommands]
      .reverse()
      .filter((r) => r.scope === "global" || r.scope === `guild:${guildId}`)
      .flatMap((r) => (Array.isArray(r.body) ? (r.body as Json[]) : []))
      .find((c) => c.name === name);
    const required = registered?.default_member_permissions;
    if (required === undefined || required === null) return;
    const held = BigInt(opts.permissions ?? MEMBER_PERMISSIONS);
    const needed = BigInt(String(required));
    if ((held & 8n) === 8n || (held & needed) === needed) return;
    throw new Error(
      `Discord does not let this member use /${name}: it needs permissions ${needed} (default_member_permissions)`,
    );
  }

  #sortedMembers = new WeakMap<FakeGuild, { source: FakeMember[]; length: number; sorted: FakeMember[] }>();

  /** The bot and the guild's members in user id order, sorted again only when the member list changed. */
  #membersInIdOrder(guild: FakeGuild): FakeMember[] {
    const source = guild.members ?? [];
    const cached = this.#sortedMembers.get(guild);
    if (cached && cached.source === source && cached.length === source.length) return cached.sorted;
    const sorted = [{ user: { ...BOT_USER, bot: true } } as FakeMember, ...source].sort((a, b) =>
      snowflakeOrder(a.user.id, b.user.id),
    );
    this.#sortedMembers.set(guild, { source, length: source.length, sorted });
    return sorted;
  }

  #memberRoles(guildId: string, userId: string): string[] {
    return this.guilds.find((g) => g.id === guildId)?.memberRoles?.[userId] ?? [];
  }

  /**
   * The invoking member's permissions in a channel, as Discord computes them for a resolved channel: their server
   * permissions (`opts.permissions`), all of them with Administrator, else the channel's overwrites applied in
   * order: @everyone's, then their roles' together, then their own.
   */
  #memberChannelPermissions(guild: FakeGuild, channel: FakeChannel, opts: InteractionOptions): string {
    let bits = BigInt(opts.permissions ?? MEMBER_PERMISSIONS);
    if (bits & 8n) return String((1n << 53n) - 1n);
    const userId = (opts.user ?? aUser(1)).id;
    const roles = new Set(this.#memberRoles(guild.id, userId));
    const apply = (list: FakeOverwrite[]) => {
      const deny = list.reduce((acc, o) => acc | BigInt(o.deny ?? "0"), 0n);
      const allow = list.reduce((acc, o) => acc | BigInt(o.allow ?? "0"), 0n);
      bits = (bits & ~deny) | allow;
    };
    const overwrites = channel.overwrites ?? [];
    apply(overwrites.filter((o) => o.type === 0 && o.id === guild.id));
    apply(overwrites.filter((o) => o.type === 0 && roles.has(o.id)));
    apply(overwrites.filter((o) => o.type === 1 && o.id === userId));
    return String(bits);
  }

  #resolve(options: Json[], opts: InteractionOptions): Json | undefined {
    const channels: Json = {};
    const roles: Json = {};
    const walk = (list: Json[]) => {
      for (const option of list) {
        if (Array.isArray(option.options)) walk(option.options as Json[]);
        const id = String(option.value ?? "");
        if (option.type === 7) {
          const found = this.#findChannel(id);
          if (found)
            channels[id] = {
              id,
              name: found.channel.name,
              type: found.channel.type ?? 0,
              permissions: this.#memberChannelPermissions(found.guild, found.channel, opts),
            };
        } else if (option.type === 8) {
          for (const guild of this.guilds) {
            const index = guild.roles?.findIndex((r) => r.id === id) ?? -1;
            const role = guild.roles?.[index];
            if (role)
              roles[id] = {
                id,
                name: role.name,
                permissions: role.permissions ?? "0",
                // As in GUILD_CREATE: a role's position follows its place in the list.
                position: index + 1,
                color: 0,
                hoist: false,
                managed: role.managed ?? false,
                mentionable: role.mentionable ?? true,
                flags: 0,
              };
          }
        }
      }
    };
    walk(options);
    const hasChannels = Object.keys(channels).length > 0;
    const hasRoles = Object.keys(roles).length > 0;
    if (!hasChannels && !hasRoles) return undefined;
    return { ...(hasChannels ? { channels } : {}), ...(hasRoles ? { roles } : {}) };
  }

  /** An autocomplete request; exactly one option (possibly nested under a subcommand) must carry `focused: true`. */
  autocomplete(name: string, options: Json[], opts: InteractionOptions = {}): SentInteraction {
    return this.#send(this.#baseInteraction(4, { id: snowflake(), name, type: 1, options }, opts));
  }

  /** A button press on `message` (use `messageOf` to turn a reply into the message it produced). */
  button(customId: string, message: Json, opts: InteractionOptions = {}): SentInteraction {
    return this.#send(this.#baseInteraction(3, { custom_id: customId, component_type: 2 }, opts, { message }));
  }

  /** A string select menu choice. */
  select(customId: string, values: string[], message: Json, opts: InteractionOptions = {}): SentInteraction {
    return this.#send(this.#baseInteraction(3, { custom_id: customId, component_type: 3, values }, opts, { message }));
  }

  /**
   * A modal submission with text inputs `fields` (custom_id to value), in action rows. With `labels`, every field
   * comes in a label component as Discord sends labelled modals, and `selects` (custom_id to chosen values) too.
   * `message` is the message whose button opened the modal, when one did.
   */
  modalSubmit(
    customId: string,
    fields: Record<string, string>,
    opts: InteractionOptions & { labels?: boolean; selects?: Record<string, string[]>; message?: Json } = {},
  ): SentInteraction {
    const components = opts.labels
      ? [
          ...Object.entries(fields).map(([id, value]) => ({ type: 18, component: { type: 4, custom_id: id, value } })),
          ...Object.entries(opts.selects ?? {}).map(([id, values]) => ({
            type: 18,
            component: { type: 3, custom_id: id, values },
          })),
        ]
      : Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] }));
    const extra = opts.message ? { message: opts.message } : {};
    return this.#send(this.#baseInteraction(5, { custom_id: customId, components }, opts, extra));
  }

  /**
   * Holds `data` at a loopback URL and returns the attachment object a slash command's `resolved.attachments`
   * carries for it. `size` is what Discord claims (the file's length unless given).
   */
  attachment(name: string, data: Buffer | string, size?: number): Json {
    const id = snowflake();
    const path = `/attachments/${id}/${encodeURIComponent(name)}`;
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
    this.#files.set(path, bytes);
    const url = `http://127.0.0.1:${this.#port}${path}`;
    return { id, filename: name, size: size ?? bytes.length, url, proxy_url: url, content_type: "application/json" };
  }

  /**
   * Resolves with the bot's answer once it is complete: an immediate reply, or a deferral followed by its edit.
   * Waits for at least `followUps` follow-up messages when asked.
   */
  async reply(sent: SentInteraction, { timeoutMs = 5000, followUps = 0 } = {}): Promise<InteractionReply> {
    const entry = this.#interactions.get(sent.id);
    if (!entry) throw new Error(`unknown interaction ${sent.id}`);
    const done = () => {
      const r = entry.reply;
      if (!r) return false;
      const deferred = r.callback.type === 5 || r.callback.type === 6;
      return (!deferred || r.edits.length > 0) && r.followUps.length >= followUps;
    };
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `no complete reply to interaction ${sent.id} within ${timeoutMs} ms (got ${JSON.stringify(entry.reply ?? null)})`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        entry.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return entry.reply as InteractionReply;
  }

  /** The message a reply produced, shaped as Discord sends it in a component interaction. */
  messageOf(reply: InteractionReply): Json {
    return {
      id: snowflake(),
      channel_id: this.guild.channels[0]?.id,
      type: 19,
      content: "",
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
      author: { ...this.#apiUser(BOT_USER), bot: true },
      ...reply.final,
    };
  }

  /** Resolves with the first recorded call (past or future) matching `predicate`. */
  waitForCall(predicate: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    const existing = this.calls.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching REST call within ${timeoutMs} ms`)), timeoutMs);
      this.#callWaiters.push({
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      });
    });
  }

  // ---- REST ------------------------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = await readBody(req);
    if (this.#options.latencyMs) await new Promise((r) => setTimeout(r, this.#options.latencyMs));
    const method = req.method ?? "GET";
    if (req.method === "GET" && url.pathname.startsWith("/attachments/")) {
      const file = this.#files.get(url.pathname);
      if (!file) return this.#json(res, 404, { code: 0, message: "404: Not Found" });
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(file.length) });
      res.end(file);
      return;
    }
    if (!url.pathname.startsWith(API_PREFIX)) return this.#json(res, 404, { code: 0, message: "404: Not Found" });
    const path = url.pathname.slice(API_PREFIX.length);
    const { body, files } = await parseBody(req.headers["content-type"], raw);
    const call: RecordedCall = { method, path, query: url.searchParams, body, files, status: 0, at: Date.now() };
    this.calls.push(call);
    // A multipart form is a body even without its JSON part (files alone).
    const formBody = body === undefined && files.length > 0 ? {} : body;
    const spec = checkRequest({ method, path, query: url.searchParams, body: formBody });
    const finish = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      // The loopback's own answers are held to the spec too, so discord.js meets what production would send it.
      if (spec.ok && status < 300) {
        const problems = spec.operation.checkResponse(status, payload);
        this.violations.push(
          ...problems.map((p) => `the loopback's answer to ${method} ${path} is off Discord's spec: ${p}`),
        );
      }
      this.#json(res, status, payload, headers);
      for (const waiter of this.#callWaiters.filter((w) => w.predicate(call))) {
        this.#callWaiters.splice(this.#callWaiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    };

    // Before faults and limits: an off-spec request is refused and recorded even where a fault would fail it anyway.
    if (!spec.ok) {
      this.violations.push(...spec.problems.map((p) => `${method} ${path} is off Discord's spec: ${p}`));
      return finish(spec.status, spec.body);
    }

    const isInteraction = path.startsWith("/interactions/") || path.startsWith("/webhooks/");
    if (!isInteraction) {
      const auth = req.headers.authorization;
      if (auth !== `Bot ${this.token}`) return finish(401, { code: 0, message: "401: Unauthorized" });
    }

    let fault: ActiveFault | undefined;
    for (const f of this.#faults) {
      if (f.remaining <= 0 || (f.method && f.method !== method) || !matches(f.path, path)) continue;
      f.seen += 1;
      if (!fault && f.seen % (f.every ?? 1) === 0) {
        f.remaining -= 1;
        f.met += 1;
        fault = f;
      }
    }
    if (fault) {
      if (fault.landed && fault.status >= 500) {
        this.#route(method, path, url.searchParams, body, files);
        call.landed = true;
      }
      return finish(...faultResponse(fault, path));
    }

    if (!isInteraction && this.#options.globalRateLimit) {
      const now = Date.now();
      while (this.#window.length > 0 && (this.#window[0] ?? 0) <= now - 1000) this.#window.shift();
      if (this.#window.length >= this.#options.globalRateLimit) {
        this.rateLimited += 1;
        const retryAfter = Math.max(0.001, ((this.#window[0] ?? now) + 1000 - now) / 1000);
        return finish(
          429,
          { message: "You are being rate limited.", retry_after: retryAfter, global: true },
          { "Retry-After": String(Math.ceil(retryAfter)), "X-RateLimit-Global": "true", "X-RateLimit-Scope": "global" },
        );
      }
      this.#window.push(now);
    }

    const [status, payload] = this.#route(method, path, url.searchParams, body, files);
    const hold = this.#holds.find((h) => h.open && h.method === method && matches(h.path, path));
    if (hold) {
      // Carried out; the answer waits (a bot killed meanwhile never gets it).
      hold.held += 1;
      hold.reached();
      await hold.released;
      if (res.destroyed) {
        call.status = status;
        return;
      }
    }
    finish(status, payload, status < 300 && !isInteraction ? rateLimitHeaders(path) : {});
  }

  #invalid(problems: string[], where: string): [number, Json] {
    this.violations.push(...problems.map((p) => `${where}: ${p}`));
    return [400, { code: 50035, message: "Invalid Form Body", errors: problems }];
  }

  #checkOutgoingMessage(body: unknown, where: string): string[] {
    const problems = checkMessage(body, "message");
    const b = body as Json;
    if (
      b &&
      typeof b === "object" &&
      (b.content !== undefined || b.embeds !== undefined) &&
      b.allowed_mentions === undefined
    ) {
      problems.push("message has no allowed_mentions: Gradient sends { parse: [] } unless a ping is the point");
    }
    return problems.map((p) => p.replace(/^message/, where));
  }

  #route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    files: RecordedFile[],
  ): [number, unknown] {
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    const b = (body ?? {}) as Json;

    if (method === "GET" && path === "/gateway/bot") {
      return [
        200,
        {
          url: `ws://127.0.0.1:${this.#port}/gateway`,
          shards: this.recommendedShards,
          session_start_limit: {
            total: 1000,
            remaining: 999,
            reset_after: 86_400_000,
            max_concurrency: this.#options.maxConcurrency ?? 1,
          },
        },
      ];
    }
    if (method === "GET" && path === "/users/@me")
      return [200, { ...this.#apiUser(BOT_USER), bot: true, mfa_enabled: false, locale: "en-US" }];
    if (method === "GET" && path === "/applications/@me") return [200, this.#apiApplication()];

    // POST /interactions/{id}/{token}/callback
    if (method === "POST" && parts[0] === "interactions" && parts[3] === "callback") {
      const entry = this.#interactions.get(parts[1] ?? "");
      if (!entry || entry.sent.token !== parts[2]) return [404, { code: 10062, message: "Unknown interaction" }];
      entry.callbacks += 1;
      if (entry.reply) return [400, { code: 40060, message: "Interaction has already been acknowledged." }];
      const late = Date.now() - entry.sent.sentAt;
      if (late > INTERACTION_TTL_MS) {
        this.violations.push(`interaction ${entry.sent.id} answered after ${late} ms; Discord allows 3000`);
        return [404, { code: 10062, message: "Unknown interaction" }];
      }
      const problems = checkInteractionResponse(body);
      if ((b.type === 4 || b.type === 7) && b.data)
        problems.push(...this.#checkOutgoingMessage(b.data, "response.data"));
      if (problems.length > 0) return this.#invalid(problems, `interaction callback for ${entry.sent.id}`);
      const data = (b.data ?? {}) as Json;
      entry.reply = {
        callback: { type: Number(b.type), data },
        edits: [],
        followUps: [],
        files: [...files],
        final: { ...data },
      };
      this.#wake(entry);
      if (query.get("with_response") === "true") {
        // Discord describes the resulting message only for a message (4) or an update (7), not for a deferral.
        const message = b.type === 4 || b.type === 7 ? this.#message(data, "0") : undefined;
        return [
          200,
          {
            interaction: {
              id: entry.sent.id,
              type: entry.type,
              response_message_id: message?.id,
              response_message_loading: b.type === 5,
              response_message_ephemeral: (Number(data.flags ?? 0) & 64) !== 0,
            },
            ...(message ? { resource: { type: b.type, message } } : {}),
          },
        ];
      }
      return [204, undefined];
    }

    // /webhooks/{app}/{token}[/messages/{id}]
    if (parts[0] === "webhooks" && parts[1] === APPLICATION_ID) {
      const id = this.#byToken.get(parts[2] ?? "");
      const entry = id ? this.#interactions.get(id) : undefined;
      if (!entry) return [404, { code: 10015, message: "Unknown Webhook" }];
      if (!entry.reply) return [404, { code: 10008, message: "Unknown Message" }];
      if (method === "GET") return [200, this.#message(entry.reply.final, "0")];
      if (method === "DELETE") return [204, undefined];
      const problems = this.#checkOutgoingMessage(body, "webhook message");
      if (problems.length > 0) return this.#invalid(problems, `webhook for ${entry.sent.id}`);
      entry.reply.files.push(...files);
      if (method === "PATCH" && parts[3] === "messages") {
        entry.reply.edits.push(b);
        entry.reply.final = { ...entry.reply.final, ...b };
        this.#wake(entry);
        return [200, this.#message(entry.reply.final, "0")];
      }
      if (method === "POST" && parts.length === 3) {
        entry.reply.followUps.push(b);
        this.#wake(entry);
        return [200, this.#message(b, "0")];
      }
    }

    // Command registration.
    if (method === "PUT" && parts[0] === "applications" && parts[2] === "commands") {
      return this.#registerCommands("global", body);
    }
    if (method === "PUT" && parts[0] === "applications" && parts[2] === "guilds" && parts[4] === "commands") {
      return this.#registerCommands(`guild:${parts[3]}`, body);
    }

    if (method === "POST" && path === "/users/@me/channels") {
      const recipient = String(b.recipient_id ?? "");
      let channelId = [...this.dmChannels].find(([, user]) => user === recipient)?.[0];
      if (!channelId) {
        channelId = snowflake();
        this.dmChannels.set(channelId, recipient);
      }
      return [200, this.#apiDm(channelId, recipient)];
    }

    if (method === "GET" && parts[0] === "guilds" && parts[2] === "threads" && parts[3] === "active") {
      const guild = this.guilds.find((g) => g.id === parts[1]);
      if (!guild) return [404, { code: 10004, message: "Unknown Guild" }];
      const active = this.threads.filter(
        (t) => t.guild_id === guild.id && t.archived !== true && this.#botSeesThread(guild, t),
      );
      const joined = active.filter((t) => threadMembersOf(t).has(APPLICATION_ID));
      return [
        200,
        {
          threads: active.map(apiThread),
          members: joined.map((t) => apiThreadMember(t, APPLICATION_ID)),
          has_more: false,
        },
      ];
    }
    if (method === "GET" && parts[0] === "guilds" && parts[2] === "members" && parts.length === 4) {
      const [, guildId = "", , userId = ""] = parts;
      if (!this.guilds.some((g) => g.id === guildId)) return [404, { code: 10004, message: "Unknown Guild" }];
      if (this.#departed.has(`${guildId}:${userId}`)) return [404, { code: 10007, message: "Unknown Member" }];
      return [200, this.#apiMember({ id: userId, username: `member${userId.slice(-4)}` })];
    }
    // List Guild Members: in user id order after `after` (default 0), `limit` of them (1-1000, default 1).
    if (method === "GET" && parts[0] === "guilds" && parts[2] === "members" && parts.length === 3) {
      const guild = this.guilds.find((g) => g.id === parts[1]);
      if (!guild) return [404, { code: 10004, message: "Unknown Guild" }];
      if (!this.membersIntent) return [403, { code: 50001, message: "Missing Access" }];
      this.memberListings += 1;
      const after = query.get("after") ?? "0";
      const limit = Number(query.get("limit") ?? 1);
      const sorted = this.#membersInIdOrder(guild);
      // The first member after `after`, by binary search: a page of a 100,000-member server costs a page's work.
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (snowflakeOrder((sorted[mid] as FakeMember).user.id, after) > 0) hi = mid;
        else lo = mid + 1;
      }
      const listed: FakeMember[] = [];
      for (let i = lo; i < sorted.length && listed.length < limit; i++) {
        const m = sorted[i] as FakeMember;
        if (!this.#departed.has(`${guild.id}:${m.user.id}`)) listed.push(m);
      }
      return [200, listed.map((m) => this.#apiMember(m.user, m.nick))];
    }
    if (method === "PUT" && parts[0] === "guilds" && parts[2] === "members" && parts[4] === "roles") {
      const [, guildId = "", , userId = "", , roleId = ""] = parts;
      const guild = this.guilds.find((g) => g.id === guildId);
      if (!guild) return [404, { code: 10004, message: "Unknown Guild" }];
      if (!guild.roles?.some((r) => r.id === roleId)) return [404, { code: 10011, message: "Unknown Role" }];
      this.roleGrants.push({ guildId, userId, roleId });
      return [204, undefined];
    }

    if (parts[0] === "channels" && this.dmChannels.has(parts[1] ?? "")) {
      const channelId = parts[1] ?? "";
      const recipient = this.dmChannels.get(channelId) ?? "";
      if (method === "GET" && parts.length === 2) return [200, this.#apiDm(channelId, recipient)];
      if (method === "GET" && parts[2] === "messages" && parts.length === 3) {
        const limit = Math.min(100, Math.max(1, Number(query.get("limit") ?? 50) || 50));
        return [200, [...(this.channelMessages.get(channelId) ?? [])].reverse().slice(0, limit)];
      }
      if (method === "POST" && parts[2] === "messages" && parts.length === 3) {
        if (this.closedDms.has(recipient)) return [403, { code: 50007, message: "Cannot send messages to this user" }];
        return this.#createMessage(channelId, b, body, files);
      }
    }

    if (parts[0] === "channels") {
      const channelId = parts[1] ?? "";
      const found = this.#findChannel(channelId) ?? this.#findThread(channelId);
      if (!found) return [404, { code: 10003, message: "Unknown Channel" }];
      const thread = this.threads.find((t) => t.id === channelId);
      if (thread && !this.#botSeesThread(found.guild, thread))
        return [404, { code: 10003, message: "Unknown Channel" }];
      if (method === "GET" && parts.length === 2) {
        return [200, thread ? apiThread(thread) : this.#apiChannel(found.guild.id, found.channel)];
      }
      if (thread && method === "PATCH" && parts.length === 2) {
        if (b.archived !== undefined) {
          if (b.archived === false && thread.locked && !this.#botHas(found.guild, thread, MANAGE_THREADS))
            return [403, { code: 50013, message: "Missing Permissions" }];
          this.#setArchived(thread, b.archived === true);
        }
        return [200, apiThread(thread)];
      }
      if (thread && parts[2] === "thread-members") return this.#threadMembers(method, found.guild, thread, parts[3]);
      if (method === "GET" && parts[2] === "users" && parts[3] === "@me" && parts[4] === "threads") {
        // The private threads of this channel the bot joined that are archived, newest first.
        const joined = this.threads.filter(
          (t) =>
            t.parent_id === channelId && t.type === 12 && t.archived === true && threadMembersOf(t).has(APPLICATION_ID),
        );
        return [
          200,
          {
            threads: joined.map(apiThread),
            members: joined.map((t) => apiThreadMember(t, APPLICATION_ID)),
            has_more: false,
          },
        ];
      }
      if (thread && method === "POST" && parts[2] === "messages" && parts.length === 3) {
        if (thread.type === 12 && !this.#botHas(found.guild, thread, SEND_MESSAGES_IN_THREADS))
          return [403, { code: 50013, message: "Missing Permissions" }];
        if (thread.archived === true) {
          if (thread.locked) return [400, { code: 50083, message: "Thread is archived" }];
          // Discord unarchives a thread that is not locked when someone posts in it.
          this.#setArchived(thread, false);
        }
      }
      if (method === "GET" && parts[2] === "messages" && parts.length === 3) {
        // Newest first, at most `limit` (1-100, default 50), like Discord without before/after/around.
        const limit = Math.min(100, Math.max(1, Number(query.get("limit") ?? 50) || 50));
        return [200, [...(this.channelMessages.get(channelId) ?? [])].reverse().slice(0, limit)];
      }
      if (method === "POST" && parts[2] === "messages" && parts.length === 3)
        return this.#createMessage(channelId, b, body, files);
      if (method === "PATCH" && parts[2] === "messages" && parts.length === 4)
        return this.#editMessage(channelId, parts[3] ?? "", b, body);
      if (method === "POST" && (parts[2] === "threads" || (parts[2] === "messages" && parts[4] === "threads"))) {
        const name = String(b.name ?? "");
        if (name.length < 1 || name.length > 100)
          return this.#invalid([`thread name has ${name.length} characters; 1 to 100 allowed`], path);
        // A thread on a message: the message must exist, and it can carry only one thread.
        const messageId = parts[2] === "messages" ? parts[3] : undefined;
        if (messageId !== undefined) {
          if (!(this.channelMessages.get(channelId) ?? []).some((m) => m.id === messageId))
            return [404, { code: 10008, message: "Unknown Message" }];
          if (this.threads.some((t) => t.message_id === messageId))
            return [400, { code: 160004, message: "A thread has already been created for this message" }];
        }
        const type = messageId === undefined && b.type === 12 ? 12 : 11;
        if (type === 12) {
          const bits = this.#botPermissions(found.guild, found.channel);
          if ((bits & VIEW_CHANNEL) === 0n || (bits & CREATE_PRIVATE_THREADS) === 0n)
            return [403, { code: 50013, message: "Missing Permissions" }];
        }
        const thread: Json = {
          id: snowflake(),
          type,
          guild_id: found.guild.id,
          parent_id: channelId,
          name,
          message_id: parts[3] ?? null,
          auto_archive_duration: b.auto_archive_duration ?? 1440,
          created_at: new Date().toISOString(),
          archived: false,
          invitable: type === 12 ? b.invitable !== false : undefined,
          // The creator joins the thread it made.
          members: new Map([[APPLICATION_ID, new Date().toISOString()]]),
        };
        this.threads.push(thread);
        return [201, apiThread(thread)];
      }
    }

    this.violations.push(`the bot called a route the loopback Discord does not know: ${method} ${path}`);
    return [404, { code: 0, message: "404: Not Found" }];
  }

  /** POST /channels/{id}/messages: checked against Discord's limits, with `enforce_nonce` honoured. */
  #createMessage(channelId: string, b: Json, body: unknown, files: RecordedFile[]): [number, unknown] {
    const problems = this.#checkOutgoingMessage(body, "channel message");
    if (problems.length > 0) return this.#invalid(problems, `POST /channels/${channelId}/messages`);
    if (b.nonce !== undefined && b.enforce_nonce === true) {
      const key = `${channelId}:${String(b.nonce)}`;
      const seen = this.#nonces.get(key);
      const window = this.#options.nonceWindowMs ?? 5 * 60_000;
      if (seen && Date.now() - seen.at < window) return [200, seen.message];
      const message = this.#postMessage(channelId, b, files);
      this.#nonces.set(key, { message, at: Date.now() });
      return [200, message];
    }
    return [200, this.#postMessage(channelId, b, files)];
  }

  /** Someone deletes a message (a member with Manage Messages, or its author): the bot gets no word of it. */
  deleteMessage(channelId: string, messageId: string): void {
    const list = this.channelMessages.get(channelId) ?? [];
    const at = list.findIndex((m) => m.id === messageId);
    if (at < 0) throw new Error(`the loopback Discord holds no message ${messageId} in ${channelId}`);
    list.splice(at, 1);
  }

  #apiDm(channelId: string, userId: string): Json {
    return {
      id: channelId,
      type: 1,
      last_message_id: null,
      flags: 0,
      recipients: [this.#apiUser({ id: userId, username: `user${userId.slice(-4)}` })],
    };
  }

  /** Messages the bot sent a member by DM. */
  dmsTo(userId: string): Json[] {
    const channel = [...this.dmChannels].find(([, user]) => user === userId)?.[0];
    return channel ? (this.channelMessages.get(channel) ?? []) : [];
  }

  /**
   * The bot's permissions in a channel, as Discord computes them: @everyone's and its roles' server permissions
   * (all of them with Administrator), then the channel's overwrites for @everyone, its roles, and itself.
   */
  #botPermissions(guild: FakeGuild, channel: FakeChannel): bigint {
    const roles = new Set(guild.botRoles ?? []);
    let bits = BigInt(guild.everyonePermissions ?? MEMBER_PERMISSIONS);
    for (const role of guild.roles ?? []) if (roles.has(role.id)) bits |= BigInt(role.permissions ?? "0");
    if (bits & 8n) return (1n << 53n) - 1n;
    const apply = (list: FakeOverwrite[]) => {
      const deny = list.reduce((acc, o) => acc | BigInt(o.deny ?? "0"), 0n);
      const allow = list.reduce((acc, o) => acc | BigInt(o.allow ?? "0"), 0n);
      bits = (bits & ~deny) | allow;
    };
    const overwrites = channel.overwrites ?? [];
    apply(overwrites.filter((o) => o.type === 0 && o.id === guild.id));
    apply(overwrites.filter((o) => o.type === 0 && roles.has(o.id)));
    apply(overwrites.filter((o) => o.type === 1 && o.id === APPLICATION_ID));
    return bits;
  }

  /** Whether the bot has `flag` in a thread's parent channel. */
  #botHas(guild: FakeGuild, thread: Json, flag: bigint): boolean {
    const parent = guild.channels.find((c) => c.id === thread.parent_id);
    return parent !== undefined && (this.#botPermissions(guild, parent) & flag) !== 0n;
  }

  /** A private thread is seen by its members and by whoever has Manage Threads; a public one by the channel's. */
  #botSeesThread(guild: FakeGuild, thread: Json): boolean {
    if (!this.#botHas(guild, thread, VIEW_CHANNEL)) return false;
    return (
      thread.type !== 12 || threadMembersOf(thread).has(APPLICATION_ID) || this.#botHas(guild, thread, MANAGE_THREADS)
    );
  }

  #setArchived(thread: Json, archived: boolean): void {
    thread.archived = archived;
    thread.archive_timestamp = new Date().toISOString();
  }

  /** PUT, GET and DELETE /channels/{thread}/thread-members[/{user}]. */
  #threadMembers(method: string, guild: FakeGuild, thread: Json, userId: string | undefined): [number, unknown] {
    const members = threadMembersOf(thread);
    if (method === "GET" && userId === undefined)
      return [200, [...members.keys()].map((id) => apiThreadMember(thread, id))];
    if (userId === undefined) return [405, { code: 0, message: "405: Method Not Allowed" }];
    if (method === "GET")
      return members.has(userId)
        ? [200, apiThreadMember(thread, userId)]
        : [404, { code: 10007, message: "Unknown Member" }];
    // Adding or removing someone else needs Send Messages in Threads, and the thread unarchived.
    if (!this.#botHas(guild, thread, SEND_MESSAGES_IN_THREADS))
      return [403, { code: 50013, message: "Missing Permissions" }];
    if (thread.archived === true) return [400, { code: 50083, message: "Thread is archived" }];
    if (method === "PUT") {
      if (this.#departed.has(`${guild.id}:${userId}`)) return [404, { code: 10007, message: "Unknown Member" }];
      if (!members.has(userId)) {
        members.set(userId, new Date().toISOString());
        this.threadMemberAdds.push({ threadId: String(thread.id), userId });
      }
      return [204, undefined];
    }
    if (method === "DELETE") {
      members.delete(userId);
      return [204, undefined];
    }
    return [405, { code: 0, message: "405: Method Not Allowed" }];
  }

  /** A moderator deletes a thread: from then on Discord answers 404 Unknown Channel for it. */
  deleteThread(threadId: string): void {
    const at = this.threads.findIndex((t) => t.id === threadId);
    if (at < 0) throw new Error(`no thread ${threadId}`);
    this.threads.splice(at, 1);
  }

  /** Archives a thread as Discord's auto-archive does after its idle time. */
  archiveThread(threadId: string): void {
    const thread = this.threads.find((t) => t.id === threadId);
    if (!thread) throw new Error(`no thread ${threadId}`);
    this.#setArchived(thread, true);
  }

  /** The members of a thread, by user id. */
  threadMemberIds(threadId: string): string[] {
    const thread = this.threads.find((t) => t.id === threadId);
    return thread ? [...threadMembersOf(thread).keys()] : [];
  }

  /**
   * Whether a member sees a thread: a public one with its channel; a private one only as its member, or with Manage
   * Threads (or Administrator) among `permissions`, their server permissions.
   */
  canSeeThread(threadId: string, userId: string, permissions = MEMBER_PERMISSIONS): boolean {
    const thread = this.threads.find((t) => t.id === threadId);
    if (!thread) return false;
    const bits = BigInt(permissions);
    return thread.type !== 12 || threadMembersOf(thread).has(userId) || (bits & (MANAGE_THREADS | 8n)) !== 0n;
  }

  #findThread(channelId: string): { guild: FakeGuild; channel: FakeChannel } | undefined {
    const thread = this.threads.find((t) => t.id === channelId);
    if (!thread) return undefined;
    const parent = this.#findChannel(String(thread.parent_id));
    return parent
      ? { guild: parent.guild, channel: { id: channelId, name: String(thread.name), type: 11 } }
      : undefined;
  }

  #registerCommands(scope: string, body: unknown): [number, unknown] {
    const problems = checkCommandList(body);
    if (problems.length > 0) return this.#invalid(problems, `command registration (${scope})`);
    this.registeredCommands.push({ scope, body });
    const guildId = scope.startsWith("guild:") ? { guild_id: scope.slice("guild:".length) } : {};
    const list = (body as Json[]).map((c) => ({
      id: snowflake(),
      application_id: APPLICATION_ID,
      version: snowflake(),
      type: 1,
      default_member_permissions: null,
      ...guildId,
      ...c,
    }));
    return [200, list];
  }

  /**
   * PATCH /channels/{id}/messages/{id}: Discord's edit of a message. 404 Unknown Message for one it does not have,
   * 403 50005 for another user's; the fields given replace the message's, the others stay.
   */
  #editMessage(channelId: string, messageId: string, b: Json, body: unknown): [number, unknown] {
    const list = this.channelMessages.get(channelId) ?? [];
    const index = list.findIndex((m) => m.id === messageId);
    const current = list[index];
    if (!current) return [404, { code: 10008, message: "Unknown Message" }];
    if ((current.author as Json | undefined)?.id !== BOT_USER.id)
      return [403, { code: 50005, message: "Cannot edit a message authored by another user" }];
    const problems = this.#checkOutgoingMessage(body, "message edit");
    if (problems.length > 0) return this.#invalid(problems, `PATCH /channels/${channelId}/messages/${messageId}`);
    const edited: Json = {
      ...current,
      ...(b.content !== undefined ? { content: b.content } : {}),
      ...(b.embeds !== undefined ? { embeds: embedsOut(b.embeds) } : {}),
      ...(b.components !== undefined ? { components: componentsOut(b.components) } : {}),
      edited_timestamp: new Date().toISOString(),
    };
    list[index] = edited;
    return [200, edited];
  }

  #postMessage(channelId: string, body: Json, files: RecordedFile[]): Json {
    const message = this.#message(body, channelId);
    if (files.length > 0)
      message.attachments = files.map((f) => {
        const id = snowflake();
        const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(f.name)}`;
        return { id, filename: f.name, size: f.data.length, url, proxy_url: url, content_type: f.contentType };
      });
    const list = this.channelMessages.get(channelId) ?? [];
    list.push(message);
    this.channelMessages.set(channelId, list);
    return message;
  }

  #message(body: Json, channelId: string): Json {
    return {
      id: snowflake(),
      channel_id: channelId,
      type: 0,
      content: body.content ?? "",
      embeds: embedsOut(body.embeds),
      components: componentsOut(body.components),
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      flags: Number(body.flags ?? 0),
      nonce: body.nonce,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      author: { ...this.#apiUser(BOT_USER), bot: true },
    };
  }

  #wake(entry: { waiters: (() => void)[] }): void {
    for (const waiter of entry.waiters.splice(0)) waiter();
  }

  #json(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
    if (status === 204 || payload === undefined) {
      res.writeHead(status === 200 ? 204 : status, headers);
      res.end();
      return;
    }
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(payload));
  }
}

/** Embeds as Discord returns them: typed "rich", each field's `inline` filled in. */
function embedsOut(embeds: unknown): Json[] {
  return ((embeds ?? []) as Json[]).map((embed) => ({
    type: "rich",
    ...embed,
    ...(Array.isArray(embed.fields) ? { fields: (embed.fields as Json[]).map((f) => ({ inline: false, ...f })) } : {}),
  }));
}

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

/**
 * Components as Discord returns them: every component numbered (depth first, from 1, skipping ids the bot chose),
 * and selects with their default bounds.
 */
function componentsOut(components: unknown): Json[] {
  const taken = new Set<unknown>();
  const collect = (list: Json[]) => {
    for (const c of list) {
      if (c.id !== undefined) taken.add(c.id);
      if (Array.isArray(c.components)) collect(c.components as Json[]);
    }
  };
  let next = 1;
  const number = (list: Json[]): Json[] =>
    list.map((c) => {
      let id = c.id;
      if (id === undefined) {
        while (taken.has(next)) next += 1;
        id = next;
        next += 1;
      }
      const out: Json = { ...c, id };
      if (SELECT_TYPES.has(Number(c.type))) {
        out.min_values = c.min_values ?? 1;
        out.max_values = c.max_values ?? 1;
      }
      if (Array.isArray(c.components)) out.components = number(c.components as Json[]);
      return out;
    });
  const list = (components ?? []) as Json[];
  collect(list);
  return number(list);
}

const VIEW_CHANNEL = 1n << 10n;
const MANAGE_THREADS = 1n << 34n;
const CREATE_PRIVATE_THREADS = 1n << 36n;
const SEND_MESSAGES_IN_THREADS = 1n << 38n;

/** A thread's members, user id to when they joined. */
function threadMembersOf(thread: Json): Map<string, string> {
  if (!(thread.members instanceof Map)) thread.members = new Map([[APPLICATION_ID, String(thread.created_at)]]);
  return thread.members as Map<string, string>;
}

/** A thread member as Discord describes one. */
function apiThreadMember(thread: Json, userId: string): Json {
  return { id: thread.id, user_id: userId, join_timestamp: threadMembersOf(thread).get(userId), flags: 0 };
}

/** A thread as Discord describes it, from the loopback's record of it. */
function apiThread(thread: Json): Json {
  return {
    id: thread.id,
    type: thread.type,
    guild_id: thread.guild_id,
    parent_id: thread.parent_id,
    name: thread.name,
    flags: 0,
    owner_id: APPLICATION_ID,
    rate_limit_per_user: 0,
    thread_metadata: {
      archived: thread.archived === true,
      archive_timestamp: thread.archive_timestamp ?? thread.created_at,
      auto_archive_duration: thread.auto_archive_duration,
      locked: thread.locked === true,
      create_timestamp: thread.created_at,
      ...(thread.type === 12 ? { invitable: thread.invitable !== false } : {}),
    },
    member_count: threadMembersOf(thread).size,
    message_count: 0,
    total_message_sent: 0,
  };
}

function matches(pattern: RegExp | string, path: string): boolean {
  return typeof pattern === "string" ? path === pattern || path.startsWith(pattern) : pattern.test(path);
}

function faultResponse(fault: Fault, path: string): [number, Json, Record<string, string>] {
  switch (fault.status) {
    case 429: {
      const retryAfter = fault.retryAfter ?? 0.05;
      // As Discord: Retry-After in whole seconds, the exact wait in the body; a route's 429 also carries its
      // bucket's headers (none left until the reset), a global one only the global flag.
      const headers: Record<string, string> = fault.global
        ? { "X-RateLimit-Global": "true", "X-RateLimit-Scope": "global" }
        : {
            ...rateLimitHeaders(path),
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset-After": String(retryAfter),
            "X-RateLimit-Reset": String(Date.now() / 1000 + retryAfter),
            "X-RateLimit-Scope": "user",
          };
      headers["Retry-After"] = String(Math.ceil(retryAfter));
      return [
        429,
        { message: "You are being rate limited.", retry_after: retryAfter, global: fault.global === true },
        headers,
      ];
    }
    case 403:
      return [403, { code: 50013, message: "Missing Permissions" }, {}];
    case 404:
      return [404, { code: 10003, message: "Unknown Channel" }, {}];
    default:
      return [fault.status, { code: 0, message: "Internal Server Error" }, {}];
  }
}

/** Generous per-route headers so discord.js's bucket logic has real values to read. */
function rateLimitHeaders(path: string): Record<string, string> {
  return {
    "X-RateLimit-Limit": "1000",
    "X-RateLimit-Remaining": "999",
    "X-RateLimit-Reset-After": "1",
    "X-RateLimit-Reset": String(Date.now() / 1000 + 1),
    "X-RateLimit-Bucket": `bucket-${path.split("/").slice(0, 3).join("-")}`,
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function parseBody(
  contentType: string | undefined,
  raw: Buffer,
): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType?.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
    const files: RecordedFile[] = [];
    let body: unknown;
    for (const [key, value] of form.entries()) {
      if (key === "payload_json") body = JSON.parse(String(value));
      else if (typeof value !== "string") {
        files.push({ name: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { body, files };
  }
  try {
    return { body: JSON.parse(raw.toString("utf8")), files: [] };
  } catch {
    return { body: raw.toString("utf8"), files: [] };
  }
}
