/** A stats reader thread (./bulk-reads.ts): answers the registry's reads on its own read-only connection. */
import { serveReads } from "../db/read-pool.js";
import { STATS_READS } from "./bulk-reads.js";

serveReads(STATS_READS);
