import type { Content } from "../content/load.js";
import type { Level, Requirement } from "../content/schema.js";
import { UserError } from "../errors.js";
import type { DraftParams } from "./custom-ids.js";
import type { ItemKind } from "./schema.js";

/** The slash options of `/library add` and `/suggest` (DRAFT_OPTIONS), read and checked against their choices. */
export interface DraftOptions {
  kind: ItemKind;
  topic: string;
  level: Level | null;
  minutes: number | null;
  needs: Requirement | null;
  free: boolean | null;
  hours: number | null;
}

/** Fills in the defaults; the topic must be in this server's library (a prompt may name an area). */
export function draftParams(options: DraftOptions, content: Content): DraftParams {
  const { kind } = options;
  const topic = options.topic.trim();
  const known =
    content.topics.some((t) => t.id === topic) || (kind === "prompt" && content.areas.some((a) => a.id === topic));
  if (!known)
    throw new UserError(
      `There is no topic '${topic.slice(0, 60)}' in this server's library. Pick one from the list as you type.`,
    );
  return {
    kind,
    topic,
    level: options.level ?? "beginner",
    minutes: options.minutes ?? 30,
    needs: options.needs,
    free: options.free ?? true,
    hours: Math.round((options.hours ?? 1) * 100) / 100,
  };
}

/** Autocomplete for `topic`: topics (and, for a prompt, areas) whose name or id holds what was typed. */
export function topicChoices(content: Content, typed: string, withAreas: boolean): { name: string; value: string }[] {
  const q = typed.toLowerCase().trim();
  const topics = content.topics.map((t) => {
    const area = content.areas.find((a) => a.id === t.area);
    return { name: `${area ? `${area.name} › ` : ""}${t.name}`, value: t.id };
  });
  const areas = withAreas ? content.areas.map((a) => ({ name: `${a.name} (whole area)`, value: a.id })) : [];
  return [...areas, ...topics]
    .filter((c) => !q || c.name.toLowerCase().includes(q) || c.value.includes(q))
    .slice(0, 25)
    .map((c) => ({ name: c.name.slice(0, 100), value: c.value }));
}
