import type { APIEmbed } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Content } from "../src/content/load.js";
import { RESOURCE_KINDS } from "../src/content/schema.js";
import { seededRandom } from "../src/random.js";
import { catalogOf } from "../src/taxonomy/catalog.js";
import { resourcePool } from "../src/taxonomy/filters.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser, type InteractionReply, LoopbackDiscord } from "./support/loopback-discord.js";
import { freshDatabase } from "./support/store.js";

const EPHEMERAL = 64;
type Json = Record<string, unknown>;
interface Component {
  type: number;
  style?: number;
  custom_id?: string;
  url?: string;
  label?: string;
  options?: { label: string; value: string; description?: string; default?: boolean }[];
}

const embedOf = (reply: InteractionReply) => (reply.final.embeds as APIEmbed[])[0] as APIEmbed;
const componentsOf = (reply: InteractionReply): Component[] =>
  ((reply.final.components ?? []) as { components: Component[] }[]).flatMap((row) => row.components);
const selectOf = (reply: InteractionReply) => componentsOf(reply).find((c) => c.type === 3) as Component;
const buttonOf = (reply: InteractionReply, label: RegExp) =>
  componentsOf(reply).find((c) => c.type === 2 && label.test(c.label ?? "")) as Component;
const fieldValue = (embed: APIEmbed, name: RegExp) => embed.fields?.find((f) => name.test(f.name))?.value;

describe("/topics and /resource through the loopback Discord", () => {
  let t: TestBot;
  let discord: LoopbackDiscord;
  let content: Content;
  const member = aUser(11);

  beforeAll(async () => {
    t = await startTestBot({ random: seededRandom(2026) });
    discord = t.discord;
    content = t.bot.ctx.content;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const slash = (name: string, options: Json[] = [], user = member) =>
    discord.reply(discord.slash(name, options, { user }));
  const select = (reply: InteractionReply, value: string, user = member) =>
    discord.reply(discord.select(selectOf(reply).custom_id as string, [value], discord.messageOf(reply), { user }));
  const press = (reply: InteractionReply, customId: string, user = member) =>
    discord.reply(discord.button(customId, discord.messageOf(reply), { user }));

  describe("/topics", () => {
    it("opens the map privately: every area with its counts and a menu to choose one", async () => {
      const reply = await slash("topics");
      expect(reply.callback.type).toBe(4);
      expect(reply.final.flags).toBe(EPHEMERAL);
      const embed = embedOf(reply);
      expect(embed.title).toBe("The ML-engineering map");
      for (const area of content.areas) expect(embed.description).toContain(area.name);
      const deep = content.topics.filter((topic) => topic.area === "deep-learning").length;
      expect(embed.description).toMatch(
        new RegExp(`Deep Learning\\*\\*: ${deep} topics, \\d+ challenges, \\d+ resources`),
      );
      expect(selectOf(reply).options?.map((o) => o.value)).toEqual(content.areas.map((a) => a.id));
    });

    it("updates the message in place when an area is chosen, listing its topics with counts", async () => {
      const reply = await select(await slash("topics"), "efficient-ml");
      expect(reply.callback.type).toBe(7);
      const embed = embedOf(reply);
      expect(embed.title).toBe("⚡ Optimisation for Size and Latency");
      expect(fieldValue(embed, /^Why it matters/)).toBeTruthy();
      const catalog = catalogOf(content);
      const topics = catalog.topicsOf("efficient-ml");
      const menu = selectOf(reply);
      expect(menu.options?.map((o) => o.value)).toEqual(topics.map((tp) => tp.id));
      const quantisation = menu.options?.find((o) => o.value === "quantization");
      const challenges = catalog.challengesOf("quantization").length;
      const resources = catalog.resourcesOf("quantization").length;
      expect(quantisation?.description).toBe(`${challenges} challenges · ${resources} resources`);
      expect(buttonOf(reply, /All areas/).custom_id).toBe("topics:areas");
    });

    it("shows a topic card with its summary, why it matters, challenges by level and best resources", async () => {
      const area = await select(await slash("topics"), "nlp-llms");
      const card = await select(area, "transformers");
      expect(card.callback.type).toBe(7);
      const embed = embedOf(card);
      const topic = catalogOf(content).topic("transformers");
      expect(embed.title).toBe(`💬 ${topic?.name}`);
      expect(embed.description).toBe(topic?.summary);
      expect(fieldValue(embed, /^Why it matters/)).toBe(topic?.why);
      const challenges = catalogOf(content).challengesOf("transformers");
      for (const challenge of challenges) {
        const level = new RegExp(`^\\S+ ${challenge.level} challenges`, "i");
        expect(fieldValue(embed, level)).toContain(challenge.title);
      }
      const best = catalogOf(content).resourcesOf("transformers").slice(0, 5);
      const listed = fieldValue(embed, /resources/i);
      for (const r of best) expect(listed).toContain(r.url);
      expect(selectOf(card).options?.find((o) => o.default)?.value).toBe("transformers");
    });

    it("goes back from a topic card to its area, and from there to every area", async () => {
      const card = await select(await select(await slash("topics"), "classical-ml"), "gradient-boosting");
      const back = buttonOf(card, /^Back to Classical Machine Learning$/);
      const area = await press(card, back.custom_id as string);
      expect(area.callback.type).toBe(7);
      expect(embedOf(area).title).toBe("🌲 Classical Machine Learning");
      const map = await press(area, buttonOf(area, /All areas/).custom_id as string);
      expect(embedOf(map).title).toBe("The ML-engineering map");
      const mapAgain = await press(card, buttonOf(card, /All areas/).custom_id as string);
      expect(embedOf(mapAgain).title).toBe("The ML-engineering map");
    });

    it("leads somewhere from every menu option and every button on the whole map", async () => {
      const seen = new Set<string>();
      const queue: InteractionReply[] = [await slash("topics")];
      let answered = 0;
      while (queue.length > 0) {
        const reply = queue.shift() as InteractionReply;
        for (const component of componentsOf(reply)) {
          const id = component.custom_id as string;
          const targets = component.type === 3 ? (component.options ?? []).map((o) => o.value) : [undefined];
          for (const value of targets) {
            const key = `${id}|${value ?? ""}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const sent =
              value === undefined
                ? discord.button(id, discord.messageOf(reply), { user: member })
                : discord.select(id, [value], discord.messageOf(reply), { user: member });
            const next = await discord.reply(sent);
            expect(next.callback.type, key).toBe(7);
            expect(embedOf(next).title, key).toBeTruthy();
            answered += 1;
            queue.push(next);
          }
        }
      }
      // Every area and every topic was reached, plus the way back from each.
      expect([...seen].filter((k) => k.startsWith("topics:area|")).length).toBe(content.areas.length);
      expect([...seen].filter((k) => k.startsWith("topics:topic|")).length).toBe(content.topics.length);
      expect(answered).toBeGreaterThan(content.areas.length + content.topics.length);
    });

    it("opens an area straight from the slash command, by id or by name", async () => {
      const byId = await slash("topics", [{ type: 3, name: "area", value: "deep-learning" }]);
      expect(embedOf(byId).title).toBe("🧠 Deep Learning");
      expect(byId.final.flags).toBe(EPHEMERAL);
      const byName = await slash("topics", [{ type: 3, name: "area", value: "career craft" }]);
      expect(embedOf(byName).title).toBe("🧭 Career Craft");
    });

    it("suggests areas as the member types, and explains an area that does not exist", async () => {
      const suggestions = await discord.reply(
        discord.autocomplete("topics", [{ type: 3, name: "area", value: "secure", focused: true }], { user: member }),
      );
      expect(suggestions.callback.type).toBe(8);
      const choices = suggestions.callback.data?.choices as { name: string; value: string }[];
      expect(choices[0]).toEqual({ name: "🛡️ Responsible and Secure AI", value: "responsible-ai" });
      const unknown = await slash("topics", [{ type: 3, name: "area", value: "astrology" }]);
      expect(unknown.final).toMatchObject({ flags: EPHEMERAL });
      expect(unknown.final.content).toMatch(/There is no area called "astrology"/);
    });

    it("answers a stale or tampered menu with a clear private message", async () => {
      const map = await slash("topics");
      const gone = await discord.reply(discord.select("topics:area", ["vanished-area"], discord.messageOf(map)));
      expect(gone.callback.type).toBe(4);
      expect(gone.final).toMatchObject({ flags: EPHEMERAL });
      expect(gone.final.content).toMatch(/no longer on the map/);
      const goneTopic = await press(map, "topics:topic:vanished-topic");
      expect(goneTopic.final.content).toMatch(/That topic is no longer on the map/);
      const unknownVerb = await press(map, "topics:teleport");
      expect(unknownVerb.final.content).toMatch(/older version of Gradient/);
    });
  });

  describe("/resource", () => {
    it("gives one pick privately: title, authors, kind, level, time, cost, why, and a link to the official page", async () => {
      const reply = await slash("resource", [{ type: 3, name: "topic", value: "transformers" }]);
      expect(reply.callback.type).toBe(4);
      expect(reply.final.flags).toBe(EPHEMERAL);
      const embed = embedOf(reply);
      const resource = content.resources.find((r) => r.title === embed.title);
      expect(resource?.topics).toContain("transformers");
      expect(embed.url).toBe(resource?.url);
      expect(embed.description).toBe(resource?.why);
      expect(fieldValue(embed, /^By$/)).toBe(resource?.authors);
      for (const name of [/^Kind$/, /^Level$/, /^Time$/, /^Cost$/]) expect(fieldValue(embed, name)).toBeTruthy();
      const link = componentsOf(reply).find((c) => c.style === 5);
      expect(link?.url).toBe(resource?.url);
      expect(buttonOf(reply, /Another pick/).custom_id).toBe("resource:more:transformers:-:-:-");
    });

    it("does not repeat the member's picks on 'Another pick' until every match has been shown", async () => {
      const filters = { topic: "quantization" };
      const poolSize = resourcePool(content, filters).length;
      expect(poolSize).toBeGreaterThan(3);
      let reply = await slash("resource", [{ type: 3, name: "topic", value: "quantization" }], aUser(12));
      const titles = [embedOf(reply).title];
      for (let i = 1; i < poolSize; i++) {
        reply = await press(reply, buttonOf(reply, /Another pick/).custom_id as string, aUser(12));
        expect(reply.callback.type).toBe(7);
        expect(embedOf(reply).footer?.text).toMatch(new RegExp(`^Pick ${i + 1} of ${poolSize} matching topic`));
        titles.push(embedOf(reply).title);
      }
      expect(new Set(titles).size).toBe(poolSize);
      const newRound = await press(reply, buttonOf(reply, /Another pick/).custom_id as string, aUser(12));
      expect(embedOf(newRound).footer?.text).toMatch(new RegExp(`^Pick 1 of ${poolSize}`));
      expect(embedOf(newRound).title).not.toBe(titles.at(-1));
    });

    it("applies kind, level and free together, and offers no 'Another pick' when only one resource matches", async () => {
      const single = content.resources.find(
        (r) => resourcePool(content, { topic: r.topics[0], kind: r.kind, level: r.level, free: r.free }).length === 1,
      );
      expect(single).toBeDefined();
      if (!single) return;
      const reply = await slash("resource", [
        { type: 3, name: "topic", value: single.topics[0] },
        { type: 3, name: "kind", value: single.kind },
        { type: 3, name: "level", value: single.level },
        { type: 5, name: "free", value: single.free },
      ]);
      expect(embedOf(reply).title).toBe(single.title);
      expect(embedOf(reply).footer?.text).toMatch(/^The only resource matching/);
      expect(componentsOf(reply).map((c) => c.style)).toEqual([5]);
    });

    it("says privately when the filters match nothing, and which filter to loosen", async () => {
      const catalog = catalogOf(content);
      const empty = content.topics
        .flatMap((topic) => RESOURCE_KINDS.map((kind) => ({ topic: topic.id, kind })))
        .find((f) => resourcePool(content, f).length === 0 && catalog.resourcesOf(f.topic).length > 0);
      expect(empty).toBeDefined();
      if (!empty) return;
      const reply = await slash("resource", [
        { type: 3, name: "topic", value: empty.topic },
        { type: 3, name: "kind", value: empty.kind },
      ]);
      expect(reply.callback.type).toBe(4);
      expect(reply.final.flags).toBe(EPHEMERAL);
      expect(reply.final.content).toMatch(/^No resource matches topic .+ · kind .+\. Try loosening them: drop the/);
      expect(reply.final.embeds ?? []).toEqual([]);
    });

    it("autocompletes topics fuzzily, at most 25 choices, and explains a topic it cannot find", async () => {
      const ask = async (value: string) => {
        const reply = await discord.reply(
          discord.autocomplete("resource", [{ type: 3, name: "topic", value, focused: true }], { user: member }),
        );
        expect(reply.callback.type).toBe(8);
        return reply.callback.data?.choices as { name: string; value: string }[];
      };
      expect((await ask("tranformer"))[0]?.value).toBe("transformers");
      expect((await ask("k8s"))[0]?.value).toBe("kubernetes");
      expect(await ask("")).toHaveLength(25);
      const unknown = await slash("resource", [{ type: 3, name: "topic", value: "underwater basket weaving" }]);
      expect(unknown.final).toMatchObject({ flags: EPHEMERAL });
      expect(unknown.final.content).toMatch(/There is no topic called "underwater basket weaving"/);
    });

    it("answers a stale or tampered 'Another pick' button with a clear private message", async () => {
      const reply = await slash("resource");
      const tampered = await press(reply, "resource:more:gradient-boosting:q:-:-");
      expect(tampered.final).toMatchObject({ flags: EPHEMERAL });
      expect(tampered.final.content).toMatch(/older version of Gradient/);
      const removed = await press(reply, "resource:more:retired-topic:-:-:-");
      expect(removed.final.content).toMatch(/no longer in the library/);
    });
  });

  it("sent nothing that breaks Discord's limits", () => {
    expect(discord.violations).toEqual([]);
  });
});

describe("'Another pick' after a restart", () => {
  it("still works, with the filters from its custom_id and the member's remembered picks", async () => {
    const discord = await LoopbackDiscord.start();
    const database = await freshDatabase();
    const user = aUser(21);
    const filters = { topic: "sql", kind: "documentation" as const };
    const first = await startTestBot({ discord, database, random: seededRandom(1) });
    const content = first.bot.ctx.content;
    const poolSize = resourcePool(content, filters).length;
    expect(poolSize).toBeGreaterThan(2);
    const options = [
      { type: 3, name: "topic", value: "sql" },
      { type: 3, name: "kind", value: "documentation" },
    ];
    let reply = await discord.reply(discord.slash("resource", options, { user }));
    const titles = [embedOf(reply).title];
    reply = await discord.reply(
      discord.button(buttonOf(reply, /Another pick/).custom_id as string, discord.messageOf(reply), { user }),
    );
    titles.push(embedOf(reply).title);
    await first.stop();

    // Same seed on purpose: only the stored history can keep the next pick from repeating.
    const second = await startTestBot({ discord, database, random: seededRandom(1) });
    const customId = buttonOf(reply, /Another pick/).custom_id as string;
    expect(customId).toBe("resource:more:sql:d:-:-");
    for (let i = titles.length; i < poolSize; i++) {
      reply = await discord.reply(discord.button(customId, discord.messageOf(reply), { user }));
      expect(reply.callback.type).toBe(7);
      titles.push(embedOf(reply).title);
    }
    expect(new Set(titles).size).toBe(poolSize);
    await second.stop();
    expect(discord.violations).toEqual([]);
    await discord.close();
    await database.remove();
  });
});
