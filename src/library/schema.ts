/**
 * A server's own items: exactly the fields of shipped items (the shipped zod shapes), with ids in the server's own
 * namespace and the limits that keep every card within Discord's.
 */
import * as z from "zod";
import {
  type Area,
  type Challenge,
  challengeFields,
  Line,
  type Resource,
  refineChallenge,
  resourceFields,
  Slug,
  type Topic,
  Topic as TopicSchema,
  type WeeklyPrompt,
  WeeklyPrompt as WeeklyPromptSchema,
} from "../content/schema.js";

/**
 * Every server id starts with this, and `npm run content:check` refuses it in shipped ids: a server's items can never
 * collide with the shipped library, including items a later release adds.
 */
export const LOCAL_PREFIX = "local-";

/** The area a server's own topics sit in. */
export const LOCAL_AREA: Area = Object.freeze({
  id: "local",
  name: "This server",
  emoji: "🏠",
  summary: "Topics this server added to its own syllabus.",
  why: "A study group follows its own course, reading list and exercises; these are its own.",
});

export const MAX_ITEMS_PER_KIND = 2000;
/** Member text limits: within Discord's (embed title 256, field 1,024) with room for the rest of the card. */
export const FIELD_LIMITS = { title: 200, task: 1500, doneWhen: 400, resources: 5 } as const;

export const KINDS = ["challenge", "resource", "prompt"] as const;
export type ItemKind = (typeof KINDS)[number];
export type StoredKind = ItemKind | "topic";

const LocalId = Slug.refine((id) => id.startsWith(LOCAL_PREFIX), {
  message: `must start with '${LOCAL_PREFIX}', so it never collides with a shipped id`,
});
const Title = z.string().trim().min(5).max(FIELD_LIMITS.title);
const Resources = z.array(Slug).max(FIELD_LIMITS.resources);

export const ServerTopic = z.strictObject({ ...TopicSchema.shape, id: LocalId, area: z.literal(LOCAL_AREA.id) });

export const ServerChallenge = z
  .strictObject({
    ...challengeFields,
    id: LocalId,
    title: Title,
    task: Line(FIELD_LIMITS.task),
    doneWhen: Line(FIELD_LIMITS.doneWhen),
    resources: Resources,
  })
  .superRefine(refineChallenge);

/** Links are https only: a server has no "official http-only copy" exception. */
const { httpOnly: _httpOnly, ...resourceShape } = resourceFields;
export const ServerResource = z.strictObject({
  ...resourceShape,
  id: LocalId,
  url: z.url({ protocol: /^https$/, error: "links must be https" }).max(512),
});

export const ServerPrompt = z.strictObject({
  ...WeeklyPromptSchema.shape,
  id: LocalId,
  title: Title,
  resources: Resources.min(1),
});

export const ITEM_SCHEMAS = {
  topic: ServerTopic,
  challenge: ServerChallenge,
  resource: ServerResource,
  prompt: ServerPrompt,
} as const;

export type ServerItem = Topic | Challenge | Resource | WeeklyPrompt;

/** Which areas the daily, /challenge random and the weekly prompts draw from, and whether shipped items are in. */
export const Pool = z.strictObject({
  shipped: z.boolean(),
  /** Area ids; null is every area. */
  areas: z.array(Slug).min(1).max(30).nullable(),
});
export type Pool = z.infer<typeof Pool>;
export const DEFAULT_POOL: Pool = Object.freeze({ shipped: true, areas: null });

export const FILE_FORMAT = "gradient-library";
export const FILE_VERSION = 1;
export const MAX_FILE_BYTES = 1024 * 1024;

/** The export file; items are checked one by one (so every problem names its item), the frame here. */
export const LibraryFileFrame = z.strictObject({
  format: z.literal(FILE_FORMAT),
  version: z.literal(FILE_VERSION),
  topics: z.array(z.unknown()).max(MAX_ITEMS_PER_KIND),
  challenges: z.array(z.unknown()).max(MAX_ITEMS_PER_KIND),
  resources: z.array(z.unknown()).max(MAX_ITEMS_PER_KIND),
  prompts: z.array(z.unknown()).max(MAX_ITEMS_PER_KIND),
  /** Ids of retired items (each is also in its list): kept for history, never drawn. */
  retired: z.array(Slug).max(4 * MAX_ITEMS_PER_KIND),
  pool: Pool,
});

export interface LibraryFile {
  format: typeof FILE_FORMAT;
  version: typeof FILE_VERSION;
  topics: Topic[];
  challenges: Challenge[];
  resources: Resource[];
  prompts: WeeklyPrompt[];
  retired: string[];
  pool: Pool;
}

/** The file's list for each stored kind. */
export const LIST_OF = { topic: "topics", challenge: "challenges", resource: "resources", prompt: "prompts" } as const;
