import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted at every depth: the same value always serialises to the same bytes. Written as loops
 * over sorted keys (no entries/filter/map arrays) because the verifier runs it for every event of every chain;
 * canonical.test.ts checks it against the straightforward form on random values.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value !== "object") return typeof value === "bigint" ? value.toString() : JSON.stringify(value);
  if (Array.isArray(value)) {
    let s = "[";
    for (let i = 0; i < value.length; i++) s += (i === 0 ? "" : ",") + canonicalJson(value[i]);
    return `${s}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const obj = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units, as `a < b` does.
  const keys = Object.keys(obj).sort();
  let s = "{";
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    s += `${s.length === 1 ? "" : ","}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${s}}`;
}

/** The fields of an event that its hash covers (everything but its id, seq and the hashes themselves). */
export interface HashedFields {
  chain: string;
  workspaceId: string | null;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  ip: string | null;
  userAgent: string | null;
  before: unknown;
  after: unknown;
  metadata: unknown;
}

const str = (v: string | null) => (v === null ? "null" : JSON.stringify(v));

/**
 * canonicalJson of the event's fields, written out with the keys in their sorted order: the same bytes, built
 * without sorting, since the verifier runs it for every event.
 */
export function eventPayload(e: HashedFields): string {
  return eventPayloadAt(e, e.occurredAt.toISOString());
}

/** eventPayload with the time given as its ISO string (the verifier reads it as text and skips the Date). */
export function eventPayloadAt(e: Omit<HashedFields, "occurredAt">, occurredAtIso: string): string {
  return (
    `{"action":${str(e.action)},"actorId":${str(e.actorId)},"actorLabel":${str(e.actorLabel)},"actorType":${str(e.actorType)}` +
    `,"after":${canonicalJson(e.after ?? null)},"before":${canonicalJson(e.before ?? null)},"chain":${str(e.chain)}` +
    `,"ip":${str(e.ip)},"metadata":${canonicalJson(e.metadata ?? null)},"occurredAt":${JSON.stringify(occurredAtIso)}` +
    `,"resourceId":${str(e.resourceId)},"resourceType":${str(e.resourceType)},"userAgent":${str(e.userAgent)},"workspaceId":${str(e.workspaceId)}}`
  );
}

/** The generic form of eventPayload, kept to prove the fast one writes the same bytes (canonical.test.ts). */
export function eventPayloadGeneric(e: HashedFields): string {
  return canonicalJson({ ...e, occurredAt: e.occurredAt.toISOString(), before: e.before ?? null, after: e.after ?? null, metadata: e.metadata ?? null });
}

/** hash = sha256(prevHash ‖ seq ‖ payload). The writer computes the same thing in SQL (lib/audit/record.ts). */
export function chainHash(prevHash: string, seq: number, payload: string): string {
  return createHash("sha256").update(`${prevHash}|${seq}|${payload}`, "utf8").digest("hex");
}
