/**
 * Every card Gradient shows from the taxonomy, as plain Discord JSON. The commands send exactly these, and
 * `npm run content:check` and the tests check every item rendered through them against Discord's limits.
 * All functions here are pure: content (and filters or counts) in, payload out.
 */
import {
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from "discord-api-types/v10";
import { type Content, deepFreeze } from "../content/load.js";
import { type Area, type Challenge, LEVELS, type Resource, type Topic, type WeeklyPrompt } from "../content/schema.js";
import { LIMITS } from "../discord/limits.js";
import {
  COLOURS,
  fitLines,
  formatHours,
  LEVEL_EMOJI,
  LEVEL_LABELS,
  plural,
  REQUIREMENT_LABELS,
  RESOURCE_KIND_LABELS,
  resourceLine,
  truncate,
} from "../format.js";
import { type ActionRow, button, credit, field, option, resourceLinks, topicPlace, type View } from "./card-parts.js";
import { type Catalog, catalogOf } from "./catalog.js";
import { resourceIds, topicsIds } from "./custom-ids.js";
import { describeFilters, type ResourceFilters } from "./filters.js";

/** How many resources a topic card lists. */
export const BEST_RESOURCES = 5;

// ---- challenges and prompts -------------------------------------------------------------------------------

/** The "done when" text without its own leading "Done when", which the field name already says. */
export function doneWhenText(challenge: Challenge): string {
  return challenge.doneWhen.replace(/^done when,?\s+/i, "");
}

/**
 * A challenge card: title, the task, area and topic, level, minutes, "done when" and linked resources. Pure and
 * footer-free, so callers (the daily challenge, streaks) can add their own footer or timestamp.
 */
const challengeEmbeds = new WeakMap<Content, WeakMap<Challenge, APIEmbed>>();

/**
 * A challenge's embed, the same for everyone who is shown it from the same library: drawn once per (library,
 * challenge) and frozen, since nearly every /challenge today shows one of a few dailies.
 */
export function renderChallengeEmbed(challenge: Challenge, content: Content): APIEmbed {
  let byChallenge = challengeEmbeds.get(content);
  if (!byChallenge) {
    byChallenge = new WeakMap();
    challengeEmbeds.set(content, byChallenge);
  }
  let embed = byChallenge.get(challenge);
  if (!embed) {
    embed = deepFreeze(drawChallengeEmbed(challenge, content));
    byChallenge.set(challenge, embed);
  }
  return embed;
}

function drawChallengeEmbed(challenge: Challenge, content: Content): APIEmbed {
  const catalog = catalogOf(content);
  const fields: APIEmbedField[] = [
    field("Area and topic", topicPlace(catalog, challenge.topic)),
    field("Level", `${LEVEL_EMOJI[challenge.level]} ${LEVEL_LABELS[challenge.level]}`, true),
    field("Time", `about ${challenge.minutes} minutes, setup included`, true),
    field("Done when", doneWhenText(challenge)),
  ];
  if (challenge.requires && challenge.requires.length > 0)
    fields.push(field("Needs", challenge.requires.map((r) => REQUIREMENT_LABELS[r]).join(" · ")));
  if (challenge.answer) fields.push(field("Checked answer", `🎯 ${challenge.answer.asks}`));
  if (challenge.resources.length > 0) fields.push(field("Resources", resourceLinks(catalog, challenge.resources)));
  fields.push(...credit(content, challenge.id));
  return {
    title: truncate(challenge.title, LIMITS.embedTitle),
    description: truncate(challenge.task, LIMITS.embedDescription),
    color: COLOURS.level[challenge.level],
    fields,
  };
}

/** A weekly prompt: the discussion question, the week's small project, its theme and resources. */
export function renderPromptEmbed(prompt: WeeklyPrompt, content: Content): APIEmbed {
  const catalog = catalogOf(content);
  const area = catalog.area(prompt.theme);
  const theme = area ? `${area.emoji} ${area.name}` : topicPlace(catalog, prompt.theme);
  return {
    title: truncate(prompt.title, LIMITS.embedTitle),
    description: truncate(`**Discuss:** ${prompt.question}`, LIMITS.embedDescription),
    color: COLOURS.brand,
    fields: [
      field("Project for the week", prompt.project),
      field("Theme", theme),
      field("Resources", resourceLinks(catalog, prompt.resources)),
      ...credit(content, prompt.id),
    ],
  };
}

// ---- resources --------------------------------------------------------------------------------------------

export interface PickInfo {
  filters: ResourceFilters;
  /** How many resources match the filters. */
  poolSize: number;
  /** How many of them the member had already seen in the current round before this pick. */
  seenThisRound: number;
}

/** A resource card: what it is, who made it, level, time, cost and why; plus its link and "Another pick". */
export function renderResourceEmbed(resource: Resource, content: Content): APIEmbed {
  const catalog = catalogOf(content);
  const topics = resource.topics.map((id) => catalog.topic(id)?.name ?? id).join(", ");
  return {
    title: truncate(resource.title, LIMITS.embedTitle),
    url: resource.url,
    description: resource.why,
    color: COLOURS.level[resource.level],
    fields: [
      field("By", resource.authors),
      field("Kind", RESOURCE_KIND_LABELS[resource.kind], true),
      field("Level", `${LEVEL_EMOJI[resource.level]} ${LEVEL_LABELS[resource.level]}`, true),
      field("Time", formatHours(resource.hours), true),
      field("Cost", resource.free ? "Free" : "Paid", true),
      field("Topics", topics),
      ...credit(content, resource.id),
    ],
  };
}

export function renderResourcePick(resource: Resource, content: Content, pick: PickInfo): View {
  const embed = renderResourceEmbed(resource, content);
  const matching = describeFilters(content, pick.filters);
  embed.footer = {
    text: truncate(
      pick.poolSize === 1
        ? `The only resource matching ${matching}.`
        : `Pick ${pick.seenThisRound + 1} of ${pick.poolSize} matching ${matching}; no repeats until you have seen them all.`,
      LIMITS.footer,
    ),
  };
  const buttons: APIButtonComponent[] = [
    {
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: `Open ${RESOURCE_KIND_LABELS[resource.kind].toLowerCase()}`,
      url: resource.url,
    },
  ];
  if (pick.poolSize > 1) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: "Another pick",
      emoji: { name: "🎲" },
      custom_id: resourceIds.build({ action: "more", filters: pick.filters }),
    });
  }
  return { embeds: [embed], components: [{ type: ComponentType.ActionRow, components: buttons }] };
}

// ---- /topics views ----------------------------------------------------------------------------------------

function topicCounts(catalog: Catalog, topic: Topic): string {
  return `${plural(catalog.challengesOf(topic.id).length, "challenge")} · ${plural(catalog.resourcesOf(topic.id).length, "resource")}`;
}

function topicMenu(catalog: Catalog, area: Area, current?: string): ActionRow {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: topicsIds.build({ view: "topic" }),
        placeholder: current ? "Another topic in this area…" : "Choose a topic…",
        options: catalog.topicsOf(area.id).map((t) => ({
          ...option(t.name, t.id, topicCounts(catalog, t)),
          ...(t.id === current ? { default: true } : {}),
        })),
      },
    ],
  };
}

/** Every area with its counts, and a menu to open one. */
export function renderAreasView(content: Content): View {
  const catalog = catalogOf(content);
  const lines = content.areas.map(
    (a) =>
      `${a.emoji} **${a.name}**: ${plural(catalog.topicsOf(a.id).length, "topic")}, ${plural(catalog.challengeCountOfArea(a.id), "challenge")}, ${plural(catalog.resourceCountOfArea(a.id), "resource")}`,
  );
  const embed: APIEmbed = {
    title: "The ML-engineering map",
    description: fitLines(
      [
        `${plural(content.areas.length, "area")}, ${plural(content.topics.length, "topic")}, ${plural(content.challenges.length, "challenge")} and ${plural(content.resources.length, "resource")}. Choose an area below.`,
        "",
        ...lines,
      ],
      LIMITS.embedDescription,
    ),
    color: COLOURS.brand,
  };
  const menu: ActionRow = {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: topicsIds.build({ view: "area" }),
        placeholder: "Choose an area…",
        options: content.areas.map((a) => option(a.name, a.id, a.summary, a.emoji)),
      },
    ],
  };
  return { embeds: [embed], components: [menu] };
}

/** One area: its summary, why it matters, its topics with counts, a menu to open a topic, and a way back. */
export function renderAreaView(area: Area, content: Content): View {
  const catalog = catalogOf(content);
  const topics = catalog.topicsOf(area.id);
  const embed: APIEmbed = {
    title: truncate(`${area.emoji} ${area.name}`, LIMITS.embedTitle),
    description: area.summary,
    color: COLOURS.brand,
    fields: [
      field("Why it matters", area.why),
      field(
        `Topics (${topics.length})`,
        fitLines(
          topics.map((t) => `• **${t.name}**: ${topicCounts(catalog, t)}`),
          LIMITS.fieldValue,
        ),
      ),
    ],
  };
  const back: ActionRow = {
    type: ComponentType.ActionRow,
    components: [button(topicsIds.build({ view: "areas" }), "All areas", "⬅️")],
  };
  return { embeds: [embed], components: topics.length > 0 ? [topicMenu(catalog, area), back] : [back] };
}

/** A topic card: summary, why it matters, its challenges by level and its best resources. */
export function renderTopicCard(topic: Topic, content: Content): View {
  const catalog = catalogOf(content);
  const area = catalog.area(topic.area);
  const challenges = catalog.challengesOf(topic.id);
  const resources = catalog.resourcesOf(topic.id);
  const fields: APIEmbedField[] = [field("Why it matters", topic.why)];
  for (const level of LEVELS) {
    const atLevel = challenges.filter((c) => c.level === level);
    if (atLevel.length === 0) continue;
    fields.push(
      field(
        `${LEVEL_EMOJI[level]} ${LEVEL_LABELS[level]} challenges (${atLevel.length})`,
        fitLines(
          atLevel.map((c) => `• ${c.title} · ${c.minutes} min`),
          LIMITS.fieldValue,
        ),
      ),
    );
  }
  if (resources.length > 0) {
    fields.push(
      field(
        resources.length > BEST_RESOURCES ? `Best resources (${BEST_RESOURCES} of ${resources.length})` : "Resources",
        fitLines(resources.slice(0, BEST_RESOURCES).map(resourceLine), LIMITS.fieldValue),
      ),
    );
  }
  const embed: APIEmbed = {
    title: truncate(`${area?.emoji ?? ""} ${topic.name}`.trim(), LIMITS.embedTitle),
    description: topic.summary,
    color: COLOURS.brand,
    fields,
    footer: {
      text: truncate(
        `${area?.name ?? topic.area} · ${topicCounts(catalog, topic)}${topic.aliases.length > 0 ? ` · also known as ${topic.aliases.join(", ")}` : ""}`,
        LIMITS.footer,
      ),
    },
  };
  const components: ActionRow[] = [];
  if (area) components.push(topicMenu(catalog, area, topic.id));
  components.push({
    type: ComponentType.ActionRow,
    components: [
      ...(area ? [button(topicsIds.build({ view: "area", areaId: area.id }), `Back to ${area.name}`, "⬅️")] : []),
      button(topicsIds.build({ view: "areas" }), "All areas", "🗺️"),
    ],
  });
  return { embeds: [embed], components };
}
