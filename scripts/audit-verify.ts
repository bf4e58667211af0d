// npm run audit:verify — recompute every audit chain; exit 1 naming the first broken event of each broken chain.
import os from "node:os";
import pg from "pg";
import { connectForScript } from "@/lib/db/connect-script";
import { verifyAuditChains } from "@/lib/audit/verify";

const conn = await connectForScript();
// The embedded database serves one connection at a time (see lib/db.ts); a server verifies slices of the trail at once.
const concurrency = conn.embedded ? 1 : Math.min(4, os.availableParallelism());
const pool = new pg.Pool({ connectionString: conn.url, max: concurrency });
try {
  const started = Date.now();
  const result = await verifyAuditChains(pool, { concurrency });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (result.ok) {
    console.log(`Audit trail intact: ${result.events} events in ${result.chains} chains verified in ${secs}s.`);
  } else {
    for (const b of result.breaks) {
      console.error(`BROKEN chain ${b.chain}: event id ${b.eventId} (#${b.seq}): ${b.reason}`);
    }
    console.error(`${result.breaks.length} broken chain(s) out of ${result.chains}; ${result.events} events read in ${secs}s.`);
    process.exitCode = 1;
  }
} finally {
  await pool.end();
  await conn.close();
}
