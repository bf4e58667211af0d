import type { Spec, TargetLanguage } from "../../specs/types";

/**
 * Names that go into code positions. Spec ids are meant to be snake_case, but the scaffolder must emit
 * valid code even for a spec that slipped past validation, so every name is sanitised here.
 */

const PY_KEYWORDS = new Set(
  ("False None True and as assert async await break class continue def del elif else except finally for " +
    "from global if import in is lambda nonlocal not or pass raise return try while with yield").split(" "),
);

const TS_RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally " +
    "for function if import in instanceof new null return super switch this throw true try typeof var void " +
    "while with yield let static implements interface package private protected public await").split(" "),
);

/** A valid, non-reserved identifier: invalid characters become `_`, a reserved word gets a trailing `_`. */
export function identifier(name: string, language: TargetLanguage): string {
  let id = name.replace(/[^A-Za-z0-9_]/g, "_");
  if (id === "" || /^[0-9]/.test(id)) id = `_${id}`;
  const reserved = language === "python" ? PY_KEYWORDS : TS_RESERVED;
  return reserved.has(id) ? `${id}_` : id;
}

/** True when the name can be used as-is (a TypedDict class field, an unquoted TS property). */
export function isPlainIdentifier(name: string, language: TargetLanguage): boolean {
  return identifier(name, language) === name;
}

/** validate_input -> ValidateInput, for the Input/Output type names. */
export function pascalCase(name: string): string {
  const pascal = name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");
  return /^[A-Za-z]/.test(pascal) ? pascal : `Step${pascal}`;
}

export interface StepNames {
  /** function name, also the module file stem */
  fn: string;
  /** base for the Input/Output type names */
  typeBase: string;
  modulePath: string;
  testPath: string;
  /** import specifier of the module, from the flow module */
  importFromFlow: string;
  /** import specifier of the module, from the test module */
  importFromTest: string;
}

/**
 * Names and paths for every step of a spec, de-duplicated: two ids that sanitise to the same identifier
 * (say "a-b" and "a_b") would otherwise overwrite each other's files.
 */
export function stepNames(spec: Spec): Map<string, StepNames> {
  const used = new Set<string>();
  const names = new Map<string, StepNames>();
  for (const step of spec.steps) {
    const base = identifier(step.id, spec.language);
    let fn = base;
    for (let n = 2; used.has(fn); n += 1) fn = `${base}_${n}`;
    used.add(fn);
    names.set(step.id, { fn, typeBase: pascalCase(fn), ...pathsFor(fn, spec.language) });
  }
  return names;
}

function pathsFor(fn: string, language: TargetLanguage) {
  if (language === "python") {
    return {
      modulePath: `steps/${fn}.py`,
      testPath: `tests/test_${fn}.py`,
      importFromFlow: `steps.${fn}`,
      importFromTest: `steps.${fn}`,
    };
  }
  // ".js" specifiers resolve to the .ts files under NodeNext, bundler resolution and vitest alike.
  return {
    modulePath: `src/steps/${fn}.ts`,
    testPath: `tests/${fn}.test.ts`,
    importFromFlow: `./steps/${fn}.js`,
    importFromTest: `../src/steps/${fn}.js`,
  };
}

export function namesOf(spec: Spec, stepId: string): StepNames {
  const names = stepNames(spec).get(stepId);
  if (!names) throw new Error(`unknown step "${stepId}" in spec "${spec.name}"`);
  return names;
}

/** Flow module path for a language. */
export function flowPath(language: TargetLanguage): string {
  return language === "python" ? "flow.py" : "src/flow.ts";
}
