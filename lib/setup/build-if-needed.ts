import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const SOURCES = ["app", "components", "lib", "public", "next.config.js", "package-lock.json", "postcss.config.mjs"];
const SKIP = new Set(["node_modules", "generated"]);

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) if (!SKIP.has(entry)) max = Math.max(max, newestMtime(path.join(p, entry)));
  return max;
}

/** Run `next build` when there is no production build or a source file is newer than it. */
export function buildIfNeeded(root: string): void {
  const stamp = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  if (built && built >= changed) return;
  console.log(built ? "Sources changed since the last build: building…" : "No production build yet: building (takes a minute or two)…");
  const res = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (res.status !== 0) throw new Error("next build failed; see the output above.");
}
