import { describe, expect, it } from "vitest";
import { TokenBatcher } from "./token-batcher";

/** A storage stand-in whose writes finish only when the test says so, to hold a write in flight. */
function gatedStore() {
  const writes: string[] = [];
  const gates: (() => void)[] = [];
  const write = (text: string) =>
    new Promise<void>((resolve) => {
      writes.push(text);
      gates.push(resolve);
    });
  const release = async () => {
    gates.shift()?.();
    // let the finished write's continuation start the next one
    await new Promise((r) => setImmediate(r));
  };
  return { writes, write, release };
}

describe("TokenBatcher", () => {
  it("writes a lone token at once, without waiting for a window", () => {
    const store = gatedStore();
    const b = new TokenBatcher(store.write);
    b.push("def f():");
    expect(store.writes).toEqual(["def f():"]);
  });

  it("coalesces tokens that arrive during a slow write into the next write, in order", async () => {
    const store = gatedStore();
    const b = new TokenBatcher(store.write);
    b.push("a");
    for (const t of ["b", "c", "d"]) b.push(t);
    expect(store.writes).toEqual(["a"]);
    await store.release();
    expect(store.writes).toEqual(["a", "bcd"]);
    b.push("e");
    expect(store.writes).toEqual(["a", "bcd"]);
    const flushed = b.flush();
    await store.release();
    await store.release();
    await flushed;
    expect(store.writes).toEqual(["a", "bcd", "e"]);
  });

  it("flush waits for the write in flight and the coalesced rest", async () => {
    const done: string[] = [];
    const b = new TokenBatcher(async (t) => {
      await new Promise((r) => setTimeout(r, 5));
      done.push(t);
    });
    b.push("x");
    b.push("y");
    b.push("z");
    await b.flush();
    expect(done).toEqual(["x", "yz"]);
  });

  it("reports a failed write from flush and writes nothing after it", async () => {
    const writes: string[] = [];
    const b = new TokenBatcher(async (t) => {
      writes.push(t);
      if (t === "bad") throw new Error("disk full");
    });
    b.push("bad");
    b.push("after");
    await expect(b.flush()).rejects.toThrow("disk full");
    b.push("later");
    await expect(b.flush()).rejects.toThrow("disk full");
    expect(writes).toEqual(["bad"]);
  });

  it("writes nothing once stopped", async () => {
    const store = gatedStore();
    const b = new TokenBatcher(store.write);
    b.push("a");
    b.push("b");
    b.stop();
    b.push("c");
    await store.release();
    expect(store.writes).toEqual(["a"]);
  });

  it("drain waits for the write in flight and hands back the rest instead of writing it", async () => {
    const store = gatedStore();
    const b = new TokenBatcher(store.write);
    b.push("a");
    b.push("b");
    b.push("c");
    const drained = b.drain();
    await store.release();
    expect(await drained).toBe("bc");
    expect(store.writes).toEqual(["a"]);
    b.push("d");
    await b.flush();
    expect(store.writes).toEqual(["a"]);
  });
});
