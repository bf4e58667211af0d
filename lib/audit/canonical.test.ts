import { describe, expect, it } from "vitest";
import { canonicalJson, eventPayload, eventPayloadGeneric, type HashedFields } from "@/lib/audit/canonical";

const base: HashedFields = {
  chain: "ws1",
  workspaceId: "ws1",
  occurredAt: new Date("2026-11-22T01:02:03.456Z"),
  actorType: "user",
  actorId: "u1",
  actorLabel: "ann@example.com",
  action: "spec.renamed",
  resourceType: "spec",
  resourceId: "s1",
  ip: "127.0.0.1",
  userAgent: 'Mozilla "quoted" \\ ünïcode ✓',
  before: { name: "a", nested: { z: 1, a: [1, "x", null] } },
  after: { name: "b" },
  metadata: null,
};

describe("eventPayload", () => {
  it("writes exactly the bytes of the generic canonical form", () => {
    expect(eventPayload(base)).toBe(eventPayloadGeneric(base));
    const nulls = { ...base, workspaceId: null, actorId: null, actorLabel: null, resourceId: null, ip: null, userAgent: null, before: null, after: undefined, metadata: undefined };
    expect(eventPayload(nulls)).toBe(eventPayloadGeneric(nulls));
  });

  it("sorts keys at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [{ f: 1, e: 2 }] } })).toBe('{"a":{"c":[{"e":2,"f":1}],"d":2},"b":1}');
  });
});
