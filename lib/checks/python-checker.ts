import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { tmpdir } from "node:os";
import { PYTHON_COMPILE_SCRIPT } from "./python-compile-script";

/** What python's compile() said about one source (see python-compile-script.ts). */
export interface CompileResult {
  error: { type: string; message: string; line: number | null; column: number | null } | null;
  warnings: { category: string; message: string; line: number }[];
  /** set when the source could not be checked (the checker gave up on it, timed out, or python3 is missing) */
  unchecked: string | null;
}

interface Pending {
  id: number;
  name: string;
  source: string;
  resolve: (r: CompileResult) => void;
  /** a check is tried on a second child when its first one died under it (killed while idle, or crashed) */
  tries: number;
}

/** A minimal environment: the server's secrets have no business in a compiler process. */
const CHILD_ENV = { PATH: process.env.PATH ?? "", LC_ALL: "C.UTF-8", PYTHONIOENCODING: "utf-8" } as unknown as NodeJS.ProcessEnv;

/**
 * One long-lived python3 that compiles sources on request, instead of a python3 start per module (which cost more
 * than the rest of a step). Checks go one at a time (compile() takes milliseconds), each with a timeout; a child
 * that dies or overruns is killed and the next check starts a new one. `-I` (isolated: no cwd or PYTHON* variables
 * on sys.path) and `-S` (no site-packages) keep anything from the server's Python environment out of it.
 */
export class PythonChecker {
  private child: ChildProcessWithoutNullStreams | null = null;
  private queue: Pending[] = [];
  private current: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stdout = "";
  private nextId = 1;
  private missing = false;
  /** children started so far (for tests and diagnostics) */
  started = 0;

  constructor(
    private readonly opts: { command?: string; timeoutMs?: number } = {},
  ) {}

  get timeoutMs(): number {
    return this.opts.timeoutMs ?? 10_000;
  }

  /** The running child's pid, if any. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  check(name: string, source: string): Promise<CompileResult> {
    if (this.missing) return Promise.resolve(unchecked("python3 is not installed on the server"));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, name, source, resolve, tries: 0 });
      this.next();
    });
  }

  /** Stop the child (it also ends by itself when this process's end of its stdin closes). */
  close(): void {
    this.kill();
  }

  private next() {
    if (this.current || !this.queue.length) return;
    const req = this.queue.shift()!;
    const child = this.child ?? this.spawnChild();
    if (!child) {
      req.resolve(unchecked("python3 is not installed on the server"));
      this.drainMissing();
      return;
    }
    this.current = req;
    req.tries++;
    child.ref();
    this.timer = setTimeout(() => {
      // Kill first: the next check must not be sent to the overrunning child.
      this.kill();
      this.finish(unchecked(`compile() did not finish within ${this.timeoutMs} ms`));
    }, this.timeoutMs);
    child.stdin.write(`${JSON.stringify({ id: req.id, name: req.name, source: req.source })}\n`);
  }

  private finish(result: CompileResult) {
    const req = this.current;
    if (!req) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current = null;
    // An idle child must not keep this process alive.
    this.child?.unref();
    req.resolve(result);
    this.next();
  }

  private spawnChild(): ChildProcessWithoutNullStreams | null {
    if (this.missing) return null;
    const child = spawn(this.opts.command ?? "python3", ["-I", "-S", "-c", PYTHON_COMPILE_SCRIPT], {
      cwd: tmpdir(),
      env: CHILD_ENV,
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.started++;
    this.child = child;
    this.stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => this.onData(child, d));
    // Only the compile() answers matter; stderr is read so a chatty child cannot block on a full pipe.
    child.stderr.on("data", () => undefined);
    child.stdin.on("error", () => undefined);
    child.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") this.missing = true;
      this.onGone(child);
    });
    child.on("exit", () => this.onGone(child));
    for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref?: () => void }).unref?.();
    child.unref();
    return child;
  }

  private onData(child: ChildProcessWithoutNullStreams, data: string) {
    if (child !== this.child) return;
    this.stdout += data;
    let i: number;
    while ((i = this.stdout.indexOf("\n")) >= 0) {
      const line = this.stdout.slice(0, i);
      this.stdout = this.stdout.slice(i + 1);
      let answer: CompileResult & { id: number | null };
      try {
        answer = JSON.parse(line) as CompileResult & { id: number | null };
      } catch {
        continue;
      }
      if (this.current && answer.id === this.current.id) this.finish({ error: answer.error, warnings: answer.warnings, unchecked: answer.unchecked });
    }
  }

  /** The child exited or could not start: retry its check once on a new child, or give up on that check. */
  private onGone(child: ChildProcessWithoutNullStreams) {
    if (child !== this.child) return;
    this.child = null;
    const req = this.current;
    if (!req) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current = null;
    if (this.missing) {
      req.resolve(unchecked("python3 is not installed on the server"));
      this.drainMissing();
    } else if (req.tries < 2) {
      this.queue.unshift(req);
      this.next();
    } else {
      req.resolve(unchecked("the python3 checker stopped while compiling this module"));
      this.next();
    }
  }

  private drainMissing() {
    for (const q of this.queue.splice(0)) q.resolve(unchecked("python3 is not installed on the server"));
  }

  private kill() {
    const child = this.child;
    this.child = null;
    child?.kill("SIGKILL");
  }
}

function unchecked(reason: string): CompileResult {
  return { error: null, warnings: [], unchecked: reason };
}
