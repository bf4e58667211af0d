import { describe, expect, it } from "vitest";
import { checkModule, compileFindings, findRiskyPatterns, PythonChecker, pythonAvailable, scanSource, type Finding } from "./index";

const py = (content: string) => checkModule({ path: "steps/mod.py", language: "python", content });
const ts = (content: string) => checkModule({ path: "src/steps/mod.ts", language: "typescript", content });

/** rule -> lines, for compact assertions */
function byRule(findings: Finding[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const f of findings) (out[f.rule] ??= []).push(f.line);
  return out;
}

const hasPython = await pythonAvailable();

describe("python syntax (compile(), never executed)", () => {
  it.runIf(hasPython)("reports a syntax error at its line and column", async () => {
    const findings = await py("import os\n\n\ndef f(:\n    return 1\n");
    expect(findings).toEqual([{ line: 4, column: 7, severity: "error", rule: "syntax", message: "SyntaxError: invalid syntax" }]);
  });

  it.runIf(hasPython)("reports indentation errors (the 'Sorry:' output form) at their line", async () => {
    const findings = await py("x = 1\n    y = 2\n");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 2, severity: "error", rule: "syntax" });
    expect(findings[0].message).toContain("IndentationError: unexpected indent");
  });

  it.runIf(hasPython)("reports an unterminated string at the opening quote", async () => {
    const findings = await py('a = 1\ns = "abc\n');
    expect(findings[0]).toMatchObject({ line: 2, column: 5, rule: "syntax" });
    expect(findings[0].message).toContain("unterminated string literal");
  });

  it.runIf(hasPython)("does not run the module: a top-level side effect never happens", async () => {
    const marker = `/tmp/spec-studio-should-not-exist-${process.pid}`;
    const findings = await py(`open(${JSON.stringify(marker)}, "w").write("ran")\n`);
    expect(findings).toEqual([]);
    const { existsSync } = await import("node:fs");
    expect(existsSync(marker)).toBe(false);
  });

  it.runIf(hasPython)("compiles a file named like the py_compile module instead of importing it", async () => {
    const marker = `/tmp/spec-studio-hijack-${process.pid}`;
    const content = `open(${JSON.stringify(marker)}, "w").write("ran")\nraise SystemExit("hijacked")\n`;
    expect(await checkModule({ path: "steps/py_compile.py", language: "python", content })).toEqual([]);
    const { existsSync } = await import("node:fs");
    expect(existsSync(marker)).toBe(false);
  });

  it("maps compile() answers to findings without python", () => {
    const content = "def f():\n    x = (1,\n";
    expect(compileFindings({ error: { type: "SyntaxError", message: "'(' was never closed", line: 2, column: 9 }, warnings: [], unchecked: null }, content)).toEqual([
      { line: 2, column: 9, severity: "error", rule: "syntax", message: "SyntaxError: '(' was never closed" },
    ]);
    expect(compileFindings({ error: null, warnings: [{ category: "SyntaxWarning", message: "invalid escape sequence '\\d'", line: 3 }], unchecked: null }, "")).toEqual([
      { line: 3, severity: "warning", rule: "syntax", message: "SyntaxWarning: invalid escape sequence '\\d'" },
    ]);
    const nul = { error: { type: "SyntaxError", message: "source code string cannot contain null bytes", line: null, column: null }, warnings: [], unchecked: null };
    expect(compileFindings(nul, "a = 1\nb = 2\0\n")[0]).toMatchObject({ line: 2, message: "SyntaxError: source code string cannot contain null bytes" });
    expect(compileFindings({ error: null, warnings: [], unchecked: "python3 is not installed on the server" }, "x = 1\n")).toEqual([
      { line: 1, severity: "warning", rule: "syntax-unchecked", message: "Syntax was not checked: python3 is not installed on the server." },
    ]);
  });

  it.runIf(hasPython)("reports a NUL byte at the line that holds it", async () => {
    const findings = await py("a = 1\nb = 2\0\n");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 2, severity: "error", rule: "syntax" });
    expect(findings[0].message).toContain("null bytes");
  });

  it.runIf(hasPython)("reports invalid escape sequences as warnings at their line", async () => {
    const findings = await py('import re\n\npattern = "\\d+"\n');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 3, severity: "warning", rule: "syntax" });
    expect(findings[0].message).toMatch(/^(SyntaxWarning|DeprecationWarning): invalid escape sequence/);
  });
});

describe("the long-lived python3 checker", () => {
  it.runIf(hasPython)("checks many modules with one child", async () => {
    const checker = new PythonChecker();
    try {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => checker.check(`m${i}.py`, i % 2 ? `x = ${i}\n` : `def f(:\n`)));
      expect(results.map((r) => r.error?.line ?? null)).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 ? null : 1)));
      expect(checker.started).toBe(1);
    } finally {
      checker.close();
    }
  });

  it.runIf(hasPython)("survives a crashed child: the next check starts a new one and still reports errors with their line", async () => {
    const checker = new PythonChecker();
    try {
      expect((await checker.check("a.py", "x = 1\n")).error).toBeNull();
      const first = checker.pid!;
      const gone = new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          try {
            process.kill(first, 0);
          } catch {
            clearInterval(poll);
            resolve();
          }
        }, 5);
      });
      process.kill(first, "SIGKILL");
      await gone;
      const r = await checker.check("b.py", "ok = 1\n\nif x\n    pass\n");
      expect(r.unchecked).toBeNull();
      expect(r.error).toMatchObject({ type: "SyntaxError", line: 3 });
      expect(checker.pid).not.toBe(first);
      expect(checker.started).toBe(2);
    } finally {
      checker.close();
    }
  });

  it.runIf(hasPython)("gives up on a check that overruns its timeout, and keeps working", async () => {
    const checker = new PythonChecker({ timeoutMs: 500 });
    // Takes compile() seconds: far past the 500 ms allowed here.
    const big = "x = [" + "1 + 2 * 3, ".repeat(300_000) + "]\n";
    try {
      expect((await checker.check("big.py", big)).unchecked).toBe("compile() did not finish within 500 ms");
      // The overrunning child was killed; the next check gets a fresh one.
      expect((await checker.check("small.py", "x = 1\ndef f(:\n")).error).toMatchObject({ line: 2, column: 7 });
      expect(checker.started).toBe(2);
    } finally {
      checker.close();
    }
  });

  it("falls back to an unchecked warning when python3 is absent", async () => {
    const checker = new PythonChecker({ command: "python3-not-installed-here" });
    const [a, b] = await Promise.all([checker.check("a.py", "x = 1\n"), checker.check("b.py", "def f(:\n")]);
    expect(a).toEqual({ error: null, warnings: [], unchecked: "python3 is not installed on the server" });
    expect(b.unchecked).toBe("python3 is not installed on the server");
    expect((await checker.check("c.py", "y = 2\n")).unchecked).toBe("python3 is not installed on the server");
  });
});

describe("typescript syntax (compiler parser)", () => {
  it("reports a syntax error at its line and column", async () => {
    const findings = await ts("export function f(): number {\n  return 1 +;\n}\n");
    expect(findings).toEqual([{ line: 2, column: 13, severity: "error", rule: "syntax", message: "TS1109: Expression expected." }]);
  });

  it("parses JSX in .tsx files only, and reports every syntax error", async () => {
    const jsx = "export const a = <div>hi</div>;\n";
    expect(await checkModule({ path: "src/a.tsx", language: "typescript", content: jsx })).toEqual([]);
    expect((await ts(jsx)).map((f) => f.rule)).toContain("syntax");
    expect((await ts("const x = {a: 1,,};\nlet y = `abc")).map((f) => [f.line, f.column, f.message])).toEqual([
      [1, 17, "TS1136: Property assignment expected."],
      [2, 13, "TS1160: Unterminated template literal."],
    ]);
  });

  it("accepts valid code, type errors included (no type checking)", async () => {
    expect(await ts("export const x: number = 1;\nexport const y: string = x as unknown as string;\n")).toEqual([]);
  });
});

describe("risky patterns, python", () => {
  const source = [
    "import os, pickle, subprocess, yaml", // 1
    "", // 2
    "def run(data, cur, name):", // 3
    "    result = eval(data['expr'])", // 4
    "    exec(data['code'])", // 5
    "    os.system('rm -rf ' + name)", // 6
    "    subprocess.run(f'ls {name}', shell=True)", // 7
    "    obj = pickle.loads(data['blob'])", // 8
    "    cfg = yaml.load(data['yaml'])", // 9
    "    ok = yaml.load(data['yaml'], Loader=yaml.SafeLoader)", // 10
    '    cur.execute(f"SELECT * FROM users WHERE name = \'{name}\'")', // 11
    '    cur.execute("DELETE FROM users WHERE id = " + data["id"])', // 12
    '    cur.execute("SELECT * FROM users WHERE id = %s" % data["id"])', // 13
    '    cur.execute("SELECT * FROM users WHERE id = %s", (data["id"],))', // 14: parameterised, fine
    '    API_KEY = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"', // 15
    '    aws = "AKIAIOSFODNN7EXAMPLE"', // 16
    '    pem = """-----BEGIN RSA PRIVATE KEY-----', // 17
    '    MIIEow..."""', // 18
    "    model.eval()", // 19: a method, not the builtin
    '    api_key = os.environ["API_KEY"]', // 20: read from env, fine
    '    password = "changeme"', // 21: placeholder, fine
    "    return result, obj, cfg, ok", // 22
  ].join("\n");

  it("finds each rule at the right line, and nothing on the safe lines", () => {
    expect(byRule(findRiskyPatterns(source, "python"))).toEqual({
      eval: [4],
      exec: [5],
      "os-system": [6],
      "shell-true": [7],
      "pickle-loads": [8],
      "yaml-unsafe-load": [9],
      "sql-string-building": [11, 12, 13],
      "hardcoded-secret": [15, 16, 17],
    });
  });

  it("gives columns and severities", () => {
    const findings = findRiskyPatterns(source, "python");
    expect(findings.find((f) => f.rule === "eval")).toMatchObject({ line: 4, column: 14, severity: "error" });
    expect(findings.find((f) => f.rule === "pickle-loads")).toMatchObject({ severity: "warning" });
  });

  it("never repeats the secret in the message", () => {
    const messages = findRiskyPatterns(source, "python").filter((f) => f.rule === "hardcoded-secret").map((f) => f.message);
    expect(messages.join(" ")).not.toMatch(/9f8e7d6c|AKIAIOSFODNN7EXAMPLE|MIIEow/);
  });

  it("ignores the same words inside docstrings, comments and plain strings", () => {
    const quiet = [
      'def f():',
      '    """Calls os.system("x") and eval(y); SELECT * FROM t WHERE a = " + b."""',
      '    # exec(code) would be bad; shell=True too',
      '    label = "Please select a file from the list"',
      '    return f"Selected {label}"',
    ].join("\n");
    expect(findRiskyPatterns(quiet, "python")).toEqual([]);
  });
});

describe("risky patterns, typescript", () => {
  const source = [
    'import { exec, execFile } from "node:child_process";', // 1
    "", // 2
    "export function run(name: string, db: { query(sql: string): void }) {", // 3
    "  const value = eval(name);", // 4
    '  const fn = new Function("a", name);', // 5
    "  exec(`ls ${name}`);", // 6
    '  execFile("ls", [name]);', // 7: argument array, fine
    "  db.query(`SELECT * FROM users WHERE name = '${name}'`);", // 8
    '  db.query("UPDATE users SET name = \'" + name + "\'");', // 9
    '  const apiKey = "sk-proj-abcdefghijklmnopqrstuvwxyz012345";', // 10
    "  const m = /eval\\(x\\)/.exec(name);", // 11: regex .exec, fine
    "  return { value, fn, m };", // 12
    "}", // 13
  ].join("\n");

  it("finds each rule at the right line", () => {
    expect(byRule(findRiskyPatterns(source, "typescript"))).toEqual({
      eval: [4, 5],
      "child-process-exec": [6],
      "sql-string-building": [8, 9],
      "hardcoded-secret": [10],
    });
  });

  it("marks exec with an interpolated command as an error, a constant command as a warning", () => {
    const constant = 'import cp from "child_process";\ncp.exec("ls -la");\n';
    expect(findRiskyPatterns(constant, "typescript")).toEqual([
      expect.objectContaining({ line: 2, rule: "child-process-exec", severity: "warning" }),
    ]);
    expect(findRiskyPatterns(source, "typescript").find((f) => f.rule === "child-process-exec")?.severity).toBe("error");
  });
});

describe("checkModule", () => {
  it.runIf(hasPython)("combines syntax and pattern findings, sorted by line", async () => {
    const findings = await py('x = eval("1")\ndef f(:\n    pass\n');
    expect(findings.map((f) => [f.line, f.rule])).toEqual([
      [1, "eval"],
      [2, "syntax"],
    ]);
  });
});

describe("scanSource", () => {
  it("blanks string and comment contents but keeps offsets and lines", () => {
    const text = 'a = "x#y"  # note\nb = f"{a}"\n';
    const scan = scanSource(text, "python");
    expect(scan.code).toBe('a = "   "  #     \nb = f"   "\n');
    expect(scan.strings.map((s) => [s.body, s.kind, s.interpolated])).toEqual([
      ["x#y", "string", false],
      ["{a}", "fstring", true],
    ]);
  });

  it("keeps ${...} expressions of TS template literals as code", () => {
    const scan = scanSource("const s = `a ${eval(x)} b`; // eval(y)\n", "typescript");
    expect(scan.code).toBe("const s = `  ${eval(x)}  `; //        \n");
  });
});
