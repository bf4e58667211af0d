// The review API over real HTTP: line comments and their refusals, decisions (self-approval, a second reviewer,
// unknown modules), exports that are refused with a message (nothing approved, run not finished) and those that
// work, partial re-runs naming unknown steps, and a stranger who learns nothing about another workspace's module.
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import JSZip from "jszip";
import { startStepFake } from "../../tests/helpers/runs";
import { BASE_URL, SEED, StudioApi, expect, expectApiError, seedApi, signInViaApi, signUpViaApi, test, uniqueEmail, uniqueId, type TestUser } from "../fixtures";

test.describe.configure({ mode: "serial" });

const WS = SEED.workspace;

const SPEC = (name: string) => `workflow:
  name: ${name}
  description: Two steps for the review API tests.
  language: python
  steps:
    - id: fetch_order
      description: Load the order by id.
      inputs:
        - order_id: str
      outputs:
        - order: dict
    - id: charge_card
      description: Charge the order's card.
      inputs:
        - order: dict
      outputs:
        - receipt: dict
      depends_on: [fetch_order]
`;

interface ReviewModule {
  id: string;
  path: string;
  step: string;
  review: { state: string; approvals: { reviewer: string }[] };
}
interface RunReview {
  settings: { approvalsRequired: number; allowSelfApproval: boolean };
  summary: { state: string; label: string };
  modules: ReviewModule[];
}

async function json<T>(res: Awaited<ReturnType<StudioApi["get"]>>, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status(), text).toBe(status);
  return JSON.parse(text) as T;
}

/** A spec with one saved revision and a finished offline run of it. */
async function specWithRun(api: StudioApi): Promise<{ specId: string; runId: string; runNumber: number }> {
  const name = `review_api_${uniqueId()}`;
  const { spec } = await json<{ spec: { id: string } }>(await api.post(`/api/v1/workspaces/${WS}/specs`, { name, content: SPEC(name) }), 201);
  await json(await api.post(`/api/v1/workspaces/${WS}/specs/${spec.id}/revisions`, { message: "first" }), 201);
  const { run } = await json<{ run: { id: string; number: number } }>(await api.post(`/api/v1/workspaces/${WS}/runs`, { specId: spec.id, provider: "offline" }), 201);
  await expect
    .poll(
      async () => {
        // A transient 5xx while the run's worker is busy is retried, not fatal: only the final status matters here.
        const res = await api.get(`/api/v1/runs/${run.id}`);
        return res.ok() ? ((await res.json()) as { run: { status: string } }).run.status : `HTTP ${res.status()}`;
      },
      { timeout: 90_000, intervals: [250, 500, 1000] },
    )
    .toBe("succeeded");
  return { specId: spec.id, runId: run.id, runNumber: run.number };
}

/** A signed-in account in its own cookie jar; the seed owner invites it to the seed workspace with `role`. */
async function member(role: "reviewer" | "viewer" | null): Promise<{ user: TestUser; request: APIRequestContext; api: StudioApi }> {
  const request = await playwrightRequest.newContext({ baseURL: BASE_URL });
  const user = await signUpViaApi(request, { email: uniqueEmail(role ?? "stranger"), name: `${role ?? "stranger"} ${uniqueId().slice(-4)}` });
  await signInViaApi(request, user.email, user.password);
  const api = new StudioApi(request);
  if (role) {
    const owner = new StudioApi(await playwrightRequest.newContext({ baseURL: BASE_URL }), { token: SEED.token });
    const { invitation } = await json<{ invitation: { link: string } }>(await owner.post(`/api/v1/workspaces/${WS}/members`, { email: user.email, role }), 201);
    const secret = new URL(invitation.link).pathname.split("/").pop()!;
    const accepted = await api.post(`/api/v1/invitations/${secret}/accept`, {});
    expect(accepted.status(), await accepted.text()).toBeLessThan(300);
    await owner.request.dispose();
  }
  return { user, request, api };
}

let runId = "";
let runNumber = 0;
let specId = "";
let modules: ReviewModule[] = [];
const byPath = (p: string) => modules.find((m) => m.path === p)!;
let reviewer: Awaited<ReturnType<typeof member>>;

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  const seed = seedApi(request);
  // The seed owner triggers the runs here: self-approval must be off for the refusal below.
  await json(await seed.request.put(`/api/v1/workspaces/${WS}/review-settings`, { data: { approvalsRequired: 1, allowSelfApproval: false }, headers: { authorization: `Bearer ${SEED.token}`, origin: BASE_URL } }));
  ({ runId, runNumber, specId } = await specWithRun(seed));
  modules = (await json<RunReview>(await seed.get(`/api/v1/runs/${runId}/review`))).modules;
  expect(modules.map((m) => m.path).sort()).toEqual(["flow.py", "steps/charge_card.py", "steps/fetch_order.py", "tests/test_charge_card.py", "tests/test_fetch_order.py"]);
  reviewer = await member("reviewer");
});

test.afterAll(async () => {
  await reviewer?.request.dispose();
});

test("line comments: a missing line is 422 and writes nothing; a reply takes its thread's line; only the author edits", async ({ request }) => {
  const seed = seedApi(request);
  const mod = byPath("steps/fetch_order.py");
  const { module } = await json<{ module: { content: string } }>(await seed.get(`/api/v1/modules/${mod.id}`));
  const lines = module.content.replace(/\n$/, "").split("\n").length;

  const err = await expectApiError(await seed.post(`/api/v1/modules/${mod.id}/comments`, { line: lines + 50, body: "Where is this line?" }), 422, "validation_failed");
  expect(err.message).toBe(`Line ${lines + 50} does not exist: ${mod.path} has ${lines} lines.`);
  expect(err.details).toEqual([{ path: "line", message: `Use a line from 1 to ${lines}.` }]);
  await expectApiError(await seed.post(`/api/v1/modules/${mod.id}/comments`, { body: "No line" }), 422, "validation_failed");
  await expectApiError(await seed.post(`/api/v1/modules/${mod.id}/comments`, { line: 1, body: "   " }), 422, "validation_failed");
  expect((await json<{ comments: unknown[] }>(await seed.get(`/api/v1/modules/${mod.id}/comments`))).comments).toEqual([]);

  const { comment: root } = await json<{ comment: { id: string; line: number; mentions: string[] } }>(
    await seed.post(`/api/v1/modules/${mod.id}/comments`, { line: 3, body: `Is this right, @${reviewer.user.email.split("@")[0]}?` }),
    201,
  );
  expect(root.line).toBe(3);
  expect(root.mentions).toEqual([reviewer.user.id]);
  const { comment: reply } = await json<{ comment: { line: number; parentId: string } }>(await reviewer.api.post(`/api/v1/modules/${mod.id}/comments`, { line: 1, parentId: root.id, body: "Yes." }), 201);
  expect(reply).toMatchObject({ line: 3, parentId: root.id });

  // The reviewer cannot edit or delete the owner's comment, but may resolve the thread.
  const forbidden = await expectApiError(await reviewer.request.patch(`/api/v1/modules/${mod.id}/comments/${root.id}`, { data: { body: "edited by someone else" }, headers: { origin: BASE_URL } }), 403, "forbidden");
  expect(forbidden.message).toBe("You can only edit your own comments.");
  await expectApiError(await reviewer.request.delete(`/api/v1/modules/${mod.id}/comments/${root.id}`, { headers: { origin: BASE_URL } }), 403, "forbidden");
  const resolved = await json<{ comment: { resolved: boolean } }>(await reviewer.request.patch(`/api/v1/modules/${mod.id}/comments/${root.id}`, { data: { resolved: true }, headers: { origin: BASE_URL } }));
  expect(resolved.comment.resolved).toBe(true);

  // The reviewer's inbox lists the mention.
  const inbox = await json<{ mentions: { commentId: string; line: number }[] }>(await reviewer.api.get(`/api/v1/workspaces/${WS}/reviews`));
  expect(inbox.mentions).toEqual(expect.arrayContaining([expect.objectContaining({ commentId: root.id, line: 3 })]));
});

test("export with nothing approved is 409 with a message; so is the export of a run that has not finished", async ({ request }) => {
  const seed = seedApi(request);
  const err = await expectApiError(await seed.get(`/api/v1/runs/${runId}/export`, { format: "zip" }), 409, "conflict");
  expect(err.message).toBe(`No module of run #${runNumber} is approved yet. Approve modules first, or export all with their status (all=true).`);
  await expectApiError(await seed.get(`/api/v1/runs/${runId}/export`, { format: "patch" }), 409, "conflict");

  // A run that has not finished (queued or running) is not exported. Its model writes a chunk a second, so the run
  // is surely still going when the export is asked for (an offline run can finish in a few milliseconds).
  const fake = await startStepFake({ defaultDelayMs: 1_000, defaultChunks: 60 });
  const created = await json<{ provider: { id: string } }>(
    await seed.post(`/api/v1/workspaces/${WS}/providers`, {
      kind: "openai-compatible",
      name: `Slow model ${uniqueId().slice(-5)}`,
      baseUrl: fake.baseURL,
      models: ["slow-model"],
      defaultModel: "slow-model",
    }),
    201,
  );
  try {
    const { run } = await json<{ run: { id: string; number: number } }>(await seed.post(`/api/v1/workspaces/${WS}/runs`, { specId, provider: created.provider.id }), 201);
    const early = await expectApiError(await seed.get(`/api/v1/runs/${run.id}/export`, { format: "zip", all: "true" }), 409, "conflict");
    expect(early.message).toMatch(new RegExp(`^Run #${run.number} is still (queued|running): export it when it has finished\\.$`));
    expect((await seed.post(`/api/v1/runs/${run.id}/cancel`, {})).status()).toBe(200);
  } finally {
    await seed.delete(`/api/v1/workspaces/${WS}/providers/${created.provider.id}`);
    await fake.close();
  }

  await expectApiError(await seed.get(`/api/v1/runs/${runId}/export`, { format: "tar" }), 422, "validation_failed");
  await expectApiError(await seed.get(`/api/v1/runs/no-such-run/export`), 404, "not_found");
});

test("decisions: unknown module 404, a comment is needed to request changes, self-approval refused, another reviewer approves", async ({ request }) => {
  const seed = seedApi(request);
  await expectApiError(await seed.post(`/api/v1/modules/no-such-module/reviews`, { decision: "approve" }), 404, "not_found");
  await expectApiError(await seed.post(`/api/v1/modules/${byPath("flow.py").id}/reviews`, { decision: "maybe" }), 422, "validation_failed");

  const mod = byPath("steps/charge_card.py");
  const noComment = await expectApiError(await reviewer.api.post(`/api/v1/modules/${mod.id}/reviews`, { decision: "request_changes" }), 422, "validation_failed");
  expect(noComment.message).toMatch(/comment is required/);

  const self = await expectApiError(await seed.post(`/api/v1/modules/${mod.id}/reviews`, { decision: "approve" }), 403, "forbidden");
  expect(self.message).toBe("You started this run, and this workspace does not let people approve their own runs. Ask another reviewer.");

  const ok = await json<{ decision: { decision: string; reviewer: string } }>(await reviewer.api.post(`/api/v1/modules/${mod.id}/reviews`, { decision: "approve", comment: "Looks right." }), 201);
  expect(ok.decision).toMatchObject({ decision: "approve", reviewer: reviewer.user.name });
  await json(await reviewer.api.post(`/api/v1/modules/${byPath("steps/fetch_order.py").id}/reviews`, { decision: "request_changes", comment: "Handle a missing order." }), 201);

  const review = await json<RunReview>(await seed.get(`/api/v1/runs/${runId}/review`));
  expect(review.summary).toMatchObject({ state: "changes_requested", label: "changes requested on 1 of 5" });
  expect(review.modules.find((m) => m.id === mod.id)!.review).toMatchObject({ state: "approved", approvals: [{ reviewer: reviewer.user.name }] });
});

test("export: the approved file as a zip with a README naming its approver, and as a patch", async ({ request }) => {
  const seed = seedApi(request);
  const zipRes = await seed.get(`/api/v1/runs/${runId}/export`, { format: "zip" });
  expect(zipRes.status(), await zipRes.text()).toBe(200);
  expect(zipRes.headers()["content-type"]).toBe("application/zip");
  expect(zipRes.headers()["content-disposition"]).toMatch(new RegExp(`^attachment; filename=".+-run-${runNumber}\\.zip"$`));
  const zip = await JSZip.loadAsync(await zipRes.body());
  const files = Object.keys(zip.files).filter((p) => !zip.files[p].dir).sort();
  expect(files).toEqual(["README.md", "steps/charge_card.py"]);
  const readme = await zip.file("README.md")!.async("string");
  expect(readme).toContain(`| steps/charge_card.py | approved | ${reviewer.user.name} (`);
  expect(readme).toContain("(offline scaffold, not an LLM)");

  const patchRes = await seed.get(`/api/v1/runs/${runId}/export`, { format: "patch" });
  expect(patchRes.status()).toBe(200);
  expect(patchRes.headers()["content-type"]).toMatch(/^text\/x-diff/);
  const text = await patchRes.text();
  // The zip above was this spec's previous export, with the same file: nothing changed since.
  expect(text).toMatch(/^# Spec Studio export of .+, run #\d+, against the export of \d{4}-/);
  expect(text).not.toContain("+++ b/steps/charge_card.py");

  const all = await JSZip.loadAsync(await (await seed.get(`/api/v1/runs/${runId}/export`, { format: "zip", all: "true" })).body());
  expect(Object.keys(all.files).filter((p) => !all.files[p].dir)).toHaveLength(6);
  expect(await all.file("README.md")!.async("string")).toContain("| steps/fetch_order.py | changes requested | — |");
});

test("a partial re-run naming unknown steps is 422 and names them; a stranger gets 404 for the module", async ({ request }) => {
  const seed = seedApi(request);
  const err = await expectApiError(await seed.post(`/api/v1/runs/${runId}/rerun`, { steps: ["charge_card", "ship_it"] }), 422, "validation_failed");
  expect(err.message).toMatch(/^Unknown steps: ship_it\. Revision #1 has: fetch_order, charge_card\.$/);
  const none = await expectApiError(await seed.post(`/api/v1/runs/${runId}/rerun`, { changedOnly: true }), 422, "validation_failed");
  expect(none.message).toBe(`No step changed since run #${runNumber}; name the steps to re-run.`);

  const stranger = await member(null);
  try {
    const mod = byPath("steps/fetch_order.py");
    await expectApiError(await stranger.api.get(`/api/v1/modules/${mod.id}`), 404, "not_found");
    await expectApiError(await stranger.api.post(`/api/v1/modules/${mod.id}/reviews`, { decision: "approve" }), 404, "not_found");
    await expectApiError(await stranger.api.post(`/api/v1/modules/${mod.id}/comments`, { line: 1, body: "hi" }), 404, "not_found");
    await expectApiError(await stranger.api.get(`/api/v1/runs/${runId}/export`), 404, "not_found");
    // Same answer as for a module that does not exist at all.
    await expectApiError(await stranger.api.get(`/api/v1/modules/no-such-module`), 404, "not_found");
  } finally {
    await stranger.request.dispose();
  }
});
