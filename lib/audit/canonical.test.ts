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

  it("writes what the straightforward canonical form writes, for random values", () => {
    // The form canonicalJson had before it was written for speed.
    const reference = (value: unknown): string => {
      if (value === null || value === undefined) return "null";
      if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`;
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      if (typeof value === "object") {
        const entries = Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(",")}}`;
      }
      if (typeof value === "bigint") return value.toString();
      return JSON.stringify(value);
    };
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const keys = ["a", "B", "é", "aa", "Z1", "10", "9", "", "key with space", "😀", "\u0000x"];
    const gen = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.3) return [null, undefined, true, false, 0, -1.5, 1e21, NaN, "s\"q", "ünï", 12n, new Date(0)][Math.floor(rand() * 12)];
      if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => gen(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 6) }, () => [keys[Math.floor(rand() * keys.length)], gen(depth + 1)]));
    };
    for (let i = 0; i < 2_000; i++) {
      const v = gen(0);
      expect(canonicalJson(v)).toBe(reference(v));
    }
  });

  it("sorts keys at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [{ f: 1, e: 2 }] } })).toBe('{"a":{"c":[{"e":2,"f":1}],"d":2},"b":1}');
  });
});
