// Generation runs with the offline scaffolder, in a real browser: the run page follows a run live (timeline,
// events, code streaming in, stored modules with the offline label), two pages show the same run, a reload resumes,
// a run can be cancelled and re-run, and the runs list shows them. Settings: a provider's key is write-only.
//
// Runs are started through the API (the Run button lives on the spec editor page, owned elsewhere); everything
// after that is what a person sees. The browser signs in once (sign-ins are limited per account) and the session
// is shared by every page.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { BASE_URL, SEED, expect, screenshot, seedApi, signInViaUi, test, uniqueId, type StudioApi } from "../fixtures";
import { startStepFake } from "../../tests/helpers/runs";

test.use({ colorScheme: "light" });
test.describe.configure({ mode: "serial" });

const WS = SEED.workspace;

const spec = (name: string, steps: string[]) =>
  `workflow:\n  name: ${name}\n  description: Offline run check.\n  steps:\n${steps
    .map((s, i) => `    - id: ${s}\n      description: Step number ${i + 1}.\n${i > 0 ? `      depends_on: [${steps[i - 1]}]\n` : ""}`)
    .join("")}`;

const THREE = ["validate_input", "create_account", "send_welcome_email"];
const MANY = Array.from({ length: 25 }, (_, i) => `step_${String(i + 1).padStart(2, "0")}`);

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
let session: StorageState;
let small: { id: string; name: string };
let large: { id: string; name: string };
let firstRunId: string;

interface RunBody {
  run: { id: string; number: number; status: string };
  created: boolean;
}

async function createSpecWithRevision(api: StudioApi, name: string, content: string) {
  const res = await api.post(`/api/v1/workspaces/${WS}/specs`, { name, content });
  expect(res.status(), await res.text()).toBe(201);
  const created = ((await res.json()) as { spec: { id: string; name: string; valid: boolean } }).spec;
  expect(created.valid).toBe(true);
  const rev = await api.post(`/api/v1/workspaces/${WS}/specs/${created.id}/revisions`, { message: "ready to run" });
  expect(rev.status(), await rev.text()).toBe(201);
  return { id: created.id, name: created.name };
}

async function trigger(api: StudioApi, specId: string, key = `e2e-${uniqueId()}`): Promise<RunBody & { status: number }> {
  const res = await api.post(`/api/v1/workspaces/${WS}/runs`, { specId }, { "idempotency-key": key });
  const text = await res.text();
  expect([200, 201], text).toContain(res.status());
  return { ...(JSON.parse(text) as RunBody), status: res.status() };
}

async function signedInPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ colorScheme: "light", viewport: { width: 1440, height: 1000 }, storageState: session });
  return { context, page: await context.newPage() };
}

function runPage(page: Page) {
  const view = page.getByTestId("run-view");
  const timeline = page.getByRole("list", { name: /Steps of the run on a shared time axis/ });
  return {
    view,
    timeline,
    bars: timeline.getByRole("button"),
    bar: (step: string) => timeline.locator(`button[data-step="${step}"]`),
    details: page.getByTestId("step-details"),
    code: (path: string) => page.getByRole("region", { name: `Code of ${path}` }),
    cancel: page.getByRole("button", { name: "Cancel run" }),
    rerun: page.getByRole("button", { name: "Re-run" }),
    heading: page.getByRole("heading", { level: 1 }),
  };
}

test.beforeAll(async ({ browser, request }) => {
  const api = seedApi(request);
  small = await createSpecWithRevision(api, `Onboarding ${uniqueId()}`, spec("onboarding", THREE));
  large = await createSpecWithRevision(api, `Big flow ${uniqueId()}`, spec("big_flow", MANY));

  // One sign-in through the sign-in page; every later page reuses the session.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInViaUi(page, SEED.email, SEED.password, `/w/${WS}/runs`);
  session = await context.storageState();
  await context.close();
});

test("the runs page explains how to start a run, or lists the runs", async ({ browser }) => {
  const { context, page } = await signedInPage(browser);
  await page.goto(`/w/${WS}/runs`);
  await expect(page.getByRole("heading", { name: "Runs", level: 1 })).toBeVisible();
  const empty = page.getByRole("heading", { name: "No runs yet", level: 2 });
  const table = page.getByRole("table");
  await expect(empty.or(table)).toBeVisible();
  if (await empty.isVisible()) {
    await expect(page.getByText(/open a spec whose latest revision is\s+valid and press/i)).toBeVisible();
    await expect(page.getByRole("link", { name: "Open specs" })).toBeVisible();
    await screenshot(page, "runs-empty");
  }
  await context.close();
});

test("an offline run succeeds on its page: timeline, events, code, offline label; a second page agrees", async ({ browser, request }) => {
  const api = seedApi(request);
  const key = `e2e-${uniqueId()}`;
  const first = await trigger(api, small.id, key);
  expect(first.status).toBe(201);
  expect(first.created).toBe(true);
  // The same key never starts a second run.
  const again = await trigger(api, small.id, key);
  expect(again.status).toBe(200);
  expect(again.created).toBe(false);
  expect(again.run.id).toBe(first.run.id);
  firstRunId = first.run.id;

  const { context, page } = await signedInPage(browser);
  await page.goto(`/w/${WS}/runs/${firstRunId}`);
  const rp = runPage(page);
  await expect(rp.heading).toContainText(`Run #${first.run.number}`);
  await expect(rp.view).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  await expect(rp.bars).toHaveCount(THREE.length + 1);
  for (const step of THREE) await expect(rp.bar(step)).toHaveAttribute("aria-label", new RegExp(`^${step}: succeeded in .+, 1 attempt$`));
  await expect(rp.bar("__flow__")).toHaveAttribute("aria-label", /succeeded \(scaffolded\)/);
  await expect(page.getByTestId("run-facts").getByTestId("offline-label")).toHaveText("offline scaffold, not an LLM");

  // The selected step: its events and its stored module and test.
  await rp.bar("create_account").click();
  await expect(rp.bar("create_account")).toHaveAttribute("aria-pressed", "true");
  await expect(rp.details).toHaveAttribute("data-step", "create_account");
  await expect(rp.details.getByTestId("step-event").filter({ hasText: "Scaffolder call" })).toBeVisible();
  await rp.details.getByText(/^Prompt \(/).click();
  await expect(rp.details.getByText(/Write the Python module and tests for the step below/).first()).toBeVisible();
  await expect(rp.details.getByTestId("step-event").filter({ hasText: "Wrote steps/create_account.py" })).toBeVisible();
  await expect(rp.code("steps/create_account.py")).toContainText("def create_account");
  await expect(rp.details.getByTestId("offline-label")).toBeVisible();
  await rp.details.getByRole("tab", { name: /Test/ }).click();
  await expect(rp.code("tests/test_create_account.py")).toContainText("create_account");
  // Arrow keys move between steps.
  await rp.bar("create_account").focus();
  await page.keyboard.press("ArrowDown");
  await expect(rp.bar("send_welcome_email")).toBeFocused();
  await expect(rp.details).toHaveAttribute("data-step", "send_welcome_email");
  await rp.bar("__flow__").click();
  await expect(rp.code("flow.py")).toContainText("offline scaffold, not an LLM");
  await rp.bar("create_account").click();
  await screenshot(page, "run-page");

  // A second page replays the same run from storage and shows the same thing.
  const second = await context.newPage();
  await second.goto(`/w/${WS}/runs/${firstRunId}`);
  const rp2 = runPage(second);
  await expect(rp2.view).toHaveAttribute("data-status", "succeeded");
  await expect(rp2.bars).toHaveCount(THREE.length + 1);
  for (const step of THREE) await expect(rp2.bar(step)).toHaveAttribute("aria-label", (await rp.bar(step).getAttribute("aria-label"))!);
  await rp2.bar("validate_input").click();
  await expect(rp2.code("steps/validate_input.py")).toContainText("def validate_input");
  await expect(second.getByText("Replayed from storage (run finished)")).toBeVisible();
  await context.close();
});

test("a long run streams, survives a reload mid-run, and ends with every step once", async ({ browser, request }) => {
  const { run } = await trigger(seedApi(request), large.id);
  const { context, page } = await signedInPage(browser);
  await page.goto(`/w/${WS}/runs/${run.id}`);
  const rp = runPage(page);
  await expect(rp.bars).toHaveCount(MANY.length + 1);
  await screenshot(page, "run-page-live");
  await page.reload();
  await expect(rp.view).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await expect(rp.bars).toHaveCount(MANY.length + 1);
  const labels = await rp.bars.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
  expect(labels.filter((l) => / succeeded/.test(l))).toHaveLength(MANY.length + 1);
  await rp.bar("step_13").click();
  await expect(rp.code("steps/step_13.py")).toContainText("def step_13");
  await context.close();
});

test("a spec with no revision yet is saved and run from the Run dialog", async ({ browser, request }) => {
  const api = seedApi(request);
  const res = await api.post(`/api/v1/workspaces/${WS}/specs`, { name: `Fresh ${uniqueId()}`, content: spec("fresh_flow", THREE) });
  expect(res.status(), await res.text()).toBe(201);
  const created = ((await res.json()) as { spec: { id: string } }).spec;
  const { context, page } = await signedInPage(browser);
  try {
    await page.goto(`/w/${WS}/specs/${created.id}`);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Start a generation run" });
    await expect(dialog.getByTestId("estimate-error")).toContainText("This spec has no valid revision yet.");
    await expect(dialog.getByRole("button", { name: "Start run" })).toBeDisabled();
    await dialog.getByRole("button", { name: "Save the current text as a revision" }).click();
    await expect(dialog.getByRole("heading", { name: "Estimate for revision #1" })).toBeVisible({ timeout: 20_000 });
    await screenshot(page, "run-dialog-after-saving-a-revision");
    await dialog.getByRole("button", { name: "Start run" }).click();
    await expect(page).toHaveURL(/\/runs\/[^/]+$/, { timeout: 20_000 });
    await expect(runPage(page).view).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
    const revisions = await api.get(`/api/v1/workspaces/${WS}/specs/${created.id}/revisions`);
    const body = (await revisions.json()) as { revisions: { number: number; message: string; valid: boolean }[] };
    expect(body.revisions).toEqual([expect.objectContaining({ number: 1, message: "Saved to start a run", valid: true })]);
  } finally {
    await context.close();
  }
});

test("saving from the Run dialog text that does not validate says so and starts nothing", async ({ browser, request }) => {
  const api = seedApi(request);
  const content = "workflow:\n  name: broken_flow\n  steps: [validate_input, validate_input]\n";
  const res = await api.post(`/api/v1/workspaces/${WS}/specs`, { name: `Broken ${uniqueId()}`, content });
  expect(res.status(), await res.text()).toBe(201);
  const created = ((await res.json()) as { spec: { id: string; valid: boolean } }).spec;
  expect(created.valid).toBe(false);
  const { context, page } = await signedInPage(browser);
  try {
    await page.goto(`/w/${WS}/specs/${created.id}`);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Start a generation run" });
    await dialog.getByRole("button", { name: "Save the current text as a revision" }).click();
    await expect(dialog.getByRole("alert").filter({ hasText: "Revision #1 was saved, but its YAML does not validate" })).toBeVisible({ timeout: 20_000 });
    await expect(dialog.getByRole("button", { name: "Start run" })).toBeDisabled();
    await screenshot(page, "run-dialog-revision-does-not-validate");
    // The text is kept as it was, in a revision of its own, and no run was started.
    const revisions = (await (await api.get(`/api/v1/workspaces/${WS}/specs/${created.id}/revisions`)).json()) as { revisions: { valid: boolean }[] };
    expect(revisions.revisions).toEqual([expect.objectContaining({ valid: false })]);
    const runs = (await (await api.get(`/api/v1/workspaces/${WS}/runs?specId=${created.id}`)).json()) as { runs: unknown[] };
    expect(runs.runs).toEqual([]);
  } finally {
    await context.close();
  }
});

test("a run can be cancelled from its page", async ({ browser, request }) => {
  const api = seedApi(request);
  // A model that writes slowly (a chunk a second), so the run is surely still going when Cancel is pressed, and the
  // cancel has a model call in flight to stop.
  const fake = await startStepFake({ defaultDelayMs: 1_000, defaultChunks: 60 });
  const created = await api.post(`/api/v1/workspaces/${WS}/providers`, {
    kind: "openai-compatible",
    name: `Slow model ${uniqueId().slice(-5)}`,
    baseUrl: fake.baseURL,
    apiKey: "sk-fake-e2e-key-0123456789",
    models: ["slow-model"],
    defaultModel: "slow-model",
  });
  expect(created.status(), await created.text()).toBe(201);
  const providerId = ((await created.json()) as { provider: { id: string } }).provider.id;
  const { context, page } = await signedInPage(browser);
  try {
    const res = await api.post(`/api/v1/workspaces/${WS}/runs`, { specId: large.id, provider: providerId }, { "idempotency-key": `e2e-${uniqueId()}` });
    expect(res.status(), await res.text()).toBe(201);
    const { run } = (await res.json()) as RunBody;
    await page.goto(`/w/${WS}/runs/${run.id}`);
    const rp = runPage(page);
    await expect(rp.cancel).toBeVisible();
    await expect.poll(() => fake.requests.length, { timeout: 20_000 }).toBeGreaterThan(0);
    await rp.cancel.click();
    await expect(rp.view).toHaveAttribute("data-status", "cancelled", { timeout: 20_000 });
    await expect(page.getByTestId("run-error")).toContainText("The run was cancelled");
    await expect(rp.cancel).toBeHidden();
    const labels = await rp.bars.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
    expect(labels.some((l) => /: cancelled/.test(l))).toBe(true);
    await expect(rp.bar("__flow__")).toHaveAttribute("data-status", "cancelled");
    // the model calls in flight were stopped, not left to run to their end
    await expect.poll(() => fake.requests.every((r) => r.closedAt !== undefined), { timeout: 15_000 }).toBe(true);
  } finally {
    await context.close();
    await api.delete(`/api/v1/workspaces/${WS}/providers/${providerId}`);
    await fake.close();
  }
});

test("re-run starts a new run of the same revision and opens it", async ({ browser }) => {
  const { context, page } = await signedInPage(browser);
  await page.goto(`/w/${WS}/runs/${firstRunId}`);
  const rp = runPage(page);
  await expect(rp.view).toHaveAttribute("data-status", "succeeded");
  const before = (await rp.heading.textContent()) ?? "";
  await rp.rerun.click();
  await expect(page).not.toHaveURL(new RegExp(`/runs/${firstRunId}$`), { timeout: 20_000 });
  await expect(page).toHaveURL(new RegExp(`/w/${WS}/runs/[a-z0-9]+$`));
  await expect(rp.heading).not.toHaveText(before);
  await expect(page.getByRole("link", { name: "an earlier run" })).toHaveAttribute("href", `/w/${WS}/runs/${firstRunId}`);
  await expect(rp.view).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  await context.close();
});

test("the runs list shows the runs newest first, filters them, and labels offline runs", async ({ browser }) => {
  const { context, page } = await signedInPage(browser);
  await page.goto(`/w/${WS}/runs`);
  const rows = page.getByTestId("run-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(4);
  const numbers = await rows.evaluateAll((els) => els.map((e) => Number(e.querySelector("a")?.textContent?.replace("#", ""))));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  // the newest (the re-run) is offline and says it is not an LLM; the cancelled one before it used a model
  await expect(rows.first().getByTestId("offline-label")).toHaveText("offline scaffold, not an LLM");
  await expect(rows.nth(1).getByTestId("offline-label")).toHaveCount(0);
  await screenshot(page, "runs-list");

  await page.getByLabel("Status").click();
  await page.getByRole("option", { name: "Cancelled" }).click();
  await expect(rows.first().getByTestId("run-status")).toHaveText("Cancelled");
  for (const status of await rows.getByTestId("run-status").allTextContents()) expect(status).toBe("Cancelled");

  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await page.getByLabel("Spec").click();
  await page.getByRole("option", { name: small.name }).click();
  await expect(rows).toHaveCount(2);
  await rows.first().getByRole("link", { name: /^#\d+$/ }).click();
  await expect(page).toHaveURL(/\/runs\/[a-z0-9]+$/);
  await context.close();
});

test("settings: a provider's key is write-only; providers can be added, tested and deleted", async ({ browser }) => {
  const { context, page } = await signedInPage(browser);
  await page.goto(`/w/${WS}/settings`);
  const sections = page.getByRole("navigation", { name: "Settings sections" });
  await expect(sections.getByRole("link", { name: "Providers" })).toBeVisible();
  await expect(sections.getByRole("link", { name: "Limits" })).toBeVisible();
  await expect(page.getByText("offline scaffold, not an LLM").first()).toBeVisible();
  await screenshot(page, "settings-overview");
  await sections.getByRole("link", { name: "Providers" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${WS}/settings/providers$`));

  const offline = page.locator('[data-testid="provider-row"][data-provider="offline"]');
  await expect(offline).toContainText("Offline scaffolder");
  await expect(offline).toContainText("offline scaffold, not an LLM");

  const name = `Local Ollama ${uniqueId()}`;
  const secret = `sk-e2e-${uniqueId()}-wxyz`;
  await page.getByRole("button", { name: "Add provider" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add a model provider" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: /Use Ollama/ }).click();
  await expect(dialog.getByLabel("Base URL")).toHaveValue("http://localhost:11434/v1");
  await dialog.getByLabel("API key").fill(secret);
  await dialog.getByLabel("Models").fill("llama3.1:8b, qwen2.5-coder:7b");
  await dialog.getByLabel("llama3.1:8b: input price, USD per 1M tokens").fill("0.1");
  await dialog.getByLabel("llama3.1:8b: output price, USD per 1M tokens").fill("0.2");
  await dialog.getByRole("button", { name: "Add provider" }).click();
  await expect(dialog).toBeHidden();

  const row = page.locator(`[data-testid="provider-row"][data-provider="${name}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("key-hint")).toContainText("…wxyz");
  await expect(row).toContainText("llama3.1:8b (default)");
  await expect(row).toContainText("$0.10 in / $0.20 out per 1M");
  expect(await page.content()).not.toContain(secret);
  await page.reload();
  await expect(row.getByTestId("key-hint")).toContainText("…wxyz");
  expect(await page.content()).not.toContain(secret);

  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByTestId("test-result")).toBeVisible({ timeout: 30_000 });
  await screenshot(page, "settings-providers");

  await row.getByRole("button", { name: `Delete ${name}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete ${name}?` });
  await confirm.getByRole("button", { name: "Delete provider" }).click();
  await expect(row).toBeHidden();
  await context.close();
});

test("settings: limits show this month's usage and can be changed", async ({ browser }) => {
  const { context, page } = await signedInPage(browser);
  await page.goto(`/w/${WS}/settings/limits`);
  await expect(page.getByTestId("budget-usage")).toContainText("tokens used this month");
  const budget = page.getByRole("textbox", { name: "Monthly token budget" });
  await budget.fill("5000000");
  await page.getByRole("button", { name: "Save limits" }).click();
  await expect(page.getByText("Limits saved.")).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Monthly token budget used" })).toBeVisible();
  await expect(page.getByTestId("budget-usage")).toContainText("of 5,000,000 tokens used this month");
  await screenshot(page, "settings-limits");
  // Back to unlimited, as the other suites expect.
  await budget.fill("");
  await page.getByRole("button", { name: "Save limits" }).click();
  await expect(page.getByTestId("budget-usage")).toContainText("No monthly budget is set.");
  const res = await context.request.get(`${BASE_URL}/api/v1/workspaces/${WS}/limits`);
  expect(((await res.json()) as { limits: { monthlyTokenBudget: number | null } }).limits.monthlyTokenBudget).toBeNull();
  await context.close();
});
