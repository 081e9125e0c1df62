import { DiscordAPIError } from "discord.js";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/log.js";

const TOKEN = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNla3JpdA";
const NOTE = "my private note: I nearly gave up this week";

function jsonLog(): { log: ReturnType<typeof createLogger>; output: () => string } {
  const lines: string[] = [];
  const log = createLogger({ LOG_LEVEL: "info", LOG_FORMAT: "json" }, undefined, { write: (l) => lines.push(l) });
  return { log, output: () => lines.join("") };
}

/** What discord.js throws when Discord refuses an interaction's reply: the URL holds the token, the body the note. */
const refusedReply = (url: string) =>
  new DiscordAPIError({ code: 50035, message: "Invalid Form Body", errors: {} }, 50035, 400, "POST", url, {
    body: { type: 4, data: { content: NOTE } },
    files: undefined,
  });

describe("the error log an operator reads", () => {
  it("shows a refused interaction reply's route, status and code, never its token or the member's text", () => {
    const { log, output } = jsonLog();
    const callback = `https://discord.com/api/v10/interactions/1234567890123456789/${TOKEN}/callback`;
    const followUp = `https://discord.com/api/v10/webhooks/1111111111111111111/${TOKEN}/messages/@original`;
    const direct = refusedReply(callback);
    expect(direct.url).toContain(TOKEN);
    expect(JSON.stringify(direct.requestBody)).toContain(NOTE);
    log.error({ err: direct, command: "challenge", guild: "1", user: "2" }, "interaction failed");
    log.error({ err: new Error("edit failed", { cause: refusedReply(followUp) }) }, "interaction failed");
    log.warn({ error: refusedReply(followUp) }, "reminder not sent");
    const text = output();
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("nearly gave up");
    const first = JSON.parse(text.split("\n")[0] ?? "{}");
    expect(first.err).toMatchObject({
      url: "https://discord.com/api/v10/interactions/1234567890123456789/[redacted]/callback",
      requestBody: "[redacted]",
      status: 400,
      code: 50035,
      method: "POST",
    });
    expect(text).toContain("/webhooks/1111111111111111111/[redacted]/messages/@original");
  });
});
