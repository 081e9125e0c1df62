/** The custom_ids of /library and /suggest: the add and suggest modals carry the slash options they were opened with. */
import { LEVELS, type Level, REQUIREMENTS, type Requirement } from "../content/schema.js";
import { customIdCodec } from "../discord/custom-id.js";
import { type ItemKind, KINDS } from "./schema.js";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The options of `/library add` and `/suggest` that are not modal fields. */
export interface DraftParams {
  kind: ItemKind;
  /** A topic id (a prompt's theme may also be an area). */
  topic: string;
  level: Level;
  minutes: number;
  needs: Requirement | null;
  free: boolean;
  hours: number;
}

// Short codes keep the longest modal id (a 60-character topic) within Discord's 100 characters.
const encodeParams = (p: DraftParams) => [
  p.kind[0] as string,
  p.topic,
  p.level[0] as string,
  String(p.minutes),
  p.needs === null ? "-" : String(REQUIREMENTS.indexOf(p.needs)),
  p.free ? "1" : "0",
  String(p.hours),
];

function decodeParams(parts: readonly string[]): DraftParams | null {
  const [k, topic, l, minutes, needs, free, hours, ...rest] = parts;
  const kind = KINDS.find((x) => x[0] === k);
  const level = LEVELS.find((x) => x[0] === l);
  const need = needs === "-" ? null : REQUIREMENTS[Number(needs)];
  if (!kind || !level || !topic || !SLUG.test(topic) || need === undefined || rest.length > 0) return null;
  if (!/^\d{1,3}$/.test(minutes ?? "") || !/^[01]$/.test(free ?? "") || !/^\d{1,3}(\.\d{1,2})?$/.test(hours ?? ""))
    return null;
  return { kind, topic, level, minutes: Number(minutes), needs: need, free: free === "1", hours: Number(hours) };
}

/** The orders `/library stats` lists challenges in (its option's choices and its paging buttons). */
export const CHALLENGE_SORTS = ["hardest", "least-completed", "most-reported", "most-drawn"] as const;
export type ChallengeSort = (typeof CHALLENGE_SORTS)[number];

export type LibraryControl =
  | { action: "add"; params: DraftParams }
  | { action: "apply" | "cancel"; importId: number }
  | { action: "page"; kind: ItemKind | "all"; page: number }
  // A problem report's card and /library reports: Resolve (then its note form), Retire, paging, the list's select.
  | { action: "resolve" | "resolved" | "retire"; reportId: number }
  | { action: "reports" | "pick-report"; page: number }
  | { action: "stats"; sort: ChallengeSort; page: number };

const ID = /^[1-9]\d{0,15}$/;

export const libraryIds = customIdCodec<LibraryControl>("library", {
  encode: (c) => {
    switch (c.action) {
      case "add":
        return [c.action, ...encodeParams(c.params)];
      case "page":
        return [c.action, c.kind, String(c.page)];
      case "apply":
      case "cancel":
        return [c.action, String(c.importId)];
      case "resolve":
      case "resolved":
      case "retire":
        return [c.action, String(c.reportId)];
      case "reports":
      case "pick-report":
        return [c.action, String(c.page)];
      case "stats":
        return [c.action, c.sort, String(c.page)];
    }
  },
  decode: ([action, ...rest]) => {
    if (action === "add") {
      const params = decodeParams(rest);
      return params ? { action, params } : null;
    }
    if ((action === "apply" || action === "cancel") && rest.length === 1 && ID.test(rest[0] ?? ""))
      return { action, importId: Number(rest[0]) };
    if ((action === "resolve" || action === "resolved" || action === "retire") && rest.length === 1)
      return ID.test(rest[0] ?? "") ? { action, reportId: Number(rest[0]) } : null;
    if ((action === "reports" || action === "pick-report") && rest.length === 1)
      return /^\d{1,3}$/.test(rest[0] ?? "") ? { action, page: Number(rest[0]) } : null;
    if (action === "page" && rest.length === 2) {
      const [kind, page] = rest;
      const k = kind === "all" ? "all" : KINDS.find((x) => x === kind);
      return k && /^\d{1,3}$/.test(page ?? "") ? { action, kind: k, page: Number(page) } : null;
    }
    if (action === "stats" && rest.length === 2) {
      const [sort, page] = rest;
      const s = CHALLENGE_SORTS.find((x) => x === sort);
      return s && /^\d{1,4}$/.test(page ?? "") ? { action, sort: s, page: Number(page) } : null;
    }
    return null;
  },
});

export type SuggestControl =
  | { action: "new"; params: DraftParams }
  | { action: "accept" | "edit" | "deny" | "denied" | "edited"; id: number };

export const suggestIds = customIdCodec<SuggestControl>("suggest", {
  encode: (c) => (c.action === "new" ? [c.action, ...encodeParams(c.params)] : [c.action, String(c.id)]),
  decode: ([action, ...rest]) => {
    if (action === "new") {
      const params = decodeParams(rest);
      return params ? { action, params } : null;
    }
    if (
      (action === "accept" || action === "edit" || action === "deny" || action === "denied" || action === "edited") &&
      rest.length === 1 &&
      ID.test(rest[0] ?? "")
    )
      return { action, id: Number(rest[0]) };
    return null;
  },
});
