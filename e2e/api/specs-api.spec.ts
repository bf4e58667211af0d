// The spec API over real HTTP with the seed API token: CRUD, search, archive, export, live content, revisions,
// validation, and the refusals (bad YAML, limits, binary content, name clashes, unknown and foreign ids).
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { SPEC_EXAMPLES } from "../../lib/specs/examples";
import { BASE_URL, SEED, StudioApi, expect, expectApiError, signInViaApi, signUpViaApi, test, uniqueId } from "../fixtures";

interface Diagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: "error" | "warning";
  message: string;
  path: string;
}

interface SpecSummary {
  id: string;
  name: string;
  valid: boolean;
  archived: boolean;
  updatedAt: string;
  createdAt: string;
  latestRevision: { id: string; number: number; valid: boolean; createdAt: string } | null;
}

interface SpecDetail extends SpecSummary {
  content: string;
  diagnostics: Diagnostic[];
}

interface Revision {
  id: string;
  number: number;
  message: string;
  valid: boolean;
  contentHash: string;
  author: string | null;
  restoredFromId: string | null;
  createdAt: string;
  content?: string;
  diagnostics?: Diagnostic[];
}

const SPECS = `/api/v1/workspaces/${SEED.workspace}/specs`;

/** The spec endpoints, as the seed token (or any StudioApi's credentials). */
class SpecsClient {
  constructor(
    readonly request: APIRequestContext,
    readonly base = SPECS,
    readonly auth: Record<string, string> = { authorization: `Bearer ${SEED.token}` },
  ) {}

  private h(mutation = false) {
    return mutation ? { ...this.auth, origin: BASE_URL } : this.auth;
  }

  list(query: Record<string, string | number> = {}) {
    const q = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    return this.request.get(`${this.base}${q.size ? `?${q}` : ""}`, { headers: this.h() });
  }
  createRaw(body: unknown) {
    return this.request.post(this.base, { data: body as never, headers: this.h(true) });
  }
  async create(body: { name?: string; content?: string; source?: string } = {}): Promise<SpecDetail> {
    const res = await this.createRaw({ name: body.name ?? `Spec ${uniqueId()}`, ...body });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { spec: SpecDetail }).spec;
  }
  get(id: string) {
    return this.request.get(`${this.base}/${id}`, { headers: this.h() });
  }
  async detail(id: string): Promise<SpecDetail> {
    const res = await this.get(id);
    expect(res.status(), await res.text()).toBe(200);
    return ((await res.json()) as { spec: SpecDetail }).spec;
  }
  patch(id: string, body: unknown) {
    return this.request.patch(`${this.base}/${id}`, { data: body as never, headers: this.h(true) });
  }
  async update(id: string, body: { name?: string; content?: string; archived?: boolean }): Promise<SpecDetail> {
    const res = await this.patch(id, body);
    expect(res.status(), await res.text()).toBe(200);
    return ((await res.json()) as { spec: SpecDetail }).spec;
  }
  exportRaw(id: string) {
    return this.request.get(`${this.base}/${id}/export`, { headers: this.h() });
  }
  revisionsRaw(id: string) {
    return this.request.get(`${this.base}/${id}/revisions`, { headers: this.h() });
  }
  async revisions(id: string): Promise<Revision[]> {
    const res = await this.revisionsRaw(id);
    expect(res.status(), await res.text()).toBe(200);
    return ((await res.json()) as { revisions: Revision[] }).revisions;
  }
  saveRevisionRaw(id: string, body: unknown) {
    return this.request.post(`${this.base}/${id}/revisions`, { data: body as never, headers: this.h(true) });
  }
  async saveRevision(id: string, message: string): Promise<Revision> {
    const res = await this.saveRevisionRaw(id, { message });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { revision: Revision }).revision;
  }
  revisionRaw(id: string, revisionId: string) {
    return this.request.get(`${this.base}/${id}/revisions/${revisionId}`, { headers: this.h() });
  }
  restoreRaw(id: string, revisionId: string) {
    return this.request.post(`${this.base}/${id}/revisions/${revisionId}/restore`, { headers: this.h(true) });
  }
}

async function names(res: APIResponse): Promise<string[]> {
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { specs: SpecSummary[] }).specs.map((s) => s.name);
}

function validate(request: APIRequestContext, content: unknown): Promise<APIResponse> {
  return request.post("/api/v1/validate", { data: { content } as never, headers: { authorization: `Bearer ${SEED.token}`, origin: BASE_URL } });
}

async function validation(request: APIRequestContext, content: string): Promise<{ valid: boolean; diagnostics: Diagnostic[] }> {
  const res = await validate(request, content);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as { valid: boolean; diagnostics: Diagnostic[] };
}

function expectPositions(d: Diagnostic) {
  for (const n of [d.line, d.column, d.endLine, d.endColumn]) {
    expect(Number.isInteger(n)).toBe(true);
    expect(n).toBeGreaterThanOrEqual(1);
  }
  expect(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column)).toBe(true);
  expect(d.message.length).toBeGreaterThan(10);
}

const VALID = `workflow:
  name: api_check
  steps:
    - id: fetch_orders
      description: Load yesterday's orders.
    - id: total_orders
      description: Sum them up.
      depends_on: [fetch_orders]
`;

const BROKEN_YAML = `workflow:
  name: broken
  steps:
    - id: a
     bad: [1, 2
`;

const DUPLICATE_IDS = `workflow:
  name: dup
  steps:
    - id: a
      description: first
    - id: a
      description: second
`;

const CYCLE = `workflow:
  name: cyc
  steps:
    - id: a
      depends_on: [b]
    - id: b
      depends_on: [a]
`;

test.describe("spec API", () => {
  test("create (blank and from an example), get, list, search", async ({ request }) => {
    const api = new SpecsClient(request);
    const tag = uniqueId();
    const blank = await api.create({ name: `Blank ${tag}` });
    expect(blank).toMatchObject({ name: `Blank ${tag}`, archived: false, latestRevision: null });
    expect(blank.content).toContain("workflow:");
    expect(blank.valid).toBe(true);
    expect(blank.diagnostics).toEqual([]);

    const example = SPEC_EXAMPLES[1];
    const fromExample = await api.create({ name: `Example ${tag}`, content: example.yaml, source: "example" });
    expect(fromExample.content).toBe(example.yaml);
    expect(fromExample.valid).toBe(true);

    const got = await api.detail(fromExample.id);
    expect(got).toMatchObject({ id: fromExample.id, name: `Example ${tag}`, content: example.yaml, valid: true });

    // Newest change first; the search is by name, case-insensitive.
    const listed = await names(await api.list({ limit: 200 }));
    expect(listed.indexOf(`Example ${tag}`)).toBeLessThan(listed.indexOf(`Blank ${tag}`));
    expect(await names(await api.list({ q: tag.toUpperCase() }))).toEqual([`Example ${tag}`, `Blank ${tag}`]);
    expect(await names(await api.list({ q: `blank ${tag}` }))).toEqual([`Blank ${tag}`]);
    expect(await names(await api.list({ q: `nothing-${tag}` }))).toEqual([]);

    // Keyset pagination.
    const first = (await (await api.list({ q: tag, limit: 1 })).json()) as { specs: SpecSummary[]; nextCursor: string | null };
    expect(first.specs).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const second = (await (await api.list({ q: tag, limit: 1, cursor: first.nextCursor! })).json()) as { specs: SpecSummary[]; nextCursor: string | null };
    expect(second.specs.map((s) => s.name)).toEqual([`Blank ${tag}`]);
    expect(second.nextCursor).toBeNull();
  });

  test("rename, archive and unarchive, export", async ({ request }) => {
    const api = new SpecsClient(request);
    const tag = uniqueId();
    const spec = await api.create({ name: `Rename me ${tag}`, content: VALID });

    const renamed = await api.update(spec.id, { name: `Renamed ${tag}` });
    expect(renamed.name).toBe(`Renamed ${tag}`);
    expect(await names(await api.list({ q: tag }))).toEqual([`Renamed ${tag}`]);

    const archived = await api.update(spec.id, { archived: true });
    expect(archived.archived).toBe(true);
    expect(await names(await api.list({ q: tag }))).toEqual([]);
    expect(await names(await api.list({ q: tag, archived: "true" }))).toEqual([`Renamed ${tag}`]);
    expect(await names(await api.list({ q: tag, archived: "all" }))).toEqual([`Renamed ${tag}`]);
    // An archived spec is read-only.
    const refused = await expectApiError(await api.patch(spec.id, { content: "workflow: {}\n" }), 409, "conflict");
    expect(refused.message).toMatch(/archived/i);
    expect((await api.update(spec.id, { archived: false })).archived).toBe(false);
    expect(await names(await api.list({ q: tag, archived: "true" }))).toEqual([]);

    const file = await api.exportRaw(spec.id);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toMatch(/^application\/yaml/);
    expect(file.headers()["content-disposition"]).toBe(`attachment; filename="Renamed_${tag}.yaml"`);
    expect(await file.text()).toBe(VALID);
  });

  test("content updates go through the live document and keep validity up to date", async ({ request }) => {
    const api = new SpecsClient(request);
    const spec = await api.create({ content: VALID });
    const broken = await api.update(spec.id, { content: BROKEN_YAML });
    expect(broken.content).toBe(BROKEN_YAML);
    expect(broken.valid).toBe(false);
    expect(broken.diagnostics.length).toBeGreaterThan(0);
    broken.diagnostics.forEach(expectPositions);

    const fixed = await api.update(spec.id, { content: VALID });
    expect(fixed).toMatchObject({ content: VALID, valid: true, diagnostics: [] });
    expect((await api.detail(spec.id)).content).toBe(VALID);
  });

  test("revisions: save, list, get, save an invalid one, restore", async ({ request }) => {
    const api = new SpecsClient(request);
    const spec = await api.create({ content: VALID });
    expect(await api.revisions(spec.id)).toEqual([]);

    const r1 = await api.saveRevision(spec.id, "First cut");
    expect(r1).toMatchObject({ number: 1, message: "First cut", valid: true, restoredFromId: null, content: VALID, diagnostics: [] });
    expect(r1.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r1.author).toEqual(expect.any(String));

    await api.update(spec.id, { content: DUPLICATE_IDS });
    const r2 = await api.saveRevision(spec.id, "Broke it on purpose");
    // Invalid revisions are kept, with their diagnostics.
    expect(r2).toMatchObject({ number: 2, valid: false, content: DUPLICATE_IDS });
    expect(r2.diagnostics!.some((d) => /duplicate step id/.test(d.message))).toBe(true);

    const list = await api.revisions(spec.id);
    expect(list.map((r) => r.number)).toEqual([2, 1]);
    expect(list[0]).not.toHaveProperty("content");
    expect((await api.detail(spec.id)).latestRevision).toMatchObject({ id: r2.id, number: 2, valid: false });

    const one = await api.revisionRaw(spec.id, r1.id);
    expect(one.status()).toBe(200);
    expect(((await one.json()) as { revision: Revision }).revision).toMatchObject({ id: r1.id, content: VALID });

    const restored = await api.restoreRaw(spec.id, r1.id);
    expect(restored.status(), await restored.text()).toBe(201);
    const r3 = ((await restored.json()) as { revision: Revision }).revision;
    expect(r3).toMatchObject({ number: 3, restoredFromId: r1.id, message: "Restored revision #1", valid: true, content: VALID });
    expect((await api.detail(spec.id)).content).toBe(VALID);

    await expectApiError(await api.saveRevisionRaw(spec.id, { message: "   " }), 422, "validation_failed");
    await expectApiError(await api.saveRevisionRaw(spec.id, {}), 422, "validation_failed");
    await expectApiError(await api.revisionRaw(spec.id, "no-such-revision"), 404, "not_found");
    await expectApiError(await api.restoreRaw(spec.id, "no-such-revision"), 404, "not_found");
  });

  test("validate: broken YAML, duplicate step ids and a depends_on cycle, with line and column", async ({ request }) => {
    expect(await validation(request, VALID)).toEqual({ valid: true, diagnostics: [] });

    const broken = await validation(request, BROKEN_YAML);
    expect(broken.valid).toBe(false);
    expect(broken.diagnostics[0]).toMatchObject({ severity: "error", line: 5, column: 1 });
    expect(broken.diagnostics[0].message).toMatch(/YAML syntax error/);
    broken.diagnostics.forEach(expectPositions);

    const dup = await validation(request, DUPLICATE_IDS);
    expect(dup.valid).toBe(false);
    expect(dup.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", line: 6, column: 11, path: "workflow.steps[1].id", message: expect.stringMatching(/duplicate step id `a`.*line 4/) }),
    ]);

    const cycle = await validation(request, CYCLE);
    expect(cycle.valid).toBe(false);
    expect(cycle.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", line: 5, column: 20, message: expect.stringMatching(/dependency cycle: a → b → a/) }),
    ]);

    const empty = await validation(request, "");
    expect(empty).toMatchObject({ valid: false, diagnostics: [expect.objectContaining({ line: 1, column: 1, message: expect.stringMatching(/empty/) })] });

    await expectApiError(await validate(request, 42), 422, "validation_failed");
    const anonymous = await request.post("/api/v1/validate", { data: { content: VALID }, headers: { origin: BASE_URL } });
    await expectApiError(anonymous, 401, "unauthenticated");
  });

  test("limits and bad input: over 1 MB, binary content, bad names, name taken", async ({ request }) => {
    const api = new SpecsClient(request);
    const tag = uniqueId();
    const big = `workflow:\n  name: big\n  description: "${"x".repeat(1_200_000)}"\n`;
    const tooLarge = await expectApiError(await api.createRaw({ name: `Big ${tag}`, content: big }), 413, "payload_too_large");
    expect(tooLarge.message).toMatch(/larger than/);
    const spec = await api.create({ name: `Small ${tag}`, content: VALID });
    await expectApiError(await api.patch(spec.id, { content: big }), 413, "payload_too_large");
    await expectApiError(await validate(request, big), 413, "payload_too_large");

    // Just over the 1 MB document limit, but under the body limit: refused by the content rule.
    const justOver = `workflow:\n  name: big\n  description: "${"x".repeat(1_000_001)}"\n`;
    const over = await api.createRaw({ name: `Just over ${tag}`, content: justOver });
    expect([413, 422]).toContain(over.status());
    expect(await over.text()).toMatch(/1,000,000 bytes/);

    const binary = await expectApiError(await api.createRaw({ name: `Binary ${tag}`, content: "workflow:\u0000\u0001\u0002" }), 422, "validation_failed");
    expect(JSON.stringify(binary.details)).toMatch(/binary/);
    await expectApiError(await api.patch(spec.id, { content: "PK\u0003\u0004\u0000\u0000" }), 422, "validation_failed");

    const taken = await expectApiError(await api.createRaw({ name: `Small ${tag}` }), 409, "conflict");
    expect(taken.message).toContain(`Small ${tag}`);
    expect(taken.details).toEqual({ field: "name" });
    const other = await api.create({ name: `Other ${tag}` });
    await expectApiError(await api.patch(other.id, { name: `Small ${tag}` }), 409, "conflict");

    for (const name of ["", "   ", "x".repeat(121), "tab\there"]) {
      await expectApiError(await api.createRaw({ name }), 422, "validation_failed");
    }
    await expectApiError(await api.createRaw({ name: `Bad source ${tag}`, source: "clipboard" }), 422, "validation_failed");
    await expectApiError(await api.patch(spec.id, {}), 422, "validation_failed");
    await expectApiError(await api.list({ archived: "maybe" }), 422, "validation_failed");
    await expectApiError(await api.list({ limit: 0 }), 422, "validation_failed");
    await expectApiError(await api.list({ cursor: "not-a-cursor" }), 422, "validation_failed");
  });

  test("unknown spec ids and another workspace's spec ids are not found", async ({ request, playwright }) => {
    const api = new SpecsClient(request);
    const missing = "cm0000000000000000000000";
    await expectApiError(await api.get(missing), 404, "not_found");
    await expectApiError(await api.patch(missing, { name: "x" }), 404, "not_found");
    await expectApiError(await api.exportRaw(missing), 404, "not_found");
    await expectApiError(await api.revisionsRaw(missing), 404, "not_found");
    await expectApiError(await api.saveRevisionRaw(missing, { message: "m" }), 404, "not_found");

    // Someone else's workspace and spec.
    const other = await playwright.request.newContext({ baseURL: BASE_URL });
    try {
      const user = await signUpViaApi(other);
      await signInViaApi(other, user.email, user.password);
      const ws = await new StudioApi(other).createWorkspace();
      const theirs = new SpecsClient(other, `/api/v1/workspaces/${ws.slug}/specs`, {});
      const foreign = await theirs.create({ name: "Their spec", content: VALID });
      const foreignRevision = await theirs.saveRevision(foreign.id, "theirs");

      // Through the seed workspace, their ids do not exist…
      await expectApiError(await api.get(foreign.id), 404, "not_found");
      await expectApiError(await api.patch(foreign.id, { name: "Mine now" }), 404, "not_found");
      await expectApiError(await api.exportRaw(foreign.id), 404, "not_found");
      await expectApiError(await api.revisionsRaw(foreign.id), 404, "not_found");
      await expectApiError(await api.revisionRaw(foreign.id, foreignRevision.id), 404, "not_found");
      await expectApiError(await api.restoreRaw(foreign.id, foreignRevision.id), 404, "not_found");
      // …and the seed token cannot reach their workspace at all.
      await expectApiError(await new SpecsClient(request, `/api/v1/workspaces/${ws.slug}/specs`).list(), 404, "not_found");
      // Nor can they reach the seed workspace.
      await expectApiError(await theirs.request.get(SPECS), 404, "not_found");
      // A revision id of theirs under a seed spec is not found either.
      const mine = await api.create({ content: VALID });
      await expectApiError(await api.revisionRaw(mine.id, foreignRevision.id), 404, "not_found");
      await expectApiError(await api.restoreRaw(mine.id, foreignRevision.id), 404, "not_found");
      // Their spec is untouched.
      expect((await theirs.detail(foreign.id)).name).toBe("Their spec");
    } finally {
      await other.dispose();
    }
  });
});
