import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { Pacer, PacerStoppedError } from "../src/schedule/pacer.js";

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
    const pacer = new Pacer({ perSecond: 100 });
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
    const pacer = new Pacer({ perSecond: 50 });
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

  it("holds every release for a Retry-After", async () => {
    const pacer = new Pacer({ perSecond: 100 });
    await pacer.take();
    const held = performance.now();
    pacer.hold(300);
    await pacer.take();
    expect(performance.now() - held).toBeGreaterThanOrEqual(295);
  });

  it("turns away waiting and later callers once stopped", async () => {
    const pacer = new Pacer({ perSecond: 1 });
    await pacer.take();
    const waiting = pacer.take();
    pacer.stop();
    await expect(waiting).rejects.toBeInstanceOf(PacerStoppedError);
    await expect(pacer.take()).rejects.toBeInstanceOf(PacerStoppedError);
  });
});
