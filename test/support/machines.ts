import { setPriority } from "node:os";
import { REST } from "discord.js";
import { count } from "drizzle-orm";
import { all, run, type Store } from "../../src/db/store.js";
import { isoWeekday, localDate } from "../../src/time/index.js";
import type { FakeGuild, LoopbackDiscord } from "./loopback-discord.js";
import { channelOf } from "./schedule-rig.js";
import { wallClock } from "./wall-clock.js";

/**
 * Weekly schedules for every guild, due a minute before `now` and configured an hour before that, written through
 * the store seam so they land on either engine (a schedule row as /config writes it).
 */
export async function weeklyDueIn(store: Store, guilds: FakeGuild[], now: Date): Promise<Date> {
  const due = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 60_000);
  const rows = guilds.map((guild) => ({
    guildId: guild.id,
    kind: "weekly" as const,
    channelId: channelOf(guild),
    weekday: isoWeekday(localDate(due, "UTC")),
    time: wallClock(due, "UTC").time,
    thread: false,
    roleId: null,
    updatedBy: null,
    effectiveFrom: new Date(due.getTime() - 3_600_000),
  }));
  await store.write(function* (s) {
    yield* run(s.db.insert(s.t.schedules).values(rows));
  });
  return due;
}

/** How many schedule slots are in each status. */
export function slotCounts(store: Store): Promise<Record<string, number>> {
  return store.read(function* (s) {
    const slots = s.t.scheduleSlots;
    const found = yield* all(s.db.select({ status: slots.status, n: count() }).from(slots).groupBy(slots.status));
    return Object.fromEntries(found.map((r) => [r.status, Number(r.n)]));
  });
}

/**
 * The loopback checks each request and answer against Discord's OpenAPI spec, compiling a route's schemas on its
 * first use, a pause of up to a second on a loaded machine. A test that counts requests per second against the
 * global limit has that done first, with one post and one history read in `channelId` (a channel no test counts),
 * not in the first second of its fan-out, where the pause would read the requests that waited as one burst.
 */
export async function warmUp(discord: LoopbackDiscord, channelId: string): Promise<void> {
  const rest = new REST({ api: discord.apiBase }).setToken(discord.token);
  await rest.post(`/channels/${channelId}/messages`, { body: { content: "warm", allowed_mentions: { parse: [] } } });
  await rest.get(`/channels/${channelId}/messages`, { query: new URLSearchParams({ limit: "50" }) });
}

/**
 * The loopback stands for Discord's servers, which the bot's machines never slow down; here they share two cores
 * with it, and a loopback starved of CPU reads the requests that waited meanwhile as one burst. So the bot's
 * processes (and a manager's children, which inherit it) run at a lower priority than the loopback's process.
 */
export function behindDiscord<T extends { child: { pid?: number | undefined } }>(process: T): T {
  if (process.child.pid) setPriority(process.child.pid, 10);
  return process;
}
