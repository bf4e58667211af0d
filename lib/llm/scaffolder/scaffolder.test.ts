import { execFile } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkModule, pythonAvailable, scanSource } from "../../checks";
import type { Spec } from "../../specs/types";
import { HOSTILE_TEXT, hostileSpec, onboardingSpec } from "../testing/sample-specs";
import {
  SCAFFOLDER_LABEL,
  scaffoldAnswer,
  scaffoldFlow,
  scaffoldProject,
  scaffoldStep,
  stepInterface,
  stepNames,
  stepsInOrder,
  streamChunks,
  toLineChunks,
} from "./index";
import { commentText, jsDocText, pyDocText, quote } from "./text";
import { mapType } from "./type-hints";

const hasPython = await pythonAvailable();

function run(cmd: string, args: string[], options: { cwd?: string; input?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { cwd: options.cwd, timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: unknown }).code) || 1 : 0, stdout, stderr }),
    );
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}

/** Parses (never runs) Python source with the ast module and reports what a test needs to know. */
const AST_REPORT = `
import ast, json, sys
tree = ast.parse(sys.stdin.read())
fns = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
print(json.dumps({
  "top": [type(n).__name__ for n in tree.body],
  "imports": sorted({a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}),
  "calls": sorted({ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}),
  "docstrings": [ast.get_docstring(f, clean=True) for f in fns],
}))
`;

describe("offline scaffolder", () => {
  it("is labelled as not an LLM", () => {
    expect(SCAFFOLDER_LABEL).toBe("offline scaffold, not an LLM");
    expect(scaffoldStep(onboardingSpec(), "validate_input").module.content).toContain(SCAFFOLDER_LABEL);
  });

  it("is deterministic: same spec, byte-identical files", () => {
    for (const language of ["python", "typescript"] as const) {
      const first = scaffoldProject(onboardingSpec(language));
      const second = scaffoldProject(structuredClone(onboardingSpec(language)));
      expect(second).toEqual(first);
      expect(first.map((f) => f.path)).toEqual(
        language === "python"
          ? [
              "steps/send_welcome.py",
              "tests/test_send_welcome.py",
              "steps/validate_input.py",
              "tests/test_validate_input.py",
              "steps/create_account.py",
              "tests/test_create_account.py",
              "steps/audit_log.py",
              "tests/test_audit_log.py",
              "flow.py",
              "steps/__init__.py",
              "conftest.py",
            ]
          : [
              "src/steps/send_welcome.ts",
              "tests/send_welcome.test.ts",
              "src/steps/validate_input.ts",
              "tests/validate_input.test.ts",
              "src/steps/create_account.ts",
              "tests/create_account.test.ts",
              "src/steps/audit_log.ts",
              "tests/audit_log.test.ts",
              "src/flow.ts",
            ],
      );
    }
  });

  it.runIf(hasPython)("writes Python that py_compile accepts, with no risky-pattern findings", async () => {
    const files = scaffoldProject(onboardingSpec("python"));
    const results = await Promise.all(files.map((file) => checkModule(file)));
    files.forEach((file, i) => expect(results[i], file.path).toEqual([]));
  });

  it("writes TypeScript the compiler parses, with no risky-pattern findings", async () => {
    for (const file of scaffoldProject(onboardingSpec("typescript"))) {
      expect(await checkModule(file), file.path).toEqual([]);
    }
  });

  it("writes a typed step function with input validation and TODO outputs", () => {
    const mod = scaffoldStep(onboardingSpec(), "create_account").module.content;
    expect(mod).toContain("class CreateAccountInput(TypedDict):\n    email: str\n    name: str");
    expect(mod).toContain("def create_account(data: CreateAccountInput) -> CreateAccountOutput:");
    expect(mod).toContain('REQUIRED_INPUTS: tuple[str, ...] = ("email", "name")');
    expect(mod).toContain('        raise ValueError("create_account: missing input(s): " + ", ".join(missing))');
    expect(mod).toContain('        "account_id": "",  # TODO: compute account_id');
    expect(mod).not.toContain("NotImplementedError");
    const ts = scaffoldStep(onboardingSpec("typescript"), "create_account").module.content;
    expect(ts).toContain("export interface CreateAccountInput {\n  email: string;\n  name: string;\n}");
    expect(ts).toContain("export function create_account(data: CreateAccountInput): CreateAccountOutput {");
  });

  it("writes one validation test per input and one TODO test per acceptance criterion", () => {
    const spec = onboardingSpec();
    const py = scaffoldStep(spec, "create_account").test.content;
    expect(py.match(/^def test_missing_\w+_raises_value_error\(\):$/gm)).toEqual([
      "def test_missing_email_raises_value_error():",
      "def test_missing_name_raises_value_error():",
    ]);
    expect(py.match(/pytest\.skip\("TODO/g)).toHaveLength(2);
    expect(py).toContain("def test_acceptance_2_refuses_a_duplicate_email():");
    const ts = scaffoldStep(onboardingSpec("typescript"), "create_account").test.content;
    expect(ts.match(/it\.todo\(/g)).toHaveLength(2);
    expect(ts).toContain('it.todo("acceptance 1: returns a new id for a new email");');
    expect(ts).toContain('import { create_account, type CreateAccountInput } from "../src/steps/create_account.js";');
  });
});

describe("flow module", () => {
  it("runs steps in depends_on order, stable by list order", () => {
    const spec = onboardingSpec();
    expect(stepsInOrder(spec).map((s) => s.id)).toEqual(["validate_input", "create_account", "send_welcome", "audit_log"]);
    const flow = scaffoldFlow(spec).content;
    expect(flow.match(/^flow\.add_step\((\w+)\)$/gm)).toEqual([
      "flow.add_step(validate_input)",
      "flow.add_step(create_account)",
      "flow.add_step(send_welcome)",
      "flow.add_step(audit_log)",
    ]);
    expect(flow).toContain('flow = Flow("customer_onboarding")');
    expect(flow).toContain("def run(data: Mapping[str, Any]) -> dict[str, Any]:\n");
    expect(flow).toContain("logger.info(\"flow %s: step %s started\"");
    const ts = scaffoldFlow(onboardingSpec("typescript")).content;
    expect(ts.match(/\.addStep\((\w+),/g)).toEqual([".addStep(validate_input,", ".addStep(create_account,", ".addStep(send_welcome,", ".addStep(audit_log,"]);
  });

  it("keeps every step after the steps it depends on, for any listing order", () => {
    const spec = onboardingSpec();
    for (const steps of [spec.steps.slice().reverse(), [spec.steps[2], spec.steps[0], spec.steps[3], spec.steps[1]]]) {
      const order = stepsInOrder({ ...spec, steps }).map((s) => s.id);
      for (const step of steps) for (const dep of step.dependsOn) expect(order.indexOf(dep)).toBeLessThan(order.indexOf(step.id));
    }
  });

  it("refuses a depends_on cycle", () => {
    const spec = onboardingSpec();
    spec.steps[1].dependsOn = ["send_welcome"];
    expect(() => stepsInOrder(spec)).toThrow(/cycle/);
  });

  it.runIf(hasPython)("flow and tests work when the scaffold project is run with pytest", async () => {
    const hasPytest = (await run("python3", ["-m", "pytest", "--version"])).code === 0;
    if (!hasPytest) return;
    // Runs the deterministic scaffold of a benign spec (not model output) to prove its tests are real.
    const dir = await mkdtemp(join(tmpdir(), "scaffold-pytest-"));
    try {
      for (const file of scaffoldProject(onboardingSpec())) {
        await mkdir(dirname(join(dir, file.path)), { recursive: true });
        await writeFile(join(dir, file.path), file.content);
      }
      const result = await run("python3", ["-m", "pytest", "-q", "-p", "no:cacheprovider"], { cwd: dir });
      expect(result.stdout).toMatch(/13 passed, 5 skipped/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("hostile spec text stays data", () => {
  it.runIf(hasPython)("python: compiles, and the text exists only inside docstrings", async () => {
    const spec = hostileSpec("python");
    const { module, test } = scaffoldStep(spec, "validate_input");
    for (const file of [module, test, scaffoldFlow(spec)]) {
      const findings = await checkModule(file);
      expect(findings, file.path).toEqual([]); // no syntax error, and no os.system in code
    }
    const report = JSON.parse((await run("python3", ["-I", "-c", AST_REPORT], { input: module.content })).stdout);
    // docstring, 2 imports, Input/Output TypedDicts (functional form: the field names are not identifiers),
    // REQUIRED_INPUTS, the function. Nothing else reached the code.
    expect(report.top).toEqual(["Expr", "ImportFrom", "ImportFrom", "Assign", "Assign", "AnnAssign", "FunctionDef"]);
    expect(report.imports).toEqual(["Any", "TypedDict", "annotations"]);
    expect(report.calls).not.toContain("os.system");
    expect(report.docstrings[0].startsWith(HOSTILE_TEXT)).toBe(true);
  });

  it("typescript: parses, and no injected statement appears in the code", async () => {
    const spec = hostileSpec("typescript");
    const { module, test } = scaffoldStep(spec, "validate_input");
    for (const file of [module, test, scaffoldFlow(spec)]) {
      expect(await checkModule(file), file.path).toEqual([]);
      const code = scanSource(file.content, "typescript").code;
      expect(code).not.toContain("console.log");
      expect(code).not.toContain("evil()");
    }
  });

  it("escapes each container's terminator", () => {
    expect(pyDocText('a """ b')).toBe('a \\"\\"\\" b');
    expect(pyDocText('end"')).toBe('end\\"');
    expect(pyDocText("back\\slash \\N{x}")).toBe("back\\\\slash \\\\N{x}");
    expect(pyDocText("nul\u0000 rlo\u202e crlf\r\n")).toBe("nul\\x00 rlo\\u202e crlf\n");
    expect(jsDocText("a */ b")).toBe("a *\\/ b");
    expect(commentText("one\ntwo\u2028three")).toBe("one two three");
    expect(quote('say "hi"\n\u2028')).toBe('"say \\"hi\\"\\n\\u2028"');
  });
});

describe("names and types", () => {
  it("sanitises ids and field names that are not identifiers", () => {
    const spec: Spec = {
      name: "odd",
      description: "",
      language: "python",
      steps: [
        { id: "class", description: "", inputs: [{ name: "user-name", type: "str" }], outputs: [], dependsOn: [], acceptance: [] },
        { id: "9 lives!", description: "", inputs: [], outputs: [], dependsOn: [], acceptance: [] },
        { id: "9_lives_", description: "", inputs: [], outputs: [], dependsOn: [], acceptance: [] },
      ],
    };
    expect([...stepNames(spec).values()].map((n) => n.fn)).toEqual(["class_", "_9_lives_", "_9_lives__2"]);
    expect(stepInterface(spec, "class")).toContain('ClassInput = TypedDict("ClassInput", {"user-name": str})');
    expect(scaffoldStep(spec, "9 lives!").module.path).toBe("steps/_9_lives_.py");
  });

  it("maps known type hints and falls back to Any/unknown", () => {
    expect(mapType("list of str")).toMatchObject({ py: "list[str]", ts: "string[]", known: true });
    expect(mapType("Array<dict>")).toMatchObject({ py: "list[dict]", ts: "Array<Record<string, unknown>>" });
    expect(mapType("integer")).toMatchObject({ py: "int", ts: "number", pyDefault: "0" });
    expect(mapType("Customer")).toMatchObject({ py: "Any", ts: "unknown", known: false });
    expect(mapType(undefined)).toMatchObject({ py: "Any", known: true });
  });
});

describe("streaming source", () => {
  it("yields the text a line at a time and joins back to it exactly", async () => {
    const answer = scaffoldAnswer(onboardingSpec(), "validate_input");
    const chunks: string[] = [];
    for await (const chunk of streamChunks(answer)) chunks.push(chunk);
    expect(chunks.join("")).toBe(answer);
    expect(chunks).toEqual(toLineChunks(answer));
    expect(chunks.length).toBe(answer.split("\n").length - 1);
    expect(toLineChunks("a\nb")).toEqual(["a\n", "b"]);
  });

  it("stops when aborted between chunks", async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const chunk of streamChunks("1\n2\n3\n4\n", { delayMs: 50, signal: controller.signal })) seen.push(chunk);
    })();
    setTimeout(() => controller.abort(new Error("stop")), 125);
    await expect(reading).rejects.toThrow("stop");
    expect(seen).toEqual(["1\n", "2\n"]);
  });
});
