/**
 * A problem report's review card, the Resolve form, the note the reporter gets by DM, and `/library reports`. The
 * member's details and the reviewer's note are member text: shown with `memberText`, never as a link, and every
 * payload goes out with no mentions parsed.
 */
import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from "discord-api-types/v10";
import type { Content } from "../content/load.js";
import { findChallenge } from "../content/load.js";
import { COLOURS, memberText, plural, truncate } from "../format.js";
import { libraryIds } from "./custom-ids.js";
import { isServerItem, REPORT_KIND_LABELS, REPORTS_PAGE, RESOLUTION_MAX, type Report } from "./reports.js";

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

const titleOf = (r: Report, content: Content) => findChallenge(content, r.challengeId)?.title ?? r.challengeId;

function statusLine(r: Report): string {
  if (r.status === "open") return "Open: waiting for a reviewer";
  if (r.status === "retired") return `The item was retired by <@${r.resolvedBy}>`;
  return `Resolved by <@${r.resolvedBy}>: ${memberText(r.resolution ?? "", RESOLUTION_MAX)}`;
}

/** The review card: what is wrong and where, by whom; Resolve and, for the server's own item, Retire while open. */
export function reportCard(r: Report, content: Content): { embeds: APIEmbed[]; components: Row[] } {
  const embed: APIEmbed = {
    color: r.status === "open" ? COLOURS.streak : COLOURS.challenge,
    author: { name: `Problem report #${r.id}` },
    title: truncate(titleOf(r, content), 256),
    description: `**${REPORT_KIND_LABELS[r.kind]}**\n${memberText(r.details, 600)}`,
    fields: [
      {
        name: "Challenge",
        value: `\`${r.challengeId}\` · ${isServerItem(r.challengeId) ? "this server's own item" : "shipped library"}`,
        inline: true,
      },
      { name: "Reported by", value: `<@${r.userId}>`, inline: true },
      { name: "Status", value: truncate(statusLine(r), 1024) },
    ],
    timestamp: r.createdAt.toISOString(),
  };
  const buttons = [
    {
      type: ComponentType.Button as const,
      style: ButtonStyle.Success as const,
      label: "Resolve",
      custom_id: libraryIds.build({ action: "resolve", reportId: r.id }),
    },
    ...(isServerItem(r.challengeId)
      ? [
          {
            type: ComponentType.Button as const,
            style: ButtonStyle.Danger as const,
            label: "Retire",
            custom_id: libraryIds.build({ action: "retire", reportId: r.id }),
          },
        ]
      : []),
  ];
  return {
    embeds: [embed],
    components: r.status === "open" ? [{ type: ComponentType.ActionRow, components: buttons }] : [],
  };
}

/** Resolve asks for a short note, which the reporter gets by DM. */
export function resolveModal(r: Report): APIModalInteractionResponseCallbackData {
  return {
    custom_id: libraryIds.build({ action: "resolved", reportId: r.id }),
    title: `Resolve problem report #${r.id}`,
    components: [
      {
        type: ComponentType.Label,
        label: "A short note (sent to the member)",
        component: {
          type: ComponentType.TextInput,
          custom_id: "note",
          style: TextInputStyle.Paragraph,
          required: true,
          min_length: 2,
          max_length: RESOLUTION_MAX,
        },
      },
    ],
  };
}

/** The DM the reporter gets once their report is closed. */
export function reportOutcomeNote(r: Report, content: Content, guildName: string): string {
  const title = truncate(titleOf(r, content), 120);
  const what = `Your problem report on “${title}” in ${guildName}`;
  return r.status === "retired"
    ? `${what} was looked at: the challenge was retired, so it will not be drawn again. Thanks for telling us.`
    : `${what} was resolved. The reviewer said: ${memberText(r.resolution ?? "", RESOLUTION_MAX)}`;
}

/** `/library reports`: one page of open reports, a select to resolve one, and page buttons. */
export function reportsView(
  page: { total: number; reports: Report[] },
  n: number,
  content: Content,
): { embeds: APIEmbed[]; components: Row[] } {
  const pages = Math.max(1, Math.ceil(page.total / REPORTS_PAGE));
  const lines = page.reports.map((r) => {
    const where = r.messageId ? " · card posted" : " · kept (no card)";
    return `**#${r.id}** ${truncate(titleOf(r, content), 60)} (\`${r.challengeId}\`) · ${REPORT_KIND_LABELS[r.kind]} · by <@${r.userId}> · <t:${Math.floor(r.createdAt.getTime() / 1000)}:d>${where}\n> ${memberText(r.details, 200)}`;
  });
  const embed: APIEmbed = {
    color: COLOURS.brand,
    title: `Open problem reports (${plural(page.total, "report")})`,
    description:
      lines.length > 0
        ? truncate(lines.join("\n"), 4096)
        : "No open problem reports. Members report problems with the button under a completion.",
    footer: {
      text: `Page ${n + 1} of ${pages} · resolve one below; /library retire takes a server item out of draws.`,
    },
  };
  const components: Row[] = [];
  if (page.reports.length > 0)
    components.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: libraryIds.build({ action: "pick-report", page: n }),
          placeholder: "Resolve a report…",
          options: page.reports.map((r) => ({
            label: truncate(`#${r.id} ${titleOf(r, content)}`, 100),
            value: String(r.id),
            description: truncate(REPORT_KIND_LABELS[r.kind], 100),
          })),
        },
      ],
    });
  if (pages > 1)
    components.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: "Previous",
          disabled: n === 0,
          custom_id: libraryIds.build({ action: "reports", page: Math.max(0, n - 1) }),
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: "Next",
          disabled: n >= pages - 1,
          custom_id: libraryIds.build({ action: "reports", page: Math.min(pages - 1, n + 1) }),
        },
      ],
    });
  return { embeds: [embed], components };
}
