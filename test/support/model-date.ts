/**
 * The reference model's calendar date of an instant in a zone, straight from Intl (not src/time), so the property
 * tests compare Gradient's own date rules against an independent answer.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function modelDate(at: number, zone: string): string {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(zone, f);
  }
  return f.format(at);
}
