import type { Content } from "../content/load.js";
import { LEVELS, REQUIREMENTS } from "../content/schema.js";
import { UserError } from "../errors.js";
import type { DraftParams } from "./custom-ids.js";
import { KINDS } from "./schema.js";

/** The slash options of `/library add` and `/suggest`, as discord.js reads them. */
export interface DraftOptions {
  getString(name: string): string | null;
  getInteger(name: string): number | null;
  getBoolean(name: string): boolean | null;
  getNumber(name: string): number | null;
}

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  list.find((x) => x === value);

/** Parses and checks the options; the topic must be in this server's library (a prompt may name an area). */
export function draftParams(options: DraftOptions, content: Content): DraftParams {
  const kind = oneOf(KINDS, options.getString("kind"));
  if (!kind) throw new UserError("Pick a `kind` from the list. Nothing was changed.");
  const topic = (options.getString("topic") ?? "").trim();
  const known =
    content.topics.some((t) => t.id === topic) || (kind === "prompt" && content.areas.some((a) => a.id === topic));
  if (!known)
    throw new UserError(
      `There is no topic '${topic.slice(0, 60)}' in this server's library. Pick one from the list as you type.`,
    );
  return {
    kind,
    topic,
    level: oneOf(LEVELS, options.getString("level")) ?? "beginner",
    minutes: options.getInteger("minutes") ?? 30,
    needs: oneOf(REQUIREMENTS, options.getString("needs")) ?? null,
    free: options.getBoolean("free") ?? true,
    hours: Math.round((options.getNumber("hours") ?? 1) * 100) / 100,
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
