// Reviewing generated code in a real browser. The seed owner writes a spec (one step's description holds a
// sample AWS key, so the output checks flag a line), saves two revisions and runs each offline; then, on the
// review page: comments on line 3 from the keyboard with an @mention, replies, resolves, approves one file and
// requests changes on another (the summary follows), looks at the diff against the previous run, exports a zip and
// a patch, sees the server's refusal for a run with nothing approved, finds everything in the Reviews inbox, and
// re-runs the steps that changed.
import fs from "node:fs";
import JSZip from "jszip";
import type { Page } from "@playwright/test";
import { BASE_URL, SEED, expect, screenshot, seedApi, signInViaUi, test, uniqueId, type StudioApi } from "../fixtures";

test.use({ colorScheme: "light", viewport: { width: 1440, height: 1000 } });

const WS = SEED.workspace;

const SPEC = (name: string, extra = "") => `workflow:
  name: ${name}
  description: Sends new orders to a partner.
  language: python
  steps:
    - id: load_orders
      description: Load the orders created since the last sync.
      inputs:
        - since: str
      outputs:
        - orders: list
    - id: call_partner
      description: |
        Post each order to the partner API. Its sandbox key is AKIAIOSFODNN7EXAMPLE for now.${extra}
      inputs:
        - orders: list
      outputs:
        - receipts: list
      depends_on: [load_orders]
`;

const auth = { authorization: `Bearer ${SEED.token}`, origin: BASE_URL };

async function ok<T>(res: Awaited<ReturnType<StudioApi["get"]>>, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status(), text).toBe(status);
  return JSON.parse(text) as T;
}

async function runToEnd(api: StudioApi, specId: string): Promise<{ id: string; number: number }> {
  const { run } = await ok<{ run: { id: string; number: number } }>(await api.post(`/api/v1/workspaces/${WS}/runs`, { specId, provider: "offline" }), 201);
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
  return run;
}

/** Close the notifications (downloads, re-runs) so that screenshots show the page under them. */
async function dismissToasts(page: Page) {
  const close = page.getByRole("button", { name: "Dismiss notification" });
  while ((await close.count()) > 0) await close.first().click();
}

function reviewPage(page: Page, runNumber: number) {
  const tree = page.getByRole("navigation", { name: `Files of run #${runNumber}` });
  const decision = page.getByTestId("decision-panel");
  return {
    summary: page.getByTestId("review-summary"),
    tree,
    file: (path: string) => tree.getByRole("button", { name: new RegExp(`^${path.replace(/[.]/g, "\\.")}, `) }),
    path: page.getByTestId("module-path"),
    code: (path: string) => page.getByRole("region", { name: new RegExp(`^Code of ${path.replace(/[.]/g, "\\.")}, \\d+ lines$`) }),
    thread: (line: number) => page.getByRole("region", { name: new RegExp(`^Thread on line ${line}, `) }),
    resolvedThread: (line: number) => page.getByRole("region", { name: new RegExp(`^Resolved thread on line ${line}, `) }),
    decision,
    decisionState: decision.getByTestId("review-state"),
    exportButton: page.getByRole("button", { name: "Export" }),
    exportItem: (name: RegExp) => page.getByRole("menuitem", { name }),
  };
}

test("review a run: comment, reply, resolve, approve, request changes, diff, export, inbox, re-run", async ({ page, request }) => {
  test.setTimeout(360_000);
  const api = seedApi(request);
  const name = `partner_sync_${uniqueId()}`;
  let runA = { id: "", number: 0 };
  let runB = { id: "", number: 0 };

  await test.step("API: self-approval on (the owner triggers the runs), a spec with two revisions, a run of each", async () => {
    await ok(await request.put(`/api/v1/workspaces/${WS}/review-settings`, { data: { approvalsRequired: 1, allowSelfApproval: true }, headers: auth }));
    const { spec } = await ok<{ spec: { id: string } }>(await api.post(`/api/v1/workspaces/${WS}/specs`, { name, content: SPEC(name) }), 201);
    await ok(await api.post(`/api/v1/workspaces/${WS}/specs/${spec.id}/revisions`, { message: "First cut" }), 201);
    runA = await runToEnd(api, spec.id);
    await ok(await request.patch(`/api/v1/workspaces/${WS}/specs/${spec.id}`, { data: { content: SPEC(name, "\n        Retry twice on a 503.") }, headers: auth }));
    await ok(await api.post(`/api/v1/workspaces/${WS}/specs/${spec.id}/revisions`, { message: "Retries" }), 201);
    runB = await runToEnd(api, spec.id);
  });

  const r = reviewPage(page, runB.number);
  const PARTNER = "steps/call_partner.py";

  await test.step("the review page lists the files by step with the summary and the offline label", async () => {
    await signInViaUi(page, SEED.email, SEED.password, `/w/${WS}/runs/${runB.id}/review`);
    await page.goto(`/w/${WS}/runs/${runB.id}/review`);
    await expect(page.getByRole("heading", { level: 1, name: `Review run #${runB.number}` })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(`^Review run #${runB.number}`));
    await expect(r.summary).toHaveText("0 of 5 approved");
    await expect(page.getByTestId("offline-label")).toHaveText("offline scaffold, not an LLM");
    // The run is of the newest revision: no step changed, so there is nothing to re-run.
    const rerunChanged = page.getByRole("button", { name: "Re-run changed steps" });
    await expect(rerunChanged).toBeDisabled();
    await expect(rerunChanged).toHaveAccessibleDescription("No step looks changed since this run.");
    await expect(r.tree.getByRole("button")).toHaveCount(5);
    await expect(r.tree.getByRole("heading", { name: "call_partner" })).toBeVisible();
    await expect(r.file(PARTNER)).toHaveAccessibleName(/^steps\/call_partner\.py, module, pending review, 1 finding$/);
  });

  await test.step("the finding is shown on its line", async () => {
    await r.file(PARTNER).click();
    await expect(r.path).toHaveText(PARTNER);
    await expect(page).toHaveURL(/[?&]module=/);
    const code = r.code(PARTNER);
    await expect(code).toBeVisible();
    const finding = code.getByTestId("finding");
    await expect(finding).toHaveCount(1);
    await expect(finding).toContainText("hardcoded-secret");
    await expect(finding).toContainText("Hard-coded an AWS access key id");
    await expect(code.getByRole("img", { name: /^Error on line \d+$/ })).toHaveCount(1);
  });

  await test.step("comments on line 3 from the keyboard, with an @mention picked from the list", async () => {
    const code = r.code(PARTNER);
    await code.getByRole("button", { name: /^Line 1[,:]/ }).focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(code.getByRole("button", { name: "Line 3: start a comment thread" })).toBeFocused();
    await page.keyboard.press("Enter");
    const box = page.getByRole("textbox", { name: "Comment on line 3" });
    await expect(box).toBeFocused();
    await box.pressSequentially("Should the docstring name the partner? @adm");
    // Other tests add members whose names also start with "adm": pick the seed owner's handle from the list.
    const option = page.getByRole("listbox", { name: "Members to mention" }).getByRole("option").filter({ hasText: "@admin · owner" });
    await expect(option).toHaveCount(1);
    while ((await option.getAttribute("aria-selected")) !== "true") await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(box).toHaveValue("Should the docstring name the partner? @admin ");
    await page.keyboard.press("Control+Enter");
    const thread = r.thread(3);
    await expect(thread).toBeVisible();
    await expect(thread.getByTestId("comment")).toHaveCount(1);
    await expect(thread).toContainText("Should the docstring name the partner? @admin");
    await expect(r.file(PARTNER)).toHaveAccessibleName(/1 open thread/);
  });

  await test.step("replies in the thread (screenshot: code, finding, thread)", async () => {
    const thread = r.thread(3);
    await thread.getByRole("button", { name: "Reply to the thread on line 3" }).click();
    await thread.getByRole("textbox", { name: "Reply to the thread on line 3" }).fill("Yes: name it in the spec and re-run.");
    await thread.getByRole("button", { name: "Reply", exact: true }).click();
    await expect(thread.getByTestId("comment")).toHaveCount(2);
    await expect(thread.getByTestId("comment").nth(1)).toContainText("Yes: name it in the spec and re-run.");
    await screenshot(page, "review-code-thread");
  });

  await test.step("resolves the thread: it folds, and the file has no open thread left", async () => {
    await r.thread(3).getByRole("button", { name: "Resolve the thread on line 3" }).click();
    const resolved = r.resolvedThread(3);
    await expect(resolved).toBeVisible();
    await expect(resolved.getByRole("button", { expanded: false })).toContainText("Resolved");
    await expect(r.file(PARTNER)).not.toHaveAccessibleName(/open thread/);
    await resolved.getByRole("button", { expanded: false }).click();
    await expect(resolved.getByRole("button", { name: "Reopen the thread on line 3" })).toBeVisible();
  });

  await test.step("approves this file: the summary updates", async () => {
    await r.decision.getByRole("button", { name: "Approve", exact: true }).click();
    await expect(r.decisionState).toHaveText("Approved");
    await expect(r.summary).toHaveText("1 of 5 approved");
    await expect(r.decision.getByRole("list", { name: "Current decisions" })).toContainText("approved");
    await expect(r.file(PARTNER)).toHaveAccessibleName(/, approved/);
  });

  await test.step("requests changes on another file, which needs a comment: the summary says so", async () => {
    await r.file("steps/load_orders.py").click();
    await expect(r.path).toHaveText("steps/load_orders.py");
    await r.decision.getByRole("button", { name: "Request changes…" }).click();
    const box = r.decision.getByRole("textbox", { name: /What should change/ });
    await expect(box).toBeFocused();
    await r.decision.getByRole("button", { name: "Request changes", exact: true }).click();
    await expect(r.decision.getByRole("alert")).toHaveText("Say what should change: a comment is required when requesting changes.");
    await box.fill("Filter out cancelled orders.");
    await r.decision.getByRole("button", { name: "Request changes", exact: true }).click();
    await expect(r.decisionState).toHaveText("Changes requested");
    await expect(r.summary).toHaveText("changes requested on 1 of 5");
    await expect(r.decision).toContainText("“Filter out cancelled orders.”");
  });

  await test.step("the diff against the previous run, next to the spec change (screenshot)", async () => {
    await r.file(PARTNER).click();
    await page.getByRole("tab", { name: "Changes" }).click();
    await expect(page).toHaveURL(/[?&]tab=diff/);
    const diff = page.getByTestId("module-diff");
    const tables = diff.getByTestId("diff-table");
    await expect(tables).toHaveCount(2);
    await expect(tables.first()).toHaveAttribute("data-mode", "split");
    await expect(tables.first().getByRole("columnheader", { name: `Before: run #${runA.number} (revision #1)` })).toBeVisible();
    await expect(tables.first()).toContainText("Retry twice on a 503.");
    await expect(diff.getByRole("heading", { name: /^Spec: revision #1 → #2/ })).toBeVisible();
    await screenshot(page, "review-diff");
    await diff.getByRole("button", { name: "Inline" }).click();
    await expect(tables.first()).toHaveAttribute("data-mode", "unified");
    await expect(tables.first().locator('tr[data-kind="add"]')).toContainText("added: ");
  });

  await test.step("exports the approved file as a zip, and as a patch", async () => {
    await r.exportButton.click();
    const [zip] = await Promise.all([page.waitForEvent("download"), r.exportItem(/^Export approved \(\.zip\)/).click()]);
    expect(zip.suggestedFilename()).toBe(`${name}-run-${runB.number}.zip`);
    const archive = await JSZip.loadAsync(fs.readFileSync((await zip.path())!));
    expect(Object.keys(archive.files).filter((p) => !archive.files[p].dir).sort()).toEqual(["README.md", PARTNER]);
    expect(await archive.file("README.md")!.async("string")).toContain(`| ${PARTNER} | approved |`);

    await r.exportButton.click();
    const [patch] = await Promise.all([page.waitForEvent("download"), r.exportItem(/^Export as patch/).click()]);
    expect(patch.suggestedFilename()).toBe(`${name}-run-${runB.number}.patch`);
    const text = fs.readFileSync((await patch.path())!, "utf8");
    expect(text).toMatch(/^# Spec Studio export of /);
    await expect(page.getByTestId("action-problem")).toHaveCount(0);
  });

  await test.step("compares the two runs: totals and files, with a link to the changed file's diff (screenshot)", async () => {
    await page.getByRole("link", { name: "Compare runs" }).click();
    await expect(page).toHaveURL(new RegExp(`/runs/${runB.id}/compare\\?with=${runA.id}$`));
    await expect(page.getByRole("heading", { level: 1, name: `Compare run #${runA.number} with run #${runB.number}` })).toBeVisible();
    await expect(page.getByTestId("compare-counts")).toHaveText(/1 changed.*0 added.*0 removed.*4 unchanged/);
    await expect(page.getByTestId("run-card-before")).toContainText("#1");
    await expect(page.getByTestId("run-card-after")).toContainText("#2");
    await dismissToasts(page);
    await screenshot(page, "review-compare");
    await page.getByRole("link", { name: `Diff of ${PARTNER}, run #${runA.number} to run #${runB.number}` }).click();
    await expect(page).toHaveURL(new RegExp(`/runs/${runB.id}/review\\?module=[^&]+&tab=diff&against=`));
    await expect(page.getByTestId("module-diff").getByTestId("diff-table").first()).toContainText("Retry twice on a 503.");
  });

  await test.step("the Reviews inbox: the run waits, the mention and the decisions are listed (screenshot)", async () => {
    await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Reviews", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Reviews" })).toBeVisible();
    const waiting = page.getByTestId("inbox-waiting").getByTestId("waiting-run").filter({ hasText: `Run #${runB.number} · ${name}` });
    await expect(waiting).toContainText("changes requested on 1 of 5");
    const mention = page.getByTestId("inbox-mentions").getByTestId("mention").filter({ hasText: `${PARTNER}:3` }).filter({ hasText: `run #${runB.number} · ${name}` });
    await expect(mention).toContainText("Should the docstring name the partner? @admin");
    await expect(page.getByTestId("inbox-decided").getByTestId("decision").filter({ hasText: "steps/load_orders.py" }).first()).toContainText("Filter out cancelled orders.");
    await dismissToasts(page);
    await screenshot(page, "reviews-inbox");
    await mention.getByRole("link", { name: `${PARTNER}:3` }).click();
    await expect(page).toHaveURL(new RegExp(`/runs/${runB.id}/review\\?module=.+&line=3&comment=`));
    await expect(r.path).toHaveText(PARTNER);
  });

  await test.step("the first run: a refused export shows the server's message; its changed step is stale and re-run", async () => {
    const a = reviewPage(page, runA.number);
    await page.goto(`/w/${WS}/runs/${runA.id}/review`);
    await expect(a.summary).toHaveText("0 of 5 approved");
    await expect(a.file(PARTNER)).toHaveAccessibleName(/stale: Step call_partner changed in revision #2\./);
    await a.file(PARTNER).click();
    await expect(page.getByTestId("stale-notice")).toContainText("Stale: Step call_partner changed in revision #2.");
    await page.getByRole("button", { name: /^Show the spec change/ }).click();
    await expect(page.getByTestId("stale-spec-diff").getByTestId("diff-table")).toContainText("Retry twice on a 503.");

    await a.exportButton.click();
    await a.exportItem(/^Export approved \(\.zip\)/).click();
    await expect(page.getByTestId("action-problem")).toContainText(`No module of run #${runA.number} is approved yet.`);

    await page.getByRole("button", { name: "Re-run changed steps" }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${WS}/runs/(?!${runA.id}|${runB.id})[a-z0-9]+$`), { timeout: 30_000 });
  });
});
