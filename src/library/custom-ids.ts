/** The custom_ids of /library and /suggest: the add and suggest modals carry the slash options they were opened with. */
import { LEVELS, type Level, REQUIREMENTS, type Requirement } from "../content/schema.js";
import { customIdCodec } from "../discord/custom-id.js";
import { CHALLENGE_SORTS, type ChallengeSort } from "../stats/challenges.js";
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

export type LibraryControl =
  | { action: "add"; params: DraftParams }
  | { action: "apply" | "cancel"; importId: number }
  | { action: "page"; kind: ItemKind | "all"; page: number }
  | { action: "stats"; sort: ChallengeSort; page: number };

const ID = /^[1-9]\d{0,15}$/;

export const libraryIds = customIdCodec<LibraryControl>("library", {
  encode: (c) =>
    c.action === "add"
      ? [c.action, ...encodeParams(c.params)]
      : c.action === "page"
        ? [c.action, c.kind, String(c.page)]
        : c.action === "stats"
          ? [c.action, c.sort, String(c.page)]
          : [c.action, String(c.importId)],
  decode: ([action, ...rest]) => {
    if (action === "add") {
      const params = decodeParams(rest);
      return params ? { action, params } : null;
    }
    if ((action === "apply" || action === "cancel") && rest.length === 1 && ID.test(rest[0] ?? ""))
      return { action, importId: Number(rest[0]) };
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
