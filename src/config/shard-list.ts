/**
 * SHARD_LIST's syntax: shard ids and ranges, comma-separated ("0-3", "0,2,5", "0-3,8,10-11"). Parsed into sorted
 * ids, or the problems in it; written back the same way (formatShardList) wherever a machine's shards are named.
 */

export type ParsedShardList = { ids: number[] } | { problem: string };

const PART = /^(\d{1,6})(?:-(\d{1,6}))?$/;

export function parseShardList(text: string): ParsedShardList {
  const parts = text.split(",").map((p) => p.trim());
  const seen = new Set<number>();
  for (const part of parts) {
    const match = PART.exec(part);
    if (!match)
      return {
        problem: `has '${part}', which is neither a shard id nor a range: write ids and ranges such as 0-3 or 0,2,5`,
      };
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from) return { problem: `has the range ${part}, which runs backwards: write ${to}-${from}` };
    for (let id = from; id <= to; id++) {
      if (seen.has(id)) return { problem: `names shard ${id} twice: each shard belongs to the list once` };
      seen.add(id);
    }
  }
  return { ids: [...seen].sort((a, b) => a - b) };
}

/** Sorted ids as SHARD_LIST writes them, runs of two or more as ranges: [0,1,2,3,8] is "0-3,8". */
export function formatShardList(ids: readonly number[]): string {
  const sorted = [...ids].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return parts.join(",");
}
