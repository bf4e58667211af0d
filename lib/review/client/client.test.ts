// The review page's pure helpers: diff rows for both layouts, @mention completion, threads, download names,
// highlighted lines as HTML, the files next to one in the tree.
import { describe, expect, it } from "vitest";
import { diffTexts } from "@/lib/review/diff";
import { diffInBrowser, splitRows, unifiedRows } from "@/lib/review/client/diff-rows";
import { filenameFromDisposition } from "@/lib/review/client/download";
import { cachedHtmlLines, highlightHtmlLines, htmlLines, tokensToHtml } from "@/lib/review/client/highlight";
import { handleFor, insertMention, matchMembers, mentionAt } from "@/lib/review/client/mentions";
import { mentionParts, threadsByLine } from "@/lib/review/client/threads";
import { treeNeighbours } from "@/lib/review/client/tree";
import type { CommentView, MemberView } from "@/lib/review/client/types";

const before = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].join("\n") + "\n";
const after = ["a", "b", "C", "d", "e", "f", "g", "h", "i", "j", "k"].join("\n") + "\n";

describe("diff rows", () => {
  const { hunks } = diffTexts({ path: "x", content: before, label: "1" }, { path: "x", content: after, label: "2" });

  it("inline: one row per line with old and new numbers, a header per hunk", () => {
    const rows = unifiedRows(hunks);
    expect(rows[0]).toMatchObject({ type: "hunk", hidden: 0 });
    const lines = rows.filter((r) => r.type === "line");
    expect(lines.filter((l) => l.kind === "del")).toEqual([{ type: "line", kind: "del", oldNo: 3, newNo: null, text: "c" }]);
    expect(lines.filter((l) => l.kind === "add").map((l) => [l.newNo, l.text])).toEqual([
      [3, "C"],
      [11, "k"],
    ]);
    const second = rows.filter((r) => r.type === "hunk")[1];
    expect(second).toMatchObject({ type: "hunk", hidden: 1 }); // line 7 is between the two hunks' context
  });

  it("side by side: a removal and the addition after it share a row; context lines pair up", () => {
    const rows = splitRows(hunks).filter((r) => r.type === "pair");
    expect(rows).toContainEqual({ type: "pair", left: { no: 3, text: "c", kind: "del" }, right: { no: 3, text: "C", kind: "add" } });
    expect(rows).toContainEqual({ type: "pair", left: null, right: { no: 11, text: "k", kind: "add" } });
    expect(rows).toContainEqual({ type: "pair", left: { no: 1, text: "a", kind: "context" }, right: { no: 1, text: "a", kind: "context" } });
  });

  it("computes the same hunks in the browser as on the server", () => {
    const browser = diffInBrowser(before, after, { a: "1", b: "2" });
    expect(browser).toMatchObject({ added: 2, removed: 1, identical: false });
    expect(browser.hunks).toEqual(hunks);
    expect(diffInBrowser(before, before, { a: "1", b: "1" })).toMatchObject({ identical: true, hunks: [] });
  });
});

describe("@mentions", () => {
  const members: MemberView[] = [
    { id: "m1", userId: "u1", email: "ada@example.test", name: "Ada Lovelace", role: "owner" },
    { id: "m2", userId: "u2", email: "grace@example.test", name: "Grace Hopper", role: "reviewer" },
    { id: "m3", userId: "u3", email: "grace@other.test", name: "Grace Kelly", role: "viewer" },
  ];

  it("finds the handle being typed before the caret", () => {
    expect(mentionAt("hello @gr", 9)).toEqual({ query: "gr", start: 6 });
    expect(mentionAt("@", 1)).toEqual({ query: "", start: 0 });
    expect(mentionAt("mail me at a@b", 14)).toBeNull();
    expect(mentionAt("hello @gr and more", 18)).toBeNull();
  });

  it("matches names and e-mails, best first, and picks a handle the server resolves unambiguously", () => {
    expect(matchMembers(members, "gra").map((m) => m.userId)).toEqual(["u2", "u3"]);
    expect(matchMembers(members, "hop").map((m) => m.userId)).toEqual(["u2"]);
    expect(matchMembers(members, "zzz")).toEqual([]);
    expect(handleFor(members[0], members)).toBe("ada");
    expect(handleFor(members[1], members)).toBe("grace@example.test");
  });

  it("inserts the handle in place of what was typed", () => {
    expect(insertMention("hi @gr!", 3, 6, "grace@example.test")).toEqual({ text: "hi @grace@example.test !", caret: 23 });
  });

  it("splits a body into text and mentions", () => {
    expect(mentionParts("ask @ada or @grace@example.test, please")).toEqual([
      { text: "ask ", mention: false },
      { text: "@ada", mention: true },
      { text: " or ", mention: false },
      { text: "@grace@example.test", mention: true },
      { text: ", please", mention: false },
    ]);
    expect(mentionParts("no mentions: a@b.c")).toEqual([{ text: "no mentions: a@b.c", mention: false }]);
  });
});

describe("threads", () => {
  const c = (id: string, line: number, parentId: string | null, at: string, resolved = false): CommentView => ({
    id,
    parentId,
    line,
    body: id,
    deleted: false,
    author: { id: "u", label: "U" },
    mentions: [],
    resolved,
    edited: false,
    createdAt: at,
  });

  it("groups replies under their root, threads by line, oldest first", () => {
    const byLine = threadsByLine([c("r2", 3, null, "2026-01-02"), c("r1", 3, null, "2026-01-01", true), c("x", 3, "r1", "2026-01-03"), c("r3", 9, null, "2026-01-04")]);
    expect([...byLine.keys()]).toEqual([3, 9]);
    expect(byLine.get(3)!.map((t) => [t.root.id, t.replies.map((r) => r.id), t.resolved])).toEqual([
      ["r1", ["x"], true],
      ["r2", [], false],
    ]);
  });
});

describe("download names", () => {
  it("reads the filename of a Content-Disposition header", () => {
    expect(filenameFromDisposition('attachment; filename="spec-run-3.zip"')).toBe("spec-run-3.zip");
    expect(filenameFromDisposition("attachment; filename=plain.patch")).toBe("plain.patch");
    expect(filenameFromDisposition("attachment; filename*=UTF-8''na%C3%AFve.zip")).toBe("naïve.zip");
    expect(filenameFromDisposition(null)).toBeNull();
  });
});

describe("highlighted lines as HTML", () => {
  it("escapes the code: generated text never becomes markup, in plain runs or in classed ones", () => {
    expect(tokensToHtml([{ text: "a < b && c > \"d\"", cls: "" }, { text: "'<img src=x onerror=alert(1)>'", cls: "tok-string" }])).toBe(
      'a &lt; b &amp;&amp; c &gt; &quot;d&quot;<span class="tok-string">\'&lt;img src=x onerror=alert(1)&gt;\'</span>',
    );
  });

  it("gives one string per line, with the grammar's classes; none for a language without a grammar", async () => {
    const lines = await htmlLines("def f(x):\n    return x < 1\n", "python");
    expect(lines?.slice(0, 2)).toEqual([
      '<span class="tok-keyword">def</span> <span class="tok-variableName tok-definition">f</span><span class="tok-punctuation">(</span><span class="tok-variableName">x</span><span class="tok-punctuation">)</span>:',
      '    <span class="tok-keyword">return</span> <span class="tok-variableName">x</span> <span class="tok-operator">&lt;</span> <span class="tok-number">1</span>',
    ]);
    expect(await htmlLines("a: 1\n", "cobol")).toBeNull();
  });

  it("remembers what it highlighted, so a view shows it at once", async () => {
    const code = "const seen = 1;\n";
    expect(cachedHtmlLines(code, "typescript")).toBeUndefined();
    const lines = await highlightHtmlLines(code, "typescript");
    expect(cachedHtmlLines(code, "typescript")).toBe(lines);
    expect(cachedHtmlLines(code, "javascript")).toBeUndefined();
  });
});

describe("tree neighbours", () => {
  const files = ["a", "b", "c"].map((id) => ({ id }));
  it("are the next file, then the previous one", () => {
    expect(treeNeighbours(files, "b").map((f) => f.id)).toEqual(["c", "a"]);
    expect(treeNeighbours(files, "a").map((f) => f.id)).toEqual(["b"]);
    expect(treeNeighbours(files, "c").map((f) => f.id)).toEqual(["b"]);
    expect(treeNeighbours(files, "zz")).toEqual([]);
  });
});
