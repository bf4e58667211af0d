// Live co-editing of a spec in real browsers: two sessions converge, see each other, survive going offline;
// live diagnostics survive a reload; revisions can be saved, compared and restored.
//
// The two co-editing "people" are one owner signed in twice: two sessions, two Yjs clients with distinct awareness
// client ids, which is what convergence and presence depend on (the viewer test adds a second account). The owner is a
// fresh account with a workspace of its own rather than the seeded admin: sign-ins are limited to 8 per account per
// 15 minutes (successful ones count too), which re-runs against the seed account would soon use up.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { StudioApi, expect, screenshot, signInViaApi, signUpViaApi, test, uniqueId } from "../fixtures";

test.use({ colorScheme: "light" });

const START = `workflow:
  name: collab_check
  description: Two people edit this at once.
  steps:
    - id: first_step
      description: one
    - id: second_step
      description: two
      depends_on: [first_step]
`;

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** Two signed-in sessions of the same new owner, and their workspace; made once per worker. */
let owner: { name: string; slug: string; sessions: [StorageState, StorageState] };

test.beforeAll(async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const user = await signUpViaApi(first.request, { name: "Ada Lovelace" });
    await signInViaApi(first.request, user.email, user.password);
    await signInViaApi(second.request, user.email, user.password);
    const ws = await new StudioApi(first.request).createWorkspace({ name: `Collab ${uniqueId()}` });
    owner = { name: user.name, slug: ws.slug, sessions: [await first.storageState(), await second.storageState()] };
  } finally {
    await first.close();
    await second.close();
  }
});

async function createSpec(context: BrowserContext, content = START): Promise<{ id: string; name: string }> {
  const name = `Collab ${uniqueId()}`;
  const res = await new StudioApi(context.request).post(`/api/v1/workspaces/${owner.slug}/specs`, { name, content });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { spec: { id: string; name: string } }).spec;
}

async function session(browser: Browser, which: 0 | 1): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ colorScheme: "light", viewport: { width: 1440, height: 1000 }, storageState: owner.sessions[which] });
  return { context, page: await context.newPage() };
}

const editorUrl = (specId: string) => `/w/${owner.slug}/specs/${specId}`;

function editorObject(page: Page) {
  return {
    content: page.getByRole("textbox", { name: "Spec YAML" }),
    status: page.getByTestId("sync-status"),
    peers: page.getByTestId("presence-peer"),
    problems: page.getByRole("list", { name: "Problems in the spec" }),
    problemsSummary: page.getByTestId("problems-summary"),
    /** The editor's document, read from CodeMirror's state (the DOM holds only the visible lines, plus carets). */
    text: () =>
      page.evaluate(() => {
        type View = { state: { doc: { toString(): string } } };
        const el = document.querySelector(".cm-content") as (Element & { cmTile?: { root?: { view?: View } }; cmView?: { rootView?: { view?: View } } }) | null;
        const view = el?.cmTile?.root?.view ?? el?.cmView?.rootView?.view;
        // null until the editor has loaded (it is set up after hydration).
        return view ? view.state.doc.toString() : null;
      }),
  };
}

/** Open the editor and wait until the document has arrived and the editor accepts input. */
async function openEditor(page: Page, specId: string) {
  await page.goto(editorUrl(specId));
  const ed = editorObject(page);
  await expect(ed.status).toHaveText("Saved", { timeout: 30_000 });
  await expect(ed.content).toHaveAttribute("contenteditable", "true");
  return ed;
}

/** Put the cursor at the end of the first line containing `text` (case-sensitive), then type. */
async function typeAtEndOf(page: Page, text: string, typed: string) {
  const pattern = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  await page.locator(".cm-line", { hasText: pattern }).first().click();
  await page.keyboard.press("End");
  await page.keyboard.type(typed, { delay: 15 });
}

test("two sessions co-edit: both converge and see each other", async ({ browser }) => {
  const a = await session(browser, 0);
  const b = await session(browser, 1);
  const spec = await createSpec(a.context);
  try {
    const edA = await openEditor(a.page, spec.id);
    const edB = await openEditor(b.page, spec.id);
    expect(await edA.text()).toBe(START);

    await test.step("each sees the other in the presence bar, and itself as You", async () => {
      for (const ed of [edA, edB]) {
        await expect(ed.peers).toHaveCount(2);
        await expect(ed.peers.first()).toHaveText("You");
      }
      await expect(a.page.getByRole("status").filter({ hasText: "1 other person is here" })).toHaveCount(1);
    });

    await test.step("both type at the same time; both end with the same text", async () => {
      await Promise.all([typeAtEndOf(a.page, "name: collab_check", "_alpha"), typeAtEndOf(b.page, "description: two", " and beta")]);
      const expected = START.replace("name: collab_check", "name: collab_check_alpha").replace("description: two", "description: two and beta");
      await expect.poll(() => edA.text(), { timeout: 15_000 }).toBe(expected);
      await expect.poll(() => edB.text(), { timeout: 15_000 }).toBe(expected);
      await expect(edA.status).toHaveText("Saved");
      await expect(edB.status).toHaveText("Saved");
    });

    await test.step("undo only undoes your own edits", async () => {
      // Undo in A until A's typing is gone (Yjs may have captured it in more than one step); B's edit stays.
      const expected = START.replace("description: two", "description: two and beta");
      await expect
        .poll(async () => {
          const text = await edA.text();
          if (text?.includes("collab_check_")) await a.page.keyboard.press("ControlOrMeta+z");
          return text;
        })
        .toBe(expected);
      await expect.poll(() => edB.text(), { timeout: 15_000 }).toBe(expected);
    });

    await test.step("the server has the merged text", async () => {
      await expect
        .poll(async () => ((await (await new StudioApi(a.context.request).get(`/api/v1/workspaces/${owner.slug}/specs/${spec.id}`)).json()) as { spec: { content: string } }).spec.content)
        .toBe(await edB.text());
    });

    await test.step("a session that leaves disappears from the other's presence bar", async () => {
      await b.page.goto(`/w/${owner.slug}/specs`);
      await expect(edA.peers).toHaveCount(1, { timeout: 20_000 });
    });
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test("offline edits are kept and merge when the connection comes back", async ({ browser }) => {
  const a = await session(browser, 0);
  const b = await session(browser, 1);
  const spec = await createSpec(a.context);
  try {
    const edA = await openEditor(a.page, spec.id);
    const edB = await openEditor(b.page, spec.id);

    await a.context.setOffline(true);
    await typeAtEndOf(a.page, "description: one", " (written offline)");
    await expect(edA.status).toHaveText("Offline — your edits are kept and will sync when you reconnect", { timeout: 20_000 });
    await typeAtEndOf(b.page, "description: Two people", " Really.");

    const both = START.replace("description: one", "description: one (written offline)").replace(
      "description: Two people edit this at once.",
      "description: Two people edit this at once. Really.",
    );
    // While apart: the server, and so B, never got A's edit; A keeps it.
    await expect.poll(() => edB.text()).toBe(START.replace("at once.", "at once. Really."));
    await expect(edB.status).toHaveText("Saved");
    expect(await edA.text()).toContain("description: one (written offline)");
    await expect(edA.status).toHaveText("Offline — your edits are kept and will sync when you reconnect");

    await a.context.setOffline(false);
    await expect.poll(() => edA.text(), { timeout: 30_000 }).toBe(both);
    await expect.poll(() => edB.text(), { timeout: 30_000 }).toBe(both);
    await expect(edA.status).toHaveText("Saved", { timeout: 20_000 });
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test("invalid YAML shows a located problem; the draft survives a reload; depends_on completes step ids", async ({ browser }) => {
  const { context, page } = await session(browser, 0);
  const spec = await createSpec(context);
  try {
    const ed = await openEditor(page, spec.id);
    await expect(ed.problemsSummary).toHaveText("No problems");

    await test.step("completion of step ids inside depends_on", async () => {
      await typeAtEndOf(page, "description: one", "");
      await page.keyboard.press("Enter");
      await page.keyboard.type("depends_on: [", { delay: 15 });
      await page.keyboard.press("Control+Space");
      await expect(page.getByRole("listbox")).toBeVisible();
      const option = page.getByRole("option", { name: "second_step" });
      await expect(option).toBeVisible();
      // Only the other step is offered: a step does not depend on itself.
      await expect(page.getByRole("option")).toHaveCount(1);
      await option.click();
      await page.keyboard.type("]");
      await expect.poll(() => ed.text()).toContain("      depends_on: [second_step]\n");
      // first_step ↔ second_step now depend on each other: a cycle, reported with its place.
      await expect(ed.problems.getByRole("button")).toHaveCount(1);
      await expect(ed.problems).toContainText("dependency cycle");
      // Undo, step by step, back to where we started.
      await expect
        .poll(async () => {
          if ((await ed.text()) !== START) await page.keyboard.press("ControlOrMeta+z");
          return ed.text();
        })
        .toBe(START);
      await expect(ed.problemsSummary).toHaveText("No problems");
    });

    await test.step("broken YAML is underlined and listed with line and column", async () => {
      await typeAtEndOf(page, "depends_on: [first_step]", "");
      await page.keyboard.press("Enter");
      await page.keyboard.type("bad: [1, 2", { delay: 15 });
      await expect(ed.problemsSummary).toHaveText(/error/);
      const problem = ed.problems.getByRole("button").first();
      await expect(problem).toContainText("YAML syntax error");
      await expect(problem).toContainText(/Line \d+, column \d+/);
      // Underlined in the text (or marked at the end of it) and flagged in the gutter.
      await expect(page.locator(".cm-lintRange-error, .cm-lintPoint-error")).not.toHaveCount(0);
      await expect(page.locator(".cm-lint-marker-error").first()).toBeVisible();
      await expect(ed.status).toHaveText("Saved");
    });

    await test.step("choosing a problem puts the cursor on it", async () => {
      await page.locator(".cm-line", { hasText: "name: collab_check" }).click();
      await ed.problems.getByRole("button").first().click();
      await expect(ed.content).toBeFocused();
    });

    await test.step("the outline lists the steps and jumps to them", async () => {
      const outline = page.getByRole("navigation", { name: "Steps" });
      await expect(outline.getByRole("button")).toHaveCount(2);
      await outline.getByRole("button", { name: /second_step/ }).click();
      await expect(ed.content).toBeFocused();
    });

    await test.step("after a reload the invalid draft is still there, with its problem", async () => {
      await page.reload();
      await expect(ed.status).toHaveText("Saved", { timeout: 30_000 });
      await expect.poll(() => ed.text()).toContain("      bad: [1, 2");
      await expect(ed.problems.getByRole("button").first()).toContainText(/Line \d+, column \d+/);
      await expect(page.getByText("Invalid", { exact: true })).toBeVisible();
    });
  } finally {
    await context.close();
  }
});

test("save revisions, compare them in History, restore the first", async ({ browser }) => {
  const a = await session(browser, 0);
  const b = await session(browser, 1);
  const spec = await createSpec(a.context);
  const { page } = a;
  try {
    const ed = await openEditor(page, spec.id);
    await openEditor(b.page, spec.id);

    async function saveRevision(message: string, number: number) {
      await page.getByRole("button", { name: "Save revision" }).click();
      const dialog = page.getByRole("dialog", { name: "Save a revision" });
      await dialog.getByLabel("What changed?").fill(message);
      await dialog.getByRole("button", { name: "Save revision" }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByText(`Revision #${number} saved`)).toBeVisible();
    }

    await saveRevision("First version", 1);
    await expect(page.getByText("The spec is valid and can be run.")).toBeVisible();

    await typeAtEndOf(page, "description: one", " — now with more detail");
    await expect(ed.status).toHaveText("Saved");
    await saveRevision("More detail", 2);

    await test.step("an invalid revision is saved, with a warning that it cannot be run", async () => {
      await typeAtEndOf(page, "      description: two", "");
      await page.keyboard.press("Enter");
      await page.keyboard.type("oops: [", { delay: 15 });
      await expect(ed.problemsSummary).toHaveText(/error/);
      await page.getByRole("button", { name: "Save revision" }).click();
      const dialog = page.getByRole("dialog", { name: "Save a revision" });
      await expect(dialog.getByText(/an invalid revision cannot be run/)).toBeVisible();
      await dialog.getByLabel("What changed?").fill("Work in progress");
      await dialog.getByRole("button", { name: "Save revision" }).click();
      await expect(page.getByText("Revision #3 saved")).toBeVisible();
      await expect(page.getByText(/invalid revisions are kept but cannot be run/)).toBeVisible();
    });

    await test.step("History compares the latest two revisions side by side (screenshot)", async () => {
      await page.getByRole("link", { name: "History" }).click();
      await expect(page).toHaveURL(new RegExp(`/specs/${spec.id}/history$`));
      await expect(page.getByRole("heading", { name: `History of ${spec.name}`, level: 1 })).toBeVisible();
      const rows = page.getByRole("table").getByRole("row");
      await expect(rows).toHaveCount(4);
      await expect(rows.nth(1)).toContainText("#3");
      await expect(rows.nth(1)).toContainText("Work in progress");
      await expect(rows.nth(1)).toContainText("Invalid");
      await expect(rows.nth(3)).toContainText("First version");
      await expect(page.getByTestId("diff-summary")).toHaveText("From revision #2 to revision #3: 1 line added, 0 lines removed.");
      await expect(page.getByTestId("revision-diff").locator(".cm-mergeView")).toBeVisible();
    });

    await test.step("any two revisions can be compared, inline too", async () => {
      await page.getByLabel("Before", { exact: true }).selectOption({ label: "#1 — First version" });
      await page.getByLabel("After", { exact: true }).selectOption({ label: "#2 — More detail" });
      await expect(page.getByTestId("diff-summary")).toHaveText("From revision #1 to revision #2: 1 line added, 1 line removed.");
      const diff = page.getByTestId("revision-diff");
      await expect(diff.locator(".cm-merge-b .cm-changedText").first()).toContainText("now with more detail");
      await screenshot(page, "spec-history-diff");
      await page.getByRole("button", { name: "Inline" }).click();
      await expect(page.getByRole("button", { name: "Inline" })).toHaveAttribute("aria-pressed", "true");
      await expect(diff.locator(".cm-deletedChunk")).toContainText("description: one");
      await screenshot(page, "spec-history-inline");
      await page.emulateMedia({ colorScheme: "dark" });
      await expect(page.locator("html")).toHaveClass(/dark/);
      await page.getByRole("button", { name: "Side by side" }).click();
      await screenshot(page, "spec-history-diff-dark");
      await page.emulateMedia({ colorScheme: "light" });
    });

    await test.step("restoring the first revision puts its text back in every editor", async () => {
      await page.getByRole("button", { name: "Restore revision #1" }).click();
      const dialog = page.getByRole("dialog", { name: "Restore revision #1?" });
      await dialog.getByRole("button", { name: "Restore revision #1" }).click();
      await expect(page.getByText("Restored revision #1")).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`/specs/${spec.id}$`));
      await expect(ed.status).toHaveText("Saved", { timeout: 30_000 });
      await expect.poll(() => ed.text()).toBe(START);
      // The other session, which stayed in the editor, got the text live.
      await expect.poll(() => editorObject(b.page).text()).toBe(START);
      await page.getByRole("link", { name: "History" }).click();
      const latest = page.getByRole("table").getByRole("row").nth(1);
      await expect(latest).toContainText("#4");
      await expect(latest).toContainText("Restored revision #1");
      await expect(latest).toContainText("Restored from revision #1");
    });
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test("an edit the server refuses (the spec was archived meanwhile) pauses the editor and says why", async ({ browser }) => {
  const { context, page } = await session(browser, 0);
  try {
    const spec = await createSpec(context);
    const ed = await openEditor(page, spec.id);
    const res = await new StudioApi(context.request).request.patch(`/api/v1/workspaces/${owner.slug}/specs/${spec.id}`, {
      data: { archived: true },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(res.status(), await res.text()).toBe(200);
    await typeAtEndOf(page, "description: one", "!");
    const alert = page.getByRole("alert").filter({ hasText: "Your last edit was not saved" });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText("This spec is archived: unarchive it to edit.");
    await expect(ed.content).toHaveAttribute("contenteditable", "false");
    await alert.getByRole("button", { name: "Reload" }).click();
    await expect(page.getByText("Read only — this spec is archived")).toBeVisible();
    await expect.poll(() => ed.text()).toBe(START);
  } finally {
    await context.close();
  }
});

test("screenshot: editor with problems and two people present", async ({ browser }) => {
  const a = await session(browser, 0);
  const b = await session(browser, 1);
  const spec = await createSpec(a.context);
  try {
    const ed = await openEditor(a.page, spec.id);
    await openEditor(b.page, spec.id);
    await typeAtEndOf(b.page, "description: one", "");
    await b.page.keyboard.press("Enter");
    await b.page.keyboard.type("inputs: [payload", { delay: 10 });
    await typeAtEndOf(a.page, "depends_on: [first_step]", "");
    await a.page.keyboard.press("Enter");
    await a.page.keyboard.type("retries: three", { delay: 10 });
    await expect(ed.peers).toHaveCount(2);
    await expect(ed.problemsSummary).toHaveText(/error/);
    await expect(a.page.locator(".cm-ySelectionCaret").first()).toBeVisible();
    await screenshot(a.page, "spec-editor-problems-presence");
    // The same in the dark theme (the system theme is followed by default).
    await a.page.emulateMedia({ colorScheme: "dark" });
    await expect(a.page.locator("html")).toHaveClass(/dark/);
    await screenshot(a.page, "spec-editor-dark");
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

// A viewer opens the editor read-only: a second account, invited as a viewer into the owner's workspace.
test("a viewer sees the spec read-only, with a note saying why", async ({ browser }) => {
  const ownerSession = await session(browser, 0);
  const spec = await createSpec(ownerSession.context);
  const context = await browser.newContext({ colorScheme: "light" });
  try {
    const viewer = await signUpViaApi(context.request, { name: "Vera Viewer" });
    const invited = await new StudioApi(ownerSession.context.request).post(`/api/v1/workspaces/${owner.slug}/members`, { email: viewer.email, role: "viewer" });
    expect(invited.status(), await invited.text()).toBe(201);
    const { invitation } = (await invited.json()) as { invitation: { link: string } };
    await signInViaApi(context.request, viewer.email, viewer.password);
    const accepted = await new StudioApi(context.request).post(`/api/v1/invitations/${new URL(invitation.link).pathname.split("/").pop()}/accept`, {});
    expect(accepted.status(), await accepted.text()).toBe(200);
  } finally {
    await ownerSession.context.close();
  }
  const page = await context.newPage();
  try {
    await page.goto(editorUrl(spec.id));
    const ed = editorObject(page);
    await expect(page.getByText("Read only — your role is viewer")).toBeVisible();
    await expect(ed.status).toHaveText("Saved", { timeout: 30_000 });
    await expect(ed.content).toHaveAttribute("contenteditable", "false");
    await expect(ed.content).toHaveAttribute("aria-readonly", "true");
    await expect.poll(() => ed.text()).toBe(START);
    // typing does nothing: the editor refuses input (and the server would refuse a viewer's update anyway)
    await page.locator(".cm-line", { hasText: "name: collab_check" }).click();
    await page.keyboard.type("_viewer_was_here");
    await expect(ed.status).toHaveText("Saved");
    expect(await ed.text()).toBe(START);
    await expect(page.getByRole("button", { name: "Save revision" })).toHaveCount(0);
    await page.goto(`/w/${owner.slug}/specs`);
    await expect(page.getByRole("link", { name: spec.name })).toBeVisible();
    await expect(page.getByRole("button", { name: "New spec" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Import .yaml" })).toHaveCount(0);
    await page.getByRole("button", { name: `Actions for ${spec.name}` }).click();
    await expect(page.getByRole("menuitem", { name: "Export .yaml" })).toBeVisible();
    await expect(page.getByRole("menuitem", { name: /Rename|Archive/ })).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("an edit the studio cannot take right now (503, 429) is kept, sent again with backoff, and lands", async ({ browser }) => {
  const a = await session(browser, 0);
  const spec = await createSpec(a.context);
  try {
    const ed = await openEditor(a.page, spec.id);
    // The network answers the first two sends as an overloaded server would; later ones go through.
    const refused: { status: number; at: number }[] = [];
    await a.page.route("**/updates", async (route) => {
      if (refused.length < 2) {
        const status = refused.length === 0 ? 503 : 429;
        refused.push({ status, at: Date.now() });
        await route.fulfill({ status, headers: { "retry-after": "1", "content-type": "application/json" }, body: JSON.stringify({ error: { code: "busy", message: "busy", details: null } }) });
      } else {
        await route.continue();
      }
    });
    await typeAtEndOf(a.page, "description: one", " (kept through a busy server)");
    await expect(ed.status).toContainText("The studio is busy — your edits are kept");
    await expect(ed.status).toHaveText("Saved", { timeout: 20_000 });
    expect(refused.map((r) => r.status)).toEqual([503, 429]);
    // Retry-After: 1 was honoured between the two refusals (no hot loop of resends)
    expect(refused[1].at - refused[0].at).toBeGreaterThanOrEqual(900);
    await a.page.unroute("**/updates");
    // what the server stored has the edit: a fresh load shows it
    await a.page.reload();
    const again = await openEditor(a.page, spec.id);
    await expect.poll(() => again.text()).toBe(START.replace("description: one", "description: one (kept through a busy server)"));
  } finally {
    await a.context.close();
  }
});
