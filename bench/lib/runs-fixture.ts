// Shared set-up of the run benchmarks: the bench database as the process's DATABASE_URL (so getDb(), pg-boss and the
// bus all use it), a user with a workspace whose run limits are out of the way, the 4-step example spec with a valid
// revision, and an OpenAI-compatible provider pointing at a local fake model server.
import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getDb, type Db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/audit/actor";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { accessFor, addFakeProvider, FOUR_STEP_YAML, makeSpecWithRevision, setLimits } from "../../tests/helpers/runs";

export { FOUR_STEP_TS_YAML } from "../../tests/helpers/runs";
import { prepareBenchDb } from "./db";
import { log } from "./report";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Point this process at the bench database (recreated and migrated unless bench/run.ts already did). */
export async function openRunsBenchDb(): Promise<string> {
  const url = await prepareBenchDb();
  process.env.DATABASE_URL = url;
  process.env.STUDIO_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  return url;
}

export interface RunsBenchFixture {
  db: Db;
  access: WorkspaceAccess;
  userId: string;
  workspaceId: string;
  specId: string;
  providerId: string;
}

export async function makeRunsFixture(fakeBaseURL: string, label: string, yaml = FOUR_STEP_YAML): Promise<RunsBenchFixture> {
  const db = getDb();
  const tag = `${label}${Date.now().toString(36)}`;
  const user = await db.user.create({ data: { email: `${tag}@bench.test`, name: "Bench" } });
  const ws = await createWorkspace(db, { userId: user.id, actor: SYSTEM_ACTOR, input: { name: tag, slug: tag.toLowerCase().replace(/[^a-z0-9-]/g, "-") } });
  const access = await accessFor(db, ws.id, user);
  await setLimits(db, ws.id, { maxConcurrentRuns: 100_000, runTriggersPerHour: 100_000, monthlyTokenBudget: null });
  const { spec } = await makeSpecWithRevision(db, access, yaml, `${tag}-spec`);
  const provider = await addFakeProvider(db, access, fakeBaseURL, { name: `${tag}-fake` });
  return { db, access, userId: user.id, workspaceId: ws.id, specId: spec.id, providerId: provider.id };
}

/**
 * A `scripts/worker.ts` process (or `script`) on the bench database (node --import tsx, so its pid is the worker).
 * Resolves once it printed "Worker started.". A worker that dies while starting is started again (twice at most):
 * workers started together race for the migration lock (scripts/worker.ts migrates at start), and under load the
 * loser's 10 s lock wait can time out (P1002).
 */
export async function spawnWorker(env: Record<string, string> = {}, script = "scripts/worker.ts", tries = 3): Promise<ChildProcess> {
  // BENCH_WORKER_NODE_ARGS: extra node flags for the workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them.
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  const started = await new Promise<boolean>((resolve) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("Worker started.")) resolve(true);
    });
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.once("exit", () => resolve(false));
  });
  if (started) {
    child.stderr!.on("data", (d: Buffer) => log(`[worker ${child.pid}] ${d.toString().trim()}`));
    return child;
  }
  const reason = /Error[^\n]*\n\n?([^\n]+)/.exec(err)?.[0] ?? err.slice(0, 300);
  if (tries <= 1) throw new Error(`worker ${script} did not start: ${err.slice(-2000)}`);
  log(`a worker died while starting (${reason.replace(/\s+/g, " ").slice(0, 200)}); starting it again`);
  // The whole error, for whoever looks into why (it has only been seen on a loaded machine).
  log(`  its stderr: ${err.slice(-1500).replace(/\n\s*/g, " | ")}`);
  return spawnWorker(env, script, tries - 1);
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(t);
}
