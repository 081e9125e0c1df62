import { LIMITS } from "./limits.js";

/**
 * One command's custom_id grammar, `<command>:<part>:<part>…`. Its renderers build ids with it and the router parses
 * them with it, so the two can never disagree; `parse` returns null for anything `build` would not make (a forged
 * id, or one from an older version of the bot).
 */
export interface CustomIdCodec<T> {
  readonly command: string;
  build(value: T): string;
  parse(id: string): T | null;
}

const SEPARATOR = ":";

export function customIdCodec<T>(
  command: string,
  parts: { encode(value: T): readonly string[]; decode(parts: readonly string[]): T | null },
): CustomIdCodec<T> {
  const prefix = `${command}${SEPARATOR}`;
  return {
    command,
    build(value) {
      const encoded = parts.encode(value);
      const bad = encoded.find((part) => part.length === 0 || part.includes(SEPARATOR));
      if (bad !== undefined) throw new Error(`custom_id part '${bad}' of ${command} is empty or holds '${SEPARATOR}'`);
      const id = [command, ...encoded].join(SEPARATOR);
      if (id.length > LIMITS.customId)
        throw new Error(`custom_id '${id}' is longer than ${LIMITS.customId} characters`);
      return id;
    },
    parse(id) {
      if (id.length > LIMITS.customId || !id.startsWith(prefix)) return null;
      return parts.decode(id.slice(prefix.length).split(SEPARATOR));
    },
  };
}

/** The command a custom_id is routed to: what comes before the first separator. */
export function commandOfCustomId(id: string): string {
  const end = id.indexOf(SEPARATOR);
  return end < 0 ? id : id.slice(0, end);
}
