import { customIdCodec } from "../discord/custom-id.js";

export type PrivacyScope = "this-server" | "everywhere";
export type PrivacyControl = { action: "confirm"; scope: PrivacyScope } | { action: "cancel" };

const SCOPES: Record<string, PrivacyScope> = { s: "this-server", e: "everywhere" };

/** `privacy:confirm:s|e` and `privacy:cancel`: the buttons under `/privacy delete`'s question. */
export const privacyIds = customIdCodec<PrivacyControl>("privacy", {
  encode: (c) => (c.action === "cancel" ? ["cancel"] : ["confirm", c.scope === "this-server" ? "s" : "e"]),
  decode: ([action, code, ...rest]) => {
    if (rest.length > 0) return null;
    if (action === "cancel") return code === undefined ? { action } : null;
    const scope = SCOPES[code ?? ""];
    return action === "confirm" && scope ? { action, scope } : null;
  },
});
