import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SHORT_FORM_EXAMPLE } from "../examples";
import { specSchema } from "./index";
import { KNOWN_KEYS } from "./schema";
import { closestMatch, editDistance } from "./suggest";
import { parse } from "yaml";

describe("specSchema", () => {
  it("parses a raw document on its own and applies the language default", () => {
    const raw = specSchema.parse(parse(SHORT_FORM_EXAMPLE));
    expect(raw.workflow.language).toBe("python");
    expect(raw.workflow.steps).toEqual(["validate_input", "create_crm_account", "send_welcome_email", "log_to_db"]);
  });

  it("can be rendered as JSON Schema for API docs", () => {
    const json = z.toJSONSchema(specSchema, { io: "input", unrepresentable: "any" }) as { required?: string[] };
    expect(json.required).toEqual(["workflow"]);
    expect(JSON.stringify(json)).toContain("^[a-z][a-z0-9_]*$");
  });

  it("exposes the known keys the unknown-key warnings are based on", () => {
    expect(KNOWN_KEYS).toEqual({
      root: ["workflow"],
      workflow: ["name", "description", "language", "steps"],
      step: ["id", "description", "inputs", "outputs", "depends_on", "acceptance"],
      field: ["name", "type", "description"],
    });
  });
});

describe("suggestions", () => {
  it("computes edit distance with an early cut-off", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
  });

  it("suggests only plausible typos", () => {
    expect(closestMatch("validate_inptu", ["validate_input", "log_to_db"])).toBe("validate_input");
    expect(closestMatch("dependsOn", ["id", "depends_on"])).toBe("depends_on");
    expect(closestMatch("xyz", ["validate_input", "log_to_db"])).toBeUndefined();
  });
});
