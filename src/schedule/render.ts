/**
 * What a scheduled post says. Each post carries a footer naming its kind and period (`slotMarker`), which is how
 * the scheduler recognises its own message in a channel's history after a crash.
 */
import type { RESTPostAPIChannelMessageJSONBody } from "discord.js";
import { getDailyChallenge } from "../challenges/daily.js";
import type { Content } from "../content/load.js";
import type { Challenge, Resource, WeeklyPrompt } from "../content/schema.js";
import type { AppContext } from "../context.js";
import { truncate } from "../format.js";
import { promptForWeek } from "./prompts.js";
import type { Kind } from "./slots.js";

export const POST_COLOUR = 0x5b8def;

export function slotMarker(kind: Kind, period: string): string {
  return kind === "weekly" ? `Gradient weekly prompt · ${period}` : `Gradient daily challenge · ${period}`;
}

export interface RenderedPost {
  body: RESTPostAPIChannelMessageJSONBody;
  /** The prompt or challenge id, kept with the slot. */
  contentId: string;
}

type Field = { name: string; value: string; inline?: boolean };

function resourceField(resource: Resource): Field {
  const facts = [resource.kind, resource.level, `~${resource.hours} h`, resource.free ? "free" : "paid"].join(" · ");
  return {
    name: truncate(`📚 ${resource.title}`, 256),
    value: truncate(`[Open](${resource.url}) · ${truncate(resource.authors, 80)} · ${facts}\n${resource.why}`, 1024),
  };
}

function resourcesOf(content: Content, ids: readonly string[]): Resource[] {
  return ids.flatMap((id) => content.resources.find((r) => r.id === id) ?? []);
}

function themeName(content: Content, theme: string): string {
  const area = content.areas.find((a) => a.id === theme);
  if (area) return `${area.emoji} ${area.name}`;
  const topic = content.topics.find((t) => t.id === theme);
  if (!topic) return theme;
  const parent = content.areas.find((a) => a.id === topic.area);
  return parent ? `${parent.emoji} ${parent.name} · ${topic.name}` : topic.name;
}

export function renderWeeklyPost(content: Content, prompt: WeeklyPrompt, week: string): RenderedPost {
  return {
    contentId: prompt.id,
    body: {
      embeds: [
        {
          color: POST_COLOUR,
          author: { name: truncate(`Weekly study prompt · ${themeName(content, prompt.theme)}`, 256) },
          title: truncate(prompt.title, 256),
          description: prompt.question,
          fields: [
            { name: "This week's project", value: truncate(prompt.project, 1024) },
            ...resourcesOf(content, prompt.resources).map(resourceField),
          ],
          footer: { text: slotMarker("weekly", week) },
        },
      ],
      allowed_mentions: { parse: [] },
    },
  };
}

export function renderDailyPost(
  content: Content,
  challenge: Challenge,
  date: string,
  roleId: string | null,
): RenderedPost {
  const topic = content.topics.find((t) => t.id === challenge.topic);
  const area = topic ? content.areas.find((a) => a.id === topic.area) : undefined;
  return {
    contentId: challenge.id,
    body: {
      // The role ping is the point of the role option, so exactly that role may be mentioned.
      ...(roleId ? { content: `<@&${roleId}> today's challenge is up.` } : {}),
      embeds: [
        {
          color: POST_COLOUR,
          author: {
            name: truncate(
              `Daily challenge · ${area ? `${area.emoji} ${area.name} · ` : ""}${topic?.name ?? challenge.topic}`,
              256,
            ),
          },
          title: truncate(challenge.title, 256),
          description: challenge.task,
          fields: [
            { name: "Done when", value: truncate(challenge.doneWhen, 1024) },
            { name: "Level", value: challenge.level, inline: true },
            { name: "Time", value: `about ${challenge.minutes} min`, inline: true },
            ...resourcesOf(content, challenge.resources).map(resourceField),
          ],
          footer: { text: slotMarker("daily", date) },
        },
      ],
      allowed_mentions: roleId ? { parse: [], roles: [roleId] } : { parse: [] },
    },
  };
}

/** The post for one guild's slot: this week's prompt, or today's challenge (picked and stored by src/challenges). */
export function renderPost(
  ctx: Pick<AppContext, "db" | "content">,
  guildId: string,
  kind: Kind,
  period: string,
  roleId: string | null,
): RenderedPost {
  if (kind === "weekly")
    return renderWeeklyPost(ctx.content, promptForWeek(ctx.content.prompts, guildId, period), period);
  return renderDailyPost(ctx.content, getDailyChallenge(ctx, guildId, period), period, roleId);
}
