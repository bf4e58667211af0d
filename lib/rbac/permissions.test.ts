import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { canAssignRole, ROLE_RANK, ROLE_SCOPES, ROLES, roleCan, SCOPES, TOKEN_SCOPE_GRANTS, TOKEN_SCOPES, tokenScopesAllow } from "@/lib/rbac/permissions";

const DOC = fileURLToPath(new URL("../../docs/permissions.md", import.meta.url));

/** Every markdown table in `md`, as header cells and body rows of trimmed cells. */
function tables(md: string): { header: string[]; rows: string[][] }[] {
  const out: { header: string[]; rows: string[][] }[] = [];
  const lines = md.split("\n");
  const cells = (l: string) => l.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
  for (let i = 0; i < lines.length - 1; i++) {
    if (!lines[i].trim().startsWith("|") || !/^\s*\|?\s*:?-{3,}/.test(lines[i + 1])) continue;
    const header = cells(lines[i]).map((h) => h.toLowerCase());
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j].trim().startsWith("|"); j++) rows.push(cells(lines[j]));
    out.push({ header, rows });
    i = j;
  }
  return out;
}

const code = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

describe("docs/permissions.md", () => {
  const md = fs.existsSync(DOC) ? fs.readFileSync(DOC, "utf8") : "";

  it("exists", () => {
    expect(fs.existsSync(DOC)).toBe(true);
    expect(md.length).toBeGreaterThan(500);
  });

  it("has a role × scope table that matches ROLE_SCOPES exactly, row by row in SCOPES order", () => {
    const matrix = tables(md).find((t) => ROLES.every((r) => t.header.includes(r)));
    expect(matrix, "a table with one column per role").toBeDefined();
    const { header, rows } = matrix!;
    const scopeCol = header.indexOf("scope");
    expect(scopeCol).toBeGreaterThanOrEqual(0);
    const documented = rows.map((r) => {
      const [scope, ...rest] = code(r[scopeCol]);
      expect(rest, `one scope per row: ${r.join(" | ")}`).toEqual([]);
      return scope;
    });
    expect(documented).toEqual([...SCOPES]);

    const wrong: string[] = [];
    for (const row of rows) {
      const scope = code(row[scopeCol])[0] as (typeof SCOPES)[number];
      for (const role of ROLES) {
        const cell = row[header.indexOf(role)];
        if (cell !== "✓" && cell !== "—") wrong.push(`${scope}/${role}: cell is "${cell}", not ✓ or —`);
        else if ((cell === "✓") !== ROLE_SCOPES[role].has(scope)) wrong.push(`${scope}/${role}: doc says ${cell}, code says ${ROLE_SCOPES[role].has(scope) ? "✓" : "—"}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("groups the matrix rows by area, in order", () => {
    const matrix = tables(md).find((t) => ROLES.every((r) => t.header.includes(r)))!;
    const areaCol = matrix.header.indexOf("area");
    const areas = matrix.rows.map((r) => r[areaCol]);
    expect([...new Set(areas)]).toEqual(["workspace", "specs", "runs", "reviews", "export", "audit", "members", "tokens", "providers", "settings", "limits"]);
    // each area's rows are contiguous and hold the scopes of that resource
    const prefix: Record<string, string> = { specs: "spec", runs: "run", reviews: "review", members: "member", tokens: "token", providers: "provider" };
    matrix.rows.forEach((r, i) => {
      if (i > 0 && areas[i - 1] !== areas[i]) expect(areas.slice(0, i)).not.toContain(areas[i]);
      expect(code(r[matrix.header.indexOf("scope")])[0].split(":")[0]).toBe(prefix[areas[i]] ?? areas[i]);
    });
  });

  it("lists each API token scope with exactly what TOKEN_SCOPE_GRANTS grants", () => {
    const grants = tables(md).find((t) => t.header[0] === "token scope");
    expect(grants, "a table headed `Token scope | Grants`").toBeDefined();
    const documented = Object.fromEntries(grants!.rows.map((r) => [code(r[0])[0], [...code(r[1])].sort()]));
    const actual = Object.fromEntries(TOKEN_SCOPES.map((t) => [t, [...TOKEN_SCOPE_GRANTS[t]].sort()]));
    expect(documented).toEqual(actual);
  });

  it("states the rules: token ∩ role, no granting above your own role, 404 for non-members", () => {
    expect(md).toMatch(/intersection/i);
    expect(md).toMatch(/role above their own/i);
    expect(md).toMatch(/404/);
    expect(md).toMatch(/not 403/i);
  });
});

describe("ROLE_SCOPES", () => {
  it("names only known scopes, and the owner holds every one", () => {
    for (const role of ROLES) for (const s of ROLE_SCOPES[role]) expect(SCOPES).toContain(s);
    expect([...ROLE_SCOPES.owner].sort()).toEqual([...SCOPES].sort());
    expect(new Set(SCOPES).size).toBe(SCOPES.length);
  });

  it("gives each role every scope of the roles ranked below it, and something more", () => {
    const byRank = [...ROLES].sort((a, b) => ROLE_RANK[a] - ROLE_RANK[b]);
    expect(byRank).toEqual(["viewer", "reviewer", "editor", "admin", "owner"]);
    for (let i = 1; i < byRank.length; i++) {
      const lower = ROLE_SCOPES[byRank[i - 1]];
      const higher = ROLE_SCOPES[byRank[i]];
      for (const s of lower) expect(higher.has(s), `${byRank[i]} lacks ${s}`).toBe(true);
      expect(higher.size).toBeGreaterThan(lower.size);
    }
  });

  it("keeps the viewer read-only and the workspace's deletion to owners", () => {
    expect([...ROLE_SCOPES.viewer].every((s) => s.endsWith(":read"))).toBe(true);
    expect(ROLES.filter((r) => roleCan(r, "workspace:delete"))).toEqual(["owner"]);
    expect(ROLES.filter((r) => roleCan(r, "member:invite"))).toEqual(["owner", "admin"]);
  });
});

describe("canAssignRole", () => {
  it.each(ROLES)("lets a %s grant only roles of its own rank or below", (actor) => {
    const allowed = ROLES.filter((target) => canAssignRole(actor, target));
    expect(allowed).toEqual(ROLES.slice(ROLES.indexOf(actor)));
  });
});

describe("tokenScopesAllow", () => {
  it("allows exactly the union of the token's grants", () => {
    for (const scope of SCOPES) {
      expect(tokenScopesAllow(["read"], scope)).toBe(scope.endsWith(":read") || scope === "export:download");
      expect(tokenScopesAllow(["read", "admin"], scope)).toBe(true);
      expect(tokenScopesAllow([], scope)).toBe(false);
    }
    expect(tokenScopesAllow(["write"], "spec:write")).toBe(true);
    expect(tokenScopesAllow(["write"], "run:trigger")).toBe(false);
    expect(tokenScopesAllow(["run"], "run:cancel")).toBe(true);
  });

  it("grants nothing for unknown names, including Object.prototype's", () => {
    for (const bogus of ["constructor", "__proto__", "toString", "hasOwnProperty", "READ", "*", ""]) {
      for (const scope of SCOPES) expect(tokenScopesAllow([bogus], scope), `${bogus} → ${scope}`).toBe(false);
    }
  });
});
