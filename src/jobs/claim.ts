/**
 * Claim before send, the rule every timed message follows (scheduled posts, reminders): a record is claimed in
 * the database before the request goes out, and the request carries a nonce derived from that record with
 * `enforce_nonce`, identical on every attempt, so a resend after a crash is recognised by Discord as a repeat.
 * Each store claims its own table in one write transaction over the record's unique key, so two processes or
 * machines never both hold a new claim; what a claim left open becomes is decided here.
 */
import { createHash } from "node:crypto";
import type { PostKind } from "./slots.js";

/** The nonce's first letter per kind: what a reader of Discord's logs tells them apart by. */
const NONCE_HEADS: Record<PostKind, string> = { weekly: "w", daily: "d", digest: "s" };

/** The nonce rule for any once-only message: a readable head, then a hash of what makes it unique; 25 characters. */
export function nonceFor(head: string, unique: string): string {
  return `${head}${createHash("sha256").update(unique).digest("base64url")}`.slice(0, 25);
}

/**
 * The nonce sent with every attempt at one slot: at most 25 characters (Discord's limit), readable at the front
 * (kind and period) and unique per guild behind it, so Discord's `enforce_nonce` can recognise a repeat.
 */
export function slotNonce(guildId: string, kind: PostKind, period: string): string {
  return nonceFor(`${NONCE_HEADS[kind]}${period.replace(/-/g, "")}`, `${guildId}:${kind}:${period}`);
}

export type Retake =
  /** Too many attempts with unknown outcome: the record is settled as failed. */
  | { action: "gave-up"; set: { status: "failed"; note: string } }
  /** The earlier attempt may have reached Discord: look for its message, else send again with the same nonce. */
  | { action: "recover"; set: { claimedBy: string; attempts: number } };

/**
 * What a claim left open (a process stopped mid-request, or Discord did not answer) becomes when it is found
 * again: `set` is the update to write in the same transaction. claimedAt stays the first attempt's: Discord's
 * nonce window runs from the first request it accepted.
 */
export function retakeClaim(attempts: number, request: { claimant: string; maxAttempts: number }): Retake {
  if (attempts >= request.maxAttempts)
    return {
      action: "gave-up",
      set: { status: "failed", note: `gave up after ${attempts} attempts with no answer from Discord` },
    };
  return { action: "recover", set: { claimedBy: request.claimant, attempts: attempts + 1 } };
}
