// npm run audit:verify — recompute every audit chain; exit 1 naming the first broken event of each broken chain.
import pg from "pg";
import { connectForScript } from "@/lib/db/connect-script";
import { verifyAuditChains } from "@/lib/audit/verify";
import { verifyAuditChainsParallel } from "@/lib/audit/verify-parallel";

const conn = await connectForScript();
// The embedded database serves one connection at a time (see lib/db.ts); a server gets the work spread over processes.
const pool = new pg.Pool({ connectionString: conn.url, max: conn.embedded ? 1 : 2 });
try {
  const started = Date.now();
  const result = conn.embedded ? await verifyAuditChains(pool) : await verifyAuditChainsParallel(conn.url, pool);
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
