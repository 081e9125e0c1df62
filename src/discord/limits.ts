/**
 * Discord's documented limits for what a bot sends, as plain checks over the JSON bodies on the wire: this table
 * and the checks every part shares; messages, components and interaction responses are checked in
 * message-limits.ts, command registrations in command-limits.ts. The loopback Discord applies them to every
 * request, and content tests apply them to every rendered card.
 */

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A string's length as Discord counts it (code points); 0 for anything else. */
export const len = (value: unknown): number => (typeof value === "string" ? [...value].length : 0);

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  selectOptions: 25,
  customId: 100,
  buttonLabel: 80,
  selectLabel: 100,
  choices: 25,
  choiceText: 100,
  commandName: 32,
  commandDescription: 100,
  options: 25,
  commandTotal: 8000,
  nonce: 25,
} as const;

/** Checks an optional (or `required`) string against `max`, noting problems; returns its length. */
export function checkString(problems: string[], where: string, value: unknown, max: number, required = false): number {
  if (value === undefined || value === null) {
    if (required) problems.push(`${where} is required`);
    return 0;
  }
  if (typeof value !== "string") {
    problems.push(`${where} must be a string`);
    return 0;
  }
  const n = len(value);
  if (required && n === 0) problems.push(`${where} must not be empty`);
  if (n > max) problems.push(`${where} has ${n} characters; the limit is ${max}`);
  return n;
}
