/** Maps zod issues back onto the YAML source: one positioned, human-readable diagnostic each. */
import type { z } from "zod";
import type { SpecDiagnostic } from "../types";
import type { PathSegment, SourceDoc } from "./ast";
import { locatePath } from "./locate";
import { makeDiagnostic } from "./diagnostics";
import { messageFor } from "./messages";

type Issue = z.core.$ZodIssue;

/** One leaf issue with its absolute path in the document. */
interface LeafIssue {
  issue: Issue;
  path: PathSegment[];
}

/** Converts schema issues for `data` (parsed from `source`) into error diagnostics. */
export function issuesToDiagnostics(issues: readonly Issue[], source: SourceDoc, data: unknown): SpecDiagnostic[] {
  return issues
    .flatMap((issue) => flatten(issue, []))
    .map(({ issue, path }) =>
      makeDiagnostic(source.lineCounter, locatePath(source, path), "error", messageFor(issue, path, data), path),
    );
}

/**
 * Replaces a failed union by the issues of the branch the author most likely meant, so
 * `{ id: 5 }` reports "`id` must be a snake_case step id" rather than "invalid input".
 */
function flatten(issue: Issue, base: readonly PathSegment[]): LeafIssue[] {
  const path = [...base, ...issue.path];
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return [{ issue, path }];
  const plausible = issue.errors.filter((branch) => !isShapeMismatch(branch));
  if (plausible.length === 0) return [{ issue, path }];
  return pickBranch(plausible).flatMap((inner) => flatten(inner, path));
}

// A branch that failed only because the value is of another kind (string vs mapping) was not meant.
function isShapeMismatch(branch: readonly Issue[]): boolean {
  return branch.length === 1 && branch[0].path.length === 0 && branch[0].code === "invalid_type";
}

// Prefer branches whose complaints are about nested keys (a near-miss), then the fewest complaints,
// then schema order.
function pickBranch(branches: readonly Issue[][]): Issue[] {
  const score = (branch: readonly Issue[]) =>
    (branch.some((i) => i.path.length === 0) ? 1000 : 0) + branch.length;
  return branches.reduce((best, branch) => (score(branch) < score(best) ? branch : best));
}
