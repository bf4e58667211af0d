// Audit export over HTTP (streamed JSONL and CSV with the list filters), the admin API's answers, invitations over
// HTTP without SMTP, and the monthly usage endpoint.
import { contextApi, expect, expectApiError, SEED, signedInUser, signInViaApi, test, uniqueEmail } from "../fixtures";
import { monthlyUsageSchema } from "../../lib/usage/schemas";

const EXPORT = `/api/v1/workspaces/${SEED.workspace}/audit/export`;
const auth = { authorization: `Bearer ${SEED.token}` };

interface ExportedEvent {
  id: string;
  seq: number;
  action: string;
  actor: { id: string | null; label: string | null };
  hash: string;
  prevHash: string;
  metadata: unknown;
}

test("JSONL export: every event of the workspace oldest first, ending with the export's own audit.exported", async ({ request }) => {
  const res = await request.get(EXPORT, { headers: auth, params: { format: "jsonl" } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/x-ndjson; charset=utf-8");
  expect(res.headers()["content-disposition"]).toMatch(new RegExp(`^attachment; filename="audit-${SEED.workspace}-\\d{8}T\\d{6}Z\\.jsonl"$`));
  expect(res.headers()["cache-control"]).toBe("no-store");
  const text = await res.text();
  expect(text.endsWith("\n")).toBe(true);
  const events = text.trimEnd().split("\n").map((l) => JSON.parse(l) as ExportedEvent);
  expect(events.length).toBeGreaterThan(1);
  // the chain as stored: seq 1..n with each prevHash the previous hash
  events.forEach((e, i) => {
    expect(e.seq).toBe(i + 1);
    if (i > 0) expect(e.prevHash).toBe(events[i - 1].hash);
    if (i > 0) expect(BigInt(e.id) > BigInt(events[i - 1].id)).toBe(true);
  });
  const last = events.at(-1)!;
  expect(last.action).toBe("audit.exported");
  expect(last.metadata).toMatchObject({ format: "jsonl", filters: {} });
  expect(last.actor.label).toContain("STUDIO_INIT_API_TOKEN");
});

test("CSV export: RFC 4180 header and one record per event, filters applied", async ({ request }) => {
  const all = await request.get(EXPORT, { headers: auth, params: { format: "csv" } });
  expect(all.status()).toBe(200);
  expect(all.headers()["content-type"]).toMatch(/^text\/csv; charset=utf-8/);
  const text = await all.text();
  expect(text.startsWith("id,seq,occurred_at,actor_type,actor_id,actor_label,action,resource_type,resource_id,ip,user_agent,before,after,metadata,prev_hash,hash,hash_version\r\n")).toBe(true);
  expect(text.endsWith("\r\n")).toBe(true);

  const filtered = await request.get(EXPORT, { headers: auth, params: { format: "jsonl", action: "audit." } });
  const actions = (await filtered.text()).trimEnd().split("\n").map((l) => (JSON.parse(l) as ExportedEvent).action);
  expect(actions.length).toBeGreaterThanOrEqual(2); // the exports above, and this one
  expect(new Set(actions)).toEqual(new Set(["audit.exported"]));

  const none = await request.get(EXPORT, { headers: auth, params: { format: "csv", q: "no-such-thing-anywhere-0" } });
  expect((await none.text()).split("\r\n").filter(Boolean)).toHaveLength(1); // the header only
});

test("export refuses bad parameters (422), non-members (404) and anonymous callers (401)", async ({ request, context }) => {
  await expectApiError(await request.get(EXPORT, { headers: auth, params: { format: "xml" } }), 422, "validation_failed");
  const swapped = await expectApiError(
    await request.get(EXPORT, { headers: auth, params: { from: "2025-02-01T00:00:00Z", to: "2025-01-01T00:00:00Z" } }),
    422,
    "validation_failed",
  );
  expect(swapped.message).toContain("swap them");
  await signedInUser(context);
  await expectApiError(await contextApi(context).get(EXPORT), 404, "not_found");
  await expectApiError(await request.get(EXPORT), 401, "unauthenticated");
});

test("admin API for the first account's session: lists and pagination", async ({ context }) => {
  await signInViaApi(context.request, SEED.email, SEED.password);
  const api = contextApi(context);
  const users = await api.get("/api/v1/admin/users", { limit: 2 });
  expect(users.status()).toBe(200);
  const page1 = (await users.json()) as { users: { id: string; email: string; instanceAdmin: boolean }[]; total: number; nextCursor: string | null };
  expect(page1.users[0]).toMatchObject({ email: SEED.email, instanceAdmin: true });
  expect(page1.total).toBeGreaterThanOrEqual(1);
  if (page1.total > 2) {
    expect(page1.nextCursor).toBe(page1.users[1].id);
    const page2 = (await (await api.get("/api/v1/admin/users", { limit: 2, cursor: page1.nextCursor! })).json()) as { users: { id: string }[] };
    expect(page2.users.map((u) => u.id)).not.toContain(page1.users[0].id);
  }
  const ws = (await (await api.get("/api/v1/admin/workspaces", { q: SEED.workspace })).json()) as { workspaces: { slug: string; members: number; runs: number }[] };
  expect(ws.workspaces.find((w) => w.slug === SEED.workspace)).toMatchObject({ members: expect.any(Number), runs: expect.any(Number) });
  await expectApiError(await api.get("/api/v1/admin/users", { cursor: "nope" }), 422, "validation_failed");
  // a cross-site disable with the admin's cookie is refused
  const csrf = await context.request.post(`/api/v1/admin/users/${page1.users[0].id}/disable`, { headers: { origin: "https://evil.example" }, data: {} });
  expect(csrf.status()).toBe(403);
});

test("invite over the API without SMTP: 201 with the link, and `email` says none was sent and why", async ({ request }) => {
  const email = uniqueEmail("api-invite");
  const res = await request.post(`/api/v1/workspaces/${SEED.workspace}/members`, { headers: auth, data: { email, role: "viewer" } });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { invitation: { email: string; status: string; link: string }; email: { configured: boolean; sent: boolean; error?: string } };
  expect(body.invitation).toMatchObject({ email, status: "pending" });
  expect(body.invitation.link).toMatch(/\/invite\/[\w-]+$/);
  expect(body.email).toEqual({ configured: false, sent: false, error: expect.stringContaining("E-mail is not configured") });
  const list = (await (await request.get(`/api/v1/workspaces/${SEED.workspace}/invitations`, { headers: auth })).json()) as { invitations: { email: string; status: string }[] };
  expect(list.invitations.find((i) => i.email === email)?.status).toBe("pending");
});

test("usage: a month's figures in the documented shape; a bad month is 422, a stranger 404, no credentials 401", async ({ request, context }) => {
  const USAGE = `/api/v1/workspaces/${SEED.workspace}/usage`;
  const now = await request.get(USAGE, { headers: auth });
  expect(now.status(), await now.text()).toBe(200);
  const body = monthlyUsageSchema.parse(await now.json());
  expect(body.month).toBe(new Date().toISOString().slice(0, 7));
  expect(body.total.tokens).toBe(body.total.inputTokens + body.total.outputTokens);
  for (const list of [body.bySpec, body.byPerson, body.byModel]) expect(list.reduce((s, r) => s + r.runs, 0)).toBe(body.total.runs);

  const old = monthlyUsageSchema.parse(await (await request.get(USAGE, { headers: auth, params: { month: "2020-01" } })).json());
  expect(old).toMatchObject({ month: "2020-01", from: "2020-01-01T00:00:00.000Z", to: "2020-02-01T00:00:00.000Z", total: { runs: 0, tokens: 0, costUsd: 0 }, bySpec: [] });

  const bad = await expectApiError(await request.get(USAGE, { headers: auth, params: { month: "2026-13" } }), 422, "validation_failed");
  expect(JSON.stringify(bad.details)).toContain("month must be YYYY-MM");
  await signedInUser(context);
  await expectApiError(await contextApi(context).get(USAGE), 404, "not_found");
  await expectApiError(await request.get(USAGE), 401, "unauthenticated");
});
