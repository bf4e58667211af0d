import { describe, expect, it } from "vitest";
import { verifyAuditChains, verifyRange, type ChainBreak } from "@/lib/audit/verify";
import { mergeSlices, sliceChains } from "@/lib/audit/verify-slices";
import { testPool } from "@/tests/helpers/db";
import { tamperWithAudit, chainOf } from "@/tests/helpers/audit";

const pool = testPool();
const byChain = (breaks: ChainBreak[]) => [...breaks].sort((a, b) => a.chain.localeCompare(b.chain));

describe("sliceChains", () => {
  it("cuts the (chain, seq) order into slices of about equal size that cover it all", () => {
    const heads = [
      { chain: "a", seq: 10 },
      { chain: "b", seq: 1 },
      { chain: "c", seq: 29 },
    ];
    expect(sliceChains(heads, 4)).toEqual([
      { after: undefined, until: { chain: "a", seq: 10 } },
      { after: { chain: "a", seq: 10 }, until: { chain: "c", seq: 9 } },
      { after: { chain: "c", seq: 9 }, until: { chain: "c", seq: 19 } },
      { after: { chain: "c", seq: 19 }, until: undefined },
    ]);
    expect(sliceChains(heads, 1)).toEqual([{ after: undefined, until: undefined }]);
  });
});

describe("verifying in slices gives the sequential answer", () => {
  it("for every cut point inside a tampered chain: the break is found once, with links checked across the cut", async () => {
    const c = await chainOf(8);
    // an edited event (5) and a broken link after it (7): the sequential verifier names only event 5
    await tamperWithAudit(pool, `UPDATE audit_events SET after = '{"i": 0}'::jsonb WHERE id = $1`, [c.id(5)]);
    await tamperWithAudit(pool, `UPDATE audit_events SET prev_hash = 'forged' WHERE id = $1`, [c.id(7)]);
    const whole = await verifyRange(pool, { chain: c.chain });
    expect(whole.breaks).toEqual([{ chain: c.chain, eventId: c.id(5), seq: 5, reason: expect.stringContaining("edited") }]);
    for (let cut = 0; cut <= 8; cut++) {
      const key = { chain: c.chain, seq: cut };
      const merged = mergeSlices([await verifyRange(pool, { chain: c.chain, until: key }), await verifyRange(pool, { chain: c.chain, after: key })]);
      expect(merged, `cut after event ${cut}`).toEqual(whole);
    }
    // and in batches of every size, so batch edges fall everywhere too
    for (let batchSize = 1; batchSize <= 9; batchSize++) {
      expect(await verifyRange(pool, { chain: c.chain, batchSize }), `batches of ${batchSize}`).toEqual(whole);
    }
  });

  it("finds a link broken exactly at a cut", async () => {
    const c = await chainOf(6);
    await tamperWithAudit(pool, `UPDATE audit_events SET prev_hash = 'forged' WHERE id = $1`, [c.id(4)]);
    const key = { chain: c.chain, seq: 3 };
    const second = await verifyRange(pool, { chain: c.chain, after: key });
    expect(second.breaks).toEqual([{ chain: c.chain, eventId: c.id(4), seq: 4, reason: expect.stringContaining("link") }]);
    expect(second.chains).toBe(0); // the chain started in the slice before
  });

  it("over the whole database in concurrent slices, tampering included", async () => {
    const bad = await chainOf(30);
    await chainOf(20);
    await tamperWithAudit(pool, `UPDATE audit_events SET action = 'forged' WHERE id = $1`, [bad.id(17)]);
    const sequential = await verifyAuditChains(pool);
    const parallel = await verifyAuditChains(pool, { concurrency: 3, minEventsPerSlice: 1, batchSize: 7 });
    expect(parallel.ok).toBe(false);
    expect(parallel.events).toBe(sequential.events);
    expect(parallel.chains).toBe(sequential.chains);
    expect(byChain(parallel.breaks)).toEqual(byChain(sequential.breaks));
    expect(parallel.breaks).toContainEqual({ chain: bad.chain, eventId: bad.id(17), seq: 17, reason: expect.stringContaining("edited") });
  }, 60_000);
});
