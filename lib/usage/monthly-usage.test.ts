import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Read at import time by the run engine: set before anything imports it.
vi.hoisted(() => {
  process.env.STUDIO_RETRY_BASE_MS = "50";
  process.env.STUDIO_STALL_TIMEOUT_MS = "500";
  process.env.STUDIO_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
});

import type { Db } from "@/lib/db";
import type { Run } from "@/lib/generated/prisma/client";
import { startWorker } from "@/lib/queue/worker";
import { stopBoss } from "@/lib/queue/boss";
import { triggerRun } from "@/lib/runs/trigger-run";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { monthlyUsage, monthRange } from "@/lib/usage/monthly-usage";
import { monthLabel, recentMonths, topRows } from "@/lib/usage/top-rows";
import { usageQuerySchema, type UsageRow } from "@/lib/usage/schemas";
import { makeWorkspace, testDb } from "@/tests/helpers/db";
import { accessFor, addFakeProvider, makeSpecWithRevision, ONE_STEP_YAML, setLimits, startStepFake, waitForRun, type StepFake } from "@/tests/helpers/runs";

/**
 * Monthly usage over runs made by the real engine (trigger, pg-boss worker, AI SDK client over HTTP to a fake
 * model server that reports token usage), priced by the provider's prices. The expected figures are summed here
 * from the stored runs, independently of the grouping queries under test.
 */

let db: Db;
let worker: { stop(): Promise<void> };
let fake: StepFake;
let owner: WorkspaceAccess;
let editor: WorkspaceAccess;
let providerId: string;
let providerName: string;
let specA: string;
let specB: string;
const runs: Run[] = [];
const PRICES = { "fake-model": { inputPerMillion: 3, outputPerMillion: 15 }, "fake-large": { inputPerMillion: 10, outputPerMillion: 40 } };

async function run(access: WorkspaceAccess, specId: string, provider: string, model?: string) {
  const { run } = await triggerRun(db, access, { specId, provider, model });
  const done = await waitForRun(db, run.id, 30_000);
  expect(done.status, done.error ?? "").toBe("succeeded");
  return done;
}

function expected(rows: Run[]) {
  const inputTokens = rows.reduce((s, r) => s + r.inputTokens, 0);
  const outputTokens = rows.reduce((s, r) => s + r.outputTokens, 0);
  return { runs: rows.length, inputTokens, outputTokens, tokens: inputTokens + outputTokens, costUsd: expect.closeTo(rows.reduce((s, r) => s + r.costUsd, 0), 6) };
}
const row = (rows: UsageRow[], key: string) => rows.find((r) => r.key === key);

beforeAll(async () => {
  db = testDb();
  worker = await startWorker();
  fake = await startStepFake();
  const ws = await makeWorkspace(["editor"]);
  owner = await accessFor(db, ws.ws.id, ws.owner);
  editor = await accessFor(db, ws.ws.id, { ...ws.members.editor, name: "editor" });
  await setLimits(db, ws.ws.id, { maxConcurrentRuns: 50, runTriggersPerHour: 1000 });
  const provider = await addFakeProvider(db, owner, fake.baseURL, { models: ["fake-model", "fake-large"], prices: PRICES });
  providerId = provider.id;
  providerName = provider.name;
  specA = (await makeSpecWithRevision(db, owner, ONE_STEP_YAML, "Spec A")).spec.id;
  specB = (await makeSpecWithRevision(db, owner, ONE_STEP_YAML, "Spec B")).spec.id;
  runs.push(await run(owner, specA, providerId));
  runs.push(await run(owner, specA, providerId, "fake-large"));
  runs.push(await run(editor, specB, providerId, "fake-large"));
  runs.push(await run(editor, specB, "offline"));
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await fake?.close();
});

describe("monthlyUsage", () => {
  it("sums this month's tokens and cost in total, by spec, by person and by model", async () => {
    const u = await monthlyUsage(db, owner.workspace.id);
    expect(u.month).toBe(monthRange().month);
    // the fake model reported usage and the provider has prices: real, non-zero figures
    expect(runs[0].inputTokens).toBeGreaterThan(0);
    expect(runs[1].costUsd).toBeGreaterThan(runs[0].costUsd);
    expect(u.total).toEqual(expected(runs));

    expect(u.bySpec.map((r) => r.label).sort()).toEqual(["Spec A", "Spec B"]);
    expect(row(u.bySpec, specA)).toMatchObject({ label: "Spec A", detail: null, ...expected(runs.slice(0, 2)) });
    expect(row(u.bySpec, specB)).toMatchObject({ label: "Spec B", ...expected(runs.slice(2)) });

    expect(u.byPerson).toHaveLength(2);
    expect(row(u.byPerson, owner.principal.userId)).toMatchObject({ label: "owner", detail: owner.principal.email, ...expected(runs.slice(0, 2)) });
    expect(row(u.byPerson, editor.principal.userId)).toMatchObject({ label: "editor", detail: editor.principal.email, ...expected(runs.slice(2)) });

    expect(u.byModel.map((r) => r.key).sort()).toEqual([`${providerName}/fake-large`, `${providerName}/fake-model`, `${runs[3].providerName}/${runs[3].model}`].sort());
    expect(row(u.byModel, `${providerName}/fake-large`)).toMatchObject({ label: "fake-large", detail: providerName, ...expected([runs[1], runs[2]]) });
    expect(row(u.byModel, `${providerName}/fake-model`)).toMatchObject(expected([runs[0]]));
    // cost follows the provider's prices per million tokens
    const large = row(u.byModel, `${providerName}/fake-large`)!;
    expect(large.costUsd).toBeCloseTo((large.inputTokens * 10 + large.outputTokens * 40) / 1e6, 6);

    // heaviest first
    for (const list of [u.bySpec, u.byPerson, u.byModel]) for (let i = 1; i < list.length; i++) expect(list[i - 1].tokens).toBeGreaterThanOrEqual(list[i].tokens);
  });

  it("counts a run in the UTC month it was created: the first instant counts, the next month's does not", async () => {
    const { from, to } = monthRange("2025-02");
    await db.run.update({ where: { id: runs[0].id }, data: { createdAt: from } });
    await db.run.update({ where: { id: runs[1].id }, data: { createdAt: new Date(to.getTime() - 1) } });
    await db.run.update({ where: { id: runs[2].id }, data: { createdAt: to } });
    try {
      const feb = await monthlyUsage(db, owner.workspace.id, "2025-02");
      expect(feb).toMatchObject({ month: "2025-02", from: "2025-02-01T00:00:00.000Z", to: "2025-03-01T00:00:00.000Z" });
      expect(feb.total).toEqual(expected([runs[0], runs[1]]));
      expect(feb.bySpec.map((r) => r.key)).toEqual([specA]);
      const march = await monthlyUsage(db, owner.workspace.id, "2025-03");
      expect(march.total).toEqual(expected([runs[2]]));
      expect((await monthlyUsage(db, owner.workspace.id)).total).toEqual(expected([runs[3]]));
    } finally {
      for (const r of runs.slice(0, 3)) await db.run.update({ where: { id: r.id }, data: { createdAt: r.createdAt } });
    }
  });

  it("shows names as they are now, and the recorded ones for a person who is gone", async () => {
    await db.spec.update({ where: { id: specA }, data: { name: "Spec A renamed" } });
    await db.run.update({ where: { id: runs[3].id }, data: { triggeredById: null, triggeredByLabel: "ci token (API)" } });
    try {
      const u = await monthlyUsage(db, owner.workspace.id);
      expect(row(u.bySpec, specA)?.label).toBe("Spec A renamed");
      expect(row(u.byPerson, "unknown")).toMatchObject({ label: "ci token (API)", detail: null, ...expected([runs[3]]) });
      expect(row(u.byPerson, editor.principal.userId)).toMatchObject(expected([runs[2]]));
    } finally {
      await db.spec.update({ where: { id: specA }, data: { name: "Spec A" } });
      await db.run.update({ where: { id: runs[3].id }, data: { triggeredById: runs[3].triggeredById, triggeredByLabel: runs[3].triggeredByLabel } });
    }
  });

  it("answers zeros and empty lists for a month without runs, and never counts another workspace", async () => {
    const empty = await monthlyUsage(db, owner.workspace.id, "2024-07");
    expect(empty).toEqual({
      month: "2024-07",
      from: "2024-07-01T00:00:00.000Z",
      to: "2024-08-01T00:00:00.000Z",
      total: { runs: 0, inputTokens: 0, outputTokens: 0, tokens: 0, costUsd: 0 },
      bySpec: [],
      byPerson: [],
      byModel: [],
    });
    const other = await makeWorkspace();
    expect((await monthlyUsage(db, other.ws.id)).total.runs).toBe(0);
  });
});

describe("usageQuerySchema and monthRange", () => {
  it("accept YYYY-MM and refuse anything else", () => {
    expect(usageQuerySchema.parse({ month: "2026-12" })).toEqual({ month: "2026-12" });
    expect(usageQuerySchema.parse({})).toEqual({});
    for (const bad of ["2026-13", "2026-1", "26-01", "2026-00", "2026-01-01", "1999-05"]) expect(usageQuerySchema.safeParse({ month: bad }).success, bad).toBe(false);
  });

  it("gives December's end as the next year's first instant", () => {
    const r = monthRange("2025-12");
    expect(r.from.toISOString()).toBe("2025-12-01T00:00:00.000Z");
    expect(r.to.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(monthRange(undefined, new Date("2026-03-31T23:59:59Z")).month).toBe("2026-03");
  });
});

describe("topRows, recentMonths, monthLabel", () => {
  const r = (key: string, tokens: number, costUsd: number): UsageRow => ({ key, label: key, detail: null, runs: 1, inputTokens: tokens - 1, outputTokens: 1, tokens, costUsd });

  it("keeps short lists and folds the tail of long ones into an Other row that keeps the sums", () => {
    const rows = [r("a", 50, 0.5), r("b", 40, 0.1), r("c", 30, 0.2), r("d", 20, 0.1)];
    expect(topRows(rows, 4)).toBe(rows);
    const top = topRows(rows, 3);
    expect(top.map((x) => x.label)).toEqual(["a", "b", "Other (2)"]);
    expect(top[2]).toMatchObject({ key: "__other__", runs: 2, tokens: 50, inputTokens: 48, outputTokens: 2, costUsd: 0.3 });
  });

  it("lists months newest first across a year boundary and names them", () => {
    expect(recentMonths(3, new Date("2026-02-10T00:00:00Z"))).toEqual(["2026-02", "2026-01", "2025-12"]);
    expect(monthLabel("2025-12")).toBe("December 2025");
  });
});
