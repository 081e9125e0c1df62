import type { Content } from "../content/load.js";
import { checkMessage } from "../discord/message-limits.js";
import type { View } from "./card-parts.js";
import type { ResourceFilters } from "./filters.js";
import {
  doneWhenText,
  renderAreasView,
  renderAreaView,
  renderChallengeEmbed,
  renderPromptEmbed,
  renderResourcePick,
  renderTopicCard,
} from "./render.js";

const NO_MENTIONS = { allowed_mentions: { parse: [] } };

/** Every text a member would read in `body`: titles, descriptions, fields and footers. */
function visibleText(body: Partial<View>): string {
  return (body.embeds ?? [])
    .flatMap((e) => [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])
    .filter((t): t is string => typeof t === "string")
    .join("\n");
}

/**
 * Checks one rendered message against Discord's limits, and that the renderer did not have to cut any of
 * `prose` (renderers shorten over-long text rather than fail, so a cut is how an over-long item shows).
 */
function check(problems: string[], item: string, body: Partial<View>, prose: readonly string[]): void {
  for (const problem of checkMessage({ ...body, ...NO_MENTIONS })) problems.push(`${item}: ${problem}`);
  const text = visibleText(body);
  for (const piece of prose) {
    if (!text.includes(piece)) problems.push(`${item}: the card cuts "${piece.slice(0, 40)}…"; shorten it`);
  }
}

function render(problems: string[], item: string, make: () => Partial<View>, prose: readonly string[] = []): void {
  try {
    check(problems, item, make(), prose);
  } catch (error) {
    problems.push(`${item}: cannot be rendered: ${(error as Error).message}`);
  }
}

/**
 * Renders every item through the same functions the commands use and checks each message against Discord's
 * limits. Each problem names the item. Resource cards are rendered with every filter set, on each of their
 * topics, so the longest "Another pick" custom_id and footer are covered.
 */
export function checkRenderedContent(content: Content): string[] {
  const problems: string[] = [];
  // The longest footer a pick can have ("Pick 312 of 312 matching ...").
  const poolSize = Math.max(2, content.resources.length);
  render(problems, "the area list (/topics)", () => renderAreasView(content));
  for (const area of content.areas) {
    render(problems, `area '${area.id}'`, () => renderAreaView(area, content), [area.name, area.summary, area.why]);
  }
  for (const topic of content.topics) {
    render(problems, `topic '${topic.id}'`, () => renderTopicCard(topic, content), [
      topic.name,
      topic.summary,
      topic.why,
    ]);
  }
  for (const resource of content.resources) {
    const filterSets: ResourceFilters[] = [
      {},
      ...resource.topics.map((topic) => ({ topic, kind: resource.kind, level: resource.level, free: resource.free })),
    ];
    for (const filters of filterSets) {
      render(
        problems,
        `resource '${resource.id}'`,
        () => renderResourcePick(resource, content, { filters, poolSize, seenThisRound: poolSize - 1 }),
        [resource.title, resource.authors, resource.why],
      );
    }
  }
  for (const challenge of content.challenges) {
    render(problems, `challenge '${challenge.id}'`, () => ({ embeds: [renderChallengeEmbed(challenge, content)] }), [
      challenge.title,
      challenge.task,
      doneWhenText(challenge),
    ]);
  }
  for (const prompt of content.prompts) {
    render(problems, `prompt '${prompt.id}'`, () => ({ embeds: [renderPromptEmbed(prompt, content)] }), [
      prompt.title,
      prompt.question,
      prompt.project,
    ]);
  }
  return [...new Set(problems)];
}
