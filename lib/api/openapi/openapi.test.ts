import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { endpoints } from "@/lib/api/openapi/endpoints/index";
import { buildOpenApi } from "@/lib/api/openapi/registry";

const ROOT = path.resolve(__dirname, "../../..");
const API_DIR = path.join(ROOT, "app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Route files that are not endpoints of their own: the catch-all 404 and the document itself. */
const NOT_ENDPOINTS = new Set(["/api/v1/{...rest}", "/api/v1/openapi.json"]);

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return e.name === "route.ts" ? [p] : [];
  });
}

/** "GET /api/v1/workspaces/{slug}/members" for every handler every route file under app/api/v1 exports. */
function implemented(): string[] {
  return routeFiles(API_DIR).flatMap((file) => {
    const rel = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/");
    const route = `/${rel}`.replace(/\[([^\]]+)\]/g, "{$1}");
    if (NOT_ENDPOINTS.has(route)) return [];
    const source = fs.readFileSync(file, "utf8");
    const methods = METHODS.filter((m) => new RegExp(`export\\s+(?:const\\s+${m}\\b|(?:async\\s+)?function\\s+${m}\\b)`).test(source));
    expect(methods.length, `${file} exports no handler`).toBeGreaterThan(0);
    return methods.map((m) => `${m} ${route}`);
  });
}

const described = () => endpoints.map((e) => `${e.method.toUpperCase()} ${e.path}`);

describe("the OpenAPI document", () => {
  it("describes every handler of every route file under app/api/v1", () => {
    const missing = implemented().filter((r) => !described().includes(r));
    expect(missing, "route handlers with no entry in lib/api/openapi/endpoints/*.ts").toEqual([]);
  });

  it("describes nothing that has no route file, and nothing twice", () => {
    const routes = new Set(implemented());
    const stale = described().filter((d) => d.includes(" /api/v1/") && !routes.has(d));
    expect(stale, "entries in lib/api/openapi/endpoints/*.ts with no handler").toEqual([]);
    expect(described().length).toBe(new Set(described()).size);
  });

  it("builds as OpenAPI 3.1 with a schema for every answer and every path parameter declared", () => {
    const doc = buildOpenApi(endpoints, { title: "t", version: "1" });
    expect(doc.openapi).toBe("3.1.0");
    for (const [p, ops] of Object.entries(doc.paths)) {
      const names = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(ops as Record<string, { parameters: { name: string; in: string }[]; responses: Record<string, unknown> }>)) {
        expect(op.parameters.filter((x) => x.in === "path").map((x) => x.name), `${method} ${p}`).toEqual(names);
        expect(Object.keys(op.responses).length, `${method} ${p}`).toBeGreaterThanOrEqual(2);
      }
    }
  });
});
