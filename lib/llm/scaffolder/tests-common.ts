import type { TargetLanguage } from "../../specs/types";
import { identifier } from "./names";

/**
 * Test names derived from spec text. They must be valid identifiers and unique within the module
 * (pytest silently keeps only the last of two same-named functions).
 */
export function slug(text: string, max = 50): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, max)
    .replace(/_+$/, "");
  return s;
}

export class UniqueNames {
  private readonly used = new Set<string>();

  constructor(private readonly language: TargetLanguage) {}

  /** `base` made a valid identifier, with _2, _3... appended when already taken. */
  take(base: string): string {
    const clean = identifier(base, this.language);
    let name = clean;
    for (let n = 2; this.used.has(name); n += 1) name = `${clean}_${n}`;
    this.used.add(name);
    return name;
  }
}
