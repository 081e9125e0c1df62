import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENERIC_APOLOGY } from "../src/interactions/router.js";
import { tinyContent } from "./fixtures/content.js";
import { startTestBot, type TestBot } from "./support/harness.js";
import { aUser } from "./support/loopback-discord.js";

const commandsDir = fileURLToPath(new URL("./fixtures/commands/", import.meta.url));
const EPHEMERAL = 64;

describe("the interaction router's single error path", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ content: tinyContent, commandsDir });
  });
  afterAll(async () => {
    await t.stop();
  });

  const run = (how: string) =>
    t.discord.reply(t.discord.slash("fragile", [{ type: 3, name: "how", value: how }], { user: aUser(3) }));

  it("shows a UserError's own message to the member, privately", async () => {
    const reply = await run("user");
    expect(reply.final.content).toBe("Pick a level between 1 and 3.");
    expect(reply.final.flags).toBe(EPHEMERAL);
  });

  it("answers an unexpected error with a short private apology", async () => {
    const reply = await run("crash");
    expect(reply.final.content).toBe(GENERIC_APOLOGY);
    expect(reply.final.flags).toBe(EPHEMERAL);
  });

  it("replaces a deferred reply with the apology when the handler fails after deferring", async () => {
    const reply = await run("crash-after-defer");
    expect(reply.callback.type).toBe(5);
    expect(reply.edits.at(-1)?.content).toBe(GENERIC_APOLOGY);
  });

  it("never pings anyone from a reply, even when the text contains mentions", async () => {
    const reply = await run("mention");
    expect(reply.final.allowed_mentions).toEqual({ parse: [] });
  });

  it("routes a button to its command by custom_id prefix and says so when a button no longer works", async () => {
    const message = { id: "1", content: "" };
    const ok = await t.discord.reply(t.discord.button("fragile:go:42", message));
    expect(ok.final.content).toBe("clicked go,42");
    const closed = await t.discord.reply(t.discord.button("fragile:user", message));
    expect(closed.final).toMatchObject({ content: "That button has closed.", flags: EPHEMERAL });
    const stale = await t.discord.reply(t.discord.button("retired-command:x", message));
    expect(stale.final.content).toMatch(/no longer works/);
    const forged = await t.discord.reply(t.discord.button("fragile:forged", message));
    expect(forged.final).toMatchObject({ content: stale.final.content, flags: EPHEMERAL });
  });

  it("routes autocomplete, select menus and modal submissions to the command that owns them", async () => {
    const focused = [{ type: 3, name: "topic", value: "rag", focused: true }];
    const choices = await t.discord.reply(t.discord.autocomplete("fragile", focused));
    expect(choices.callback).toEqual({ type: 8, data: { choices: [{ name: "you typed rag", value: "rag" }] } });
    const broken = [{ type: 3, name: "topic", value: "crash", focused: true }];
    expect((await t.discord.reply(t.discord.autocomplete("fragile", broken))).callback.data).toEqual({ choices: [] });
    const picked = await t.discord.reply(t.discord.select("fragile:menu", ["a", "b"], { id: "2", content: "" }));
    expect(picked.callback.type).toBe(7);
    expect(picked.final.content).toBe("picked a,b");
    const noted = await t.discord.reply(t.discord.modalSubmit("fragile:modal", { note: "hello" }));
    expect(noted.final.content).toBe("noted: hello");
  });

  it("answers an unknown slash command with a clear message", async () => {
    const reply = await t.discord.reply(t.discord.slash("vanished"));
    expect(reply.final.content).toMatch(/not available/);
  });

  it("sent nothing that breaks Discord's limits", () => {
    expect(t.discord.violations).toEqual([]);
  });
});
