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

/** A server library with these challenges (own ids, `topic-1` of the test library) and pool, as an import file. */
export function ownChallengesFile(titles: string[], pool = { shipped: false, areas: null }): Json {
  return {
    format: "gradient-library",
    version: 1,
    topics: [],
    challenges: titles.map((title, i) => ({
      id: `local-own-${i + 1}`,
      topic: "topic-1",
      level: "beginner",
      title,
      task: "Read the first chapter of the course notes and summarise every section in two sentences.",
      doneWhen: "Done when every section has its two sentences.",
      minutes: 30,
      resources: [],
      requires: [],
      hints: ["Read the section headings first."],
    })),
    resources: [],
    prompts: [],
    retired: [],
    pool,
  };
}

/** `/library import` of `file` as a server manager of `guildId`, then Apply; resolves with Apply's reply. */
export async function importLibrary(discord: LoopbackDiscord, guildId: string, file: Json): Promise<InteractionReply> {
  const as = { guildId, user: aUser(1), permissions: ADMIN_PERMISSIONS };
  const attachment = discord.attachment("gradient-library.json", JSON.stringify(file));
  const preview = await discord.reply(
    discord.slash(
      "library",
      [{ type: 1, name: "import", options: [{ type: 11, name: "file", value: attachment.id }] }],
      {
        ...as,
        resolved: { attachments: { [String(attachment.id)]: attachment } },
      },
    ),
    { timeoutMs: 10_000 },
  );
  const rows = (preview.final.components ?? []) as { components: { custom_id: string; label: string }[] }[];
  const apply = rows.flatMap((r) => r.components).find((b) => b.label === "Apply");
  if (!apply) throw new Error(`no Apply in the import preview: ${String(preview.final.content)}`);
  return discord.reply(discord.button(apply.custom_id, discord.messageOf(preview), as));
}
