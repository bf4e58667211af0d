import { describe, expect, it } from "vitest";
import type { SpecDiagnostic } from "../types";
import { MAX_SPEC_BYTES, validateSpec } from "./index";
import { utf8Length } from "./source";

const yaml = (...lines: string[]) => lines.join("\n") + "\n";
const where = (d: SpecDiagnostic) => [d.severity, d.line, d.column, d.endLine, d.endColumn, d.path];

describe("YAML syntax", () => {
  it("reports a mis-indented list item once, with the parser's position", () => {
    const result = validateSpec(yaml("workflow:", "  name: w", "  steps:", "    - a", "   - b", "    - c"));
    expect(result.valid).toBe(false);
    expect(result.diagnostics.map(where)).toEqual([["error", 5, 1, 5, 2, "workflow.steps[0]"]]);
    expect(result.diagnostics[0].message).toBe(
      "YAML syntax error: A block sequence may not be used as an implicit map key — check the indentation of this line against the lines above it",
    );
  });

  it("reports an unclosed flow sequence", () => {
    const [d] = validateSpec(yaml("workflow:", "  name: w", "  steps: [a, b", "  description: x")).diagnostics;
    expect(where(d)).toEqual(["error", 4, 3, 4, 4, "workflow.steps[1]"]);
    expect(d.message).toMatch(/^YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a \] — /);
  });

  it("reports an unterminated quote", () => {
    const [d] = validateSpec(yaml("workflow:", '  name: "w', "  steps: [a]")).diagnostics;
    expect([d.severity, d.line, d.column]).toEqual(["error", 4, 1]);
    expect(d.message).toMatch(/^YAML syntax error: Missing closing "quote — add the missing character/);
  });

  it("reports duplicate keys at the repeat", () => {
    const [d] = validateSpec(yaml("workflow:", "  name: a", "  name: b", "  steps: [a]")).diagnostics;
    expect(where(d)).toEqual(["error", 3, 3, 3, 4, "workflow.name"]);
    expect(d.message).toBe(
      "YAML syntax error: Map keys must be unique — each key may appear once per mapping: remove or rename one of them",
    );
  });

  it("reports tab indentation", () => {
    const [d] = validateSpec("workflow:\n\tname: w\n").diagnostics;
    expect([d.severity, d.line, d.column]).toEqual(["error", 2, 1]);
    expect(d.message).toMatch(/indent with spaces, not tabs$/);
  });

  it("rejects several documents in one file, pointing at the second", () => {
    const result = validateSpec(yaml("workflow:", "  name: a", "  steps: [x]", "---", "workflow:", "  name: b", "  steps: [y]"));
    expect(result.valid).toBe(false);
    expect(result.diagnostics.map(where)).toEqual([["error", 4, 1, 4, 4, ""]]);
    expect(result.diagnostics[0].message).toBe(
      "the file contains 2 YAML documents, but a spec must be a single document — remove the `---` separator and everything after it, or move the extra document into its own spec",
    );
  });

  it("reads tags as plain data and never evaluates them", () => {
    const result = validateSpec(yaml("workflow:", "  name: w", "  description: !!js/function 'function () { throw 1 }'", "  steps: [a]"));
    expect(result.valid).toBe(true);
    expect(result.spec?.description).toBe("function () { throw 1 }");
    expect(result.diagnostics.map(where)).toEqual([["warning", 3, 16, 3, 29, "workflow.description"]]);
  });
});

describe("aliases", () => {
  it("allows modest anchor / alias reuse", () => {
    const result = validateSpec(
      yaml("workflow:", "  name: w", "  steps:", "    - id: a", "      inputs: &customer [email, plan]", "    - id: b", "      inputs: *customer"),
    );
    expect(result.valid).toBe(true);
    expect(result.spec?.steps[1].inputs).toEqual([{ name: "email" }, { name: "plan" }]);
  });

  it("rejects a billion-laughs document instead of expanding it", () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let k = 1; k < 9; k++) {
      const [name, prev] = [String.fromCharCode(97 + k), String.fromCharCode(96 + k)];
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    const started = Date.now();
    const result = validateSpec(lines.join("\n"));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.diagnostics.map(where)).toEqual([["error", 2, 8, 2, 10, "b[0]"]]);
    expect(result.diagnostics[0].message).toMatch(/^the spec uses YAML aliases too heavily .* write the repeated values out/);
  });

  it("reports an alias without anchor", () => {
    const [d] = validateSpec(yaml("workflow:", "  name: w", "  steps: *missing")).diagnostics;
    expect(where(d)).toEqual(["error", 3, 10, 3, 18, "workflow.steps"]);
    expect(d.message).toBe(
      "the alias `*missing` refers to no anchor defined before it — define `&missing` earlier in the file, or write the value out",
    );
  });
});

describe("size and binary input", () => {
  it("measures UTF-8 bytes, not UTF-16 units", () => {
    expect([utf8Length("abc"), utf8Length("é"), utf8Length("€"), utf8Length("😀")]).toEqual([3, 2, 3, 4]);
  });

  it("accepts a spec of exactly MAX_SPEC_BYTES and rejects one byte more, pointing where the limit is crossed", () => {
    const base = yaml("workflow:", "  name: w", "  steps: [a]", "  description: >-") + "    ";
    const exact = base + "x".repeat(MAX_SPEC_BYTES - base.length);
    expect(utf8Length(exact)).toBe(MAX_SPEC_BYTES);
    expect(validateSpec(exact).valid).toBe(true);

    const result = validateSpec(exact + "y");
    expect(result.valid).toBe(false);
    expect(result.diagnostics.map(where)).toEqual([["error", 5, MAX_SPEC_BYTES - base.length + 5, 5, MAX_SPEC_BYTES - base.length + 6, ""]]);
    expect(result.diagnostics[0].message).toBe(
      "the spec is 1,000,001 bytes, over the limit of 1,000,000 bytes — split the workflow into several specs or shorten long descriptions",
    );
  });

  it("counts multi-byte characters against the limit", () => {
    const text = "workflow: {name: w, steps: [a], description: '" + "é".repeat(MAX_SPEC_BYTES / 2) + "'}";
    expect(text.length).toBeLessThan(MAX_SPEC_BYTES);
    expect(validateSpec(text).diagnostics[0].message).toMatch(/^the spec is 1,000,04\d bytes, over the limit/);
  });

  it("rejects binary content at the first control character", () => {
    const result = validateSpec("workflow:\n  name: w\u0000\u0001PK\u0003\u0004");
    expect(result.diagnostics.map(where)).toEqual([["error", 2, 10, 2, 11, ""]]);
    expect(result.diagnostics[0].message).toBe(
      "the spec contains a binary control character (U+0000); a spec must be plain UTF-8 text — remove the character, or check that a text file was uploaded",
    );
  });

  it("explains printable garbage as a wrong document shape", () => {
    const [d] = validateSpec("%%%% lorem ipsum }{ <html>").diagnostics;
    expect(d.severity).toBe("error");
    expect([d.line, d.column]).toEqual([1, 1]);
  });

  it("never throws and always explains itself, whatever the input", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = "workflow:name steps-[]{},'\"&*!|>#%@`\n\t  id depends_on: a_b é\u0000\u2028";
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: Math.floor(random() * 200) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      const result = validateSpec(text);
      expect(result.valid).toBe(result.diagnostics.every((d) => d.severity !== "error"));
      for (const d of result.diagnostics) {
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
        expect(d.endLine * 1e6 + d.endColumn).toBeGreaterThanOrEqual(d.line * 1e6 + d.column);
        expect(d.message.length).toBeGreaterThan(10);
      }
    }
  });

  it("rejects nesting deeper than 64 levels at the first too-deep node, without parsing it", () => {
    const nested = (n: number) => `workflow: ${"[".repeat(n)}${"]".repeat(n)}`;
    const [d] = validateSpec(nested(70)).diagnostics;
    expect(where(d)).toEqual(["error", 1, 75, 1, 76, ""]);
    expect(d.message).toBe(
      "the spec is nested more than 64 levels deep — a spec needs only a few levels of lists and mappings; flatten this part",
    );
    expect(validateSpec(nested(64)).diagnostics[0].message).toMatch(/^`workflow` must be a mapping/);

    const started = Date.now();
    expect(validateSpec(nested(400_000)).diagnostics[0].message).toMatch(/^the spec is nested more than 64 levels/);
    expect(validateSpec(`workflow:\n${Array.from({ length: 1000 }, (_, k) => `${" ".repeat(k + 2)}a:`).join("\n")}`).valid).toBe(false);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
