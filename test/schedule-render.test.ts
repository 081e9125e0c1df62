import { describe, expect, it } from "vitest";
import { loadContent } from "../src/content/load.js";
import { checkMessage } from "../src/discord/message-limits.js";
import { renderDailyPost, renderWeeklyPost, slotMarker } from "../src/schedule/render.js";

const content = loadContent();

describe("scheduled post cards", () => {
  it("fits every weekly prompt, with all its resources, within Discord's message and embed limits", () => {
    for (const prompt of content.prompts) {
      const post = renderWeeklyPost(content, prompt, "2026-W10");
      expect(checkMessage(post.body), prompt.id).toEqual([]);
      const embed = post.body.embeds?.[0];
      expect(embed?.title).toBe(prompt.title);
      expect(embed?.author?.name).toBe("Weekly study prompt");
      // Every listed resource is linked.
      const resources = embed?.fields?.find((f) => f.name === "Resources")?.value ?? "";
      for (const id of prompt.resources) {
        const url = content.resources.find((r) => r.id === id)?.url ?? id;
        expect(resources, prompt.id).toContain(url.slice(0, 40));
      }
      expect(embed?.footer?.text).toBe(slotMarker("weekly", "2026-W10"));
      expect(post.body.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it("fits every challenge as a daily post, and lets only the chosen role be pinged", () => {
    for (const challenge of content.challenges) {
      const track = (["mixed", "beginner", "intermediate", "advanced"] as const)[challenge.id.length % 4] ?? "mixed";
      const post = renderDailyPost(content, challenge, "2026-03-02", "500000000000000001", track);
      expect(checkMessage(post.body), challenge.id).toEqual([]);
      expect(post.body.allowed_mentions).toEqual({ parse: [], roles: ["500000000000000001"] });
      expect(post.body.content).toContain("<@&500000000000000001>");
    }
    const quiet = renderDailyPost(content, content.challenges[0] as never, "2026-03-02", null, "mixed");
    expect(quiet.body.content).toBeUndefined();
    expect(quiet.body.allowed_mentions).toEqual({ parse: [] });
  });
});
