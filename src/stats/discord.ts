/**
 * Members' display names for an export, from Discord's member list (GET /guilds/{guild}/members, 1,000 a page in
 * user id order): 100 requests for a server of 100,000, each through the pacer like every request of the bot's
 * client. Discord lists members only to a bot with the Server Members intent switched on in the Developer Portal;
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

export function restMemberNames(rest: REST): MemberNames {
  return {
    async displayNames(guildId, userIds) {
      const names = new Map<string, string>();
      if (userIds.length === 0) return { names, listed: true };
      const wanted = new Set(userIds);
      // Pages come in user id order: once a page passes the highest id wanted, the rest names nobody in the export.
      const highest = userIds.reduce((max, id) => (BigInt(id) > max ? BigInt(id) : max), 0n);
      let after = "0";
      for (;;) {
        let page: APIGuildMember[];
        try {
          page = (await rest.get(Routes.guildMembers(guildId), {
            query: new URLSearchParams({ limit: String(PAGE), after }),
          })) as APIGuildMember[];
        } catch (error) {
          if (error instanceof DiscordAPIError && error.code === MISSING_ACCESS) return { names, listed: false };
          throw error;
        }
        for (const member of page) if (wanted.has(member.user.id)) names.set(member.user.id, displayName(member));
        const last = page.at(-1)?.user.id;
        if (page.length < PAGE || last === undefined || BigInt(last) >= highest) return { names, listed: true };
        after = last;
      }
    },
  };
}
