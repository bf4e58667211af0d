// Realistic audit events, chained in JS exactly as lib/audit/record.ts chains them in SQL (hash version 2: the
// jsonb text of the fields, lib/audit/payload.ts; or version 1, the studio's canonical JSON), and bulk inserts.
import type pg from "pg";
import { chainHash, eventPayload, type HashedFields } from "@/lib/audit/canonical";
import { CURRENT_HASH_VERSION, PAYLOAD_FIELDS } from "@/lib/audit/payload";
import { jsonbText } from "./jsonb-text";
import { redact } from "@/lib/audit/redact";
import { copyField, copyFrom } from "./copy";
import { pick } from "./stats";

/** 20 actions with the resource type they touch and a relative frequency (a few dominate, as in real trails). */
export const ACTIONS: readonly { action: string; resourceType: string; weight: number }[] = [
  { action: "spec.updated", resourceType: "spec", weight: 30 },
  { action: "run.started", resourceType: "run", weight: 14 },
  { action: "run.completed", resourceType: "run", weight: 12 },
  { action: "user.signed_in", resourceType: "user", weight: 10 },
  { action: "review.requested", resourceType: "review", weight: 6 },
  { action: "review.approved", resourceType: "review", weight: 5 },
  { action: "spec.created", resourceType: "spec", weight: 4 },
  { action: "run.failed", resourceType: "run", weight: 3 },
  { action: "review.rejected", resourceType: "review", weight: 2 },
  { action: "spec.renamed", resourceType: "spec", weight: 2 },
  { action: "settings.updated", resourceType: "workspace", weight: 2 },
  { action: "export.created", resourceType: "export", weight: 2 },
  { action: "member.added", resourceType: "membership", weight: 1.5 },
  { action: "member.role_changed", resourceType: "membership", weight: 1.2 },
  { action: "token.created", resourceType: "api_token", weight: 1 },
  { action: "spec.deleted", resourceType: "spec", weight: 1 },
  { action: "member.removed", resourceType: "membership", weight: 0.8 },
  { action: "token.revoked", resourceType: "api_token", weight: 0.6 },
  { action: "workspace.updated", resourceType: "workspace", weight: 0.5 },
  { action: "workspace.created", resourceType: "workspace", weight: 0.1 },
];
const TOTAL_WEIGHT = ACTIONS.reduce((a, x) => a + x.weight, 0);

export interface Actor {
  type: "user" | "token";
  id: string;
  label: string;
}

/** 50 actors: 44 people and 6 API tokens, with cuid-like ids. */
export const ACTORS: readonly Actor[] = Array.from({ length: 50 }, (_, i) => {
  const id = `cm${(0x5f3759 + i * 7919).toString(36)}${i.toString(36).padStart(2, "0")}benchact`;
  return i < 44
    ? { type: "user" as const, id, label: `person${i}@example.test` }
    : { type: "token" as const, id, label: `ci-token-${i} (person${i - 44}@example.test)` };
});

const USER_AGENTS = [
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "spec-studio-cli/1.4.2 node/20.19.0",
];

function pickAction(r: () => number) {
  let x = r() * TOTAL_WEIGHT;
  for (const a of ACTIONS) {
    x -= a.weight;
    if (x < 0) return a;
  }
  return ACTIONS[0];
}

/** The fields of one plausible event (before/after objects of a few keys), redacted as recordAudit redacts them. */
export function makeEventFields(
  r: () => number,
  opts: { chain: string; workspaceId: string | null; occurredAt: Date; action?: string },
): HashedFields {
  const a = opts.action ? (ACTIONS.find((x) => x.action === opts.action) ?? ACTIONS[0]) : pickAction(r);
  const actor = pick(r, ACTORS);
  const n = Math.floor(r() * 5000);
  const version = 1 + Math.floor(r() * 40);
  const resourceId = `c${a.resourceType.slice(0, 3)}${n.toString(36).padStart(6, "0")}bench`;
  const state = (v: number) => ({
    title: `Checkout flow ${n}`,
    status: v % 3 === 0 ? "approved" : "draft",
    version: v,
    stepCount: 3 + (n % 9),
  });
  const created = a.action.endsWith(".created") || a.action.endsWith(".started") || a.action.endsWith(".added");
  return {
    chain: opts.chain,
    workspaceId: opts.workspaceId,
    occurredAt: opts.occurredAt,
    actorType: actor.type,
    actorId: actor.id,
    actorLabel: actor.label,
    action: a.action,
    resourceType: a.resourceType,
    resourceId,
    ip: `10.${n % 256}.${(n >> 3) % 256}.${1 + (version % 250)}`,
    userAgent: USER_AGENTS[n % USER_AGENTS.length],
    before: redact(created ? null : state(version)) ?? null,
    after: redact(a.action.endsWith(".deleted") ? null : state(version + 1)) ?? null,
    metadata: redact({ requestId: `req_${Math.floor(r() * 2 ** 48).toString(36)}`, via: actor.type === "token" ? "api" : "web" }) ?? null,
  };
}

export interface AuditRow extends HashedFields {
  seq: number;
  prevHash: string;
  hash: string;
  hashVersion: number;
}

/** The version-2 payload: what json_build_array(<fields>)::text prints (lib/audit/payload.ts storedPayloadSql). */
export function payloadV2(f: HashedFields): string {
  const value: Record<(typeof PAYLOAD_FIELDS)[number], unknown> = { ...f, occurredAt: f.occurredAt.toISOString() };
  return jsonbText(PAYLOAD_FIELDS.map((k) => value[k] ?? null));
}

/** Chains events in JS: seq from 1, prevHash "" for the first, hash = chainHash(prev, seq, payload of the version). */
export class ChainBuilder {
  seq = 0;
  hash = "";
  constructor(
    readonly chain: string,
    readonly hashVersion: 1 | 2 = CURRENT_HASH_VERSION,
  ) {}
  next(fields: HashedFields): AuditRow {
    if (fields.chain !== this.chain) throw new Error(`event for chain ${fields.chain} given to chain ${this.chain}`);
    const seq = this.seq + 1;
    const hash = chainHash(this.hash, seq, this.hashVersion === 2 ? payloadV2(fields) : eventPayload(fields));
    const row: AuditRow = { ...fields, seq, prevHash: this.hash, hash, hashVersion: this.hashVersion };
    this.seq = seq;
    this.hash = hash;
    return row;
  }
}

export const AUDIT_COLUMNS =
  "chain, seq, workspace_id, occurred_at, actor_type, actor_id, actor_label, action, resource_type, resource_id, ip, user_agent, before, after, metadata, prev_hash, hash, hash_version";

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** The 18 column values of a row, in AUDIT_COLUMNS order (timestamps as ISO strings, JSON as text). */
export function rowValues(r: AuditRow): unknown[] {
  return [
    r.chain, r.seq, r.workspaceId, r.occurredAt.toISOString(), r.actorType, r.actorId, r.actorLabel, r.action,
    r.resourceType, r.resourceId, r.ip, r.userAgent, json(r.before), json(r.after), json(r.metadata), r.prevHash, r.hash,
    r.hashVersion,
  ];
}

/** Single-row INSERT of a prepared row (the "plain insert" of the write benchmark). */
export const INSERT_ONE_SQL = `INSERT INTO audit_events (${AUDIT_COLUMNS})
VALUES ($1, $2, $3, $4::timestamptz, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::jsonb, $15::jsonb, $16, $17, $18)`;

const COPY_SQL = `COPY audit_events (${AUDIT_COLUMNS}) FROM STDIN`;

/** Rows in COPY text format (one line per row, columns in AUDIT_COLUMNS order). */
export function rowsCopyText(rows: AuditRow[]): string {
  const lines = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = rowValues(rows[i]) as (string | number | null)[];
    lines[i] = v.map(copyField).join("\t");
  }
  return `${lines.join("\n")}\n`;
}

/** Bulk insert with COPY (rows given as AuditRow[] or as rowsCopyText(rows)). */
export async function insertMany(pool: pg.Pool, rows: AuditRow[] | string): Promise<void> {
  // pglite-socket cannot carry COPY FROM STDIN (the connection loses protocol sync and is terminated), so the
  // embedded database gets multi-row INSERTs instead.
  if (process.env.STUDIO_EMBEDDED === "1") {
    if (typeof rows === "string") throw new Error("insertMany: COPY text cannot be inserted into the embedded database");
    for (let i = 0; i < rows.length; i += 1_000) await insertBatch(pool, rows.slice(i, i + 1_000));
    return;
  }
  const client = await pool.connect();
  try {
    await copyFrom(client, COPY_SQL, typeof rows === "string" ? rows : rowsCopyText(rows));
  } finally {
    client.release();
  }
}

const UNNEST_TYPES = ["text", "int", "text", "timestamptz", "text", "text", "text", "text", "text", "text", "text", "text", "jsonb", "jsonb", "jsonb", "text", "text", "smallint"];
const INSERT_UNNEST_SQL = `INSERT INTO audit_events (${AUDIT_COLUMNS}) SELECT * FROM unnest(${UNNEST_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(", ")})`;

/** One INSERT of many rows: one array parameter per column. */
async function insertBatch(pool: pg.Pool, rows: AuditRow[]): Promise<void> {
  const columns: unknown[][] = UNNEST_TYPES.map(() => []);
  for (const r of rows) rowValues(r).forEach((v, i) => columns[i].push(v));
  await pool.query(INSERT_UNNEST_SQL, columns);
}

/** Set (or create) the chain head of each chain to its builder's last seq and hash. */
export async function writeChainHeads(pool: pg.Pool, chains: ChainBuilder[]): Promise<void> {
  await pool.query(
    `INSERT INTO audit_chain_heads (chain, seq, hash) SELECT * FROM unnest($1::text[], $2::int[], $3::text[])
     ON CONFLICT (chain) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`,
    [chains.map((c) => c.chain), chains.map((c) => c.seq), chains.map((c) => c.hash)],
  );
}
