/** What /library, /suggest and the review channel show: pure, library state in, Discord JSON out. */
import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  ApplicationCommandOptionType,
  ButtonStyle,
  ComponentType,
} from "discord-api-types/v10";
import type { Content } from "../content/load.js";
import { type Challenge, LEVELS, REQUIREMENTS, type Resource, type WeeklyPrompt } from "../content/schema.js";
import { optionList } from "../discord/command-json.js";
import { LIMITS } from "../discord/limits.js";
import { COLOURS, fitLines, LEVEL_LABELS, plural, REQUIREMENT_LABELS, truncate } from "../format.js";
import { renderChallengeEmbed, renderPromptEmbed, renderResourceEmbed } from "../taxonomy/render.js";
import { libraryIds, suggestIds } from "./custom-ids.js";
import type { ImportPlan } from "./edit.js";
import { type ItemKind, KINDS, LOCAL_PREFIX, type Pool } from "./schema.js";
import type { StoredItem } from "./store.js";
import type { Suggestion } from "./suggestions.js";

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

export const KIND_LABELS: Record<ItemKind, string> = {
  challenge: "Challenge",
  resource: "Resource",
  prompt: "Weekly prompt",
};

/** The options `/library add` and `/suggest` share: what the modal does not ask. */
export const DRAFT_OPTIONS = optionList([
  {
    type: ApplicationCommandOptionType.String,
    name: "kind",
    description: "What to add",
    required: true,
    choices: KINDS.map((k) => ({ name: KIND_LABELS[k], value: k })),
  },
  {
    type: ApplicationCommandOptionType.String,
    name: "topic",
    description: "Its topic (a weekly prompt: a topic or an area)",
    required: true,
    autocomplete: true,
    max_length: 60,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: "level",
    description: "A challenge's or resource's level (default: beginner)",
    choices: LEVELS.map((l) => ({ name: LEVEL_LABELS[l], value: l })),
  },
  {
    type: ApplicationCommandOptionType.Integer,
    name: "minutes",
    description: "A challenge's minutes, setup included (default 30)",
    min_value: 5,
    max_value: 120,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: "needs",
    description: "What a challenge needs beyond a laptop (default: nothing)",
    choices: REQUIREMENTS.map((r) => ({ name: REQUIREMENT_LABELS[r].replace(/^\S+\s/, ""), value: r })),
  },
  { type: ApplicationCommandOptionType.Boolean, name: "free", description: "Is a resource free? (default: yes)" },
  {
    type: ApplicationCommandOptionType.Number,
    name: "hours",
    description: "A resource's hours to work through (default 1)",
    min_value: 0.1,
    max_value: 500,
  },
]);

/** The card of an item as members will see it; `id` stands in for a suggestion's id-to-be. */
export function itemEmbed(kind: ItemKind, item: Record<string, unknown>, content: Content): APIEmbed {
  const withId = { id: `${LOCAL_PREFIX}suggestion`, ...item };
  if (kind === "challenge") return renderChallengeEmbed(withId as Challenge, content);
  if (kind === "resource") return renderResourceEmbed(withId as Resource, content);
  return renderPromptEmbed(withId as WeeklyPrompt, content);
}

export function previewMessage(plan: ImportPlan, importId: number | null): { content: string; components: Row[] } {
  if (plan.problems.length > 0) {
    const lines = fitLines(
      plan.problems.map((p) => `• ${p}`),
      LIMITS.content - 200,
    );
    return {
      content: `**The file was not imported: ${plural(plan.problems.length, "problem")}.** Fix ${plan.problems.length === 1 ? "it" : "them"} and import again; nothing was changed.\n${lines}`,
      components: [],
    };
  }
  const summary = [
    `**Import preview:** ${plan.added.length} to add, ${plan.changed.length} to change, ${plan.unchanged.length} left as they are.`,
    plan.poolChanged ? "The pool settings change to the file's." : "The pool settings stay as they are.",
  ];
  const names = (title: string, ids: string[]) =>
    ids.length > 0 ? [`${title}: ${truncate(ids.join(", "), 600)}`] : [];
  summary.push(...names("Added", plan.added), ...names("Changed", plan.changed));
  if (importId === null)
    return {
      content: `${summary.join("\n")}\nNothing to apply: the library already matches the file.`,
      components: [],
    };
  return {
    content: summary.join("\n"),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Success,
            label: "Apply",
            custom_id: libraryIds.build({ action: "apply", importId }),
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: "Cancel",
            custom_id: libraryIds.build({ action: "cancel", importId }),
          },
        ],
      },
    ],
  };
}

export const PAGE_SIZE = 20;

export function listView(
  items: readonly StoredItem[],
  kind: ItemKind | "all",
  page: number,
): { embeds: APIEmbed[]; components: Row[] } {
  const shown = items.filter((i) => kind === "all" || i.kind === kind);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const at = Math.min(page, pages - 1);
  const lines = shown.slice(at * PAGE_SIZE, (at + 1) * PAGE_SIZE).map((i) => {
    const body = JSON.parse(i.body) as { title?: string; name?: string };
    return `\`${i.id}\` ${i.kind} · ${truncate(body.title ?? body.name ?? "", 80)}${i.retired ? " · *retired*" : ""}`;
  });
  const nav = (label: string, to: number, disabled: boolean) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    label,
    custom_id: libraryIds.build({ action: "page", kind, page: Math.max(0, to) }),
    disabled,
  });
  return {
    embeds: [
      {
        color: COLOURS.brand,
        title: `This server's library${kind === "all" ? "" : `: ${KIND_LABELS[kind].toLowerCase()}s`}`,
        description:
          lines.length > 0 ? lines.join("\n") : "Nothing yet. `/library add` or `/library import` adds items.",
        footer: { text: `Page ${at + 1} of ${pages} · ${plural(shown.length, "item")}` },
      },
    ],
    components:
      pages > 1
        ? [
            {
              type: ComponentType.ActionRow,
              components: [nav("Previous", at - 1, at === 0), nav("Next", at + 1, at >= pages - 1)],
            },
          ]
        : [],
  };
}

export function describePool(pool: Pool, content: Content): string {
  const areas =
    pool.areas === null
      ? "every area"
      : pool.areas.map((id) => content.areas.find((a) => a.id === id)?.name ?? id).join(", ");
  return `${pool.shipped ? "The shipped library and this server's own items" : "Only this server's own items"}, from ${areas}.`;
}

const STATUS_WORDS = { pending: "waiting for review", accepted: "accepted", denied: "denied" } as const;

/** The review card: the item as it would look, who suggested it, its state, and the reviewer's buttons while pending. */
export function reviewCard(s: Suggestion, content: Content): { embeds: APIEmbed[]; components: Row[] } {
  const embed = itemEmbed(s.kind, s.draft, content);
  const decided =
    s.status === "pending"
      ? ""
      : ` by <@${s.decidedBy}>${s.status === "accepted" && s.itemId ? ` as \`${s.itemId}\`` : ""}${s.reason ? `: ${truncate(s.reason, 300)}` : ""}`;
  const card: APIEmbed = {
    ...embed,
    author: { name: `${KIND_LABELS[s.kind]} suggestion #${s.id}` },
    color: s.status === "pending" ? COLOURS.brand : embed.color,
    fields: [
      ...(embed.fields ?? []).filter((f) => f.name !== "Suggested by").slice(0, 22),
      { name: "Suggested by", value: `<@${s.userId}>`, inline: true },
      { name: "Status", value: truncate(`${STATUS_WORDS[s.status]}${decided}`, LIMITS.fieldValue), inline: true },
    ],
  };
  const button = (
    label: string,
    action: "accept" | "edit" | "deny",
    style: ButtonStyle.Success | ButtonStyle.Secondary | ButtonStyle.Danger,
  ) => ({
    type: ComponentType.Button as const,
    style,
    label,
    custom_id: suggestIds.build({ action, id: s.id }),
  });
  return {
    embeds: [card],
    components:
      s.status === "pending"
        ? [
            {
              type: ComponentType.ActionRow,
              components: [
                button("Accept", "accept", ButtonStyle.Success),
                button("Edit", "edit", ButtonStyle.Secondary),
                button("Deny", "deny", ButtonStyle.Danger),
              ],
            },
          ]
        : [],
  };
}

/** The DM the suggester gets once their suggestion is decided. */
export function decisionNote(s: Suggestion, guildName: string): string {
  const title = truncate(String(s.draft.title ?? "your suggestion"), 200);
  return s.status === "accepted"
    ? `Your ${KIND_LABELS[s.kind].toLowerCase()} suggestion “${title}” was accepted in ${guildName} and is now in its library.`
    : `Your ${KIND_LABELS[s.kind].toLowerCase()} suggestion “${title}” was not accepted in ${guildName}. The reviewer said: ${truncate(s.reason ?? "", 600)}`;
}
