import { createRequire } from "node:module";
import type * as Canvas from "@napi-rs/canvas";
import type * as ChartJs from "chart.js";
import type { ChartConfiguration } from "chart.js";
import { TRACKS, type Track } from "../challenges/tracks.js";
import { canvasLibrary, FONT } from "../images/canvas.js";
import type { ServerReport } from "./report.js";

/**
 * The report's charts, drawn by Chart.js on @napi-rs/canvas (no DOM: Chart.js picks its basic platform for a
 * canvas object it is handed). Each chart is its own function over plain figures, so the snapshot tests draw
 * each from fixed data; reportImage lays them out on one PNG.
 */

/** Discord's dark theme behind the charts, and its text colours. */
export const THEME = { background: "#313338", panel: "#2b2d31", text: "#dbdee1", muted: "#949ba4", grid: "#3f4147" };
/** Okabe and Ito's palette, distinct for readers with any common colour-vision deficiency. */
export const PALETTE = {
  orange: "#E69F00",
  sky: "#56B4E9",
  green: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  purple: "#CC79A7",
} as const;
const TRACK_COLOURS: Record<Track, string> = {
  mixed: PALETTE.blue,
  beginner: PALETTE.green,
  intermediate: PALETTE.orange,
  advanced: PALETTE.purple,
};

export const CHART_WIDTH = 900;
export const CHART_HEIGHT = 380;

const require = createRequire(import.meta.url);
let chartModule: typeof ChartJs | undefined;
/** Chart.js is loaded with the first chart, like the image library. */
function chartLibrary(): typeof ChartJs {
  if (!chartModule) {
    const library = require("chart.js") as typeof ChartJs;
    library.Chart.register(...library.registerables);
    const defaults = library.Chart.defaults;
    defaults.font.family = FONT;
    defaults.font.size = 14;
    defaults.color = THEME.text;
    defaults.borderColor = THEME.grid;
    chartModule = library;
  }
  return chartModule;
}

/** Draws one chart on a canvas of its own: no animation, no resizing, one device pixel per pixel. */
export function drawChart(config: ChartConfiguration, width = CHART_WIDTH, height = CHART_HEIGHT): Canvas.Canvas {
  const { Chart } = chartLibrary();
  const { createCanvas } = canvasLibrary();
  // Chart.js clears its canvas when drawing and when destroyed, so it draws on one and is copied onto the background.
  const drawn = createCanvas(width, height);
  const chart = new Chart(
    drawn as unknown as ChartJs.ChartItem,
    {
      ...config,
      options: {
        ...config.options,
        animation: false,
        responsive: false,
        devicePixelRatio: 1,
        events: [],
        layout: { padding: 12 },
        plugins: {
          ...config.options?.plugins,
          title: {
            display: true,
            align: "start",
            font: { size: 18, weight: "bold" },
            ...config.options?.plugins?.title,
          },
          legend: { labels: { boxWidth: 14, boxHeight: 14 }, ...config.options?.plugins?.legend },
        },
      },
    } as ChartConfiguration,
  );
  const canvas = createCanvas(width, height);
  const g = canvas.getContext("2d");
  g.fillStyle = THEME.background;
  g.fillRect(0, 0, width, height);
  g.drawImage(drawn, 0, 0);
  chart.destroy();
  return canvas;
}

const shortDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

export interface ActivityFigures {
  dates: string[];
  active: number[];
  average7: number[];
  byTrack: Partial<Record<Track, number[]>>;
}

/** Daily completions by track (stacked bars) with members active and its 7-day average (lines). */
export function activityChart(f: ActivityFigures): Canvas.Canvas {
  const tracks = TRACKS.filter((t) => (f.byTrack[t] ?? []).some((n) => n > 0));
  return drawChart({
    type: "bar",
    data: {
      labels: f.dates.map(shortDate),
      datasets: [
        {
          type: "line",
          label: "members active",
          data: f.active,
          borderColor: PALETTE.sky,
          backgroundColor: PALETTE.sky,
          pointRadius: f.dates.length > 31 ? 0 : 3,
          borderWidth: 2,
          // Its own stack, so the stacked axis does not pile it on the bars.
          stack: "active",
          order: 0,
        },
        {
          type: "line",
          label: "7-day average",
          data: f.average7.map((n) => Math.round(n * 10) / 10),
          borderColor: PALETTE.yellow,
          backgroundColor: PALETTE.yellow,
          borderDash: [6, 4],
          pointRadius: 0,
          borderWidth: 2,
          stack: "average",
          order: 1,
        },
        ...tracks.map((t) => ({
          type: "bar" as const,
          label: `dailies: ${t}`,
          data: f.byTrack[t] ?? [],
          backgroundColor: TRACK_COLOURS[t],
          stack: "dailies",
          order: 2,
        })),
      ],
    },
    options: {
      plugins: { title: { text: "Activity per day" } },
      scales: {
        x: { stacked: true, ticks: { maxTicksLimit: 15, maxRotation: 0 }, grid: { display: false } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
      },
    },
  });
}

export interface ComingBackFigures {
  weeks: string[];
  /** Share returning, in percent (null: nobody active that week). */
  share: (number | null)[];
  newMembers: number[];
}

/** The share of each week's members active again the week after (bars, left axis) and new members (line, right). */
export function comingBackChart(f: ComingBackFigures): Canvas.Canvas {
  return drawChart({
    type: "bar",
    data: {
      labels: f.weeks.map((w) => w.slice(5)),
      datasets: [
        {
          type: "line",
          label: "new members",
          data: f.newMembers,
          borderColor: PALETTE.orange,
          backgroundColor: PALETTE.orange,
          yAxisID: "members",
          borderWidth: 2,
          order: 0,
        },
        {
          type: "bar",
          label: "back the week after (%)",
          data: f.share,
          backgroundColor: PALETTE.blue,
          yAxisID: "share",
          order: 1,
        },
      ],
    },
    options: {
      plugins: { title: { text: "Coming back, by ISO week" } },
      scales: {
        x: { grid: { display: false } },
        share: { type: "linear", position: "left", min: 0, max: 100, ticks: { callback: (v) => `${v}%` } },
        members: {
          type: "linear",
          position: "right",
          beginAtZero: true,
          ticks: { precision: 0 },
          grid: { drawOnChartArea: false },
        },
      },
    },
  });
}

/** Members holding a current streak, by length. */
export function streaksChart(buckets: Record<string, number>): Canvas.Canvas {
  const labels = Object.keys(buckets);
  return drawChart(
    {
      type: "bar",
      data: {
        labels: labels.map((b) => `${b} days`),
        datasets: [
          {
            label: "members",
            data: labels.map((b) => buckets[b] ?? 0),
            backgroundColor: [PALETTE.sky, PALETTE.green, PALETTE.orange, PALETTE.vermillion],
          },
        ],
      },
      options: {
        plugins: { title: { text: "Current streaks" }, legend: { display: false } },
        scales: { x: { grid: { display: false } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    },
    CHART_WIDTH / 2,
  );
}

export interface ChallengeBar {
  label: string;
  /** Completion rate in percent. */
  rate: number;
}

/** Completion rate of the most and least completed dailies (horizontal bars). */
export function challengesChart(most: readonly ChallengeBar[], least: readonly ChallengeBar[]): Canvas.Canvas {
  const rows = [...most, ...least];
  const clip = (s: string) => (s.length > 28 ? `${s.slice(0, 27)}…` : s);
  return drawChart(
    {
      type: "bar",
      data: {
        labels: rows.map((r) => clip(r.label)),
        datasets: [
          { label: "most completed", data: [...most.map((r) => r.rate), ...least.map(() => null)] },
          { label: "least completed", data: [...most.map(() => null), ...least.map((r) => r.rate)] },
        ].map((d, i) => ({
          ...d,
          backgroundColor: i === 0 ? PALETTE.green : PALETTE.vermillion,
          skipNull: true,
          grouped: false,
        })),
      },
      options: {
        indexAxis: "y",
        plugins: {
          title: { text: "Dailies: completion rate" },
          subtitle: { display: true, text: "among members active that day", align: "start", color: THEME.muted },
        },
        scales: {
          x: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } },
          y: { grid: { display: false }, ticks: { font: { size: 12 } } },
        },
      },
    },
    CHART_WIDTH / 2,
  );
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** The figures each chart draws, from a report (titles of challenges by id from `title`). */
export function chartFigures(report: ServerReport, title: (challengeId: string) => string) {
  const byTrack: Partial<Record<Track, number[]>> = {};
  for (const t of TRACKS) byTrack[t] = report.activity.map((d) => d.byTrack[t]);
  const bar = (c: ServerReport["challenges"]["most"][number]) => ({
    label: title(c.challengeId),
    rate: percent(c.rate) ?? 0,
  });
  return {
    activity: {
      dates: report.activity.map((d) => d.date),
      active: report.activity.map((d) => d.active),
      average7: report.activity.map((d) => d.activeAverage7),
      byTrack,
    },
    comingBack: {
      weeks: report.comingBack.map((w) => w.week),
      share: report.comingBack.map((w) => percent(w.share)),
      newMembers: report.comingBack.map((w) => w.newMembers),
    },
    streaks: report.streaks.buckets,
    challenges: { most: report.challenges.most.map(bar), least: report.challenges.least.map(bar) },
  };
}

const HEADER = 56;

/**
 * The report's one PNG: a heading, then activity and coming back across the width, then streaks beside the
 * challenges.
 */
export function reportImage(report: ServerReport, title: (challengeId: string) => string, heading: string): Buffer {
  const f = chartFigures(report, title);
  const parts = [
    activityChart(f.activity),
    comingBackChart(f.comingBack),
    streaksChart(f.streaks),
    challengesChart(f.challenges.most, f.challenges.least),
  ];
  const [activity, comingBack, streaks, challenges] = parts as [
    Canvas.Canvas,
    Canvas.Canvas,
    Canvas.Canvas,
    Canvas.Canvas,
  ];
  const width = CHART_WIDTH;
  const height = HEADER + CHART_HEIGHT * 3;
  const canvas = canvasLibrary().createCanvas(width, height);
  const g = canvas.getContext("2d");
  g.fillStyle = THEME.background;
  g.fillRect(0, 0, width, height);
  g.fillStyle = THEME.text;
  g.font = `bold 22px ${FONT}`;
  g.textBaseline = "middle";
  g.fillText(heading, 12, HEADER / 2);
  g.drawImage(activity, 0, HEADER);
  g.drawImage(comingBack, 0, HEADER + CHART_HEIGHT);
  g.drawImage(streaks, 0, HEADER + 2 * CHART_HEIGHT);
  g.drawImage(challenges, CHART_WIDTH / 2, HEADER + 2 * CHART_HEIGHT);
  return canvas.toBuffer("image/png");
}
