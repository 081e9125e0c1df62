import { describe, expect, it } from "vitest";
import { doneMessage, historyEmbed } from "../src/challenges/messages.js";
import { challengeButtons, otherTrackButtons, renderChallengeCard, renderResources } from "../src/challenges/render.js";
import { loadContent } from "../src/content/load.js";
import { checkComponents, checkEmbed, checkMessage } from "../src/discord/message-limits.js";
import { EMPTY_STATE } from "../src/streaks/engine.js";

describe("challenge cards for every shipped challenge", () => {
  const content = loadContent();

  it("fit Discord's limits as daily and practice cards, with their buttons and resources", () => {
    expect(content.challenges.length).toBeGreaterThan(0);
    for (const challenge of content.challenges) {
      const cards = [
        { date: "2026-03-02" },
        { date: "2026-03-02", track: "advanced" as const },
        { practice: true as const },
      ];
      for (const kind of cards) {
        const components = [...challengeButtons(challenge, kind), otherTrackButtons("2026-03-02", "mixed")];
        const message = {
          content: "🔥 Your streak is 12 days: complete today's challenge to make it 13.",
          embeds: [renderChallengeCard(challenge, content, kind)],
          components,
        };
        expect(checkMessage(message), challenge.id).toEqual([]);
        expect(checkComponents(components), challenge.id).toEqual([]);
      }
      expect(checkEmbed(renderResources(challenge, content)).problems, challenge.id).toEqual([]);
    }
  });

  it("keep a done reply with the longest title and a 300-character note within limits", () => {
    const longest = [...content.challenges].sort((a, b) => b.title.length - a.title.length)[0];
    if (!longest) throw new Error("no challenges");
    const state = { ...EMPTY_STATE, days: 30, current: 30, longest: 30, freezes: 2, lastDate: "2026-03-02" };
    const reply = doneMessage(
      {
        status: "recorded",
        date: "2026-03-02",
        zone: "UTC",
        challenge: longest,
        note: "n".repeat(300),
        result: {
          status: "recorded",
          state,
          previous: state,
          outcome: { kind: "bridged", earnedFreeze: true, milestone: 30 },
        },
      },
      "400000000000000001",
    );
    expect(checkMessage({ content: reply.content })).toEqual([]);
  });

  it("fit 30 busy days of history, with notes, into one embed", () => {
    const rows = Array.from({ length: 90 }, (_, i) => ({
      kind: i % 3 === 0 ? ("practice" as const) : ("daily" as const),
      localDate: `2026-03-${String((i % 30) + 1).padStart(2, "0")}`,
      zone: "UTC",
      challengeId: content.challenges[i % content.challenges.length]?.id ?? "x",
      note: "A long note about what I did today. ".repeat(8),
      verified: i % 2 === 0,
      completedAt: Date.parse("2026-03-01T00:00:00Z") + i * 3_600_000,
    }));
    const embed = historyEmbed(rows, content, "2026-03-01", "2026-03-30");
    expect(checkEmbed(embed).problems).toEqual([]);
    expect(String(embed.description)).toMatch(/…and \d+ more\.$/);
  });
});
