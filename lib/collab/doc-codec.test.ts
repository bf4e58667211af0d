import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docFromText, fromBase64, replaceText, textOf, toBase64 } from "@/lib/collab/doc-codec";

/** `a` turned into `b` by replaceText, then sent through an encoded update (as it is stored and relayed). */
function roundTrip(a: string, b: string) {
  const doc = docFromText(a);
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  replaceText(doc, b);
  const received = new Y.Doc();
  Y.applyUpdate(received, Y.encodeStateAsUpdate(doc));
  return { local: textOf(doc), received: textOf(received), updates };
}

describe("replaceText", () => {
  it("keeps the common prefix and suffix: one small update", () => {
    const a = "workflow:\n  name: alpha\n  steps: []\n";
    const b = "workflow:\n  name: beta\n  steps: []\n";
    const { local, received, updates } = roundTrip(a, b);
    expect(local).toBe(b);
    expect(received).toBe(b);
    expect(updates).toHaveLength(1);
    const { structs, ds } = Y.decodeUpdate(updates[0]);
    expect(structs.reduce((n, s) => n + s.length, 0)).toBeLessThanOrEqual("beta".length);
    expect([...ds.clients.values()].flat().reduce((n, d) => n + d.len, 0)).toBeLessThanOrEqual("alpha".length);
  });

  it("does nothing when the text is unchanged", () => {
    expect(roundTrip("same\n", "same\n").updates).toHaveLength(0);
  });

  it.each([
    ["a😀", "a😃"],
    ["x😀y", "x😃y"],
    ["ab😀cd", "ab🙂cd"],
    ["😀", "🨀"], // same second half, different first half
    ["😀😀", "😀"],
    ["", "🎉"],
    ["🎉", ""],
    ["中文", "中国"],
  ])("never splits a surrogate pair: %j → %j", (a, b) => {
    const { local, received } = roundTrip(a, b);
    expect(local).toBe(b);
    expect(received).toBe(b);
  });

  it("turns any text into any other (random edits, emoji and CJK included), as stored and relayed", () => {
    const alphabet = ["a", "b", " ", "\n", "é", "中", "😀", "😃", "🙂", "🨀", "-", ":"];
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const randomText = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join("");
    for (let i = 0; i < 500; i++) {
      const a = randomText(Math.floor(rand() * 12));
      // b: a with a random span replaced
      const chars = [...a];
      const at = Math.floor(rand() * (chars.length + 1));
      chars.splice(at, Math.floor(rand() * 3), ...[...randomText(Math.floor(rand() * 3))]);
      const b = chars.join("");
      const { local, received } = roundTrip(a, b);
      expect([a, b, local]).toEqual([a, b, b]);
      expect([a, b, received]).toEqual([a, b, b]);
    }
  });
});

describe("base64", () => {
  it("round-trips bytes", () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 128]);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });
});
