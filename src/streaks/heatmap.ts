import { canvasLibrary, FONT } from "../images/canvas.js";
import { addDays, isoWeekday, type LocalDate } from "../time/index.js";
import type { DayActivity } from "./history.js";

/**
 * A contribution-graph heat-map of a member's last WEEKS weeks: one column per ISO week (Monday at the top), the
 * current week last. Its labels are drawn in the font shipped with Gradient (src/images/canvas.ts).
 */

export const WEEKS = 26;
const CELL = 14;
const GAP = 3;
const PAD = 14;
const LEFT = 30;
const TOP = 20;
const LEGEND = 26;
export const HEATMAP_WIDTH = PAD + LEFT + WEEKS * (CELL + GAP) - GAP + PAD;
export const HEATMAP_HEIGHT = PAD + TOP + 7 * (CELL + GAP) - GAP + LEGEND + PAD;

export const COLOURS = {
  background: "#0d1117",
  empty: "#21262d",
  practice: "#0e4429",
  daily: "#26a641",
  busy: "#39d353",
  frozen: "#58a6ff",
  rest: "#a371f7",
  text: "#8b949e",
} as const;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The first date the heat-map shows for a member whose today is `today`: the Monday WEEKS-1 weeks back. */
export function heatmapStart(today: LocalDate): LocalDate {
  return addDays(today, -(isoWeekday(today) - 1) - (WEEKS - 1) * 7);
}

/** The top-left pixel of the cell for `day` (0 Monday) of column `week` (0 oldest). */
export function cellOrigin(week: number, day: number): { x: number; y: number } {
  return { x: PAD + LEFT + week * (CELL + GAP), y: PAD + TOP + day * (CELL + GAP) };
}

export function colourFor(activity: DayActivity | undefined, frozen: boolean, rest = false): string {
  if (activity?.daily) return activity.practice > 0 ? COLOURS.busy : COLOURS.daily;
  if (rest) return COLOURS.rest;
  if (activity && activity.practice > 0) return COLOURS.practice;
  return frozen ? COLOURS.frozen : COLOURS.empty;
}

export function renderHeatmap(
  today: LocalDate,
  days: ReadonlyMap<LocalDate, DayActivity>,
  bridged: ReadonlySet<LocalDate>,
  rest: ReadonlySet<LocalDate> = new Set(),
): Buffer {
  const { createCanvas } = canvasLibrary();
  const canvas = createCanvas(HEATMAP_WIDTH, HEATMAP_HEIGHT);
  const g = canvas.getContext("2d");
  g.fillStyle = COLOURS.background;
  g.fillRect(0, 0, HEATMAP_WIDTH, HEATMAP_HEIGHT);
  g.font = `11px ${FONT}`;
  g.textBaseline = "middle";
  const start = heatmapStart(today);
  const x0 = PAD + LEFT;
  const y0 = PAD + TOP;
  let lastMonth = "";
  for (let week = 0; week < WEEKS; week++) {
    const monday = addDays(start, week * 7);
    const month = monday.slice(5, 7);
    if (month !== lastMonth && week < WEEKS - 1) {
      g.fillStyle = COLOURS.text;
      g.fillText(MONTHS[Number(month) - 1] ?? "", x0 + week * (CELL + GAP), PAD + TOP / 2 - 2);
    }
    lastMonth = month;
    for (let day = 0; day < 7; day++) {
      const date = addDays(monday, day);
      // Planned rest days ahead in this week are drawn too, so a member sees their plan.
      if (date > today && !rest.has(date)) break;
      const { x, y } = cellOrigin(week, day);
      g.fillStyle = colourFor(days.get(date), bridged.has(date), rest.has(date));
      g.fillRect(x, y, CELL, CELL);
    }
  }
  g.fillStyle = COLOURS.text;
  for (const [row, label] of [
    [0, "Mon"],
    [2, "Wed"],
    [4, "Fri"],
  ] as const) {
    g.fillText(label, PAD, y0 + row * (CELL + GAP) + CELL / 2);
  }
  const legendY = y0 + 7 * (CELL + GAP) + 8;
  let x = x0;
  for (const [colour, label] of [
    [COLOURS.daily, "daily challenge"],
    [COLOURS.practice, "practice only"],
    [COLOURS.frozen, "freeze"],
    [COLOURS.rest, "rest day"],
  ] as const) {
    g.fillStyle = colour;
    g.fillRect(x, legendY, CELL, CELL);
    x += CELL + 6;
    g.fillStyle = COLOURS.text;
    g.fillText(label, x, legendY + CELL / 2);
    x += Math.ceil(g.measureText(label).width) + 16;
  }
  return canvas.toBuffer("image/png");
}
