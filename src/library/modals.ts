/**
 * The modals of `/library add`, `/suggest` and a reviewer's Edit: one per kind, labelled fields (a select where the
 * choices fit in one, the resource kind), and the draft read back from a submission.
 */
import {
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
  ComponentType,
  TextInputStyle,
} from "discord-api-types/v10";
import { RESOURCE_KINDS } from "../content/schema.js";
import { RESOURCE_KIND_LABELS, truncate } from "../format.js";
import type { DraftParams } from "./custom-ids.js";
import { FIELD_LIMITS, type ItemKind } from "./schema.js";

interface TextField {
  id: string;
  label: string;
  style: TextInputStyle;
  max: number;
  required?: boolean;
  placeholder?: string;
}

const FIELDS: Record<ItemKind, TextField[]> = {
  challenge: [
    { id: "title", label: "Title", style: TextInputStyle.Short, max: FIELD_LIMITS.title },
    { id: "task", label: "Task", style: TextInputStyle.Paragraph, max: FIELD_LIMITS.task },
    { id: "doneWhen", label: "Done when", style: TextInputStyle.Paragraph, max: FIELD_LIMITS.doneWhen },
    {
      id: "hints",
      label: "Hints, one a line (1 to 3)",
      style: TextInputStyle.Paragraph,
      max: 920,
      placeholder: "Each hint at least 10 characters",
    },
    {
      id: "resources",
      label: "Resource ids (optional, at most 5)",
      style: TextInputStyle.Short,
      max: 320,
      required: false,
      placeholder: "e.g. d2l-book, local-course-notes",
    },
  ],
  resource: [
    { id: "title", label: "Title", style: TextInputStyle.Short, max: FIELD_LIMITS.title },
    { id: "authors", label: "Authors", style: TextInputStyle.Short, max: 200 },
    { id: "url", label: "Link (https)", style: TextInputStyle.Short, max: 512 },
    { id: "why", label: "Why it is worth the time", style: TextInputStyle.Paragraph, max: 300 },
  ],
  prompt: [
    { id: "title", label: "Title", style: TextInputStyle.Short, max: FIELD_LIMITS.title },
    { id: "question", label: "Discussion question", style: TextInputStyle.Paragraph, max: 600 },
    { id: "project", label: "Project for the week", style: TextInputStyle.Paragraph, max: 900 },
    { id: "resources", label: "Resource ids (1 to 5)", style: TextInputStyle.Short, max: 320 },
  ],
};

const KIND_NAMES: Record<ItemKind, string> = { challenge: "challenge", resource: "resource", prompt: "weekly prompt" };

/** The text a draft shows in a field, for a reviewer's Edit. */
function prefill(kind: ItemKind, id: string, draft: Record<string, unknown>): string | undefined {
  const value = draft[id];
  if (kind === "challenge" && id === "hints" && Array.isArray(value)) return value.join("\n");
  if (id === "resources" && Array.isArray(value)) return value.join(", ");
  return typeof value === "string" ? value : undefined;
}

export function itemModal(
  kind: ItemKind,
  customId: string,
  heading: string,
  draft?: Record<string, unknown>,
): APIModalInteractionResponseCallbackData {
  const components: APILabelComponent[] = FIELDS[kind].map((f) => {
    const value = draft ? prefill(kind, f.id, draft) : undefined;
    return {
      type: ComponentType.Label,
      label: f.label,
      component: {
        type: ComponentType.TextInput,
        custom_id: f.id,
        style: f.style,
        required: f.required ?? true,
        max_length: f.max,
        ...(f.placeholder ? { placeholder: f.placeholder } : {}),
        ...(value ? { value: truncate(value, f.max) } : {}),
      },
    };
  });
  if (kind === "resource")
    components.push({
      type: ComponentType.Label,
      label: "Kind",
      component: {
        type: ComponentType.StringSelect,
        custom_id: "kind",
        min_values: 1,
        max_values: 1,
        options: RESOURCE_KINDS.map((k) => ({
          label: RESOURCE_KIND_LABELS[k],
          value: k,
          ...(draft?.kind === k ? { default: true } : {}),
        })),
      },
    });
  return { custom_id: customId, title: truncate(`${heading} ${KIND_NAMES[kind]}`, 45), components };
}

/** Reads a submitted modal's fields: `text` of a text input, `select` of a select (what discord.js gives). */
export interface ModalValues {
  text(id: string): string;
  select(id: string): readonly string[];
}

const ids = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Only what the modal holds: a reviewer's Edit changes these and keeps the rest. */
export function modalFields(kind: ItemKind, values: ModalValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS[kind]) {
    const text = values.text(f.id).trim();
    if (f.id === "hints")
      out.hints = text
        .split(/\n+/)
        .map((h) => h.trim())
        .filter(Boolean);
    else if (f.id === "resources") out.resources = ids(text);
    else out[f.id] = text;
  }
  if (kind === "resource") out.kind = values.select("kind")[0];
  return out;
}

/** A whole draft (an item without its id) from the slash options and the modal. */
export function draftFrom(params: DraftParams, values: ModalValues): Record<string, unknown> {
  const fields = modalFields(params.kind, values);
  switch (params.kind) {
    case "challenge":
      return {
        topic: params.topic,
        level: params.level,
        title: fields.title,
        task: fields.task,
        doneWhen: fields.doneWhen,
        minutes: params.minutes,
        resources: fields.resources,
        requires: params.needs ? [params.needs] : [],
        hints: fields.hints,
      };
    case "resource":
      return {
        title: fields.title,
        authors: fields.authors,
        kind: fields.kind,
        url: fields.url,
        level: params.level,
        free: params.free,
        topics: [params.topic],
        hours: params.hours,
        why: fields.why,
      };
    case "prompt":
      return {
        theme: params.topic,
        title: fields.title,
        question: fields.question,
        project: fields.project,
        resources: fields.resources,
      };
  }
}
