import { RE2JS } from "re2js";
import * as z from "zod";
import { answerPattern } from "./pattern.js";

/** Ids are stored in members' history, so they are stable slugs: renaming one needs a data migration. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lower-case slug like 'gradient-boosting'")
  .max(60);

export const Level = z.enum(["beginner", "intermediate", "advanced"]);
export type Level = z.infer<typeof Level>;
export const LEVELS = Level.options;

export const ResourceKind = z.enum([
  "book",
  "course",
  "paper",
  "article",
  "practice",
  "documentation",
  "video",
  "community",
  "certification",
]);
export type ResourceKind = z.infer<typeof ResourceKind>;
export const RESOURCE_KINDS = ResourceKind.options;

export const Line = (max: number) => z.string().trim().min(10).max(max);

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

export const resourceFields = {
  id: Slug,
  title: z.string().min(2).max(200),
  authors: z.string().min(2).max(200),
  kind: ResourceKind,
  url: z.url({ protocol: /^https?$/ }).max(512),
  /** The official copy is served over plain http only (for example Sutton and Barto's free book); an explicit exception. */
  httpOnly: z.literal(true).optional(),
  level: Level,
  free: z.boolean(),
  topics: z.array(Slug).min(1).max(8),
  /** Rough time to work through it, in hours. */
  hours: z.number().positive().max(500),
  why: Line(300),
};

/** Links are https, unless an official copy exists only over http and says so. */
export const refineResource = (r: { url: string; httpOnly?: true }, ctx: z.RefinementCtx) => {
  if (!r.url.startsWith("https://") && r.httpOnly !== true)
    ctx.addIssue({
      code: "custom",
      path: ["url"],
      message: "links must be https (mark an official http-only copy with httpOnly: true)",
    });
};

export const Resource = z.strictObject(resourceFields).superRefine(refineResource);
export type Resource = z.infer<typeof Resource>;

/** What a challenge needs beyond a laptop with Python; a server chooses which its daily may need. */
export const Requirement = z.enum(["gpu", "docker", "cloud-account", "paid-api", "large-download", "other-people"]);
export type Requirement = z.infer<typeof Requirement>;
export const REQUIREMENTS = Requirement.options;

/** How a submitted answer is checked. Every one was derived by running the task, never guessed. */
export const AnswerCheck = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("number"),
    value: z.number().finite(),
    /** Accepted when |given - value| <= absolute, or <= relative * |value|; at least one is set. */
    absolute: z.number().nonnegative().optional(),
    relative: z.number().nonnegative().max(0.5).optional(),
  }),
  z.strictObject({
    type: z.literal("text"),
    /** Compared after folding case, spaces and punctuation. */
    accepted: z.array(z.string().trim().min(1).max(100)).min(1).max(10),
  }),
  z.strictObject({
    type: z.literal("pattern"),
    /** An RE2 regular expression (src/content/pattern.ts) matched against the whole trimmed answer, case-insensitively. */
    pattern: z.string().min(1).max(200),
    /** One answer that must match, so the pattern is known to accept a right one. */
    example: z.string().min(1).max(100),
  }),
]);
export type AnswerCheck = z.infer<typeof AnswerCheck>;

export const Answer = z
  .strictObject({
    /** What to type into the answer box, e.g. "Test accuracy as a fraction, like 0.95". */
    asks: z.string().trim().min(5).max(100),
    check: AnswerCheck,
    /** The worked explanation, shown only once the day has ended for the member. */
    explanation: Line(1000),
    /** For a number: the script under scripts/answers/ that re-derives it, and the library versions it ran with. */
    derivation: z
      .strictObject({ script: z.string().regex(/^[a-z0-9-]+\.py$/), versions: z.string().min(3).max(200) })
      .optional(),
  })
  .superRefine((a, ctx) => {
    const c = a.check;
    if (c.type === "number" && c.absolute === undefined && c.relative === undefined)
      ctx.addIssue({ code: "custom", path: ["check"], message: "a number needs an absolute or a relative tolerance" });
    if (c.type === "number" && !a.derivation)
      ctx.addIssue({ code: "custom", path: ["derivation"], message: "a number needs the script that derived it" });
    if (c.type === "pattern") {
      const pattern = answerPattern(c.pattern);
      if (!pattern.ok) ctx.addIssue({ code: "custom", path: ["check", "pattern"], message: pattern.reason });
      else if (!pattern.matches(c.example.trim()))
        ctx.addIssue({ code: "custom", path: ["check", "example"], message: "the example does not match the pattern" });
    }
  });
export type Answer = z.infer<typeof Answer>;

/** A challenge's fields; the shipped library's limits. A server's own items widen the member-text limits (src/library). */
export const challengeFields = {
  id: Slug,
  topic: Slug,
  level: Level,
  title: z.string().min(5).max(100),
  task: Line(900),
  doneWhen: Line(300),
  /** Including setup on a fresh laptop. */
  minutes: z.number().int().min(5).max(120),
  resources: z.array(Slug).max(4),
  requires: z.array(Requirement).max(REQUIREMENTS.length),
  /** Revealed one at a time by the Hint button. */
  hints: z.array(Line(300)).min(1).max(3),
  answer: Answer.optional(),
};

type ChallengeShape = { requires: Requirement[]; answer?: Answer; doneWhen: string; hints: string[]; task: string };

/** The rules across a challenge's fields, shared by shipped and server challenges. */
export function refineChallenge(c: ChallengeShape, ctx: z.RefinementCtx): void {
  if (new Set(c.requires).size !== c.requires.length)
    ctx.addIssue({ code: "custom", path: ["requires"], message: "lists a requirement twice" });
  if (c.answer && c.requires.some((r) => r === "gpu" || r === "large-download"))
    ctx.addIssue({
      code: "custom",
      path: ["answer"],
      message: "a result that depends on a GPU or a large download cannot be checked: drop the answer",
    });
  if (c.answer) {
    const leaks = answerLeaks(c.answer.check, [c.doneWhen, c.answer.asks, ...c.hints], c.task);
    if (leaks.length > 0)
      ctx.addIssue({
        code: "custom",
        path: ["answer"],
        message: `its done-when, answer box or a hint gives the answer away (${leaks.join(", ")})`,
      });
  }
}

export const Challenge = z.strictObject(challengeFields).superRefine(refineChallenge);

/**
 * Where the answer shows in text members see before they submit. A number counts as shown when it is written out
 * to three or more significant digits (small integers like 3 are everyday words in a task); an accepted text answer
 * counts when it stands as a word of its own and is not one of the options the task itself lists.
 */
export function answerLeaks(check: AnswerCheck, texts: readonly string[], task: string): string[] {
  const haystack = texts.join("\n");
  if (check.type === "number") {
    const written = new Set<string>();
    for (const digits of [3, 4, 5, 6]) {
      const s = Number(check.value.toPrecision(digits)).toString();
      if (s.replace(/[^0-9]/g, "").replace(/^0+/, "").length >= 3) written.add(s);
    }
    return [...written].filter((s) =>
      new RegExp(`(^|[^0-9.])${s.replace(".", "\\.")}(?![0-9]|[eE][+-]?[0-9]|\\.[0-9])`).test(haystack),
    );
  }
  if (check.type === "text")
    return check.accepted.filter((a) => {
      const word = RE2JS.compile(`\\b${RE2JS.quote(a)}\\b`, RE2JS.CASE_INSENSITIVE);
      return a.length >= 3 && word.test(haystack) && !word.test(task);
    });
  return [];
}
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
