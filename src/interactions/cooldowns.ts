import type { ChatInputCommandInteraction } from "discord.js";
import { UserError } from "../errors.js";

/**
 * How often one member may run a command that makes Gradient do real work or send requests: at most `uses` times in
 * any `seconds` window. Only runs that did something count (a refused zone or a broken file costs nothing).
 */
export interface Cooldown {
  uses: number;
  seconds: number;
  /** Only these invocations count and are limited (e.g. /timezone with a zone, not showing it); all when absent. */
  applies?(interaction: ChatInputCommandInteraction): boolean;
}

/** Keys kept before expired ones are swept, so a flood of members cannot grow the map without bound. */
const SWEEP_AT = 10_000;

/**
 * The member's recent uses per command, in this process: a server's interactions all reach the shard process that
 * holds it, so a per-process count is per member and server (DMs all reach shard 0).
 */
export class Cooldowns {
  readonly #uses = new Map<string, { window: number; at: number[] }>();

  /** Throws the member's "try again in N s" when `cooldown` is used up for them; nothing else happens then. */
  check(command: string, userId: string, cooldown: Cooldown, now: number): void {
    const recent = this.#recent(`${command}:${userId}`, cooldown.seconds * 1000, now);
    if (recent.length < cooldown.uses) return;
    const wait = Math.max(1, Math.ceil(((recent[0] ?? now) + cooldown.seconds * 1000 - now) / 1000));
    throw new UserError(
      `You've used \`/${command}\` ${cooldown.uses === 1 ? "once" : `${cooldown.uses} times`} in the last ${cooldown.seconds} s, its limit. Try again in ${wait} s; nothing was done.`,
    );
  }

  /** Counts a run that did its work. */
  record(command: string, userId: string, cooldown: Cooldown, now: number): void {
    const window = cooldown.seconds * 1000;
    const key = `${command}:${userId}`;
    if (this.#uses.size >= SWEEP_AT) this.#sweep(now);
    this.#uses.set(key, { window, at: [...this.#recent(key, window, now), now] });
  }

  #recent(key: string, window: number, now: number): number[] {
    return (this.#uses.get(key)?.at ?? []).filter((at) => at > now - window);
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#uses) if ((entry.at.at(-1) ?? 0) <= now - entry.window) this.#uses.delete(key);
  }
}
