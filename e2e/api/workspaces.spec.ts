// Workspaces over the API: creation, membership-based visibility (404, never 403) and the CSRF check for cookies.
import {
  BASE_URL,
  FOREIGN_ORIGIN,
  SEED,
  StudioApi,
  expect,
  expectApiError,
  signInViaApi,
  signUpViaApi,
  test,
  uniqueSlug,
  type Workspace,
} from "../fixtures";
import type { APIRequestContext } from "@playwright/test";

async function signedInApi(request: APIRequestContext, origin?: string | null) {
  const user = await signUpViaApi(request);
  await signInViaApi(request, user.email, user.password);
  return { user, api: new StudioApi(request, { origin }) };
}

async function slugsOf(api: StudioApi): Promise<string[]> {
  const res = await api.listWorkspaces();
  expect(res.status()).toBe(200);
  return ((await res.json()) as { workspaces: Workspace[] }).workspaces.map((w) => w.slug);
}

test.describe("workspaces API", () => {
  test("a signed-in user creates a workspace and becomes its owner", async ({ request }) => {
    const { api } = await signedInApi(request);
    const slug = uniqueSlug("own");
    const ws = await api.createWorkspace({ name: "Acme Payments", slug });
    expect(ws).toEqual({ id: expect.any(String), slug, name: "Acme Payments", role: "owner" });
    expect(await slugsOf(api)).toEqual([slug]);
  });

  test("the address defaults to a slug of the name; taken (409) and reserved or invalid (422) addresses are refused", async ({ request }) => {
    const { api } = await signedInApi(request);
    const name = `Team ${uniqueSlug("x")}`;
    const created = await api.createWorkspaceRaw({ name });
    expect(created.status(), await created.text()).toBe(201);
    const { workspace } = (await created.json()) as { workspace: Workspace };
    expect(workspace.slug).toBe(name.toLowerCase().replace(/[^a-z0-9]+/g, "-"));

    const taken = await expectApiError(await api.createWorkspaceRaw({ name: "Again", slug: workspace.slug }), 409, "conflict");
    expect(taken.details).toEqual({ field: "slug" });
    await expectApiError(await api.createWorkspaceRaw({ name: "Seed clash", slug: SEED.workspace }), 409, "conflict");

    for (const slug of ["new", "Upper-Case", "-dash-first", "ab"]) {
      const err = await expectApiError(await api.createWorkspaceRaw({ name: "Bad", slug }), 422, "validation_failed");
      expect((err.details as { path: string }[]).map((d) => d.path), slug).toContain("slug");
    }
    const noName = await expectApiError(await api.createWorkspaceRaw({ name: "   " }), 422, "validation_failed");
    expect((noName.details as { path: string }[]).map((d) => d.path)).toContain("name");
    expect(await slugsOf(api)).toEqual([workspace.slug]);
  });

  test("a workspace-bound API token may not create workspaces (403)", async ({ seed }) => {
    const slug = uniqueSlug("tok");
    const err = await expectApiError(await seed.createWorkspaceRaw({ name: "By token", slug }), 403, "forbidden");
    expect(err.message).toMatch(/token/i);
    expect(await slugsOf(seed)).toEqual([SEED.workspace]);
  });

  test("an unknown workspace answers 404 JSON", async ({ seed }) => {
    const err = await expectApiError(await seed.audit("no-such-workspace-e2e"), 404, "not_found");
    expect(err.message).toContain("no-such-workspace-e2e");
    await expectApiError(await seed.verify("no-such-workspace-e2e"), 404, "not_found");
  });

  test("another user's workspace answers 404, exactly like an unknown one (not 403)", async ({ request, playwright }) => {
    // User A owns a workspace; user B (a separate cookie jar) asks for it.
    const { api: a } = await signedInApi(request);
    const ws = await a.createWorkspace();
    const other = await playwright.request.newContext({ baseURL: BASE_URL });
    try {
      const { api: b } = await signedInApi(other);
      const foreign = await expectApiError(await b.audit(ws.slug), 404, "not_found");
      const unknown = await expectApiError(await b.audit(`${ws.slug}-x`), 404, "not_found");
      expect(foreign.message.replace(ws.slug, "SLUG")).toBe(unknown.message.replace(`${ws.slug}-x`, "SLUG"));
      await expectApiError(await b.verify(ws.slug), 404, "not_found");
      await expectApiError(await b.audit(SEED.workspace), 404, "not_found");
      expect(await slugsOf(b)).toEqual([]);
    } finally {
      await other.dispose();
    }
  });

  test("an API token gets 404 for a workspace its user is not a member of", async ({ request, seed }) => {
    const { api } = await signedInApi(request);
    const ws = await api.createWorkspace();
    await expectApiError(await seed.audit(ws.slug), 404, "not_found");
  });

  test("creating a workspace with a session cookie from a foreign Origin is refused (403) and writes nothing", async ({ request }) => {
    const { api: sameSite } = await signedInApi(request);
    const slug = uniqueSlug("csrf");
    const foreign = new StudioApi(request, { origin: FOREIGN_ORIGIN });
    const err = await expectApiError(await foreign.createWorkspaceRaw({ name: "Cross-site", slug }), 403, "forbidden");
    expect(err.message).toMatch(/Cross-site/);

    // Neither a missing Origin nor a cross-site fetch is accepted with a cookie.
    const noOrigin = new StudioApi(request, { origin: null });
    await expectApiError(await noOrigin.createWorkspaceRaw({ name: "No origin", slug }), 403, "forbidden");
    await expectApiError(
      await foreign.createWorkspaceRaw({ name: "Cross-site fetch", slug }, { "sec-fetch-site": "cross-site" }),
      403,
      "forbidden",
    );
    // A look-alike origin on another port is not the studio either.
    await expectApiError(
      await new StudioApi(request, { origin: BASE_URL.replace(/:\d+$/, ":1") }).createWorkspaceRaw({ name: "Other port", slug }),
      403,
      "forbidden",
    );
    expect(await slugsOf(sameSite)).toEqual([]);

    // The same request from the studio's own origin works.
    await sameSite.createWorkspace({ name: "Same site", slug });
    expect(await slugsOf(sameSite)).toEqual([slug]);
  });

  test("GET /api/v1/workspaces without credentials is 401", async ({ anonymous }) => {
    await expectApiError(await anonymous.listWorkspaces(), 401, "unauthenticated");
    await expectApiError(await anonymous.createWorkspaceRaw({ name: "Anon" }), 401, "unauthenticated");
  });
});
