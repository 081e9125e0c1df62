import type { Level, Requirement, Resource, ResourceKind } from "./content/schema.js";

/** "3d 4h 5m" style durations for humans; seconds only under a minute. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  return [days ? `${days}d` : "", hours ? `${hours}h` : "", minutes ? `${minutes}m` : ""].filter(Boolean).join(" ");
}

/** Cuts text to `max` characters on a word boundary, marking the cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

// A scheme or a well-known bare prefix Discord would turn into a link.
const LINKISH = /(\S*(?:[a-z][a-z0-9+.-]*:\/\/|www\.|discord\.gg\/)\S*)/i;

/**
 * Text a member typed, shown in a message in Gradient's name: one line of at most `max` characters, markdown
 * escaped (no masked link, heading or quote of its own) and every link shown as code, which Discord never makes
 * clickable. Mentions are already inert: every payload is sent with `allowedMentions: { parse: [] }`.
 */
export function memberText(text: string, max: number): string {
  const line = truncate(text.replace(/\s+/g, " ").trim(), max);
  return line
    .split(LINKISH)
    .map((part, i) => (i % 2 === 1 ? `\`${part.replaceAll("`", "'")}\`` : part.replace(/[\\*_~`|>#[\]()<-]/g, "\\$&")))
    .join("");
}

/** "1 challenge", "1,024 challenges": counts in prose, thousands grouped. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? word : pluralWord}`;
}

/** Lines joined with newlines, as many as fit in `max` characters, ending with "… and N more" when cut. */
export function fitLines(lines: readonly string[], max: number, more = (n: number) => `… and ${n} more`): string {
  const whole = lines.join("\n");
  if ([...whole].length <= max) return whole;
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = truncate(lines[i] ?? "", max);
    const cost = [...line].length + (out.length > 0 ? 1 : 0);
    const rest = lines.length - i - 1;
    const tail = rest > 0 ? [...more(rest)].length + 1 : 0;
    if (used + cost + tail > max) {
      const note = more(lines.length - i);
      return out.length > 0 ? `${out.join("\n")}\n${note}` : note;
    }
    out.push(line);
    used += cost;
  }
  return out.join("\n");
}

/** Link text safe inside Discord markdown: brackets would end the link early. */
const linkText = (text: string) => text.replace(/([[\]\\])/g, "\\$1");
const linkUrl = (url: string) => url.replaceAll("(", "%28").replaceAll(")", "%29");
export const markdownLink = (title: string, url: string) => `[${linkText(title)}](${linkUrl(url)})`;

export function formatHours(hours: number): string {
  if (hours < 1) return `about ${Math.max(5, Math.round((hours * 60) / 5) * 5)} min`;
  if (hours < 10) return `about ${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
  return `about ${Math.round(hours)} h`;
}

/** Embed colours: one per kind of card, so a member learns them. */
export const COLOURS = {
  brand: 0x5b8def,
  challenge: 0x2ea043,
  streak: 0xf78166,
  level: { beginner: 0x3ba55d, intermediate: 0xfaa61a, advanced: 0xed4245 } satisfies Record<Level, number>,
} as const;

export const LEVEL_LABELS: Record<Level, string> = {
  beginner: "Beginner",
  intermediate: "Intermediate",
  advanced: "Advanced",
};
export const LEVEL_EMOJI: Record<Level, string> = { beginner: "🟢", intermediate: "🟡", advanced: "🔴" };

export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = {
  book: "Book",
  course: "Course",
  paper: "Paper",
  article: "Article",
  practice: "Practice site",
  documentation: "Documentation",
  video: "Video",
  community: "Community",
  certification: "Certification",
};

export const REQUIREMENT_LABELS: Record<Requirement, string> = {
  gpu: "🖥️ a GPU",
  docker: "🐳 Docker",
  "cloud-account": "☁️ a cloud account",
  "paid-api": "💳 a paid API",
  "large-download": "📦 a large download (over 500 MB)",
  "other-people": "👥 other people",
};

/** One resource as a list line: its link, kind, level and price. */
export function resourceLine(resource: Resource): string {
  const kind = RESOURCE_KIND_LABELS[resource.kind].toLowerCase();
  return `• ${markdownLink(truncate(resource.title, 90), resource.url)} · ${kind} · ${LEVEL_LABELS[resource.level].toLowerCase()} · ${resource.free ? "free" : "paid"}`;
}

/** A Discord timestamp: each member reads it in their own zone and locale. */
export const ts = (date: Date, style: "R" | "F" | "f" = "f") => `<t:${Math.floor(date.getTime() / 1000)}:${style}>`;
