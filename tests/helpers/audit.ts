import type pg from "pg";
import { expect } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { SYSTEM_ACTOR } from "@/lib/audit/actor";
import { makeWorkspace, testDb } from "@/tests/helpers/db";
import { chainHash, eventPayload, type HashedFields } from "@/lib/audit/canonical";
import { payloadV2 } from "@/bench/lib/audit-data";

export const AUDIT_ROW_TRIGGER = "audit_events_no_update_delete";
export const AUDIT_TRUNCATE_TRIGGER = "audit_events_no_truncate";

/**
 * Simulate someone with direct database access tampering with the audit trail: lift the append-only trigger, run
 * `sql`, put the trigger back. It all happens in one transaction (DDL is transactional in PostgreSQL), so no
 * other connection ever sees the trigger disabled, and a failure rolls the whole thing back; the `finally`
 * re-enables the trigger regardless.
 */
export async function tamperWithAudit(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(`ALTER TABLE audit_events DISABLE TRIGGER ${AUDIT_ROW_TRIGGER}`);
    const res = await client.query(sql, params);
    await client.query(`ALTER TABLE audit_events ENABLE TRIGGER ${AUDIT_ROW_TRIGGER}`);
    await client.query("COMMIT");
    return res.rowCount ?? 0;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    await client.query(`ALTER TABLE audit_events ENABLE TRIGGER ${AUDIT_ROW_TRIGGER}`).catch(() => undefined);
    client.release();
  }
}

/** The append-only triggers on audit_events and whether each is enabled ('O' = fires in origin mode). */
export async function auditTriggerStates(pool: pg.Pool): Promise<Record<string, string>> {
  const { rows } = await pool.query<{ tgname: string; tgenabled: string }>(
    `SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal ORDER BY tgname`,
  );
  return Object.fromEntries(rows.map((r) => [r.tgname, r.tgenabled]));
}

/**
 * Make the database refuse to insert any audit event whose `after` or `metadata` mentions `marker`, for the
 * duration of `fn`: a real failure of the audit write, to show that the change it accompanies rolls back too.
 */
export async function withAuditInsertFailure<T>(pool: pg.Pool, marker: string, fn: () => Promise<T>): Promise<T> {
  if (!/^[A-Za-z0-9_-]+$/.test(marker)) throw new Error("marker must be a plain identifier");
  const name = `test_fail_${marker.replace(/-/g, "_").toLowerCase()}`;
  await pool.query(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF coalesce(NEW.after::text, '') LIKE '%${marker}%' OR coalesce(NEW.metadata::text, '') LIKE '%${marker}%' THEN
         RAISE EXCEPTION 'injected audit failure (${marker})';
       END IF;
       RETURN NEW;
     END $$`,
  );
  try {
    await pool.query(`CREATE TRIGGER ${name} BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION ${name}()`);
    return await fn();
  } finally {
    await pool.query(`DROP TRIGGER IF EXISTS ${name} ON audit_events`);
    await pool.query(`DROP FUNCTION IF EXISTS ${name}()`);
  }
}

/**
 * An event's hash recomputed in JS from its stored fields, independently of the writer's and the verifier's SQL:
 * version 1 with the studio's canonical JSON, version 2 with a JS rendering of jsonb's text (bench/lib/jsonb-text.ts).
 */
export function expectedHash(e: HashedFields & { prevHash: string; seq: number; hashVersion: number }): string {
  return chainHash(e.prevHash, e.seq, e.hashVersion === 2 ? payloadV2(e) : eventPayload(e));
}

/** A fresh workspace whose chain holds `n` events (workspace.created + n-1 more), with its stored events. */
export async function chainOf(n: number) {
  const db = testDb();
  const { ws } = await makeWorkspace();
  for (let i = 2; i <= n; i++) {
    await recordAudit(db, { actor: SYSTEM_ACTOR, action: "spec.updated", resourceType: "spec", resourceId: `s${i}`, workspaceId: ws.id, after: { i } });
  }
  const events = await db.auditEvent.findMany({ where: { chain: ws.id }, orderBy: { seq: "asc" } });
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  return { chain: ws.id, events, id: (seq: number) => events[seq - 1].id.toString() };
}
