import { z } from "zod";

/** Ids are stored in members' history, so they are stable slugs: renaming one needs a data migration. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lower-case slug like 'gradient-boosting'")
  .max(60);

export const Level = z.enum(["beginner", "intermediate", "advanced"]);
export type Level = z.infer<typeof Level>;
export const LEVELS = Level.options;

export const ResourceKind = z.enum(["book", "course", "paper", "article", "practice", "documentation", "video"]);
export type ResourceKind = z.infer<typeof ResourceKind>;

const Line = (max: number) => z.string().trim().min(10).max(max);

export const Area = z.strictObject({
  id: Slug,
  name: z.string().min(2).max(80),
  emoji: z.string().min(1).max(8),
  summary: Line(300),
  why: Line(400),
});
export type Area = z.infer<typeof Area>;

export const Topic = z.strictObject({
  id: Slug,
  area: Slug,
  name: z.string().min(2).max(80),
  /** Other names members might type; used by autocomplete. */
  aliases: z.array(z.string().min(2).max(60)).max(10),
  summary: Line(300),
  why: Line(400),
});
export type Topic = z.infer<typeof Topic>;

export const Resource = z.strictObject({
  id: Slug,
  title: z.string().min(2).max(200),
  authors: z.string().min(2).max(200),
  kind: ResourceKind,
  url: z.url({ protocol: /^https$/ }).max(512),
  level: Level,
  free: z.boolean(),
  topics: z.array(Slug).min(1).max(8),
  /** Rough time to work through it, in hours. */
  hours: z.number().positive().max(500),
  why: Line(300),
});
export type Resource = z.infer<typeof Resource>;

export const Challenge = z.strictObject({
  id: Slug,
  topic: Slug,
  level: Level,
  title: z.string().min(5).max(100),
  task: Line(900),
  doneWhen: Line(300),
  minutes: z.number().int().min(15).max(90),
  resources: z.array(Slug).max(4),
});
export type Challenge = z.infer<typeof Challenge>;

export const WeeklyPrompt = z.strictObject({
  id: Slug,
  /** An area id or a topic id. */
  theme: Slug,
  title: z.string().min(5).max(100),
  question: Line(600),
  project: Line(900),
  resources: z.array(Slug).min(1).max(4),
});
export type WeeklyPrompt = z.infer<typeof WeeklyPrompt>;

export const Taxonomy = z.strictObject({
  areas: z.array(Area).min(10),
  topics: z.array(Topic).min(45),
});
export const Resources = z.array(Resource).min(80);
export const Challenges = z.array(Challenge);
export const WeeklyPrompts = z.array(WeeklyPrompt).min(52);
