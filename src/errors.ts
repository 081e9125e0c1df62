/** A problem the member can fix; its message is shown to them as is, ephemerally. */
export class UserError extends Error {
  override name = "UserError";
}
