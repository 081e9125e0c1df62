import { asc, count, notLike } from "drizzle-orm";
import type { Content } from "../src/content/load.js";
import { findChallenge } from "../src/content/load.js";
import { all, type Gen, type Session } from "../src/db/store.js";
import { LOCAL_PREFIX } from "../src/library/schema.js";

/**
 * What `npm run feedback:export` prints (scripts/feedback-export.ts is its command line): every rating and problem
 * report members gave the shipped library's challenges, across every server of this database, for the library's
 * maintainers. Counts per challenge and the reports' own words; never a user id, a server id or a reviewer's note,
 * only how many servers took part. A server's own items ('local-' ids) are its own business and are left out.
 */

export const EXPORT_FORMAT = "gradient-feedback";

const RATING_KEYS = ["easy", "right", "hard"] as const;
const KIND_KEYS = ["answer-wrong", "unclear", "broken-link", "out-of-date", "other"] as const;
const STATUS_KEYS = ["open", "resolved", "retired"] as const;

export interface ChallengeFeedback {
  id: string;
  /** The title in the shipped library given, or null for a challenge it no longer has. */
  title: string | null;
  ratings: Record<(typeof RATING_KEYS)[number], number>;
  reports: Record<(typeof STATUS_KEYS)[number], number> & { kinds: Record<(typeof KIND_KEYS)[number], number> };
  /** Each report, oldest first: what was wrong, the member's words, where it stands, and the UTC date it came. */
  details: { kind: string; details: string; status: string; reportedOn: string }[];
}

export interface FeedbackExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  /** How many servers gave any of it. */
  servers: number;
  challenges: ChallengeFeedback[];
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function* feedbackExportIn(s: Session, shipped: Content, now: Date): Gen<FeedbackExport> {
  const { ratings, problemReports } = s.t;
  const shippedOnly = (column: typeof ratings.challengeId | typeof problemReports.challengeId) =>
    notLike(column, `${LOCAL_PREFIX}%`);
  const rated = yield* all(
    s.db
      .select({ challengeId: ratings.challengeId, rating: ratings.rating, n: count() })
      .from(ratings)
      .where(shippedOnly(ratings.challengeId))
      .groupBy(ratings.challengeId, ratings.rating),
  );
  const reports = yield* all(
    s.db
      .select({
        challengeId: problemReports.challengeId,
        kind: problemReports.kind,
        details: problemReports.details,
        status: problemReports.status,
        createdAt: problemReports.createdAt,
      })
      .from(problemReports)
      .where(shippedOnly(problemReports.challengeId))
      .orderBy(asc(problemReports.challengeId), asc(problemReports.id)),
  );
  const servers = yield* all(
    s.db
      .select({ guildId: ratings.guildId })
      .from(ratings)
      .where(shippedOnly(ratings.challengeId))
      .union(
        s.db
          .select({ guildId: problemReports.guildId })
          .from(problemReports)
          .where(shippedOnly(problemReports.challengeId)),
      ),
  );
  const byId = new Map<string, ChallengeFeedback>();
  const entry = (id: string): ChallengeFeedback => {
    let e = byId.get(id);
    if (!e) {
      e = {
        id,
        title: findChallenge(shipped, id)?.title ?? null,
        ratings: zeros(RATING_KEYS),
        reports: { ...zeros(STATUS_KEYS), kinds: zeros(KIND_KEYS) },
        details: [],
      };
      byId.set(id, e);
    }
    return e;
  };
  for (const r of rated) entry(r.challengeId).ratings[r.rating] += Number(r.n);
  for (const r of reports) {
    const e = entry(r.challengeId);
    e.reports[r.status] += 1;
    e.reports.kinds[r.kind] += 1;
    e.details.push({
      kind: r.kind,
      details: r.details,
      status: r.status,
      reportedOn: r.createdAt.toISOString().slice(0, 10),
    });
  }
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    servers: servers.length,
    challenges: [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}
