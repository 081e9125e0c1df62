import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { Pacer, pacedRequest } from "../src/discord/pacer.js";

/**
 * The most releases that fell within any window of `ms`. Callers see a release a little after the pacer makes it
 * (promise callbacks, a busy loop), so tests look at windows 20 ms shorter than the pacer's second.
 */
function busiestWindow(times: number[], ms: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= ms) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe("the request pacer", () => {
  it("releases at its rate, never more than its rate within any second, even when callers pile up", async () => {
    const pacer = new Pacer({ limit: 100, windowMs: 1000 });
    const started = performance.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 250 }, () => pacer.take().then(() => times.push(performance.now()))));
    const elapsed = performance.now() - started;
    expect(busiestWindow(times, 980)).toBeLessThanOrEqual(100);
    // 250 requests at 100/s: the floor is 2.49 s after the first; allow for timers firing late on a busy machine.
    expect(elapsed).toBeGreaterThan(2400);
    expect(elapsed).toBeLessThan(3500);
  });

  it("keeps to the cap after the event loop stalls instead of releasing the backlog at once", async () => {
    const pacer = new Pacer({ limit: 50, windowMs: 1000 });
    const times: number[] = [];
    const all = Array.from({ length: 120 }, () => pacer.take().then(() => times.push(performance.now())));
    setTimeout(() => {
      const until = performance.now() + 400;
      while (performance.now() < until) {
        // Busy: no timer can fire, so releases fall behind the rhythm.
      }
    }, 300);
    await Promise.all(all);
    expect(busiestWindow(times, 980)).toBeLessThanOrEqual(50);
  });

  it("drops a waiting request whose caller gave up (discord.js's timeout), serving the rest", async () => {
    const pacer = new Pacer({ limit: 10, windowMs: 1000 });
    await pacer.take();
    await pacer.take();
    const controller = new AbortController();
    const abandoned = pacer.take(controller.signal);
    const next = pacer.take();
    controller.abort(new Error("timed out"));
    await expect(abandoned).rejects.toThrow("timed out");
    await next;
    expect(pacer.waiting).toBe(0);
  });

  it("paces the bot's requests at the wire, but never an interaction callback or webhook", async () => {
    const pacer = new Pacer({ limit: 2, windowMs: 1000 });
    const sent: string[] = [];
    const request = pacedRequest(pacer, async (url) => {
      sent.push(new URL(url).pathname);
      return new Response(null, { status: 204 });
    });
    const api = "http://127.0.0.1:1/api/v10";
    const init = {};
    await request(`${api}/channels/1/messages`, init);
    await request(`${api}/channels/2/messages`, init);
    const third = request(`${api}/channels/3/messages`, init);
    await request(`${api}/interactions/9/token/callback`, init);
    await request(`${api}/webhooks/100/token/messages/%40original`, init);
    expect(sent).toEqual([
      "/api/v10/channels/1/messages",
      "/api/v10/channels/2/messages",
      "/api/v10/interactions/9/token/callback",
      "/api/v10/webhooks/100/token/messages/%40original",
    ]);
    await third;
    expect(sent.at(-1)).toBe("/api/v10/channels/3/messages");
  });

  it("serves a post ahead of a queued reminder wave: it waits for at most one slot", async () => {
    const pacer = new Pacer({ limit: 50, windowMs: 1000 });
    const order: string[] = [];
    const wave = Array.from({ length: 60 }, (_, i) =>
      pacer.take(undefined, "background").then(() => order.push(`reminder ${i}`)),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = order.length;
    const asked = performance.now();
    await pacer.take(undefined, "first");
    const waited = performance.now() - asked;
    order.push("post");
    // Released right after the reminder being released when it arrived, within one 20 ms slot (plus timer lateness).
    expect(order.indexOf("post") - before).toBeLessThanOrEqual(1);
    expect(waited).toBeLessThan(20 + 40);
    await Promise.all(wave);
    expect(order).toHaveLength(61);
  });
});
