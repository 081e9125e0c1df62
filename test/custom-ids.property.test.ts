import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ChallengeControl, challengeIds } from "../src/challenges/custom-ids.js";
import { RATINGS } from "../src/challenges/ratings.js";
import { TRACKS } from "../src/challenges/rules.js";
import { LEVELS, RESOURCE_KINDS } from "../src/content/schema.js";
import type { CustomIdCodec } from "../src/discord/custom-id.js";
import { type LibraryControl, libraryIds } from "../src/library/custom-ids.js";
import { challengeTag, type RemindControl, remindIds } from "../src/reminders/custom-ids.js";
import { type ResourceControl, resourceIds, type TopicsControl, topicsIds } from "../src/taxonomy/custom-ids.js";

const slug = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join("-"));
const date = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const track = fc.constantFrom(...TRACKS);
const target = fc.oneof(
  fc.record({ date, track }),
  slug.map((challengeId) => ({ challengeId })),
);
const challengeControls: fc.Arbitrary<ChallengeControl> = fc.oneof(
  fc.record({ action: fc.constant("done" as const), date, track }),
  fc.record({ action: fc.constant("level" as const), date, track }),
  slug.map((id) => ({ action: "practice" as const, challengeId: id })),
  slug.map((id) => ({ action: "resources" as const, challengeId: id })),
  fc.record({ action: fc.constant("hint" as const), challengeId: slug, shown: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ action: fc.constantFrom("answer" as const, "submit" as const), target }),
  fc.record({ action: fc.constant("rate" as const), challengeId: slug, rating: fc.constantFrom(...RATINGS) }),
  fc.record({ action: fc.constantFrom("report" as const, "reported" as const), challengeId: slug }),
  fc.constant({ action: "pick" as const }),
);
const topicsControls: fc.Arbitrary<TopicsControl> = fc.oneof(
  fc.constant({ view: "areas" as const }),
  fc.constant({ view: "area" as const }),
  fc.constant({ view: "topic" as const }),
  slug.map((id) => ({ view: "area" as const, areaId: id })),
  slug.map((id) => ({ view: "topic" as const, topicId: id })),
);
const resourceControls: fc.Arbitrary<ResourceControl> = fc
  .record(
    { topic: slug, kind: fc.constantFrom(...RESOURCE_KINDS), level: fc.constantFrom(...LEVELS), free: fc.boolean() },
    { requiredKeys: [] },
  )
  .map((filters) => ({ action: "more" as const, filters }));

const snowflake = fc.bigInt({ min: 10n ** 16n, max: 2n ** 64n - 1n }).map(String);
// The track is left out sometimes, as on reminders sent before reminders named one.
const remindControls: fc.Arbitrary<RemindControl> = fc.oneof(
  fc.record(
    { action: fc.constant("done" as const), guildId: snowflake, date, track },
    {
      requiredKeys: ["action", "guildId", "date"],
    },
  ),
  fc.record(
    {
      action: fc.constantFrom("answer" as const, "submit" as const),
      guildId: snowflake,
      date,
      track,
      challengeTag: slug.map(challengeTag),
    },
    { requiredKeys: ["action", "guildId", "date", "challengeTag"] },
  ),
  fc.record({ action: fc.constant("stop" as const), guildId: snowflake }),
);

/** Strings shaped like custom_ids of this command: its prefix and a few parts that are sometimes right. */
const forgeries = (command: string, words: string[]) =>
  fc
    .array(fc.oneof(fc.constantFrom(...words), slug, date, fc.string({ maxLength: 12 })), { maxLength: 6 })
    .map((parts) => [command, ...parts].join(":"));

function checkCodec<T>(codec: CustomIdCodec<T>, values: fc.Arbitrary<T>, words: string[]) {
  it("turns every control it renders back into the same control, within Discord's 100 characters", () => {
    fc.assert(
      fc.property(values, (value) => {
        const id = codec.build(value);
        expect(id.length).toBeLessThanOrEqual(100);
        expect(id.startsWith(`${codec.command}:`)).toBe(true);
        expect(codec.parse(id)).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses any id it would not have made, instead of guessing", () => {
    fc.assert(
      fc.property(forgeries(codec.command, words), (id) => {
        const parsed = codec.parse(id);
        if (parsed !== null) expect(codec.parse(codec.build(parsed))).toEqual(parsed);
      }),
      { numRuns: 1000 },
    );
    for (const id of [codec.command, `${codec.command}:`, `other:${words[0]}`, `${codec.command}:${"x".repeat(120)}`])
      expect(codec.parse(id)).toBeNull();
  });
}

describe("Mark done, Practice and Resources buttons (challenge)", () => {
  checkCodec(challengeIds, challengeControls, [
    "done",
    "practice",
    "resources",
    "hint",
    "answer",
    "submit",
    "level",
    "mixed",
    "beginner",
    "rate",
    "easy",
    "hard",
    "report",
    "reported",
    "pick",
  ]);

  it("still accepts Mark done on daily posts made before tracks, as the mixed track's", () => {
    const legacy = { action: "done", date: "2026-03-02", track: "mixed" };
    expect(challengeIds.parse("challenge:done:2026-03-02:linear-algebra-svd")).toEqual(legacy);
    expect(challengeIds.parse("challenge:done:2026-03-02")).toEqual(legacy);
    expect(challengeIds.parse("challenge:done:2026-03-02:Not A Slug")).toBeNull();
    expect(challengeIds.parse("challenge:done:yesterday")).toBeNull();
  });
});

describe("a reminder's Mark done and Submit answer (remind)", () => {
  checkCodec(remindIds, remindControls, [
    "done",
    "stop",
    "answer",
    "submit",
    "123456789012345678",
    "2026-03-02",
    "AbC-_123",
    "mixed",
    "advanced",
  ]);

  it("reads a button without a track as one sent before reminders named it, and refuses a track it does not know", () => {
    const guildId = "123456789012345678";
    expect(remindIds.parse(`remind:done:${guildId}:2026-03-02`)).toEqual({
      action: "done",
      guildId,
      date: "2026-03-02",
    });
    expect(remindIds.parse(`remind:done:${guildId}:2026-03-02:advanced`)).toEqual({
      action: "done",
      guildId,
      date: "2026-03-02",
      track: "advanced",
    });
    expect(remindIds.parse(`remind:answer:${guildId}:2026-03-02:AbC-_123`)).toEqual({
      action: "answer",
      guildId,
      date: "2026-03-02",
      challengeTag: "AbC-_123",
    });
    expect(remindIds.parse(`remind:done:${guildId}:2026-03-02:expert`)).toBeNull();
    expect(remindIds.parse(`remind:done:${guildId}:2026-03-02:mixed:AbC-_123`)).toBeNull();
    expect(remindIds.parse(`remind:answer:${guildId}:2026-03-02:expert:AbC-_123`)).toBeNull();
    expect(remindIds.parse(`remind:submit:${guildId}:2026-03-02:mixed:mixed:AbC-_123`)).toBeNull();
  });

  it("fits the longest challenge id's tag and the longest track beside a 20-digit guild id", () => {
    const id = remindIds.build({
      action: "submit",
      guildId: "18446744073709551615",
      date: "2026-03-02",
      track: "intermediate",
      challengeTag: challengeTag("x".repeat(60)),
    });
    expect(id.length).toBeLessThanOrEqual(100);
    expect(remindIds.parse(`${id}x`)).toBeNull();
    expect(remindIds.parse(id.replace(":submit:", ":done:"))).toBeNull();
  });
});

describe("the /topics menus and buttons", () => {
  checkCodec(topicsIds, topicsControls, ["areas", "area", "topic"]);
});

describe("Another pick (resource)", () => {
  checkCodec(resourceIds, resourceControls, ["more", "-", "b", "y"]);
});

// The problem reports' review controls; /library's other ids (add, apply, cancel, page) have their own e2e tests.
const reviewControls: fc.Arbitrary<LibraryControl> = fc.oneof(
  fc.record({
    action: fc.constantFrom("resolve" as const, "resolved" as const, "retire" as const),
    reportId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  }),
  fc.record({
    action: fc.constantFrom("reports" as const, "pick-report" as const),
    page: fc.integer({ min: 0, max: 999 }),
  }),
);

describe("a problem report's Resolve and Retire, and /library reports (library)", () => {
  checkCodec(libraryIds, reviewControls, ["resolve", "resolved", "retire", "reports", "pick-report", "0", "12"]);

  it("longest challenge ids fit /challenge's rate and report ids", () => {
    const challengeId = "x".repeat(60);
    expect(challengeIds.build({ action: "rate", challengeId, rating: "right" }).length).toBeLessThanOrEqual(100);
    expect(challengeIds.build({ action: "reported", challengeId }).length).toBeLessThanOrEqual(100);
    expect(challengeIds.parse(`challenge:rate:right:${challengeId}:extra`)).toBeNull();
  });
});
