/**
 * Members' display names for an export, from Discord's member list (GET /guilds/{guild}/members, 1,000 a page in
 * user id order): 100 requests for a server of 100,000, four at a time, each through the pacer like every request of
 * the bot's client. Discord lists members only to a bot with the Server Members intent switched on in the Developer Portal;
 * without it (403 Missing Access) the export names members by user id and says so.
 */
import { type APIGuildMember, DiscordAPIError, type REST, Routes } from "discord.js";
import type { MemberNames } from "./export.js";

const PAGE = 1000;
/** Discord's code for a request the bot is not allowed to make (here: the Server Members intent is off). */
const MISSING_ACCESS = 50_001;

/** What a member is called in the server: their nickname there, else their display name, else their username. */
export const displayName = (member: Pick<APIGuildMember, "nick" | "user">): string =>
  member.nick ?? member.user.global_name ?? member.user.username;

/** Pages requested at once: each chain of pages walks its own range of the wanted ids, so round trips overlap. */
const CHAINS = 4;

export function restMemberNames(rest: REST): MemberNames {
  return {
    async displayNames(guildId, userIds) {
      const names = new Map<string, string>();
      if (userIds.length === 0) return { names, listed: true };
      const wanted = new Set(userIds);
      const ids = [...wanted].map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      // Pages come in user id order, after a given id: each chain starts just before its first wanted id and stops
      // once a page passes its last one.
      const chains = Math.min(CHAINS, Math.ceil(ids.length / PAGE));
      let listed = true;
      const chain = async (first: bigint, last: bigint) => {
        let after = String(first - 1n);
        for (;;) {
          let page: APIGuildMember[];
          try {
            page = (await rest.get(Routes.guildMembers(guildId), {
              query: new URLSearchParams({ limit: String(PAGE), after }),
            })) as APIGuildMember[];
          } catch (error) {
            if (error instanceof DiscordAPIError && error.code === MISSING_ACCESS) {
              listed = false;
              return;
            }
            throw error;
          }
          for (const member of page) if (wanted.has(member.user.id)) names.set(member.user.id, displayName(member));
          const end = page.at(-1)?.user.id;
          if (!listed || page.length < PAGE || end === undefined || BigInt(end) >= last) return;
          after = end;
        }
      };
      await Promise.all(
        Array.from({ length: chains }, (_, i) => {
          const from = Math.floor((i * ids.length) / chains);
          const to = Math.floor(((i + 1) * ids.length) / chains) - 1;
          return chain(ids[from] as bigint, ids[to] as bigint);
        }),
      );
      return listed ? { names, listed } : { names: new Map(), listed };
    },
  };
}
