import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canvasLibrary } from "../src/images/canvas.js";
import { activityChart, challengesChart, comingBackChart, streaksChart } from "../src/stats/charts.js";
import { renderHeatmap } from "../src/streaks/heatmap.js";
import { addDays } from "../src/time/index.js";
import { ROOT } from "./support/harness.js";

/**
 * Each chart drawn from fixed figures and compared with its committed PNG (test/fixtures/charts/), so a Chart.js,
 * canvas or font upgrade that changes the picture fails here. `UPDATE_CHART_SNAPSHOTS=1` writes them afresh; look
 * at them before committing.
 */

const DIR = join(ROOT, "test/fixtures/charts");
/** A channel differing by more than this counts the pixel as changed (anti-aliasing moves by a few levels). */
const CHANNEL_TOLERANCE = 48;
/** The share of changed pixels a picture may have and still match. */
const PIXEL_TOLERANCE = 0.002;

async function rgba(png: Buffer) {
  const { createCanvas, loadImage } = canvasLibrary();
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const g = canvas.getContext("2d");
  g.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: g.getImageData(0, 0, image.width, image.height).data };
}

/** The share of pixels of `a` and `b` (same size) that differ by more than the tolerance in any channel. */
async function changedShare(a: Buffer, b: Buffer): Promise<number> {
  const x = await rgba(a);
  const y = await rgba(b);
  expect({ width: x.width, height: x.height }).toEqual({ width: y.width, height: y.height });
  let changed = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs((x.data[i + c] ?? 0) - (y.data[i + c] ?? 0)) > CHANNEL_TOLERANCE) {
        changed += 1;
        break;
      }
    }
  }
  return changed / (x.width * x.height);
}

async function matchesSnapshot(name: string, png: Buffer): Promise<void> {
  const file = join(DIR, `${name}.png`);
  if (process.env.UPDATE_CHART_SNAPSHOTS === "1") {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, png);
  }
  if (!existsSync(file)) throw new Error(`${file} is missing: run with UPDATE_CHART_SNAPSHOTS=1, look, and commit it`);
  expect(await changedShare(png, await readFile(file))).toBeLessThanOrEqual(PIXEL_TOLERANCE);
}

const dates = Array.from({ length: 30 }, (_, i) => addDays("2026-11-08", i));
const active = dates.map((_, i) => 18 + ((i * 7) % 13));

describe("chart snapshots", () => {
  it("activity: dailies by track as stacked bars, members active and its 7-day average as lines", async () => {
    const png = activityChart({
      dates,
      active,
      average7: active.map((_, i) => active.slice(Math.max(0, i - 6), i + 1).reduce((a, b) => a + b, 0) / 7),
      byTrack: { mixed: active.map((n) => n - 6), beginner: active.map((_, i) => i % 4), advanced: dates.map(() => 1) },
    }).toBuffer("image/png");
    await matchesSnapshot("activity", png);
  });

  it("coming back: share returning per week and new members", async () => {
    const weeks = Array.from({ length: 12 }, (_, i) => `2026-W${String(38 + i).padStart(2, "0")}`);
    const png = comingBackChart({
      weeks,
      share: [52, 61, null, 44, 55, 70, 65, 60, 58, 62, 61, 34],
      newMembers: [3, 4, 0, 1, 5, 6, 2, 3, 4, 1, 2, 3],
    }).toBuffer("image/png");
    await matchesSnapshot("coming-back", png);
  });

  it("streaks: members by current streak length", async () => {
    await matchesSnapshot(
      "streaks",
      streaksChart({ "1-6": 14, "7-29": 6, "30-99": 2, "100+": 1 }).toBuffer("image/png"),
    );
  });

  it("challenges: completion rates of the most and least completed dailies", async () => {
    const png = challengesChart(
      [
        { label: "Gradient descent by hand on a tiny problem", rate: 82.5 },
        { label: "Train/test split leakage", rate: 71 },
      ],
      [
        { label: "Backprop through a softmax", rate: 12.5 },
        { label: "Attention masks", rate: 20 },
      ],
    ).toBuffer("image/png");
    await matchesSnapshot("challenges", png);
  });

  it("the streak heat-map, with its labels in the shipped font", async () => {
    const today = "2026-03-04";
    const days = new Map(
      Array.from({ length: 60 }, (_, i) => [addDays(today, -i), { daily: i % 3 !== 0, practice: i % 5 === 0 ? 1 : 0 }]),
    );
    await matchesSnapshot("heatmap", renderHeatmap(today, days, new Set([addDays(today, -9)]), new Set()));
  });

  it("notices a changed picture: a chart against another chart's figures fails", async () => {
    const a = streaksChart({ "1-6": 14, "7-29": 6, "30-99": 2, "100+": 1 }).toBuffer("image/png");
    const b = streaksChart({ "1-6": 14, "7-29": 9, "30-99": 2, "100+": 1 }).toBuffer("image/png");
    expect(await changedShare(a, b)).toBeGreaterThan(PIXEL_TOLERANCE);
    expect(await changedShare(a, a)).toBe(0);
  });
});
