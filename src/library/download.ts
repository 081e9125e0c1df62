import { UserError } from "../errors.js";
import { MAX_FILE_BYTES } from "./schema.js";

const TOO_BIG = `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, the most an import takes. Nothing was changed.`;

/**
 * The attachment's text, read from the URL the interaction gives, stopping at MAX_FILE_BYTES + 1 whatever the
 * attachment claims its size is.
 */
export async function downloadImport(url: string, claimedSize: number): Promise<string> {
  if (claimedSize > MAX_FILE_BYTES) throw new UserError(TOO_BIG);
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok || !response.body)
    throw new UserError(`The file could not be downloaded (HTTP ${response.status}). Try again.`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_FILE_BYTES) throw new UserError(TOO_BIG);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
