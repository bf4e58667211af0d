// The workspace audit trail over the API: listing, keyset pagination, filters, validation, chain verification.
import { SEED, StudioApi, expect, expectApiError, signInViaApi, signUpViaApi, test, type AuditEvent } from "../fixtures";

async function allEvents(api: StudioApi, slug: string): Promise<AuditEvent[]> {
  const page = await api.auditPage(slug, { limit: 200 });
  expect(page.nextCursor, "more than 200 events: raise the limit in this test").toBeNull();
  return page.events;
}

test.describe("audit API", () => {
  test("the seed workspace lists its STUDIO_INIT_* events, newest first", async ({ seed }) => {
    const events = await allEvents(seed, SEED.workspace);
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["workspace.created", "token.created"]));
    // Newest first: ids strictly decreasing, and seq too (one chain per workspace).
    const ids = events.map((e) => BigInt(e.id));
    for (let i = 1; i < ids.length; i++) expect(ids[i] < ids[i - 1], `id order at ${i}`).toBe(true);
    for (let i = 1; i < events.length; i++) expect(events[i].seq).toBeLessThan(events[i - 1].seq);
    for (const e of events) {
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(Number.isNaN(Date.parse(e.occurredAt))).toBe(false);
    }
    // Secrets never reach the trail.
    expect(JSON.stringify(events)).not.toContain(SEED.token);
  });

  test("keyset pagination: pages do not overlap and together give the whole list", async ({ seed }) => {
    const all = await allEvents(seed, SEED.workspace);
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const limit of [1, 2]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await seed.auditPage(SEED.workspace, { limit, cursor });
        pages += 1;
        expect(page.events.length).toBeGreaterThan(0);
        expect(page.events.length).toBeLessThanOrEqual(limit);
        for (const e of page.events) expect(seen, `event ${e.id} repeated on page ${pages}`).not.toContain(e.id);
        seen.push(...page.events.map((e) => e.id));
        if (page.nextCursor) {
          expect(page.events.length).toBe(limit);
          expect(page.nextCursor).toBe(page.events[page.events.length - 1].id);
        }
        cursor = page.nextCursor ?? undefined;
        expect(pages, "pagination does not end").toBeLessThanOrEqual(all.length);
      } while (cursor);
      expect(seen, `limit=${limit}`).toEqual(all.map((e) => e.id));
      expect(pages).toBe(Math.ceil(all.length / limit));
    }
  });

  test("a cursor past the oldest event gives an empty last page", async ({ seed }) => {
    const all = await allEvents(seed, SEED.workspace);
    const page = await seed.auditPage(SEED.workspace, { cursor: all[all.length - 1].id });
    expect(page).toEqual({ events: [], nextCursor: null });
  });

  test("filters: exact action, action prefix, actor, free-text search and time range", async ({ seed }) => {
    const created = await seed.auditPage(SEED.workspace, { action: "workspace.created" });
    expect(created.events.map((e) => e.action)).toEqual(["workspace.created"]);
    expect(created.events[0].after).toMatchObject({ slug: SEED.workspace });

    const tokens = await seed.auditPage(SEED.workspace, { action: "token." });
    expect(tokens.events.length).toBeGreaterThan(0);
    for (const e of tokens.events) expect(e.action.startsWith("token.")).toBe(true);

    expect((await seed.auditPage(SEED.workspace, { action: "workspace" })).events, "a prefix needs its trailing dot").toEqual([]);
    expect((await seed.auditPage(SEED.workspace, { q: "TOKEN.CREA" })).events.map((e) => e.action)).toEqual(["token.created"]);
    expect((await seed.auditPage(SEED.workspace, { actor: "nobody-e2e" })).events).toEqual([]);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await seed.auditPage(SEED.workspace, { from: future })).events).toEqual([]);
    const all = await allEvents(seed, SEED.workspace);
    expect((await seed.auditPage(SEED.workspace, { to: future, limit: 200 })).events.length).toBe(all.length);
  });

  test("invalid queries answer 422 naming the parameter", async ({ seed }) => {
    const cases: [Record<string, string>, string][] = [
      [{ limit: "0" }, "limit"],
      [{ limit: "201" }, "limit"],
      [{ limit: "ten" }, "limit"],
      [{ limit: "1.5" }, "limit"],
      [{ cursor: "abc" }, "cursor"],
      [{ cursor: "-1" }, "cursor"],
      [{ from: "yesterday" }, "from"],
      [{ to: "2026-13-45" }, "to"],
    ];
    for (const [query, param] of cases) {
      const err = await expectApiError(await seed.audit(SEED.workspace, query), 422, "validation_failed");
      expect((err.details as { path: string }[]).map((d) => d.path), JSON.stringify(query)).toContain(param);
    }
    const swapped = await expectApiError(
      await seed.audit(SEED.workspace, { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }),
      422,
      "validation_failed",
    );
    expect(swapped.message).toMatch(/from/);
  });

  test("GET …/audit/verify reports an intact chain", async ({ seed }) => {
    const res = await seed.verify(SEED.workspace);
    expect(res.status(), await res.text()).toBe(200);
    const all = await allEvents(seed, SEED.workspace);
    expect(await res.json()).toEqual({ ok: true, events: all.length, firstBreak: null });
  });

  test("a new workspace's trail starts with workspace.created by its creator, and verifies", async ({ request }) => {
    const user = await signUpViaApi(request);
    await signInViaApi(request, user.email, user.password);
    const api = new StudioApi(request);
    const ws = await api.createWorkspace();
    const { events, nextCursor } = await api.auditPage(ws.slug);
    expect(nextCursor).toBeNull();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "workspace.created",
      actor: { type: "user", id: user.id, label: user.email },
      resource: { type: "workspace", id: ws.id },
      after: { slug: ws.slug, name: ws.name, owner: user.id },
    });
    expect(await (await api.verify(ws.slug)).json()).toEqual({ ok: true, events: 1, firstBreak: null });
  });

  test("the audit needs authentication", async ({ anonymous }) => {
    await expectApiError(await anonymous.audit(SEED.workspace), 401, "unauthenticated");
    await expectApiError(await anonymous.verify(SEED.workspace), 401, "unauthenticated");
  });
});
