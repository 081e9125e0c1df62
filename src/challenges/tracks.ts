import { LEVELS, type Level } from "../content/schema.js";

/** A daily track: one level, or "mixed" (every level, rotating), which is the default. */
export type Track = "mixed" | Level;
export const TRACKS: readonly Track[] = ["mixed", ...LEVELS];
