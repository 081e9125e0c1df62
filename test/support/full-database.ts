import { createHash } from "node:crypto";
import { openSqliteStore } from "../../src/db/sqlite.js";
import { type Gen, run, type Session, type Store, type Tables } from "../../src/db/store.js";
import { monthBoard, slotOf } from "../../src/streaks/boards.js";
import {
  creditDay,
  creditPractice,
  EMPTY_STATE,
  isAlive,
  lapseInstant,
  type StreakState,
} from "../../src/streaks/engine.js";
import { addDays, dayNumber, isoWeek, isoWeekday, type LocalDate, localDate } from "../../src/time/index.js";

/**
 * A database with realistic rows in every table (test/full-database.test.ts holds it to that): three servers (one
 * removed), six members with four months of completions (long streaks, a freeze-bridged gap, restarts, a zone change,
 * rest days, practice), their reminders, schedules and posts, a server's own library and suggestions. The figures,
 * milestones and boards are those the write path leaves: each completion is folded with the streak engine's rules
 * as recordDaily folds it (a second daily on a date already credited is not recorded), and the boards are what a
 * rebuild at FIXTURE_NOW gives. Every time is fixed, so the same rows come out every run.
 */

/** Monday 2026-03-16, 12:00 UTC: the fixture's "now" (day 119 of its 120 days). */
export const FIXTURE_NOW = Date.UTC(2026, 2, 16, 12, 0);
const TODAY: LocalDate = "2026-03-16";
const DAYS = 120;
const START = addDays(TODAY, -(DAYS - 1));
const dayOf = (d: number) => addDays(START, d);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** An instant on day `d` (its UTC calendar date) at `hour` UTC. */
const at = (d: number, hour: number, minute = 0) => dayNumber(dayOf(d)) * DAY + hour * HOUR + minute * 60_000;

export const GUILDS = { study: "1090000000000000001", night: "1090000000000000002", gone: "1090000000000000003" };
export const USERS = {
  ada: "2090000000000000001",
  bo: "2090000000000000002",
  cy: "2090000000000000003",
  dee: "2090000000000000004",
  eve: "2090000000000000005",
  fay: "2090000000000000006",
  admin: "2090000000000000009",
};
const GUILD_ZONES: Record<string, string | null> = {
  [GUILDS.study]: "Europe/Berlin",
  [GUILDS.night]: "America/New_York",
  [GUILDS.gone]: null,
};
const MEMBER_ZONES: Record<string, string | null> = {
  [USERS.ada]: "Europe/London",
  [USERS.bo]: null,
  [USERS.cy]: "America/Los_Angeles",
  [USERS.dee]: "Europe/Paris",
  [USERS.eve]: "America/Sao_Paulo",
  [USERS.fay]: null,
};
/** cy moved from Tokyo to Los Angeles on day 80. */
const zoneOn = (guildId: string, userId: string, d = DAYS) =>
  (userId === USERS.cy && d < 80 ? "Asia/Tokyo" : MEMBER_ZONES[userId]) ?? GUILD_ZONES[guildId] ?? "UTC";

type Track = "mixed" | "beginner" | "intermediate" | "advanced";
const GUILD_TRACKS: Record<string, Track | null> = {
  [GUILDS.study]: "intermediate",
  [GUILDS.night]: null,
  [GUILDS.gone]: null,
};
const MEMBER_TRACKS: { guildId: string; userId: string; track: Track }[] = [
  { guildId: GUILDS.study, userId: USERS.dee, track: "advanced" },
  { guildId: GUILDS.night, userId: USERS.ada, track: "beginner" },
];
const trackOf = (guildId: string, userId: string): Track =>
  MEMBER_TRACKS.find((t) => t.guildId === guildId && t.userId === userId)?.track ?? GUILD_TRACKS[guildId] ?? "mixed";

/** Shipped challenge ids by track (all in the math-foundations area). */
const CHALLENGES: Record<Track, string[]> = {
  beginner: [
    "linear-algebra-least-squares-three-ways",
    "calculus-optimization-gd-learning-rate-limit",
    "probability-monte-carlo-pi-error-law",
    "statistics-inference-bootstrap-vs-t-interval",
  ],
  intermediate: [
    "linear-algebra-svd-image-compression",
    "calculus-optimization-rosenbrock-momentum-race",
    "probability-bayes-diagnostic-test",
    "statistics-inference-ab-test-two-ways",
    "statistics-inference-ci-coverage-skewed",
  ],
  advanced: [
    "linear-algebra-conjugate-gradient-conditioning",
    "calculus-optimization-newton-vs-gd-logistic",
    "probability-metropolis-hastings-coin",
  ],
  mixed: [
    "linear-algebra-least-squares-three-ways",
    "linear-algebra-svd-image-compression",
    "calculus-optimization-newton-vs-gd-logistic",
    "probability-bayes-diagnostic-test",
    "statistics-inference-ab-test-two-ways",
    "probability-metropolis-hastings-coin",
  ],
};
const PRACTICE = [...new Set(Object.values(CHALLENGES).flat())];
const PROMPTS = ["week-rag-retriever-or-generator", "week-eval-gate-you-trust", "week-what-a-trace-told-you"];
const NOTES = [
  "QR was the stablest of the three.",
  "Took two tries: forgot the intercept column.",
  "Plotted the loss against the learning rate first.",
];
const range = (from: number, to: number, except: number[] = []) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i).filter((d) => !except.includes(d));

/** dee's planned rest days: two past stretches and two days ahead. */
const REST = [20, 21, 22, 23, 95, 96, 121, 122];

interface Plan {
  guildId: string;
  userId: string;
  daily: number[];
  practice: number[];
  /** The hour (UTC) of the day's completion. */
  hour: (d: number) => number;
}

const PLANS: Plan[] = [
  // 69 days, a missed day 40 bridged by a freeze, then three missed days (a restart) and 47 days since.
  {
    guildId: GUILDS.study,
    userId: USERS.ada,
    daily: range(0, 119, [40, 70, 71, 72]),
    practice: [10, 50, 90],
    hour: (d) => 6 + (d % 4),
  },
  { guildId: GUILDS.study, userId: USERS.bo, daily: range(60, 119, [75, 76, 90]), practice: [], hour: () => 17 },
  { guildId: GUILDS.study, userId: USERS.cy, daily: range(30, 119), practice: [45], hour: () => 14 },
  { guildId: GUILDS.study, userId: USERS.dee, daily: range(0, 119, REST), practice: [33], hour: () => 7 },
  {
    guildId: GUILDS.study,
    userId: USERS.eve,
    daily: [],
    practice: [3, 17, 29, 44, 58, 71, 88, 104],
    hour: () => 21,
  },
  { guildId: GUILDS.night, userId: USERS.ada, daily: range(100, 119), practice: [], hour: () => 8 },
  { guildId: GUILDS.night, userId: USERS.cy, daily: range(0, 35), practice: [], hour: () => 14 },
  { guildId: GUILDS.night, userId: USERS.bo, daily: [], practice: [5, 6], hour: () => 18 },
  { guildId: GUILDS.gone, userId: USERS.fay, daily: range(0, 10), practice: [], hour: () => 12 },
];

const nonce = (...parts: string[]) =>
  BigInt(`0x${createHash("sha256").update(parts.join("/")).digest("hex").slice(0, 15)}`).toString();
const snowflake = (n: number) => String(4_090_000_000_000_000_000n + BigInt(n));

type Rows = { [K in keyof Tables]: Tables[K]["$inferInsert"][] };

function completionRows(): Pick<
  Rows,
  "completions" | "memberStats" | "milestonesReached" | "dailyChallenges" | "answerAttempts" | "restDays"
> {
  type Event = { plan: Plan; d: number; kind: "daily" | "practice"; at: number; practiceIndex: number };
  const events: Event[] = [];
  for (const plan of PLANS) {
    // Today's completions happen before FIXTURE_NOW.
    const hourOn = (d: number) => (d === DAYS - 1 ? Math.min(plan.hour(d), 10) : plan.hour(d));
    for (const d of plan.daily) events.push({ plan, d, kind: "daily", at: at(d, hourOn(d)), practiceIndex: -1 });
    plan.practice.forEach((d, i) => {
      events.push({ plan, d, kind: "practice", at: at(d, hourOn(d), 30), practiceIndex: i });
    });
  }
  // A second daily on a date already credited: recordDaily records nothing for it.
  events.push({ plan: PLANS[0] as Plan, d: 100, kind: "daily", at: at(100, 19), practiceIndex: -1 });
  events.sort((a, b) => a.at - b.at || a.plan.userId.localeCompare(b.plan.userId));

  const out = {
    completions: [] as Rows["completions"],
    memberStats: [] as Rows["memberStats"],
    milestonesReached: [] as Rows["milestonesReached"],
    dailyChallenges: [] as Rows["dailyChallenges"],
    answerAttempts: [] as Rows["answerAttempts"],
    restDays: REST.map((d) => ({
      guildId: GUILDS.study,
      userId: USERS.dee,
      date: dayOf(d),
      plannedAt: new Date(at(d - 3, 19)),
    })),
  };
  const last = new Map<string, StreakState>();
  const dailies = new Set<string>();
  const daily = (guildId: string, date: LocalDate, track: Track, firstAt: number) => {
    const pool = CHALLENGES[track];
    const challengeId = pool[Number(date.slice(8, 10)) % pool.length] as string;
    const key = `${guildId}/${date}/${track}`;
    if (!dailies.has(key)) {
      dailies.add(key);
      out.dailyChallenges.push({
        guildId,
        date,
        track,
        challengeId,
        areaId: "math-foundations",
        createdAt: new Date(firstAt - 60_000),
      });
    }
    return challengeId;
  };
  // The study server's scheduled daily post draws every day's challenge, done or not.
  for (let d = 0; d < DAYS; d++) daily(GUILDS.study, dayOf(d), "intermediate", at(d, 7));

  const reached = new Set<string>();
  const rest = out.restDays.map((r) => r.date);
  for (const e of events) {
    const { guildId, userId } = e.plan;
    const key = `${guildId}/${userId}`;
    const zone = zoneOn(guildId, userId, e.d);
    const date = localDate(e.at, zone);
    const state = last.get(key) ?? EMPTY_STATE;
    const restDays = userId === USERS.dee ? rest : [];
    if (e.kind === "practice") {
      last.set(key, creditPractice(state));
      out.completions.push({
        guildId,
        userId,
        kind: "practice",
        localDate: date,
        zone,
        challengeId: PRACTICE[(e.practiceIndex * 5 + Number(userId.slice(-1))) % PRACTICE.length] as string,
        note: null,
        verified: e.practiceIndex % 2 === 0,
        completedAt: e.at,
      });
      continue;
    }
    const { state: next, outcome } = creditDay(state, { date, zone, at: e.at }, restDays);
    if (outcome.kind === "already") continue;
    last.set(key, next);
    const challengeId = daily(guildId, date, trackOf(guildId, userId), e.at);
    const verified = e.d % 5 === 0;
    out.completions.push({
      guildId,
      userId,
      kind: "daily",
      localDate: date,
      zone,
      challengeId,
      note: e.d % 9 === 0 ? (NOTES[e.d % NOTES.length] as string) : null,
      verified,
      completedAt: e.at,
    });
    if (verified)
      out.answerAttempts.push({
        guildId,
        userId,
        challengeId,
        localDate: date,
        tries: e.d % 3 === 0 ? 2 : 1,
        solvedAt: e.at,
      });
    if (outcome.milestone !== null && !reached.has(`${key}/${outcome.milestone}`)) {
      reached.add(`${key}/${outcome.milestone}`);
      const role = guildId === GUILDS.study ? MILESTONE_ROLES[outcome.milestone] : undefined;
      out.milestonesReached.push({
        guildId,
        userId,
        days: outcome.milestone,
        localDate: date,
        reachedAt: e.at,
        roleStatus: role?.status ?? null,
        roleId: role?.roleId ?? null,
        roleNote: role?.note ?? null,
      });
    }
  }
  // bo tried day 90's daily three times without the right answer and did not finish it.
  out.answerAttempts.push({
    guildId: GUILDS.study,
    userId: USERS.bo,
    challengeId: CHALLENGES.intermediate[Number(dayOf(90).slice(8, 10)) % 5] as string,
    localDate: dayOf(90),
    tries: 3,
    solvedAt: null,
  });
  for (const [key, state] of last) {
    const [guildId, userId] = key.split("/") as [string, string];
    out.memberStats.push({ guildId, userId, ...state });
  }
  return out;
}

const MILESTONE_ROLES: Record<number, { roleId: string; status: "granted" | "failed"; note: string | null }> = {
  7: { roleId: "3090000000000000001", status: "granted", note: null },
  30: { roleId: "3090000000000000002", status: "failed", note: "Discord refused the role: 50013 Missing Permissions" },
};

/** The boards as a rebuild at `now` leaves them: streaks still alive on 'current', every longest, each month's count. */
function boardRows(
  stats: Rows["memberStats"],
  completions: Rows["completions"],
  rest: Rows["restDays"],
  now: number,
): Pick<Rows, "boardEntries" | "boardValueCounts" | "boardSlotCounts"> {
  const entries: Rows["boardEntries"] = [];
  for (const s of stats) {
    const state = s as StreakState;
    const zone = zoneOn(s.guildId, s.userId);
    const restAhead = rest
      .filter((r) => r.guildId === s.guildId && r.userId === s.userId && r.date > (state.lastDate ?? ""))
      .map((r) => r.date);
    if (state.lastAt !== null && isAlive(state, now, zone, restAhead))
      entries.push({
        guildId: s.guildId,
        board: "current",
        userId: s.userId,
        value: state.current,
        reachedAt: state.lastAt,
        lapseAt: lapseInstant(state, zone, restAhead),
      });
    if (state.longest > 0 && state.longestAt !== null)
      entries.push({
        guildId: s.guildId,
        board: "longest",
        userId: s.userId,
        value: state.longest,
        reachedAt: state.longestAt,
        lapseAt: null,
      });
  }
  const months = new Map<string, Rows["boardEntries"][number]>();
  for (const c of completions) {
    const board = monthBoard(c.localDate);
    const key = `${c.guildId}/${board}/${c.userId}`;
    const entry = months.get(key);
    if (entry) {
      entry.value += 1;
      entry.reachedAt = c.completedAt;
    } else
      months.set(key, {
        guildId: c.guildId,
        board,
        userId: c.userId,
        value: 1,
        reachedAt: c.completedAt,
        lapseAt: null,
      });
  }
  entries.push(...months.values());
  const tally = <K extends string>(key: (e: Rows["boardEntries"][number]) => K) => {
    const counts = new Map<K, { entry: Rows["boardEntries"][number]; n: number }>();
    for (const e of entries) {
      const k = key(e);
      const c = counts.get(k);
      if (c) c.n += 1;
      else counts.set(k, { entry: e, n: 1 });
    }
    return [...counts.values()];
  };
  return {
    boardEntries: entries,
    boardValueCounts: tally((e) => `${e.guildId}/${e.board}/${e.value}`).map(({ entry, n }) => ({
      guildId: entry.guildId,
      board: entry.board,
      value: entry.value,
      n,
    })),
    boardSlotCounts: tally((e) => `${e.guildId}/${e.board}/${e.value}/${slotOf(e.reachedAt)}`).map(({ entry, n }) => ({
      guildId: entry.guildId,
      board: entry.board,
      value: entry.value,
      slot: slotOf(entry.reachedAt),
      n,
    })),
  };
}

function scheduleSlotRows(): Rows["scheduleSlots"] {
  const slots: Rows["scheduleSlots"] = [];
  const slot = (
    guildId: string,
    kind: "weekly" | "daily",
    period: string,
    dueAt: number,
    channelId: string,
    status: "sent" | "missed" | "failed",
    contentId: string,
    n: number,
  ) => {
    const sent = status === "sent";
    slots.push({
      guildId,
      kind,
      period,
      status,
      dueAt: new Date(dueAt),
      channelId,
      nonce: nonce(guildId, kind, period),
      contentId: status === "missed" ? null : contentId,
      messageId: sent ? snowflake(1000 + n) : null,
      threadId: sent && kind === "weekly" && guildId === GUILDS.study ? snowflake(2000 + n) : null,
      attempts: status === "missed" ? 0 : status === "failed" ? 3 : 1,
      claimedBy: status === "missed" ? null : `p-${nonce(String(n)).slice(0, 8)}`,
      claimedAt: status === "missed" ? null : new Date(dueAt + 150),
      sentAt: sent ? new Date(dueAt + 1_200) : null,
      note:
        status === "missed"
          ? "Gradient was not running until after the catch-up window"
          : status === "failed"
            ? "Discord answered 403 Missing Access for the channel"
            : null,
      createdAt: new Date(dueAt + 100),
    });
  };
  // Study's weekly prompt, Mondays 09:00 Berlin (08:00 UTC through March), one week missed.
  for (let d = 0; d < DAYS; d++) {
    const date = dayOf(d);
    if (isoWeekday(date) === 1)
      slot(
        GUILDS.study,
        "weekly",
        isoWeek(date),
        at(d, 8),
        "5090000000000000001",
        d === 56 ? "missed" : "sent",
        PROMPTS[d % 3] as string,
        d,
      );
  }
  // Its daily post at 08:00 Berlin for the last two weeks, one refused.
  for (let d = DAYS - 14; d < DAYS; d++) {
    const date = dayOf(d);
    const challenge = CHALLENGES.intermediate[Number(date.slice(8, 10)) % 5] as string;
    slot(GUILDS.study, "daily", date, at(d, 7), "5090000000000000003", d === 110 ? "failed" : "sent", challenge, d);
  }
  // The night server's Friday prompt, until Discord refused its channel on day 60.
  for (const d of [46, 53, 60])
    slot(
      GUILDS.night,
      "weekly",
      isoWeek(dayOf(d)),
      at(d, 23),
      "5090000000000000004",
      d === 60 ? "failed" : "sent",
      PROMPTS[d % 3] as string,
      d,
    );
  return slots;
}

function reminderSendRows(): Rows["reminderSends"] {
  const sends: Rows["reminderSends"] = [];
  const statuses = ["sent", "skipped", "sent", "missed", "claimed"] as const;
  statuses.forEach((status, i) => {
    const d = DAYS - 5 + i;
    const dueAt = at(d, 7);
    sends.push({
      guildId: GUILDS.study,
      userId: USERS.ada,
      date: dayOf(d),
      status,
      dueAt: new Date(dueAt),
      mode: "dm",
      channelId: "4190000000000000001",
      nonce: nonce("reminder", USERS.ada, dayOf(d)),
      messageId: status === "sent" ? snowflake(3000 + d) : null,
      attempts: status === "sent" || status === "claimed" ? 1 : 0,
      claimedBy: status === "sent" || status === "claimed" ? "p-7f3a11c2" : null,
      claimedAt: status === "sent" || status === "claimed" ? new Date(dueAt + 80) : null,
      sentAt: status === "sent" ? new Date(dueAt + 900) : null,
      note: status === "skipped" ? "already done today" : status === "missed" ? "not running at the time" : null,
    });
  });
  sends.push({
    guildId: GUILDS.study,
    userId: USERS.dee,
    date: dayOf(DAYS - 2),
    status: "skipped",
    dueAt: new Date(at(DAYS - 2, 19, 30)),
    mode: "dm",
    channelId: "4190000000000000002",
    nonce: nonce("reminder", USERS.dee, dayOf(DAYS - 2)),
    messageId: null,
    attempts: 0,
    claimedBy: null,
    claimedAt: null,
    sentAt: null,
    note: "already done today",
  });
  sends.push({
    guildId: GUILDS.night,
    userId: USERS.cy,
    date: dayOf(39),
    status: "failed",
    dueAt: new Date(at(40, 3)),
    mode: "channel",
    channelId: "5090000000000000007",
    nonce: nonce("reminder", USERS.cy, dayOf(39)),
    messageId: null,
    attempts: 3,
    claimedBy: "p-19bd04e7",
    claimedAt: new Date(at(40, 3) + 60),
    sentAt: null,
    note: "Discord answered 403 Missing Access for the channel",
  });
  return sends;
}

const challengeBody = (id: string, title: string) =>
  JSON.stringify({
    id,
    topic: "linear-algebra",
    level: "intermediate",
    title,
    task: "Implement PCA with NumPy's SVD on the digits dataset, keep enough components for 95% of the variance and plot the first two.",
    doneWhen: "Done when your explained-variance curve matches sklearn's PCA to three decimals.",
    minutes: 45,
    resources: ["mit-18-06-linear-algebra"],
    requires: [],
    hints: ["Centre the data before the SVD."],
  });

/** Every row of the fixture, keyed by table. */
export function fixtureRows(now = FIXTURE_NOW): Rows {
  const log = completionRows();
  const boards = boardRows(log.memberStats, log.completions, log.restDays, now);
  const { study, night, gone } = GUILDS;
  const { ada, bo, cy, dee, eve, admin } = USERS;
  const before = new Date(at(0, 9) - 30 * DAY);
  const resourceBody = JSON.stringify({
    id: "study-group-cs229-notes",
    title: "CS229 lecture notes",
    authors: "Andrew Ng and Tengyu Ma",
    kind: "article",
    url: "https://cs229.stanford.edu/main_notes.pdf",
    level: "intermediate",
    free: true,
    topics: ["linear-algebra"],
    hours: 20,
    why: "The derivations behind every classical model, in one place.",
  });
  const promptBody = JSON.stringify({
    id: "study-group-week-debugging",
    theme: "llm-evaluation",
    title: "The Bug That Hid in the Data",
    question:
      "Tell us about a model bug that turned out to be a data bug. How did you find it, and what check would have caught it sooner?",
    project: "Write a data check for your current project that would have caught your last data bug, and run it in CI.",
  });
  return {
    guilds: [study, night, gone].map((id) => ({
      id,
      timezone: GUILD_ZONES[id] ?? null,
      dailyTrack: GUILD_TRACKS[id] ?? null,
      dailyAllows: id === study ? "docker" : null,
      createdAt: before,
    })),
    members: Object.entries(MEMBER_ZONES).map(([userId, timezone], i) => ({
      userId,
      timezone,
      updatedAt: new Date(userId === cy ? at(80, 9) : at(i, 12)),
    })),
    guildRemovals: [{ guildId: gone, removedAt: new Date(at(112, 16)) }],
    engagementSettings: [
      {
        guildId: study,
        reminderMode: "dm",
        reminderChannelId: null,
        reminderPausedAt: null,
        reminderPauseReason: null,
        restDaysPerYear: 14,
      },
      {
        guildId: night,
        reminderMode: "channel",
        reminderChannelId: "5090000000000000007",
        reminderPausedAt: new Date(at(40, 3) + 2_000),
        reminderPauseReason: "Discord answered 403 Missing Access for the channel",
        restDaysPerYear: 10,
      },
    ],
    librarySettings: [
      {
        guildId: study,
        shipped: true,
        areas: "math-foundations,classical-ml",
        suggestionsChannelId: "5090000000000000005",
        reviewerRoleId: "3090000000000000004",
        suggestionsPausedAt: null,
        suggestionsPauseReason: null,
      },
      {
        guildId: night,
        shipped: false,
        areas: null,
        suggestionsChannelId: "5090000000000000006",
        reviewerRoleId: null,
        suggestionsPausedAt: new Date(at(80, 20)),
        suggestionsPauseReason: "Discord answered 404 Unknown Channel for the review channel",
      },
    ],
    libraryRevisions: [
      { guildId: study, revision: 6 },
      { guildId: night, revision: 1 },
    ],
    milestoneRoles: [
      { guildId: study, days: 7, roleId: "3090000000000000001", configuredAt: before, problem: null, problemAt: null },
      {
        guildId: study,
        days: 30,
        roleId: "3090000000000000002",
        configuredAt: before,
        problem: "Discord refused the role: 50013 Missing Permissions",
        problemAt: new Date(at(29, 7) + 5_000),
      },
    ],
    schedules: [
      {
        guildId: study,
        kind: "weekly",
        channelId: "5090000000000000001",
        weekday: 1,
        time: "09:00",
        thread: true,
        recap: true,
        roleId: null,
        effectiveFrom: before,
        updatedBy: admin,
        pausedAt: null,
        pauseReason: null,
      },
      {
        guildId: study,
        kind: "daily",
        channelId: "5090000000000000003",
        weekday: null,
        time: "08:00",
        thread: false,
        recap: false,
        roleId: "3090000000000000003",
        effectiveFrom: new Date(at(DAYS - 15, 10)),
        updatedBy: admin,
        pausedAt: null,
        pauseReason: null,
      },
      {
        guildId: night,
        kind: "weekly",
        channelId: "5090000000000000004",
        weekday: 5,
        time: "18:00",
        thread: false,
        recap: true,
        roleId: null,
        effectiveFrom: new Date(at(44, 1)),
        updatedBy: null,
        pausedAt: new Date(at(60, 23) + 3_000),
        pauseReason: "Discord answered 403 Missing Access for the channel",
      },
    ],
    memberTracks: MEMBER_TRACKS.map((t) => ({ ...t, updatedAt: new Date(at(2, 18)) })),
    reminders: [
      {
        guildId: study,
        userId: ada,
        time: "07:00",
        onlyStreak: false,
        effectiveFrom: new Date(at(1, 20)),
        offAt: null,
        offReason: null,
        noticePending: false,
        presentAt: new Date(at(DAYS - 1, 9)),
      },
      {
        guildId: study,
        userId: dee,
        time: "20:30",
        onlyStreak: true,
        effectiveFrom: new Date(at(12, 21)),
        offAt: null,
        offReason: null,
        noticePending: false,
        presentAt: null,
      },
      {
        guildId: night,
        userId: cy,
        time: "22:00",
        onlyStreak: false,
        effectiveFrom: new Date(at(3, 4)),
        offAt: new Date(at(41, 3)),
        offReason: "Discord says you are no longer a member of that server",
        noticePending: true,
        presentAt: new Date(at(35, 14)),
      },
    ],
    dmChannels: [
      { userId: ada, channelId: "4190000000000000001", openedAt: new Date(at(2, 7)) },
      { userId: dee, channelId: "4190000000000000002", openedAt: new Date(at(13, 19)) },
    ],
    libraryItems: [
      {
        guildId: study,
        kind: "challenge",
        id: "study-group-pca-from-scratch",
        body: challengeBody("study-group-pca-from-scratch", "PCA from scratch on the digits dataset"),
        retiredAt: null,
        suggestedBy: null,
        updatedAt: new Date(at(20, 18)),
      },
      {
        guildId: study,
        kind: "challenge",
        id: "study-group-old-warmup",
        body: challengeBody("study-group-old-warmup", "Warm-up: eigenvalues by power iteration"),
        retiredAt: new Date(at(90, 18)),
        suggestedBy: null,
        updatedAt: new Date(at(90, 18)),
      },
      {
        guildId: study,
        kind: "resource",
        id: "study-group-cs229-notes",
        body: resourceBody,
        retiredAt: null,
        suggestedBy: bo,
        updatedAt: new Date(at(51, 10)),
      },
      {
        guildId: study,
        kind: "prompt",
        id: "study-group-week-debugging",
        body: promptBody,
        retiredAt: null,
        suggestedBy: null,
        updatedAt: new Date(at(60, 10)),
      },
    ],
    libraryImports: [
      {
        guildId: study,
        userId: admin,
        body: JSON.stringify({ challenges: [JSON.parse(challengeBody("study-group-qr-by-hand", "QR by hand"))] }),
        createdAt: new Date(now - 2 * 60_000),
      },
    ],
    suggestions: [
      {
        guildId: study,
        userId: bo,
        kind: "resource",
        body: resourceBody,
        status: "accepted",
        decidedBy: admin,
        reason: null,
        itemId: "study-group-cs229-notes",
        channelId: "5090000000000000005",
        messageId: snowflake(4001),
        createdAt: new Date(at(50, 21)),
        decidedAt: new Date(at(51, 10)),
      },
      {
        guildId: study,
        userId: eve,
        kind: "challenge",
        body: challengeBody("", "PCA but slower"),
        status: "denied",
        decidedBy: admin,
        reason: "We already have a PCA challenge.",
        itemId: null,
        channelId: "5090000000000000005",
        messageId: snowflake(4002),
        createdAt: new Date(at(70, 22)),
        decidedAt: new Date(at(71, 8)),
      },
      {
        guildId: study,
        userId: cy,
        kind: "prompt",
        body: promptBody,
        status: "pending",
        decidedBy: null,
        reason: null,
        itemId: null,
        channelId: "5090000000000000005",
        messageId: snowflake(4003),
        createdAt: new Date(at(DAYS - 2, 15)),
        decidedAt: null,
      },
    ],
    dailyChallenges: log.dailyChallenges,
    resourcePicks: [
      { userId: ada, resourceId: "mit-18-06-linear-algebra", pickedAt: new Date(at(4, 9)) },
      { userId: ada, resourceId: "essence-of-linear-algebra", pickedAt: new Date(at(4, 9, 1)) },
      { userId: eve, resourceId: "seeing-theory", pickedAt: new Date(at(30, 22)) },
      { userId: ada, resourceId: "stat-110-harvard", pickedAt: new Date(at(77, 9)) },
      { userId: eve, resourceId: "think-stats", pickedAt: new Date(at(31, 22)) },
    ],
    restDays: log.restDays,
    completions: log.completions,
    answerAttempts: log.answerAttempts,
    milestonesReached: log.milestonesReached,
    ratings: [
      {
        guildId: study,
        userId: ada,
        challengeId: CHALLENGES.beginner[0] as string,
        rating: "right",
        updatedAt: new Date(at(20, 9)),
      },
      {
        guildId: study,
        userId: bo,
        challengeId: CHALLENGES.beginner[0] as string,
        rating: "hard",
        updatedAt: new Date(at(20, 21)),
      },
      {
        guildId: study,
        userId: cy,
        challengeId: CHALLENGES.intermediate[0] as string,
        rating: "easy",
        updatedAt: new Date(at(41, 6)),
      },
      {
        guildId: night,
        userId: dee,
        challengeId: CHALLENGES.beginner[1] as string,
        rating: "right",
        updatedAt: new Date(at(66, 20)),
      },
      {
        guildId: study,
        userId: eve,
        challengeId: "study-group-qr-by-hand",
        rating: "hard",
        updatedAt: new Date(at(90, 22)),
      },
    ],
    problemReports: [
      {
        guildId: study,
        userId: bo,
        challengeId: CHALLENGES.beginner[1] as string,
        kind: "broken-link",
        details: "The second resource link answers 404.",
        status: "resolved",
        resolution: "Fixed upstream; thanks!",
        resolvedBy: admin,
        channelId: "5090000000000000005",
        messageId: snowflake(4101),
        createdAt: new Date(at(60, 21)),
        resolvedAt: new Date(at(61, 9)),
      },
      {
        guildId: study,
        userId: eve,
        challengeId: "study-group-qr-by-hand",
        kind: "unclear",
        details: "Does 'by hand' allow numpy for the matrix product?",
        status: "open",
        resolution: null,
        resolvedBy: null,
        channelId: "5090000000000000005",
        messageId: snowflake(4102),
        createdAt: new Date(at(DAYS - 3, 20)),
        resolvedAt: null,
      },
      {
        guildId: night,
        userId: dee,
        challengeId: CHALLENGES.intermediate[1] as string,
        kind: "answer-wrong",
        details: "The checked answer rounds to 3 places but the task asks for 4.",
        status: "open",
        resolution: null,
        resolvedBy: null,
        channelId: null,
        messageId: null,
        createdAt: new Date(at(DAYS - 2, 23)),
        resolvedAt: null,
      },
    ],
    scheduleSlots: scheduleSlotRows(),
    reminderSends: reminderSendRows(),
    opsProbe: [{ id: 1, at: new Date(now - 15_000) }],
    memberStats: log.memberStats,
    ...boards,
    // A zone change of the night server whose board rebuild is half done.
    boardRebuilds: [{ guildId: night, after: ada }],
  };
}

function* insertEverythingIn(s: Session, all: Rows): Gen<void> {
  for (const key of Object.keys(all) as (keyof Rows)[]) {
    const list = all[key];
    for (let i = 0; i < list.length; i += 100) {
      // biome-ignore lint/suspicious/noExplicitAny: one loop over every table; each list was typed by its table above.
      yield* run(s.db.insert(s.t[key] as any).values(list.slice(i, i + 100) as any));
    }
  }
}

/** Fills an empty store (either engine) with the fixture's rows, in one transaction. */
export async function fillWithEverything(store: Store, now = FIXTURE_NOW): Promise<void> {
  await store.write(insertEverythingIn, fixtureRows(now));
}

/** A SQLite file at `path` made by today's migrations, holding the fixture. */
export async function buildFullDatabase(path: string, now = FIXTURE_NOW): Promise<void> {
  const store = openSqliteStore(path);
  try {
    await fillWithEverything(store, now);
  } finally {
    await store.close();
  }
}
