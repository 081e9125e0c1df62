import { performance } from "node:perf_hooks";
import { DISCORD_GLOBAL_LIMIT, type PacerOptions } from "../src/discord/pacer.js";
import { manyGuilds, schedulerRig } from "../test/support/schedule-rig.js";

/**
 * Fan-out of one weekly slot to thousands of servers due at the same minute, against the loopback Discord
 * enforcing Discord's global limit of 50 requests a second (a 51st request within any second gets a global 429).
 * The floor is posts / 50 seconds; the target is at most 1.15x the floor and no 429 at all.
 */
const LIMIT = 50;

async function fanOut(posts: number, pacing: PacerOptions) {
  const rig = await schedulerRig({ guilds: manyGuilds(posts), loopback: { globalRateLimit: LIMIT }, pacing });
  try {
    for (const guild of rig.discord.guilds) await rig.configure(guild, { kind: "weekly", weekday: 1, time: "09:00" });
    rig.clock.set("2026-03-02T09:00:00Z");
    const started = performance.now();
    const report = await rig.scheduler.tick();
    const seconds = (performance.now() - started) / 1000;
    return {
      sent: report.outcomes.filter((o) => o.status === "sent").length,
      channels: rig.discord.guilds.filter((g) => rig.posts(g).length === 1).length,
      seconds,
      floor: posts / LIMIT,
      received429: rig.discord.rateLimited,
      violations: rig.discord.violations.length,
    };
  } finally {
    await rig.close();
  }
}

function line(label: string, r: Awaited<ReturnType<typeof fanOut>>): string {
  return [
    label.padEnd(44),
    `${r.sent} posted, ${r.channels} channels with exactly one`,
    `${r.seconds.toFixed(1)} s`,
    `floor ${r.floor.toFixed(0)} s`,
    `ratio ${(r.seconds / r.floor).toFixed(3)}x`,
    `429s ${r.received429}`,
    `violations ${r.violations}`,
  ].join(" | ");
}

export async function run(): Promise<void> {
  console.log(`global limit ${LIMIT}/s enforced by the loopback Discord; target ratio <= 1.15x, 429s = 0`);
  const { limit, windowMs } = DISCORD_GLOBAL_LIMIT;
  console.log(line(`Gradient's pacer (${limit} per ${windowMs} ms), 5000`, await fanOut(5000, DISCORD_GLOBAL_LIMIT)));
  // For comparison, 1000 posts each: pacing at exactly 50 per second, and no pacing beyond discord.js's own.
  console.log(line("pacer at exactly 50 per 1000 ms, 1000", await fanOut(1000, { limit: 50, windowMs: 1000 })));
  console.log(line("discord.js's limiter alone, 1000", await fanOut(1000, { limit: 1_000_000, windowMs: 1000 })));
}
