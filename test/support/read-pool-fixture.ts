/** A read pool's worker entry for test/read-pool.test.ts: two reads, one slow and one failing. */
import { serveReads } from "../../src/db/read-pool.js";
import { FIXTURE_READS } from "./read-pool-reads.js";

serveReads(FIXTURE_READS);
