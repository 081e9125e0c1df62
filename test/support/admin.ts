import type { InteractionReply, LoopbackDiscord } from "./loopback-discord.js";
import { ADMIN_PERMISSIONS, aUser } from "./loopback-discord.js";

type Json = Record<string, unknown>;

/** API options for a subcommand from plain values, typed as Discord types them. */
export function subcommand(name: string, values: Record<string, string | number | boolean> = {}): Json[] {
  const options = Object.entries(values).map(([key, value]) => ({
    name: key,
    value,
    type:
      typeof value === "boolean" ? 5 : typeof value === "number" ? 4 : key === "channel" ? 7 : key === "role" ? 8 : 3,
  }));
  return [{ type: 1, name, options }];
}

/** Runs `/command sub ...` as a server manager of `guildId` and resolves with the reply. */
export function asAdmin(
  discord: LoopbackDiscord,
  guildId: string,
  command: string,
  sub: string,
  values: Record<string, string | number | boolean> = {},
): Promise<InteractionReply> {
  return discord.reply(
    discord.slash(command, subcommand(sub, values), { guildId, user: aUser(1), permissions: ADMIN_PERMISSIONS }),
    { timeoutMs: 10_000 },
  );
}

export function fieldOf(reply: InteractionReply, name: string): string | undefined {
  const embed = (reply.final.embeds as { fields?: { name: string; value: string }[] }[] | undefined)?.[0];
  return embed?.fields?.find((f) => f.name.startsWith(name))?.value;
}
