// Audited writes per second from 4 concurrent writers, each on its own workspace chain, against plain single-row
// INSERTs of the same rows (same column values, hashes precomputed in JS, no chain head) through the same Prisma
// client with the same concurrency, like for like:
// - audit_write.throughput: recordAudit(db, …), the audit writer's one atomic statement (chain head lock, hash in SQL,
//   insert), against a plain INSERT statement;
// - audit_write.in_transaction: db.$transaction(tx => recordAudit(tx, …)), as a change and its event commit, against
//   db.$transaction(tx => plain INSERT): what the trail adds to a transaction the change needs anyway.
// The kinds run in alternating rounds so background load hits them alike.
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import { verifyAuditChains } from "@/lib/audit/verify";
import { ChainBuilder, INSERT_ONE_SQL, makeEventFields, rowValues } from "./lib/audit-data";
import { openBenchDb, prepareBenchDb } from "./lib/db";
import { emit, log } from "./lib/report";
import { now, percentile, rng } from "./lib/stats";

const WRITERS = 4;
const ROUNDS = 6;
const PER_ROUND = Number(process.env.BENCH_WRITES ?? 3000) / (WRITERS * ROUNDS); // per writer per round
const WARMUP = 20;

await prepareBenchDb();
const { db, pool } = openBenchDb(WRITERS * 2);

interface Writer {
  auditChain: string;
  plainChain: string;
  txChain: string;
  auditTxChain: string;
  audited: AuditInput[];
  auditedInTx: AuditInput[];
  plain: unknown[][];
  plainInTx: unknown[][];
}

// The same event content for both paths. The plain rows go to a sibling chain ("…plain…") so they cannot collide
// with the audited chain's (chain, seq); their hashes are a valid chain of their own, so the database still verifies.
const r = rng(0x3717e);
const writers: Writer[] = Array.from({ length: WRITERS }, (_, w) => {
  const auditChain = `cmbenchwriteaudit${String(w).padStart(7, "0")}`;
  const plainChain = `cmbenchwriteplain${String(w).padStart(7, "0")}`;
  const txChain = `cmbenchwriteintx${String(w).padStart(8, "0")}`;
  const auditTxChain = `cmbenchwriteauditx${String(w).padStart(6, "0")}`;
  const builder = new ChainBuilder(plainChain);
  const txBuilder = new ChainBuilder(txChain);
  const audited: AuditInput[] = [];
  const auditedInTx: AuditInput[] = [];
  const plain: unknown[][] = [];
  const plainInTx: unknown[][] = [];
  for (let i = 0; i < WARMUP + ROUNDS * PER_ROUND; i++) {
    const f = makeEventFields(r, { chain: auditChain, workspaceId: auditChain, occurredAt: new Date() });
    const input: AuditInput = {
      actor: { type: f.actorType as "user" | "token", id: f.actorId, label: f.actorLabel, ip: f.ip, userAgent: f.userAgent },
      action: f.action,
      resourceType: f.resourceType,
      resourceId: f.resourceId,
      workspaceId: f.workspaceId,
      before: f.before,
      after: f.after,
      metadata: f.metadata,
    };
    audited.push(input);
    auditedInTx.push({ ...input, workspaceId: auditTxChain });
    plain.push(rowValues(builder.next({ ...f, chain: plainChain, workspaceId: plainChain })));
    plainInTx.push(rowValues(txBuilder.next({ ...f, chain: txChain, workspaceId: txChain })));
  }
  return { auditChain, plainChain, txChain, auditTxChain, audited, auditedInTx, plain, plainInTx };
});

const audited = (input: AuditInput) => recordAudit(db, input);
const plain = (values: unknown[]) => db.$executeRawUnsafe(INSERT_ONE_SQL, ...values);
const auditedInTx = (input: AuditInput) => db.$transaction((tx) => recordAudit(tx, input));
const plainInTx = (values: unknown[]) => db.$transaction((tx) => tx.$executeRawUnsafe(INSERT_ONE_SQL, ...values));
type Kind = "audited" | "plain" | "auditedInTx" | "plainInTx";
const KINDS: Kind[] = ["plain", "audited", "plainInTx", "auditedInTx"];

/** Every writer runs its slice [from, to) sequentially, all writers at once; returns wall ms and per-write ms. */
async function runAll(kind: Kind, from: number, to: number): Promise<{ ms: number; lat: number[] }> {
  const lat: number[] = [];
  const t0 = now();
  await Promise.all(
    writers.map(async (w) => {
      for (let i = from; i < to; i++) {
        const s = now();
        if (kind === "audited") await audited(w.audited[i]);
        else if (kind === "plain") await plain(w.plain[i]);
        else if (kind === "auditedInTx") await auditedInTx(w.auditedInTx[i]);
        else await plainInTx(w.plainInTx[i]);
        lat.push(now() - s);
      }
    }),
  );
  return { ms: now() - t0, lat };
}

try {
  log(`${WRITERS} writers × ${ROUNDS} rounds × ${PER_ROUND} writes, audited vs plain (warm-up ${WARMUP} each)`);
  for (const kind of KINDS) await runAll(kind, 0, WARMUP); // the audited warm-ups also create each chain's head
  const total = Object.fromEntries(KINDS.map((k) => [k, { ms: 0, lat: [] as number[] }])) as Record<Kind, { ms: number; lat: number[] }>;
  for (let round = 0; round < ROUNDS; round++) {
    const from = WARMUP + round * PER_ROUND;
    const order: Kind[] = round % 2 === 0 ? KINDS : [...KINDS].reverse();
    for (const kind of order) {
      const res = await runAll(kind, from, from + PER_ROUND);
      total[kind].ms += res.ms;
      total[kind].lat.push(...res.lat);
      log(`  round ${round + 1} ${kind}: ${((WRITERS * PER_ROUND) / (res.ms / 1000)).toFixed(0)} writes/s`);
    }
  }
  const n = WRITERS * ROUNDS * PER_ROUND;
  const auditedRate = n / (total.audited.ms / 1000);
  const plainRate = n / (total.plain.ms / 1000);
  const lat = (k: Kind) => `${percentile(total[k].lat, 50).toFixed(2)}/${percentile(total[k].lat, 95).toFixed(2)} ms`;
  const rate = (k: Kind) => n / (total[k].ms / 1000);
  log(`  latency p50/p95: ${KINDS.map((k) => `${k} ${lat(k)}`).join(", ")}`);
  log(`  diagnostic: a transaction of its own costs the plain INSERT ${(100 * (1 - rate("plainInTx") / rate("plain"))).toFixed(0)}% (interactive-transaction round trips)`);

  // Diagnostic only (stderr): the same 4 writers all on ONE chain. Events without a workspace (sign-up, sign-in,
  // sign-out) all go to the "instance" chain, whose head row lock serialises them instance-wide.
  {
    const per = Math.min(PER_ROUND, 125);
    const t0 = now();
    await Promise.all(
      writers.map(async (w) => {
        for (let i = WARMUP; i < WARMUP + per; i++) await audited({ ...w.audited[i], workspaceId: null });
      }),
    );
    const sameChainRate = (WRITERS * per) / ((now() - t0) / 1000);
    log(
      `  diagnostic: ${WRITERS} writers on one shared chain ("instance"): ${sameChainRate.toFixed(0)} writes/s ` +
        `(vs ${auditedRate.toFixed(0)} on separate chains)`,
    );
  }

  // Sanity: what was written must verify (both the audited chains and the precomputed plain ones).
  for (const w of writers) {
    for (const chain of [w.auditChain, w.plainChain, w.txChain, w.auditTxChain]) {
      const v = await verifyAuditChains(pool, { chain });
      if (!v.ok || v.events !== WARMUP + ROUNDS * PER_ROUND) {
        log(`  WARNING: chain ${chain} does not verify: ${v.events} events, ${JSON.stringify(v.breaks)}`);
      }
    }
  }

  emit({
    name: "audit_write.throughput",
    value: auditedRate,
    unit: "writes/s",
    baseline: plainRate,
    baseline_name: `plain single-row INSERT of the same rows (no chain head), ${WRITERS} concurrent writers`,
    goal: "audit trail costs at most 30% (ratio >= 0.7)",
  });
  emit({
    name: "audit_write.in_transaction",
    value: rate("auditedInTx"),
    unit: "writes/s",
    baseline: rate("plainInTx"),
    baseline_name: `the same plain INSERT inside db.$transaction, ${WRITERS} concurrent writers`,
    goal: "audit trail costs at most 30% (ratio >= 0.7)",
  });
} finally {
  await db.$disconnect();
  await pool.end().catch(() => undefined);
}
