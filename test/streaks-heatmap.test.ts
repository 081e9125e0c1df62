import { createCanvas, loadImage } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import {
  COLOURS,
  cellOrigin,
  HEATMAP_HEIGHT,
  HEATMAP_WIDTH,
  heatmapStart,
  renderHeatmap,
  WEEKS,
} from "../src/streaks/heatmap.js";
import { addDays } from "../src/time/index.js";

async function pixels(png: Buffer) {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const g = canvas.getContext("2d");
  g.drawImage(image, 0, 0);
  return {
    width: image.width,
    height: image.height,
    at(x: number, y: number): string {
      const [r, gr, b] = g.getImageData(x, y, 1, 1).data;
      return `#${[r, gr, b].map((v) => (v ?? 0).toString(16).padStart(2, "0")).join("")}`;
    },
  };
}

describe("the streak heat-map", () => {
  it("starts on the Monday 25 weeks before the week of today", () => {
    expect(heatmapStart("2026-03-04")).toBe("2025-09-08"); // a Wednesday; its Monday is 2026-03-02
  });

  it("paints daily, practice-only, frozen and empty days in their own colours, and nothing after today", async () => {
    const today = "2026-03-04";
    const start = heatmapStart(today);
    const days = new Map([
      [start, { daily: true, practice: 0 }],
      [addDays(start, 1), { daily: false, practice: 2 }],
      [addDays(start, 3), { daily: true, practice: 1 }],
      [today, { daily: true, practice: 0 }],
    ]);
    const image = await pixels(renderHeatmap(today, days, new Set([addDays(start, 2)])));
    expect({ width: image.width, height: image.height }).toEqual({ width: HEATMAP_WIDTH, height: HEATMAP_HEIGHT });
    const cell = (week: number, day: number) => {
      const { x, y } = cellOrigin(week, day);
      return image.at(x + 3, y + 3);
    };
    expect(cell(0, 0)).toBe(COLOURS.daily);
    expect(cell(0, 1)).toBe(COLOURS.practice);
    expect(cell(0, 2)).toBe(COLOURS.frozen);
    expect(cell(0, 3)).toBe(COLOURS.busy);
    expect(cell(0, 4)).toBe(COLOURS.empty);
    expect(cell(WEEKS - 1, 2)).toBe(COLOURS.daily); // today, a Wednesday
    expect(cell(WEEKS - 1, 3)).toBe(COLOURS.background); // tomorrow is not drawn
  });

  it("paints planned rest days in their own colour, including those still ahead this week", async () => {
    const today = "2026-03-04";
    const days = new Map([[today, { daily: true, practice: 0 }]]);
    const rest = new Set(["2026-03-03", "2026-03-05"]);
    const image = await pixels(renderHeatmap(today, days, new Set(), rest));
    const cell = (week: number, day: number) => {
      const { x, y } = cellOrigin(week, day);
      return image.at(x + 3, y + 3);
    };
    expect(cell(WEEKS - 1, 1)).toBe(COLOURS.rest);
    expect(cell(WEEKS - 1, 2)).toBe(COLOURS.daily);
    expect(cell(WEEKS - 1, 3)).toBe(COLOURS.rest);
    expect(cell(WEEKS - 1, 4)).toBe(COLOURS.background);
  });
});
