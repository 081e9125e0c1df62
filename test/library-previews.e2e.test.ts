import { asc, count, sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { all, get } from "../src/db/store.js";
import { holdImport, PREVIEW_TTL_MS, startImportPurge } from "../src/library/held-imports.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { ADMIN_PERMISSIONS, aUser, type InteractionReply } from "./support/loopback-discord.js";
import { freshStore } from "./support/store.js";

const admin = aUser(1, "admin");
const MINUTE = 60_000;

describe("held /library import previews", () => {
  let t: TestBot;
  const clock = new ManualClock("2026-03-02T12:00:00Z");
  let topic: string;
  const guildId = () => t.discord.guild.id;
  const as = () => ({ guildId: guildId(), user: admin, permissions: ADMIN_PERMISSIONS });

  beforeAll(async () => {
    t = await startTestBot({ clock });
    topic = t.bot.ctx.content.topics[0]?.id as string;
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** A valid library file of one new challenge, padded with whitespace to about `bytes`. */
  function libraryFile(title: string, bytes = 0): string {
    const json = JSON.stringify({
      format: "gradient-library",
      version: 1,
      topics: [],
      challenges: [
        {
          id: "local-held-preview",
          topic,
          level: "beginner",
          title,
          task: "Work through the course notes of this week and write down every new idea in your own words.",
          doneWhen: "Done when you have written a paragraph for each new idea.",
          minutes: 30,
          resources: [],
          requires: [],
          hints: ["Start with the idea you found hardest to follow."],
        },
      ],
      resources: [],
      prompts: [],
      retired: [],
      pool: { shipped: true, areas: null },
    });
    return json + " ".repeat(Math.max(0, bytes - json.length));
  }
  async function preview(text: string): Promise<InteractionReply> {
    const file = t.discord.attachment("gradient-library.json", text);
    return t.discord.reply(
      t.discord.slash("library", [{ type: 1, name: "import", options: [{ type: 11, name: "file", value: file.id }] }], {
        ...as(),
        resolved: { attachments: { [String(file.id)]: file } },
      }),
      { timeoutMs: 10_000 },
    );
  }
  const apply = (reply: InteractionReply) => {
    const rows = (reply.final.components ?? []) as { components: { custom_id: string; label: string }[] }[];
    const id = rows.flatMap((r) => r.components).find((b) => b.label === "Apply")?.custom_id;
    if (!id) throw new Error(`no Apply in ${String(reply.final.content)}`);
    return t.discord.reply(t.discord.button(id, t.discord.messageOf(reply), as()));
  };
  /** Read from the database itself, as an operator would. */
  function held(): Promise<{ count: number; bytes: number; items: number }> {
    return t.bot.ctx.store.read(function* (s) {
      const { libraryImports, libraryItems } = s.t;
      const previews = yield* get(
        s.db
          .select({ count: count(), bytes: sql<number>`coalesce(sum(length(${libraryImports.body})), 0)` })
          .from(libraryImports),
      );
      const items = yield* get(s.db.select({ n: count() }).from(libraryItems));
      return { count: previews?.count ?? 0, bytes: previews?.bytes ?? 0, items: items?.n ?? 0 };
    });
  }

  it("20 import previews of 900 KB by one admin leave at most one held preview in the database", async () => {
    let first: InteractionReply | undefined;
    let last: InteractionReply | undefined;
    for (let i = 1; i <= 20; i++) {
      // Spaced as /library import's limit allows (5 a minute): each one is a real preview.
      if (i > 1) clock.advance(13_000);
      last = await preview(libraryFile(`Preview number ${i}`, 900 * 1024));
      expect(last.final.content).toMatch(/1 to add/);
      first ??= last;
    }
    const after = await held();
    expect(after.count).toBe(1);
    expect(after.bytes).toBeLessThanOrEqual(1024 * 1024);
    // The replaced preview's Apply says so and writes nothing; the newest one applies.
    expect((await apply(first as InteractionReply)).final.content).toMatch(/replaced by a newer preview/);
    expect((await held()).items).toBe(0);
    expect((await apply(last as InteractionReply)).final.content).toMatch(/1 added/);
    expect(await held()).toEqual({ count: 0, bytes: 0, items: 1 });
  });

  it("Apply on a preview older than 15 minutes says it expired and changes nothing", async () => {
    clock.advance(MINUTE);
    const reply = await preview(libraryFile("A preview left open too long"));
    expect(reply.final.content).toMatch(/1 to change/);
    clock.advance(15 * MINUTE + 1000);
    const late = await apply(reply);
    expect(late.final.content).toMatch(/This preview expired \(previews are kept 15 minutes\) and nothing was written/);
    const row = await t.bot.ctx.store.read(function* (s) {
      return yield* get(s.db.select({ body: s.t.libraryItems.body }).from(s.t.libraryItems));
    });
    expect(JSON.parse(row?.body ?? "{}").title).toBe("Preview number 20");
  });
});

describe("the purge of expired previews", () => {
  it("removes every preview older than 15 minutes when the bot starts its minute ticker, and keeps fresh ones", async () => {
    const { store, close } = await freshStore();
    const clock = new ManualClock("2026-03-02T12:00:00Z");
    try {
      await holdImport({ store }, "g1", "u1", "stale", clock.now());
      await holdImport({ store }, "g2", "u1", "stale too", clock.now());
      clock.advance(PREVIEW_TTL_MS + 1000);
      await holdImport({ store }, "g1", "u2", "fresh", clock.now());
      const purge = startImportPurge({ store, clock, log: pino({ level: "silent" }) });
      await purge.stop();
      const left = await store.read(function* (s) {
        const { libraryImports } = s.t;
        return yield* all(
          s.db.select({ body: libraryImports.body }).from(libraryImports).orderBy(asc(libraryImports.id)),
        );
      });
      expect(left).toEqual([{ body: "fresh" }]);
    } finally {
      await close();
    }
  });
});
