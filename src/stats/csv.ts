/**
 * CSV as RFC 4180 writes it (CRLF line ends; a cell holding a comma, a quote or a line break is quoted, its quotes
 * doubled), and safe to open in a spreadsheet: a cell a spreadsheet would read as a formula (starting with `=`, `+`,
 * `-`, `@`, or a tab or carriage return, OWASP's list) gets a leading single quote, so it shows as the text it is.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type Cell = string | number;

/** One cell, escaped against formula injection and quoted where RFC 4180 requires it (or where it was escaped). */
export function csvCell(value: Cell): string {
  const text = String(value);
  if (FORMULA_START.test(text)) return `"'${text.replaceAll('"', '""')}"`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows written between two turns of the event loop: a 100,000-member export never holds it for long. */
const ROWS_PER_TURN = 5_000;

/** A header and rows as one CSV document, every line ended by CRLF. */
export async function csvDocument(header: readonly string[], rows: Iterable<readonly Cell[]>): Promise<string> {
  const lines = [header.map(csvCell).join(",")];
  for (const row of rows) {
    lines.push(row.map(csvCell).join(","));
    if (lines.length % ROWS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return `${lines.join("\r\n")}\r\n`;
}
