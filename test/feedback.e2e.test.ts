import type { APIEmbed } from "discord-api-types/v10";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { all } from "../src/db/store.js";
import { STALE_CONTROL } from "../src/interactions/router.js";
import { makeLibrary } from "./fixtures/library.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import {
  ADMIN_PERMISSIONS,
  aUser,
  type FakeUser,
  type InteractionReply,
  MEMBER_PERMISSIONS,
} from "./support/loopback-discord.js";
import { ENGINE } from "./support/store.js";

type Json = Record<string, unknown>;
type Component = { type: number; custom_id: string; label?: string; options?: Json[]; component?: Component };
const EPHEMERAL = 64;
const admin = aUser(1, "admin");
const ana = aUser(11, "ana");
const ben = aUser(12, "ben");
const cal = aUser(13, "cal");

const components = (message: { final: Json } | Json): Component[] =>
  ((("final" in message ? message.final : message) as Json).components ?? []) as Component[];
const controls = (message: { final: Json } | Json): Component[] =>
  components(message).flatMap((row) => (row as unknown as { components: Component[] }).components);
const idOf = (message: { final: Json } | Json, label: string) => {
  const found = controls(message).find((c) => c.label === label)?.custom_id;
  if (!found) throw new Error(`no control labelled ${label}`);
  return found;
};

describe(`ratings and problem reports end to end on ${ENGINE}`, () => {
  let t: TestBot;
  const clock = new ManualClock("2026-05-04T12:00:00Z");
  const reviewChannel = () => t.discord.guild.channels[0]?.id as string;

  beforeAll(async () => {
    t = await startTestBot({ clock, content: makeLibrary([3, 3, 3]) });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const slash = (user: FakeUser, name: string, sub: string, options: Json[] = [], permissions?: string) =>
    t.discord.reply(t.discord.slash(name, [{ type: 1, name: sub, options }], { user, permissions }), {
      timeoutMs: 10_000,
    });
  const press = (message: InteractionReply | Json, customId: string, user: FakeUser, permissions?: string) =>
    t.discord.reply(
      t.discord.button(
        customId,
        "final" in message ? t.discord.messageOf(message as InteractionReply) : (message as Json),
        { user, permissions },
      ),
    );
  const sendReport = (customId: string, user: FakeUser, kind: string, details: string) =>
    t.discord.reply(t.discord.modalSubmit(customId, { details }, { user, labels: true, selects: { kind: [kind] } }));

  const ratingsOf = (userId: string) =>
    t.bot.ctx.store.read(function* (s) {
      return yield* all(s.db.select().from(s.t.ratings).where(eq(s.t.ratings.userId, userId)));
    });
  const reportsBy = (userId: string, status?: "open" | "resolved" | "retired") =>
    t.bot.ctx.store.read(function* (s) {
      const r = s.t.problemReports;
      return yield* all(
        s.db
          .select()
          .from(r)
          .where(status ? and(eq(r.userId, userId), eq(r.status, status)) : eq(r.userId, userId)),
      );
    });

  let anaDone: InteractionReply;

  it("every completion reply carries Too easy, About right, Too hard and Report a problem", async () => {
    anaDone = await slash(ana, "challenge", "done");
    expect(anaDone.final.content).toMatch(/completed today's challenge/);
    expect(controls(anaDone).map((c) => c.label)).toEqual(["Too easy", "About right", "Too hard", "Report a problem"]);
    expect(anaDone.final.allowed_mentions).toEqual({ parse: [] });
  });

  it("a rating is answered privately and a second press changes it: one row per member and challenge", async () => {
    const first = await press(anaDone, idOf(anaDone, "Too hard"), ana);
    expect(first.final.flags).toBe(EPHEMERAL);
    expect(first.final.content).toMatch(/You rated .* “Too hard”/);
    const second = await press(anaDone, idOf(anaDone, "Too easy"), ana);
    expect(second.final.flags).toBe(EPHEMERAL);
    expect(second.final.content).toMatch(/from “Too hard” to “Too easy”/);
    const rows = await ratingsOf(ana.id);
    expect(rows.map((r) => r.rating)).toEqual(["easy"]);
    const again = await press(anaDone, idOf(anaDone, "Too easy"), ana);
    expect(again.final.content).toMatch(/already rated/);
    expect(await ratingsOf(ana.id)).toHaveLength(1);
  });

  it("a member who did not complete the challenge cannot rate it from someone else's reply", async () => {
    const refused = await press(anaDone, idOf(anaDone, "About right"), cal);
    expect(refused.final.flags).toBe(EPHEMERAL);
    expect(refused.final.content).toMatch(/Only members who completed this challenge here can rate it/);
    expect(await ratingsOf(cal.id)).toEqual([]);
  });

  it("/challenge history offers the challenges done to rate later, with the rating given", async () => {
    const history = await slash(ana, "challenge", "history");
    const select = controls(history).find((c) => c.type === 3);
    expect(select?.options?.[0]?.description).toBe("You rated it: Too easy");
    const value = select?.options?.[0]?.value as string;
    const picked = await t.discord.reply(
      t.discord.select(select?.custom_id as string, [value], t.discord.messageOf(history), { user: ana }),
    );
    expect(picked.final.flags).toBe(EPHEMERAL);
    expect(controls(picked).map((c) => c.label)).toEqual(["Too easy", "About right", "Too hard", "Report a problem"]);
    await press(picked, idOf(picked, "About right"), ana);
    expect((await ratingsOf(ana.id)).map((r) => r.rating)).toEqual(["right"]);
  });

  it("forged custom ids get a clear private error and change nothing", async () => {
    const before = await ratingsOf(ana.id);
    for (const forged of [
      "challenge:rate:meh:area-1-c1",
      "challenge:rate:hard",
      "library:resolve:abc",
      "library:retire:0",
    ]) {
      const reply = await press(anaDone, forged, ana, ADMIN_PERMISSIONS);
      expect(reply.final.flags).toBe(EPHEMERAL);
      expect(reply.final.content).toBe(STALE_CONTROL);
    }
    const unknown = await press(anaDone, "challenge:rate:hard:no-such-challenge", ana);
    expect(unknown.final.content).toMatch(/not in this server's library\. Nothing was recorded/);
    const noReport = await press(anaDone, "library:resolve:999999", admin, ADMIN_PERMISSIONS);
    expect(noReport.final.content).toMatch(/no longer on record/);
    const forgedKind = await sendReport(`challenge:reported:area-1-c1`, ana, "rude", "x");
    expect(forgedKind.final.content).toBe(STALE_CONTROL);
    expect(await ratingsOf(ana.id)).toEqual(before);
    expect(await reportsBy(ana.id)).toEqual([]);
  });

  let keptId: number;

  it("Report a problem opens a form with a select; without a review channel the report is kept for /library reports", async () => {
    const form = await press(anaDone, idOf(anaDone, "Report a problem"), ana);
    expect(form.callback.type).toBe(9);
    const modal = form.callback.data as { custom_id: string; components: Component[] };
    expect(modal.components.map((c) => [c.type, c.component?.type])).toEqual([
      [18, 3],
      [18, 4],
    ]);
    expect(modal.components[0]?.component?.options?.map((o) => o.value)).toEqual([
      "answer-wrong",
      "unclear",
      "broken-link",
      "out-of-date",
      "other",
    ]);
    const sent = await sendReport(
      modal.custom_id,
      ana,
      "unclear",
      "Which norm does the task mean? See https://evil.example",
    );
    expect(sent.final.flags).toBe(EPHEMERAL);
    expect(sent.final.content).toMatch(/kept for this server's managers/);
    const [kept] = await reportsBy(ana.id, "open");
    expect(kept).toMatchObject({ kind: "unclear", channelId: null, messageId: null });
    keptId = kept?.id as number;

    const list = await slash(admin, "library", "reports", [], ADMIN_PERMISSIONS);
    const description = (list.final.embeds as APIEmbed[])[0]?.description ?? "";
    expect(description).toContain(`#${keptId}`);
    expect(description).toContain("The task is unclear");
    expect(description).toContain("`https://evil.example`");
    expect(description).toContain("kept (no card)");
  });

  it("a reviewer resolves a kept report from /library reports; the reporter hears the note by DM", async () => {
    const list = await slash(admin, "library", "reports", [], ADMIN_PERMISSIONS);
    const select = controls(list).find((c) => c.type === 3) as Component;
    const ask = await t.discord.reply(
      t.discord.select(select.custom_id, [String(keptId)], t.discord.messageOf(list), {
        user: admin,
        permissions: ADMIN_PERMISSIONS,
      }),
    );
    expect(ask.callback.type).toBe(9);
    const resolveId = (ask.callback.data as { custom_id: string }).custom_id;
    const done = await t.discord.reply(
      t.discord.modalSubmit(
        resolveId,
        { note: "It is the L2 norm; we made the task say so." },
        {
          user: admin,
          permissions: ADMIN_PERMISSIONS,
          labels: true,
        },
      ),
    );
    expect(done.final.content).toMatch(/resolved; the member is told by DM/);
    const dm = await waitFor(() => t.discord.dmsTo(ana.id).find((m) => String(m.content).includes("L2 norm")));
    expect(String(dm.content)).toMatch(/was resolved/);
    expect((await reportsBy(ana.id, "resolved")).map((r) => r.resolvedBy)).toEqual([admin.id]);
  });

  let card: Json;

  it("with a review channel the report reaches it as a card; a non-reviewer's Resolve is refused", async () => {
    const set = await slash(
      admin,
      "config",
      "suggestions",
      [{ type: 7, name: "channel", value: reviewChannel() }],
      ADMIN_PERMISSIONS,
    );
    expect(set.final.content).toMatch(/Suggestions now go to/);
    const benDone = await slash(ben, "challenge", "done");
    const form = await press(benDone, idOf(benDone, "Report a problem"), ben);
    const sent = await sendReport(
      (form.callback.data as { custom_id: string }).custom_id,
      ben,
      "answer-wrong",
      "The expected value <@&123> @everyone is off by one",
    );
    expect(sent.final.content).toMatch(/sent to this server's reviewers/);
    card = (t.discord.channelMessages.get(reviewChannel()) ?? []).at(-1) as Json;
    const embed = (card.embeds as APIEmbed[])[0];
    expect(embed?.author?.name).toMatch(/Problem report #\d+/);
    expect(embed?.description).toContain("The answer is wrong");
    const posted = t.discord.calls.findLast(
      (c) => c.method === "POST" && c.path === `/channels/${reviewChannel()}/messages`,
    );
    expect((posted?.body as Json | undefined)?.allowed_mentions).toEqual({ parse: [] });
    expect((posted?.body as Json | undefined)?.nonce).toMatch(/^report-\d+$/);
    // A shipped challenge: Resolve only; Retire is for the server's own items.
    expect(controls(card).map((c) => c.label)).toEqual(["Resolve"]);
    // The card is linked to its report just after the member's answer.
    const report = await waitForAsync(async () => (await reportsBy(ben.id, "open")).find((r) => r.messageId !== null));
    expect(report.messageId).toBe(card.id);

    const refused = await press(card, idOf(card, "Resolve"), cal, MEMBER_PERMISSIONS);
    expect(refused.final.flags).toBe(EPHEMERAL);
    expect(refused.final.content).toMatch(/Only this server's reviewers/);
    const refusedNote = await t.discord.reply(
      t.discord.modalSubmit(
        `library:resolved:${report.id}`,
        { note: "sneaky" },
        { user: cal, labels: true, message: card },
      ),
    );
    expect(refusedNote.final.content).toMatch(/Only this server's reviewers/);
    expect(await reportsBy(ben.id, "open")).toHaveLength(1);
  });

  it("a reviewer's Resolve asks for a note, updates the card and DMs the reporter; a second Resolve is refused", async () => {
    const ask = await press(card, idOf(card, "Resolve"), admin, ADMIN_PERMISSIONS);
    expect(ask.callback.type).toBe(9);
    const done = await t.discord.reply(
      t.discord.modalSubmit(
        (ask.callback.data as { custom_id: string }).custom_id,
        { note: "Fixed the expected value, thanks." },
        { user: admin, permissions: ADMIN_PERMISSIONS, labels: true, message: card },
      ),
    );
    expect(done.callback.type).toBe(7);
    expect(components(done)).toEqual([]);
    const dm = await waitFor(() =>
      t.discord.dmsTo(ben.id).find((m) => String(m.content).includes("Fixed the expected")),
    );
    expect(String(dm.content)).toMatch(/was resolved/);
    const again = await press(card, idOf(card, "Resolve"), admin, ADMIN_PERMISSIONS);
    expect(again.final.content).toMatch(/already resolved by <@\d+>/);
  });

  it("a member's 6th open report is refused privately and nothing is kept", async () => {
    const reportId = idOf(anaDone, "Report a problem").replace(":report:", ":reported:");
    for (let i = 0; i < 5; i++) {
      const sent = await sendReport(reportId, ana, "other", `Problem number ${i + 1}`);
      expect(sent.final.content).toMatch(/sent to this server's reviewers/);
    }
    const sixth = await sendReport(reportId, ana, "other", "One too many");
    expect(sixth.final.flags).toBe(EPHEMERAL);
    expect(sixth.final.content).toMatch(/You have 5 open problem reports, the most at once/);
    expect(await reportsBy(ana.id, "open")).toHaveLength(5);
  });

  it("resolving from /library reports also updates the report's card in the review channel", async () => {
    const list = await slash(admin, "library", "reports", [], ADMIN_PERMISSIONS);
    expect((list.final.embeds as APIEmbed[])[0]?.title).toBe("Open problem reports (5 reports)");
    const report = await waitForAsync(async () =>
      (await reportsBy(ana.id, "open")).find((r) => r.details === "Problem number 1" && r.messageId !== null),
    );
    const select = controls(list).find((c) => c.type === 3) as Component;
    const ask = await t.discord.reply(
      t.discord.select(select.custom_id, [String(report.id)], t.discord.messageOf(list), {
        user: admin,
        permissions: ADMIN_PERMISSIONS,
      }),
    );
    await t.discord.reply(
      t.discord.modalSubmit(
        (ask.callback.data as { custom_id: string }).custom_id,
        { note: "Answered in the pinned thread." },
        { user: admin, permissions: ADMIN_PERMISSIONS, labels: true },
      ),
    );
    const edit = await t.discord.waitForCall(
      (c) => c.method === "PATCH" && c.path === `/channels/${report.channelId}/messages/${report.messageId}`,
    );
    expect(edit.status).toBe(200);
    expect((edit.body as Json).components).toEqual([]);
    expect(await reportsBy(ana.id, "open")).toHaveLength(4);
  });

  it("Retire on a report about the server's own item retires it through the library and tells the reporter", async () => {
    const item = {
      id: "local-notes-drill",
      topic: "topic-1",
      level: "beginner",
      title: "Course notes drill",
      task: "Work through the course notes of this week and write down every new idea in your own words.",
      doneWhen: "Done when you have written a paragraph for each new idea.",
      minutes: 30,
      resources: [],
      requires: [],
      hints: ["Start with the idea you found hardest to follow."],
    };
    const text = JSON.stringify({
      format: "gradient-library",
      version: 1,
      topics: [],
      challenges: [item],
      resources: [],
      prompts: [],
      retired: [],
      pool: { shipped: false, areas: null },
    });
    const file = t.discord.attachment("gradient-library.json", text);
    const preview = await t.discord.reply(
      t.discord.slash("library", [{ type: 1, name: "import", options: [{ type: 11, name: "file", value: file.id }] }], {
        user: admin,
        permissions: ADMIN_PERMISSIONS,
        resolved: { attachments: { [String(file.id)]: file } },
      }),
      { timeoutMs: 10_000 },
    );
    await press(preview, idOf(preview, "Apply"), admin, ADMIN_PERMISSIONS);
    clock.advance(24 * 3_600_000);
    const calDone = await slash(cal, "challenge", "done");
    expect(calDone.final.content).toContain("Course notes drill");
    const reportId = idOf(calDone, "Report a problem").replace(":report:", ":reported:");
    await sendReport(reportId, cal, "out-of-date", "The notes moved to another week");
    const itemCard = (t.discord.channelMessages.get(reviewChannel()) ?? []).at(-1) as Json;
    expect(controls(itemCard).map((c) => c.label)).toEqual(["Resolve", "Retire"]);
    const retired = await press(itemCard, idOf(itemCard, "Retire"), admin, ADMIN_PERMISSIONS);
    expect(retired.callback.type).toBe(7);
    const list = await slash(admin, "library", "list", [], ADMIN_PERMISSIONS);
    expect((list.final.embeds as APIEmbed[])[0]?.description).toMatch(/local-notes-drill.*retired/i);
    const dm = await waitFor(() => t.discord.dmsTo(cal.id).find((m) => String(m.content).includes("retired")));
    expect(String(dm.content)).toContain("Course notes drill");
    expect((await reportsBy(cal.id, "retired")).map((r) => r.resolvedBy)).toEqual([admin.id]);
  });
});

async function waitForAsync<T>(read: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function waitFor<T>(read: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}
