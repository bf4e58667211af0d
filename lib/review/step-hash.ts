import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/audit/canonical";
import type { Spec } from "@/lib/specs/types";

/** A fingerprint of what a step asks for: a module whose step's fingerprint changed in a newer revision is stale. */
export function stepHash(spec: Spec, stepKey: string): string {
  const step = spec.steps.find((s) => s.id === stepKey);
  const subject = step ? { language: spec.language, step } : { language: spec.language, flow: spec.steps.map((s) => ({ id: s.id, dependsOn: s.dependsOn })) };
  return createHash("sha256").update(canonicalJson(subject)).digest("hex");
}
