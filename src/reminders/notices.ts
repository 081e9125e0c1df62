/** The reminders room's port for the interaction layer: a notice owed to a member after their next command. */
import type { AppContext } from "../context.js";
import { offNoticeMessage } from "./messages.js";
import { takeOffNotices } from "./store.js";

export interface OffNotices {
  /**
   * The notice that reminders Discord would not deliver (the member closed DMs) were turned off, marked as told; null
   * when none is owed. `nameOf` names a server for the member.
   */
  take(userId: string, nameOf: (guildId: string) => string | undefined): Promise<string | null>;
}

export function offNotices(ctx: Pick<AppContext, "store">): OffNotices {
  return {
    async take(userId, nameOf) {
      const off = await takeOffNotices(ctx, userId);
      return off.length === 0 ? null : offNoticeMessage(off, nameOf);
    },
  };
}
