/** The pieces every taxonomy card is built from: the message shape, fields, resource lines, menu options, buttons. */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APISelectMenuOption,
  ButtonStyle,
  ComponentType,
} from "discord-api-types/v10";
import { type Content, findResource } from "../content/load.js";
import { LIMITS } from "../discord/limits.js";
import { fitLines, resourceLine, truncate } from "../format.js";
import type { Catalog } from "./catalog.js";

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A message body as the commands send it (and as component updates replace it). */
export interface View {
  embeds: APIEmbed[];
  components: ActionRow[];
}

export const field = (name: string, value: string, inline = false): APIEmbedField => ({
  name: truncate(name, LIMITS.fieldName),
  value: truncate(value, LIMITS.fieldValue),
  inline,
});

export function resourceLinks(catalog: Catalog, ids: readonly string[]): string {
  const lines = ids.map((id) => {
    const r = findResource(catalog.content, id);
    return r ? resourceLine(r) : `• ${id}`;
  });
  return fitLines(lines, LIMITS.fieldValue);
}

export function topicPlace(catalog: Catalog, topicId: string): string {
  const topic = catalog.topic(topicId);
  const area = topic ? catalog.area(topic.area) : undefined;
  if (!topic) return topicId;
  return area ? `${area.emoji} ${area.name} › ${topic.name}` : topic.name;
}

/** A server item that came from a member's suggestion credits them (a mention in an embed never pings). */
export function credit(content: Content, id: string): APIEmbedField[] {
  const by = content.credits?.get(id);
  return by ? [field("Suggested by", `<@${by}>`, true)] : [];
}

export const option = (label: string, value: string, description?: string, emoji?: string): APISelectMenuOption => ({
  label: truncate(label, LIMITS.selectLabel),
  value,
  ...(description ? { description: truncate(description, LIMITS.selectLabel) } : {}),
  ...(emoji ? { emoji: { name: emoji } } : {}),
});

export const button = (custom_id: string, label: string, emoji?: string): APIButtonComponent => ({
  type: ComponentType.Button,
  style: ButtonStyle.Secondary,
  custom_id,
  label: truncate(label, LIMITS.buttonLabel),
  ...(emoji ? { emoji: { name: emoji } } : {}),
});
