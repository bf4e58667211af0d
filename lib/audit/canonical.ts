import { createHash } from "node:crypto";

/** JSON with object keys sorted at every depth: the same value always serialises to the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  if (typeof value === "bigint") return value.toString();
  return JSON.stringify(value);
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
  return (
    `{"action":${str(e.action)},"actorId":${str(e.actorId)},"actorLabel":${str(e.actorLabel)},"actorType":${str(e.actorType)}` +
    `,"after":${canonicalJson(e.after ?? null)},"before":${canonicalJson(e.before ?? null)},"chain":${str(e.chain)}` +
    `,"ip":${str(e.ip)},"metadata":${canonicalJson(e.metadata ?? null)},"occurredAt":${JSON.stringify(e.occurredAt.toISOString())}` +
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
