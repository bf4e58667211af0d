// Usage and spend on Settings → Limits, in a real browser: in a fresh workspace the charts start empty; after a
// run against a model server that reports token usage (a local fake of an OpenAI-compatible endpoint, priced by
// the provider's prices) and an offline run, the charts by spec, person and model show the figures the runs
// recorded, in their tables and in the bars.
import type { BrowserContext, Locator, Page } from "@playwright/test";
import { contextApi, expect, screenshot, SEED, signInViaUi, test, uniqueId, type StudioApi } from "../fixtures";
import { ONE_STEP_YAML, startStepFake, type StepFake } from "../../tests/helpers/runs";
import { formatNumber, formatUsd } from "../../lib/runs/client/format";
import { monthLabel } from "../../lib/usage/top-rows";
import type { MonthlyUsage } from "../../lib/usage/schemas";

test.use({ colorScheme: "light", viewport: { width: 1440, height: 1000 } });
test.describe.configure({ mode: "serial" });

interface RunView {
  id: string;
  status: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

let fake: StepFake;
let context: BrowserContext;
let page: Page;
let api: StudioApi;
let slug: string;

test.beforeAll(async ({ browser }) => {
  fake = await startStepFake();
  context = await browser.newContext({ colorScheme: "light", viewport: { width: 1440, height: 1000 } });
  page = await context.newPage();
  await signInViaUi(page, SEED.email, SEED.password);
  api = contextApi(context);
  slug = (await api.createWorkspace({ name: `Usage ${uniqueId().slice(-5)}` })).slug;
});

test.afterAll(async () => {
  await context?.close();
  await fake?.close();
});

async function finished(runId: string): Promise<RunView> {
  let run: RunView | undefined;
  await expect
    .poll(
      async () => {
        run = ((await (await api.get(`/api/v1/runs/${runId}`)).json()) as { run: RunView }).run;
        return run.status;
      },
      { timeout: 60_000, intervals: [250, 500, 1000] },
    )
    .toMatch(/^(succeeded|failed|cancelled)$/);
  expect(run!.status).toBe("succeeded");
  return run!;
}

async function startRun(specId: string, provider: string): Promise<RunView> {
  const res = await api.post(`/api/v1/workspaces/${slug}/runs`, { specId, provider }, { "idempotency-key": `usage-${uniqueId()}` });
  expect(res.status(), await res.text()).toBe(201);
  return finished(((await res.json()) as { run: { id: string } }).run.id);
}

const chart = (name: "spec" | "person" | "model") => page.getByTestId(`usage-by-${name}`);
const chartRow = (c: Locator, label: string) => c.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${label}`) }) });

async function expectRow(row: Locator, figures: { tokens: number; costUsd: number; runs: number }) {
  await expect(row.getByTestId("usage-tokens")).toHaveText(formatNumber(figures.tokens));
  await expect(row.getByTestId("usage-cost")).toHaveText(formatUsd(figures.costUsd));
  await expect(row.getByTestId("usage-runs")).toHaveText(formatNumber(figures.runs));
}

test("a workspace without runs shows an empty state", async () => {
  await page.goto(`/w/${slug}/settings/limits`);
  const section = page.getByRole("region", { name: "Usage and spend" });
  await expect(section).toBeVisible();
  const month = ((await (await api.get(`/api/v1/workspaces/${slug}/usage`)).json()) as MonthlyUsage).month;
  await expect(section.getByRole("heading", { name: `No runs in ${monthLabel(month)}` })).toBeVisible();
  await expect(page.getByTestId("usage-by-spec")).toHaveCount(0);
});

test("after runs, the charts by spec, person and model show what the runs recorded", async () => {
  test.setTimeout(150_000);
  const provider = await api.post(`/api/v1/workspaces/${slug}/providers`, {
    kind: "openai-compatible",
    name: "Fake LLM",
    baseUrl: fake.baseURL,
    apiKey: "sk-fake-e2e-key-0123456789",
    models: ["fake-model"],
    defaultModel: "fake-model",
    prices: { "fake-model": { inputPerMillion: 3, outputPerMillion: 15 } },
  });
  expect(provider.status(), await provider.text()).toBe(201);
  const providerId = ((await provider.json()) as { provider: { id: string } }).provider.id;
  const specName = `Usage spec ${uniqueId().slice(-5)}`;
  const created = await api.post(`/api/v1/workspaces/${slug}/specs`, { name: specName, content: ONE_STEP_YAML });
  expect(created.status(), await created.text()).toBe(201);
  const specId = ((await created.json()) as { spec: { id: string } }).spec.id;
  expect((await api.post(`/api/v1/workspaces/${slug}/specs/${specId}/revisions`, { message: "ready" })).status()).toBe(201);

  const llm = await startRun(specId, providerId);
  const offline = await startRun(specId, "offline");
  expect(llm.inputTokens).toBeGreaterThan(0);
  expect(llm.costUsd).toBeGreaterThan(0);
  const tokens = (r: RunView) => r.inputTokens + r.outputTokens;

  const usage = (await (await api.get(`/api/v1/workspaces/${slug}/usage`)).json()) as MonthlyUsage;
  expect(usage.total).toMatchObject({ runs: 2, tokens: tokens(llm) + tokens(offline) });
  expect(usage.total.costUsd).toBeCloseTo(llm.costUsd + offline.costUsd, 6);

  await page.goto(`/w/${slug}/settings/limits`);
  await expect(page.getByTestId("usage-total")).toContainText(`2 runs, ${formatNumber(tokens(llm) + tokens(offline))} tokens`);
  await expect(page.getByTestId("usage-total")).toContainText(formatUsd(usage.total.costUsd));

  await expect(chart("spec").getByTestId("usage-row")).toHaveCount(1);
  await expectRow(chartRow(chart("spec"), specName), { tokens: tokens(llm) + tokens(offline), costUsd: usage.total.costUsd, runs: 2 });

  await expect(chart("person").getByTestId("usage-row")).toHaveCount(1);
  const person = usage.byPerson[0];
  expect(person.detail).toBe(SEED.email);
  await expectRow(chartRow(chart("person"), person.label), { tokens: tokens(llm) + tokens(offline), costUsd: usage.total.costUsd, runs: 2 });

  await expect(chart("model").getByTestId("usage-row")).toHaveCount(2);
  const llmRow = chartRow(chart("model"), "fake-model");
  await expect(llmRow).toContainText("Fake LLM");
  await expectRow(llmRow, { tokens: tokens(llm), costUsd: llm.costUsd, runs: 1 });
  const offlineModel = usage.byModel.find((m) => m.key !== "Fake LLM/fake-model")!;
  await expectRow(chartRow(chart("model"), offlineModel.label), { tokens: tokens(offline), costUsd: 0, runs: 1 });
  await expect(chartRow(chart("model"), offlineModel.label)).toContainText("offline scaffold, not an LLM");

  // The bars: each chart's heaviest row is full width; switching to cost, the free offline run has no bar.
  const bar = (row: Locator) => row.getByTestId("usage-bar");
  const widthOf = (row: Locator) => bar(row).evaluate((el) => (el as HTMLElement).style.width);
  const heavier = tokens(llm) >= tokens(offline) ? llmRow : chartRow(chart("model"), offlineModel.label);
  expect(await widthOf(heavier)).toBe("100%");
  await screenshot(page, "limits-usage-tokens");
  await page.getByRole("group", { name: "Bars show" }).getByRole("button", { name: "Cost" }).click();
  await expect(page.getByRole("button", { name: "Cost" })).toHaveAttribute("aria-pressed", "true");
  expect(await widthOf(llmRow)).toBe("100%");
  expect(await widthOf(chartRow(chart("model"), offlineModel.label))).toBe("0%");
  await screenshot(page, "limits-usage-cost");

  // An earlier month has none of this.
  await page.getByRole("combobox", { name: "Month" }).click();
  await page.getByRole("option").nth(1).click();
  await expect(page.getByRole("region", { name: "Usage and spend" }).getByRole("heading", { name: /^No runs in / })).toBeVisible();
});
