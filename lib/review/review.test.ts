// Review against the real database: decisions and the run summary, self-approval, line comments in threads with
// mentions, export (zip and patch), staleness after a new revision, partial re-runs, and workspace isolation.
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { addComment, deleteComment, listComments, updateComment } from "@/lib/review/comments";
import { compareRuns } from "@/lib/review/compare-runs";
import { decideModule } from "@/lib/review/decide";
import { diffTexts } from "@/lib/review/diff";
import { exportRun } from "@/lib/review/export";
import { reviewInbox } from "@/lib/review/inbox";
import { moduleWorkspaceId } from "@/lib/review/modules";
import { reviewStates, summarizeRun } from "@/lib/review/status";
import { runReview } from "@/lib/review/views";
import { partialRerun } from "@/lib/runs/partial-rerun";
import { makeWorkspace, testDb } from "../../tests/helpers/db";
import { expectAppError } from "../../tests/helpers/errors";
import { accessAs, addSpecRevision, insertRun, makeReviewWorkspace, twoStepModules, TWO_STEP_YAML_CHARGE_CHANGED } from "../../tests/helpers/review";

let db: Db;
beforeAll(() => {
  db = testDb();
});

type Fixture = Awaited<ReturnType<typeof makeReviewWorkspace>>;

async function runOf(f: Fixture, opts: Partial<Parameters<typeof insertRun>[1]> = {}) {
  return insertRun(db, { workspaceId: f.ws.id, spec: f.spec, revision: f.revision, triggeredBy: f.owner, modules: twoStepModules(), ...opts });
}

/** The files (not folders) in a zip, sorted. */
const filesOf = (zip: JSZip) => Object.keys(zip.files).filter((p) => !zip.files[p].dir).sort();

const stateOf = async (moduleId: string, approvalsRequired: number) => (await reviewStates(db, [{ id: moduleId, carriedFromId: null }], approvalsRequired)).get(moduleId)!;

describe("decisions and the run summary", () => {
  it("needs approvalsRequired approvals; any standing request for changes wins; each reviewer's latest decision counts", async () => {
    const f = await makeReviewWorkspace(db, { approvalsRequired: 2 });
    const { run, modules, byPath } = await runOf(f);
    const mod = byPath("steps/fetch_order.py");
    const alice = await f.as(f.alice);
    const bob = await f.as(f.bob);

    await decideModule(db, alice, mod.id, { decision: "approve", comment: "" });
    expect((await stateOf(mod.id, 2)).state).toBe("pending");

    await decideModule(db, bob, mod.id, { decision: "request_changes", comment: "Handle a missing order." });
    let s = await stateOf(mod.id, 2);
    expect(s.state).toBe("changes_requested");
    expect(s.changesRequested).toEqual([expect.objectContaining({ reviewer: "Bob Baker", comment: "Handle a missing order." })]);

    // Bob changes his mind: only his latest decision counts, so two approvals stand.
    await decideModule(db, bob, mod.id, { decision: "approve", comment: "Fixed upstream." });
    s = await stateOf(mod.id, 2);
    expect(s.state).toBe("approved");
    expect(s.changesRequested).toEqual([]);
    expect(s.approvals.map((a) => a.reviewer).sort()).toEqual(["Alice Archer", "Bob Baker"]);

    // Alice asking for changes afterwards wins over Bob's approval.
    await decideModule(db, alice, mod.id, { decision: "request_changes", comment: "Actually, no." });
    expect((await stateOf(mod.id, 2)).state).toBe("changes_requested");
    await decideModule(db, alice, mod.id, { decision: "approve", comment: "" });

    const review = await runReview(db, run);
    expect(review.settings).toEqual({ approvalsRequired: 2, allowSelfApproval: false });
    expect(review.modules).toHaveLength(modules.length);
    expect(review.summary).toEqual({ state: "pending", label: `1 of ${modules.length} approved`, approved: 1, changesRequested: 0, total: modules.length });

    await decideModule(db, bob, byPath("flow.py").id, { decision: "request_changes", comment: "Wrong order of steps." });
    const after = await runReview(db, run);
    expect(after.summary).toMatchObject({ state: "changes_requested", label: `changes requested on 1 of ${modules.length}`, approved: 1, changesRequested: 1 });
    expect(after.modules.find((m) => m.path === "flow.py")!.review.state).toBe("changes_requested");
  });

  it("summarizes an empty, a fully approved and a pending run", () => {
    const approved = { state: "approved" as const, approvals: [], changesRequested: [] };
    const pending = { state: "pending" as const, approvals: [], changesRequested: [] };
    expect(summarizeRun([])).toMatchObject({ state: "empty", label: "no modules" });
    expect(summarizeRun([approved, approved])).toMatchObject({ state: "approved", label: "2 of 2 approved" });
    expect(summarizeRun([approved, pending, pending, approved])).toMatchObject({ state: "pending", label: "2 of 4 approved" });
  });

  it("refuses to request changes without a comment, and writes nothing", async () => {
    const f = await makeReviewWorkspace(db);
    const { byPath } = await runOf(f);
    const mod = byPath("steps/charge_card.py");
    const err = await expectAppError(decideModule(db, await f.as(f.alice), mod.id, { decision: "request_changes", comment: "" }), "validation_failed");
    expect(err.message).toMatch(/comment is required/);
    expect(await db.reviewDecision.count({ where: { moduleId: mod.id } })).toBe(0);
  });

  it("refuses self-approval unless the workspace allows it; asking for changes on your own run is fine", async () => {
    const f = await makeReviewWorkspace(db);
    const { byPath } = await runOf(f); // triggered by the owner
    const mod = byPath("steps/fetch_order.py");
    const owner = await f.as(f.owner);
    const err = await expectAppError(decideModule(db, owner, mod.id, { decision: "approve", comment: "" }), "forbidden");
    expect(err.message).toMatch(/You started this run/);
    expect(await db.reviewDecision.count({ where: { moduleId: mod.id } })).toBe(0);

    await decideModule(db, owner, mod.id, { decision: "request_changes", comment: "Needs a retry." });
    await db.workspace.update({ where: { id: f.ws.id }, data: { allowSelfApproval: true } });
    await decideModule(db, owner, mod.id, { decision: "approve", comment: "" });
    expect((await stateOf(mod.id, 1)).state).toBe("approved");
  });

  it("keeps viewers from deciding, and audits each decision", async () => {
    const f = await makeReviewWorkspace(db);
    const { byPath } = await runOf(f);
    await expectAppError(f.as(f.vic, "review:decide"), "forbidden");
    const mod = byPath("tests/test_charge_card.py");
    const d = await decideModule(db, await f.as(f.alice), mod.id, { decision: "approve", comment: "ok" });
    const events = await db.auditEvent.findMany({ where: { workspaceId: f.ws.id, action: "review.decision_made", resourceId: mod.id } });
    expect(events).toHaveLength(1);
    expect(events[0].actorId).toBe(f.alice.id);
    expect(events[0].after).toMatchObject({ decision: "approve", path: mod.path });
    expect(d.reviewerLabel).toBe("Alice Archer");
  });

  it("a module carried over into a partial re-run keeps its source's decisions", async () => {
    const f = await makeReviewWorkspace(db);
    const first = await runOf(f);
    const src = first.byPath("steps/fetch_order.py");
    await decideModule(db, await f.as(f.alice), src.id, { decision: "approve", comment: "" });
    const second = await runOf(f, {
      rerunOfId: first.run.id,
      modules: twoStepModules("v2").map((m) => (m.path === src.path ? { ...m, content: src.content, carriedFromId: src.id } : m)),
    });
    const review = await runReview(db, second.run);
    const carried = review.modules.find((m) => m.path === src.path)!;
    expect(carried).toMatchObject({ carriedOver: true, review: { state: "approved" } });
    expect(review.modules.filter((m) => !m.carriedOver).every((m) => m.review.state === "pending")).toBe(true);
  });
});

describe("line comments", () => {
  it("refuses a line beyond the module's length with validation_failed, and writes nothing", async () => {
    const f = await makeReviewWorkspace(db);
    const { byPath } = await runOf(f);
    const mod = byPath("steps/fetch_order.py"); // 5 lines and a final newline
    const lines = mod.content.replace(/\n$/, "").split("\n").length;
    expect(lines).toBe(5);
    const alice = await f.as(f.alice, "review:comment");
    const auditBefore = await db.auditEvent.count({ where: { workspaceId: f.ws.id } });

    const err = await expectAppError(addComment(db, alice, mod.id, { line: 40, body: "Where is line 40?" }), "validation_failed");
    expect(err.message).toBe(`Line 40 does not exist: ${mod.path} has ${lines} lines.`);
    expect(err.details).toEqual([{ path: "line", message: `Use a line from 1 to ${lines}.` }]);
    // The empty "line" after the final newline is not a line of the file either.
    await expectAppError(addComment(db, alice, mod.id, { line: lines + 1, body: "After the end" }), "validation_failed");
    await expectAppError(addComment(db, alice, mod.id, { body: "No line at all" }), "validation_failed");

    expect(await db.reviewComment.count({ where: { moduleId: mod.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { workspaceId: f.ws.id } })).toBe(auditBefore);

    const last = await addComment(db, alice, mod.id, { line: lines, body: "The last line is fine." });
    expect(last.line).toBe(lines);
  });

  it("a reply joins the thread's root and inherits its line, whatever line it names", async () => {
    const f = await makeReviewWorkspace(db);
    const { byPath } = await runOf(f);
    const mod = byPath("steps/fetch_order.py");
    const root = await addComment(db, await f.as(f.alice, "review:comment"), mod.id, { line: 3, body: "Why two blank lines?" });
    const reply = await addComment(db, await f.as(f.bob, "review:comment"), mod.id, { line: 1, body: "PEP 8.", parentId: root.id });
    const replyToReply = await addComment(db, await f.as(f.alice, "review:comment"), mod.id, { body: "Fair.", parentId: reply.id });
    expect(reply).toMatchObject({ line: 3, parentId: root.id });
    expect(replyToReply).toMatchObject({ line: 3, parentId: root.id });
    await expectAppError(addComment(db, await f.as(f.alice, "review:comment"), mod.id, { body: "?", parentId: "no-such-comment" }), "not_found");

    const list = await listComments(db, mod.id);
    expect(list.map((c) => [c.line, c.parentId, c.author.label])).toEqual([
      [3, null, "Alice Archer"],
      [3, root.id, "Bob Baker"],
      [3, root.id, "Alice Archer"],
    ]);
  });

  it("resolves @mentions by e-mail, e-mail local part or name without spaces, to member ids only", async () => {
    const f = await makeReviewWorkspace(db);
    const { byPath } = await runOf(f);
    const mod = byPath("steps/charge_card.py");
    const { owner } = await makeWorkspace(); // someone who is not a member
    const body = `@${f.alice.email.split("@")[0]} and @bobbaker, also @${f.vic.email}, not @${owner.email} nor @nobody.`;
    const c = await addComment(db, await f.as(f.owner, "review:comment"), mod.id, { line: 2, body });
    expect([...c.mentions].sort()).toEqual([f.alice.id, f.bob.id, f.vic.id].sort());
    const inbox = await reviewInbox(db, f.ws.id, f.bob.id);
    expect(inbox.mentions).toEqual([expect.objectContaining({ commentId: c.id, moduleId: mod.id, path: mod.path, line: 2, author: "owner" })]);

    // Editing re-resolves them.
    const edited = await updateComment(db, await f.as(f.owner, "review:comment"), mod.id, c.id, { body: "Only @AliceArcher now." });
    expect(edited.mentions).toEqual([f.alice.id]);
    expect((await reviewInbox(db, f.ws.id, f.bob.id)).mentions).toEqual([]);
  });

  it("only the author edits or deletes a comment; anyone who may comment resolves and reopens, with audit events", async () => {
    const f = await makeReviewWorkspace(db);
    const { run, byPath } = await runOf(f);
    const mod = byPath("steps/fetch_order.py");
    const alice = await f.as(f.alice, "review:comment");
    const bob = await f.as(f.bob, "review:comment");
    const c = await addComment(db, alice, mod.id, { line: 4, body: "Return type?" });

    const err = await expectAppError(updateComment(db, bob, mod.id, c.id, { body: "Bob was here" }), "forbidden");
    expect(err.message).toBe("You can only edit your own comments.");
    await expectAppError(deleteComment(db, bob, mod.id, c.id), "forbidden");
    expect((await db.reviewComment.findUniqueOrThrow({ where: { id: c.id } })).body).toBe("Return type?");

    const edited = await updateComment(db, alice, mod.id, c.id, { body: "Return type: dict?" });
    expect(edited.editedAt).not.toBeNull();

    expect((await runReview(db, run)).modules.find((m) => m.id === mod.id)!.openThreads).toBe(1);
    await updateComment(db, bob, mod.id, c.id, { resolved: true });
    const resolvedEvents = await db.auditEvent.findMany({ where: { workspaceId: f.ws.id, action: "review.comment_resolved", resourceId: c.id } });
    expect(resolvedEvents).toHaveLength(1);
    expect(resolvedEvents[0].actorId).toBe(f.bob.id);
    expect((await listComments(db, mod.id))[0].resolved).toBe(true);
    expect((await runReview(db, run)).modules.find((m) => m.id === mod.id)!.openThreads).toBe(0);

    // Resolving again changes nothing and writes no second event; reopening does.
    await updateComment(db, bob, mod.id, c.id, { resolved: true });
    expect(await db.auditEvent.count({ where: { action: "review.comment_resolved", resourceId: c.id } })).toBe(1);
    await updateComment(db, alice, mod.id, c.id, { resolved: false });
    expect(await db.auditEvent.count({ where: { action: "review.comment_reopened", resourceId: c.id } })).toBe(1);

    await deleteComment(db, alice, mod.id, c.id);
    const [view] = await listComments(db, mod.id);
    expect(view).toMatchObject({ id: c.id, deleted: true, body: "" });
    await expectAppError(updateComment(db, alice, mod.id, c.id, { body: "back" }), "not_found");
    expect(await db.auditEvent.count({ where: { action: "review.comment_deleted", resourceId: c.id } })).toBe(1);
  });
});

describe("export", () => {
  it("packs the approved files and a README naming the approvers into a zip; all=true adds the rest with their status", async () => {
    const f = await makeReviewWorkspace(db);
    const { run, byPath } = await runOf(f);
    const approved = byPath("steps/fetch_order.py");
    await decideModule(db, await f.as(f.alice), approved.id, { decision: "approve", comment: "" });
    await decideModule(db, await f.as(f.bob), byPath("steps/charge_card.py").id, { decision: "request_changes", comment: "No." });

    const out = await exportRun(db, await f.as(f.bob, "export:download"), run.id, { format: "zip", all: false });
    expect(out.contentType).toBe("application/zip");
    expect(out.filename).toBe(`${f.spec.name}-run-${run.number}.zip`);
    const zip = await JSZip.loadAsync(out.body as Buffer);
    expect(filesOf(zip)).toEqual(["README.md", "steps/fetch_order.py"]);
    expect(await zip.file("steps/fetch_order.py")!.async("string")).toBe(approved.content);
    const readme = await zip.file("README.md")!.async("string");
    expect(readme).toContain(`| steps/fetch_order.py | approved | Alice Archer (${new Date().toISOString().slice(0, 10)}) |`);
    expect(readme).toContain(`revision #${f.revision.number}`);
    expect(readme).toContain("(offline scaffold, not an LLM)");
    expect(readme).toContain("(approved modules only)");

    const all = await JSZip.loadAsync((await exportRun(db, await f.as(f.bob, "export:download"), run.id, { format: "zip", all: true })).body as Buffer);
    expect(filesOf(all)).toEqual(
      ["README.md", "flow.py", "steps/charge_card.py", "steps/fetch_order.py", "tests/test_charge_card.py", "tests/test_fetch_order.py"].sort(),
    );
    const allReadme = await all.file("README.md")!.async("string");
    expect(allReadme).toContain("| steps/charge_card.py | changes requested | — |");
    expect(allReadme).toContain("| flow.py | pending | — |");

    const events = await db.auditEvent.findMany({ where: { workspaceId: f.ws.id, action: "export.downloaded", resourceId: run.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.after)).toEqual([expect.objectContaining({ format: "zip", all: false, files: 1 }), expect.objectContaining({ format: "zip", all: true, files: 5 })]);
  });

  it("refuses with conflict when nothing is approved, or the run has not finished", async () => {
    const f = await makeReviewWorkspace(db);
    const { run } = await runOf(f);
    const reviewer = await f.as(f.alice, "export:download");
    const err = await expectAppError(exportRun(db, reviewer, run.id, { format: "zip", all: false }), "conflict");
    expect(err.message).toBe(`No module of run #${run.number} is approved yet. Approve modules first, or export all with their status (all=true).`);

    const running = await runOf(f, { status: "running" });
    const err2 = await expectAppError(exportRun(db, reviewer, running.run.id, { format: "zip", all: true }), "conflict");
    expect(err2.message).toBe(`Run #${running.run.number} is still running: export it when it has finished.`);
    const queued = await runOf(f, { status: "queued", modules: [] });
    await expectAppError(exportRun(db, reviewer, queued.run.id, { format: "patch", all: true }), "conflict");
    expect(await db.export.count({ where: { specId: f.spec.id } })).toBe(0);
  });

  it("a patch diffs against the spec's previous export", async () => {
    const f = await makeReviewWorkspace(db);
    const alice = await f.as(f.alice);
    const first = await runOf(f);
    await decideModule(db, alice, first.byPath("steps/fetch_order.py").id, { decision: "approve", comment: "" });
    const p1 = await exportRun(db, alice, first.run.id, { format: "patch", all: false });
    expect(p1.contentType).toMatch(/^text\/x-diff/);
    const text1 = String(p1.body);
    expect(text1).toContain("against nothing (first export)");
    expect(text1).toContain("+++ b/steps/fetch_order.py");

    const second = await runOf(f, { modules: twoStepModules("v2") });
    for (const p of ["steps/fetch_order.py", "steps/charge_card.py"]) await decideModule(db, alice, second.byPath(p).id, { decision: "approve", comment: "" });
    const text2 = String((await exportRun(db, alice, second.run.id, { format: "patch", all: false })).body);
    expect(text2).toMatch(/against the export of \d{4}-\d\d-\d\dT/);
    expect(text2).toContain("--- a/steps/fetch_order.py");
    expect(text2).toContain('-"""fetch_order (v1)."""');
    expect(text2).toContain('+"""fetch_order (v2)."""');
    // A file that was not in the previous export is added from /dev/null.
    expect(text2).toContain("--- /dev/null\n+++ b/steps/charge_card.py");
    expect(text2).not.toContain("tests/test_fetch_order.py");
  });
});

describe("staleness and partial re-runs", () => {
  it("a new revision that changes one step marks only that step's modules stale, with the revisions involved", async () => {
    const f = await makeReviewWorkspace(db);
    const { run } = await runOf(f);
    expect((await runReview(db, run)).modules.every((m) => !m.staleness.stale)).toBe(true);

    const r2 = await addSpecRevision(db, await f.as(f.owner, "spec:write"), f.spec.id, TWO_STEP_YAML_CHARGE_CHANGED);
    const review = await runReview(db, run);
    const stale = review.modules.filter((m) => m.staleness.stale).map((m) => m.path).sort();
    expect(stale).toEqual(["steps/charge_card.py", "tests/test_charge_card.py"]);
    expect(review.modules.find((m) => m.path === "steps/charge_card.py")!.staleness).toEqual({
      stale: true,
      reason: `Step charge_card changed in revision #${r2.number}.`,
      fromRevisionId: f.revision.id,
      fromRevision: f.revision.number,
      toRevisionId: r2.id,
      toRevision: r2.number,
    });
  });

  it("removing a step says so", async () => {
    const f = await makeReviewWorkspace(db);
    const { run } = await runOf(f);
    const withoutCharge = TWO_STEP_YAML_CHARGE_CHANGED.slice(0, TWO_STEP_YAML_CHARGE_CHANGED.indexOf("    - id: charge_card"));
    const r2 = await addSpecRevision(db, await f.as(f.owner, "spec:write"), f.spec.id, withoutCharge);
    expect(r2.valid).toBe(true);
    const review = await runReview(db, run);
    expect(review.modules.find((m) => m.path === "steps/charge_card.py")!.staleness).toMatchObject({ stale: true, reason: `Step charge_card was removed in revision #${r2.number}.` });
    // The flow's fingerprint (step ids and dependencies) changed too.
    expect(review.modules.find((m) => m.path === "flow.py")!.staleness.stale).toBe(true);
    expect(review.modules.find((m) => m.path === "steps/fetch_order.py")!.staleness.stale).toBe(false);
  });

  it("a partial re-run naming unknown steps is refused with validation_failed naming them", async () => {
    const f = await makeReviewWorkspace(db);
    const { run } = await runOf(f);
    const owner = await f.as(f.owner, "run:trigger");
    const err = await expectAppError(partialRerun(db, owner, run.id, ["charge_card", "refund", "ship_it"]), "validation_failed");
    expect(err.message).toBe(`Unknown steps: refund, ship_it. Revision #${f.revision.number} has: fetch_order, charge_card.`);
    expect(err.details).toMatchObject({ field: "steps", unknown: ["refund", "ship_it"] });

    const none = await expectAppError(partialRerun(db, owner, run.id, undefined), "validation_failed");
    expect(none.message).toBe(`No step changed since run #${run.number}; name the steps to re-run.`);
    expect(await db.run.count({ where: { workspaceId: f.ws.id } })).toBe(1);
  });
});

describe("workspace isolation", () => {
  it("a decision or comment on another workspace's module is not_found, by id lookup and by authorize", async () => {
    const f = await makeReviewWorkspace(db);
    const { byPath } = await runOf(f);
    const mod = byPath("steps/fetch_order.py");
    const other = await makeReviewWorkspace(db);
    const outsider = await other.as(other.alice);

    await expectAppError(decideModule(db, outsider, mod.id, { decision: "approve", comment: "" }), "not_found");
    await expectAppError(addComment(db, await other.as(other.alice, "review:comment"), mod.id, { line: 1, body: "hi" }), "not_found");
    // The route's flow: the module's workspace, then authorize in it: a non-member learns nothing.
    const wsId = await moduleWorkspaceId(db, mod.id);
    expect(wsId).toBe(f.ws.id);
    await expectAppError(accessAs(db, wsId, other.alice, "review:decide"), "not_found");
    await expectAppError(moduleWorkspaceId(db, "no-such-module"), "not_found");
    expect(await db.reviewDecision.count({ where: { moduleId: mod.id } })).toBe(0);
    expect(await db.reviewComment.count({ where: { moduleId: mod.id } })).toBe(0);

    await expectAppError(compareRuns(db, other.ws.id, mod.runId, mod.runId), "not_found");
  });
});

describe("compare, diff and inbox", () => {
  it("compares two runs file by file", async () => {
    const f = await makeReviewWorkspace(db);
    const a = await runOf(f);
    const b = await runOf(f, {
      modules: [...twoStepModules().filter((m) => m.path !== "flow.py" && m.path !== "steps/charge_card.py"), { stepKey: "charge_card", path: "steps/charge_card.py", content: "changed\n" }, { stepKey: "extra", path: "steps/extra.py", content: "new\n" }],
    });
    const cmp = await compareRuns(db, f.ws.id, a.run.id, b.run.id);
    expect(cmp.from).toMatchObject({ id: a.run.id, number: a.run.number, durationMs: 4000, inputTokens: 1200 });
    const change = Object.fromEntries(cmp.files.map((x) => [x.path, x.change]));
    expect(change).toEqual({
      "flow.py": "removed",
      "steps/charge_card.py": "changed",
      "steps/extra.py": "added",
      "steps/fetch_order.py": "unchanged",
      "tests/test_charge_card.py": "unchanged",
      "tests/test_fetch_order.py": "unchanged",
    });
    expect(cmp.files.find((x) => x.path === "steps/charge_card.py")).toMatchObject({ fromModuleId: a.byPath("steps/charge_card.py").id, toModuleId: b.byPath("steps/charge_card.py").id });
  });

  it("diffTexts counts added and removed lines and gives hunks for both views", () => {
    const a = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    const b = a.replace("line 10\n", "line ten\n").replace("line 20\n", "line 20\nline 21\n");
    const d = diffTexts({ path: "x.py", content: a, label: "run #1" }, { path: "x.py", content: b, label: "run #2" });
    expect(d).toMatchObject({ added: 2, removed: 1, identical: false });
    expect(d.hunks.length).toBe(2);
    expect(d.hunks[0]).toMatchObject({ oldStart: 7, newStart: 7 });
    expect(d.hunks[0].lines).toContain("-line 10");
    expect(d.hunks[0].lines).toContain("+line ten");
    expect(d.unified).toContain("--- x.py\trun #1");
    expect(diffTexts({ path: "x", content: a, label: "a" }, { path: "x", content: a, label: "b" })).toMatchObject({ identical: true, added: 0, removed: 0, hunks: [] });
  });

  it("the inbox lists runs waiting for review and recent decisions, and drops a run once it is approved", async () => {
    const f = await makeReviewWorkspace(db);
    const { run, modules } = await runOf(f, { modules: twoStepModules().slice(0, 2) });
    let inbox = await reviewInbox(db, f.ws.id, f.alice.id);
    expect(inbox.waiting).toEqual([expect.objectContaining({ runId: run.id, number: run.number, summary: expect.objectContaining({ label: "0 of 2 approved" }) })]);
    expect(inbox.decided).toEqual([]);
    for (const m of modules) await decideModule(db, await f.as(f.alice), m.id, { decision: "approve", comment: "" });
    inbox = await reviewInbox(db, f.ws.id, f.alice.id);
    expect(inbox.waiting).toEqual([]);
    expect(inbox.decided.map((d) => [d.path, d.decision, d.reviewer])).toEqual(
      expect.arrayContaining([
        ["steps/fetch_order.py", "approve", "Alice Archer"],
        ["tests/test_fetch_order.py", "approve", "Alice Archer"],
      ]),
    );
  });
});
