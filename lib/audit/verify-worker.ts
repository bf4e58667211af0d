// A child process of verifyAuditChainsParallel: verifies one slice of the (chain, seq) order on its own connection
// and sends back the counts and breaks.
import pg from "pg";
import { verifyRange } from "@/lib/audit/verify";
import type { VerifySlice } from "@/lib/audit/verify-parallel";

process.once("message", async ({ url, slice }: { url: string; slice: VerifySlice }) => {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const result = await verifyRange(pool, slice);
    process.send!({ result: { ...result, peakRssMb: process.resourceUsage().maxRSS / 1024 } });
  } catch (err) {
    process.send!({ error: err instanceof Error ? err.message : String(err) });
  } finally {
    await pool.end();
    process.disconnect();
  }
});
