// The page benchmarks' harness: the production studio (`npm start`) on the bench database, a signed-in Chromium,
// and a timer that runs inside the page (so what is timed is the browser's own clock from navigation start, not the
// round trips of the driver).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { getDb } from "@/lib/db";
import { createSession } from "@/lib/auth/sessions";
import { ROOT, stopChild } from "./runs-fixture";
import { log } from "./report";

/** The build the page benchmarks serve; `npm start` (re)builds it when a source file is newer than it. */
export const PAGE_BENCH_DIST = ".next-bench-pages";

export interface Studio {
  base: string;
  authSecret: string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/**
 * The studio as `npm start` runs it (bench/lib/runs-server.ts: Next.js production server, same request handling), on
 * the bench database, without its job worker (the fixtures are finished runs), with its own port, data folder and
 * build folder. Like `npm start`, it builds first when a source file is newer than the build; BENCH_PAGES_BUILD=keep
 * serves the existing build as it is (others editing the same tree would otherwise trigger a rebuild every time).
 * Resolves when it listens.
 */
export async function startStudio(databaseUrl: string): Promise<Studio> {
  const distDir = path.join(ROOT, PAGE_BENCH_DIST);
  if (process.env.BENCH_PAGES_BUILD !== "keep" || !fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    const built = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/lib/build-pages.ts")], {
      cwd: ROOT,
      env: { ...process.env, NEXT_DIST_DIR: PAGE_BENCH_DIST },
      stdio: ["ignore", process.stderr, "inherit"],
    });
    if (built.status !== 0) throw new Error(`building ${PAGE_BENCH_DIST} failed (exit ${built.status})`);
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "studio-bench-pages-"));
  const authSecret = randomBytes(32).toString("base64url");
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/lib/runs-server.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      STUDIO_WORKER: "off",
      PORT: String(port),
      DATA_DIR: dataDir,
      NEXT_DIST_DIR: PAGE_BENCH_DIST,
      AUTH_SECRET: authSecret,
      STUDIO_ENCRYPTION_KEY: process.env.STUDIO_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = async () => {
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let out = "";
      const onData = (d: Buffer) => {
        const text = d.toString();
        out += text;
        for (const line of text.split("\n")) if (line.trim()) log(`[studio] ${line.trim().slice(0, 300)}`);
        if (out.includes("READY ")) resolve();
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", (d: Buffer) => log(`[studio] ${d.toString().trim().slice(0, 500)}`));
      child.once("exit", (code) => reject(new Error(`the studio exited (${code}) before it was ready`)));
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { base: `http://127.0.0.1:${port}`, authSecret, stop };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** A browser context signed in as `userId`: a real session row, in the cookie next-auth would have set. */
export async function signedInContext(browser: Browser, studio: Studio, userId: string): Promise<BrowserContext> {
  const session = await createSession(getDb(), userId, { userAgent: "bench" });
  const token = await encode({ token: { sub: userId, sid: session.id }, secret: studio.authSecret });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: "next-auth.session-token", value: token, url: studio.base, httpOnly: true, sameSite: "Lax" }]);
  return context;
}

/** "at least `count` elements match `selector`" (count 1: it exists). */
export interface Check {
  selector: string;
  count: number;
}

export interface PagePlan {
  /** what "drawn" means: every check holds */
  ready: Check[];
  /** then, in the page, click this element and wait for `after` (time to answer the input) */
  click?: string;
  after?: Check[];
}

export interface PageTiming {
  /** navigation start → drawn (the frame after the DOM first satisfied `ready`), ms */
  ready: number;
  /** navigation start → the element to click was hydrated, ms */
  hydrated: number | null;
  /** navigation start → the click was answered (`after` drawn), ms */
  after: number | null;
}

interface Probe {
  ready?: number;
  /** when the element to click had its handlers */
  hydrated?: number;
  after?: number;
}

/**
 * In the page, from the first byte of the document: watch the DOM until every check holds, note the time after the
 * next frame (rAF, then a task: the frame with it has been produced); then wait until the element to click has its
 * React handlers (a server-rendered page is drawn before it is hydrated, and a click before that is lost), click it,
 * and time the answer the same way.
 */
function installProbe(plan: PagePlan) {
  const w = window as unknown as { __benchProbe: Probe };
  const probe: Probe = {};
  w.__benchProbe = probe;
  const holds = (checks: Check[]) => checks.every((c) => document.querySelectorAll(c.selector).length >= c.count);
  const afterFrame = (cb: (t: number) => void) => requestAnimationFrame(() => setTimeout(() => cb(performance.now()), 0));
  const hydrated = (el: Element) => Object.keys(el).some((k) => k.startsWith("__reactProps$"));
  let phase: "ready" | "hydrate" | "after" | "done" = "ready";
  let pending = false;
  const clickWhenHydrated = () => {
    const target = document.querySelector<HTMLElement>(plan.click!);
    if (!target || !hydrated(target)) {
      setTimeout(clickWhenHydrated, 5);
      return;
    }
    phase = "after";
    probe.hydrated = performance.now();
    target.click();
    check();
  };
  const check = () => {
    if (pending || phase === "done" || phase === "hydrate") return;
    if (!holds(phase === "ready" ? plan.ready : (plan.after ?? []))) return;
    pending = true;
    afterFrame((t) => {
      pending = false;
      if (phase === "ready") {
        probe.ready = t;
        if (!plan.click) {
          phase = "done";
          return;
        }
        phase = "hydrate";
        clickWhenHydrated();
      } else {
        probe.after = t;
        phase = "done";
      }
    });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

/** Load `url` in a fresh page of `context`, and time it with the in-page probe. */
export async function timePageLoad(context: BrowserContext, url: string, plan: PagePlan, timeoutMs = 60_000): Promise<PageTiming & { page: Page }> {
  const page = await context.newPage();
  // A page that draws fast but wrong is no win: its errors (a hydration mismatch, say) go to the log.
  page.on("console", (m) => {
    if (m.type() === "error") log(`[page error] ${m.text().slice(0, 300)} (${m.location().url})`);
  });
  page.on("pageerror", (e) => log(`[page error] ${e.message.slice(0, 300)}`));
  // As source: tsx (esbuild) wraps named inner functions in __name(), which the page does not have.
  await page.addInitScript({ content: `var __name = (f) => f; (${installProbe.toString()})(${JSON.stringify(plan)});` });
  await page.goto(url, { waitUntil: "commit" });
  const wanted = plan.click ? "after" : "ready";
  try {
    await page.waitForFunction((key) => {
      const p = (window as unknown as { __benchProbe?: Probe }).__benchProbe;
      return p?.[key as "ready" | "after"] !== undefined;
    }, wanted, { timeout: timeoutMs, polling: 100 });
  } catch (err) {
    const counts = await page.evaluate((checks) => checks.map((c) => `${c.selector}: ${document.querySelectorAll(c.selector).length}/${c.count}`), [...plan.ready, ...(plan.click ? [{ selector: plan.click, count: 1 }] : []), ...(plan.after ?? [])]).catch(() => []);
    throw new Error(`${url} was not drawn in ${timeoutMs} ms (${counts.join("; ")}): ${(err as Error).message}`);
  }
  const probe = await page.evaluate(() => (window as unknown as { __benchProbe: Probe }).__benchProbe);
  return { ready: probe.ready!, hydrated: probe.hydrated ?? null, after: probe.after ?? null, page };
}

/** Load the page once to warm it (server caches, JIT), then `rounds` times; each round in a new page. */
export async function timeRounds(context: BrowserContext, url: string, plan: PagePlan, rounds: number, label: string): Promise<PageTiming[]> {
  const warm = await timePageLoad(context, url, plan);
  await warm.page.close();
  const out: PageTiming[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = await timePageLoad(context, url, plan);
    await t.page.close();
    out.push({ ready: t.ready, hydrated: t.hydrated, after: t.after });
  }
  log(`${label}: ${out.map((t) => (t.after !== null ? `${t.ready.toFixed(0)}/${t.hydrated!.toFixed(0)}/${t.after.toFixed(0)}` : t.ready.toFixed(0))).join(", ")} ms`);
  return out;
}
