import { formatPatch, structuredPatch } from "diff";
import type { DbTx } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** A unified diff plus its hunks (for side-by-side and inline views), from `a` to `b`. */
export function diffTexts(a: { path: string; content: string; label: string }, b: { path: string; content: string; label: string }) {
  const patch = structuredPatch(a.path, b.path, a.content, b.content, a.label, b.label, { context: 3 });
  let added = 0;
  let removed = 0;
  for (const h of patch.hunks) {
    for (const l of h.lines) {
      if (l.startsWith("+")) added++;
      else if (l.startsWith("-")) removed++;
    }
  }
  return {
    // The same text createTwoFilesPatch would give, without diffing the files a second time.
    unified: formatPatch(patch),
    hunks: patch.hunks.map((h) => ({ oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines, lines: h.lines })),
    added,
    removed,
    identical: a.content === b.content,
  };
}

/** The module to compare with: a given one of the same workspace, or the same file in the spec's previous run. */
export async function baselineModule(db: DbTx, m: { id: string; path: string; workspaceId: string; run: { specId: string; createdAt: Date } }, againstId?: string) {
  if (againstId) {
    const other = await db.module.findFirst({ where: { id: againstId, workspaceId: m.workspaceId }, include: { run: true } });
    if (!other) throw new AppError("not_found", "The module to compare with was not found.");
    return other;
  }
  return db.module.findFirst({
    where: { workspaceId: m.workspaceId, path: m.path, id: { not: m.id }, run: { specId: m.run.specId, createdAt: { lt: m.run.createdAt } } },
    orderBy: { run: { createdAt: "desc" } },
    include: { run: true },
  });
}
