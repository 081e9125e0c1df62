import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser } from "./support/loopback-discord.js";

describe("a reminder-off notice owed while another process holds the write lock", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("the member's command is answered with no 'database busy' follow-up, and the notice comes with their next command", async () => {
    const guildId = t.discord.guild.id;
    const member = aUser(41, "quiet");
    const as = { guildId, user: member };
    const set = await t.discord.reply(
      t.discord.slash("remind", [{ type: 1, name: "at", options: [{ type: 3, name: "time", value: "21:00" }] }], as),
    );
    expect(set.final.content).toBeTruthy();
    // As when Discord refused the reminder's DM (50007): switched off, and the member is owed a notice.
    t.bot.ctx.db.$client
      .prepare("UPDATE reminders SET off_at = ?, off_reason = 'dm_closed', notice_pending = 1 WHERE user_id = ?")
      .run(Date.now(), member.id);

    // The moment Discord has the command's reply, another process takes the write lock for 1.5 s.
    const lock = new Database(t.databasePath);
    const replied = t.discord.waitForCall((c) => c.method === "POST" && c.path.includes("/callback"));
    const locked = replied.then(() => {
      lock.exec("BEGIN IMMEDIATE");
      setTimeout(() => lock.exec("COMMIT"), 1_500);
    });
    const about = await t.discord.reply(t.discord.slash("about", [], as));
    await locked;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    lock.close();
    expect(about.final.content ?? about.final.embeds).toBeTruthy();
    expect(about.followUps).toEqual([]);

    const next = await t.discord.reply(t.discord.slash("about", [], as), { followUps: 1 });
    expect(next.followUps.map((f) => String(f.content))).toEqual([
      expect.stringContaining("🔕 Your 1 reminder (ML Study Hall) is now off"),
    ]);
  });
});
