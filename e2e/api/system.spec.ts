// Public endpoints and cross-cutting behaviour: health, OpenAPI document, unknown API paths, security headers.
import { BASE_URL, expect, expectApiError, test } from "../fixtures";

test.describe("system endpoints", () => {
  test("GET /api/health reports an embedded database with migrations up to date", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: "ok", database: "embedded", migrations: "up-to-date" });
  });

  test("GET /api/v1/openapi.json is an OpenAPI 3.1 document listing /me and the audit paths", async ({ request }) => {
    const res = await request.get("/api/v1/openapi.json");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/^application\/json/);
    const doc = (await res.json()) as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/me", "/api/v1/workspaces", "/api/v1/workspaces/{slug}/audit", "/api/v1/workspaces/{slug}/audit/verify"]),
    );
    expect(doc.paths["/api/v1/me"].get).toBeDefined();
    expect(doc.paths["/api/v1/workspaces/{slug}/audit/verify"].get).toBeDefined();
    const auditParams = doc.paths["/api/v1/workspaces/{slug}/audit"].get.parameters ?? [];
    expect(auditParams.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(["path:slug", "query:cursor", "query:limit", "query:action", "query:actor", "query:q", "query:from", "query:to"]),
    );
  });

  for (const [method, path] of [
    ["GET", "/api/v1/no-such-endpoint"],
    ["POST", "/api/v1/no/such/endpoint"],
    ["DELETE", "/api/v1/nothing-here"],
    ["GET", "/api/v1/workspaces/e2e-seed/no-such-thing"],
  ] as const) {
    test(`unknown API path ${method} ${path} answers 404 JSON`, async ({ request }) => {
      const res = await request.fetch(path, { method, headers: { origin: BASE_URL } });
      const err = await expectApiError(res, 404, "not_found");
      expect(err.message).toContain(path);
    });
  }

  for (const path of ["/sign-in", "/sign-up", "/definitely-not-a-page"]) {
    test(`page ${path} is served with security headers`, async ({ request }) => {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status()).toBeLessThan(500);
      const h = res.headers();
      expect(h["content-security-policy"], "Content-Security-Policy").toBeTruthy();
      const csp = h["content-security-policy"];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp, "a production build must not allow eval").not.toContain("'unsafe-eval'");
      expect(h["x-frame-options"]).toBe("DENY");
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(h["x-powered-by"]).toBeUndefined();
    });
  }

  test("API responses carry security headers and are not cached", async ({ request }) => {
    const res = await request.get("/api/health");
    const h = res.headers();
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["cache-control"]).toContain("no-store");
  });
});
