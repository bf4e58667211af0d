/**
 * Spec field types are free-form hints ("str", "list of str", "Customer"). Only a whitelist is turned
 * into real type annotations; anything else becomes Any/unknown, so no spec text ever lands in a type
 * position (where it would be code, not data). The original hint is kept in the docs instead.
 */

export interface MappedType {
  py: string;
  ts: string;
  /** placeholder the scaffold returns until the TODO is done */
  pyDefault: string;
  tsDefault: string;
  /** a value that satisfies the type, for the "valid input" test fixture */
  pySample: string;
  tsSample: string;
  /** false when the hint was not understood and fell back to Any/unknown */
  known: boolean;
}

type Base = Omit<MappedType, "known">;

const ANY: Base = { py: "Any", ts: "unknown", pyDefault: "None", tsDefault: "null", pySample: "None", tsSample: "null" };

const BASES: Record<string, Base> = {
  str: { py: "str", ts: "string", pyDefault: '""', tsDefault: '""', pySample: '"example"', tsSample: '"example"' },
  int: { py: "int", ts: "number", pyDefault: "0", tsDefault: "0", pySample: "1", tsSample: "1" },
  float: { py: "float", ts: "number", pyDefault: "0.0", tsDefault: "0", pySample: "1.5", tsSample: "1.5" },
  bool: { py: "bool", ts: "boolean", pyDefault: "False", tsDefault: "false", pySample: "True", tsSample: "true" },
  dict: {
    py: "dict",
    ts: "Record<string, unknown>",
    pyDefault: "{}",
    tsDefault: "{}",
    pySample: "{}",
    tsSample: "{}",
  },
  list: { py: "list", ts: "unknown[]", pyDefault: "[]", tsDefault: "[]", pySample: "[]", tsSample: "[]" },
  any: ANY,
};

const ALIASES: Record<string, string> = {
  string: "str",
  text: "str",
  email: "str",
  integer: "int",
  number: "float",
  double: "float",
  decimal: "float",
  boolean: "bool",
  object: "dict",
  map: "dict",
  mapping: "dict",
  json: "dict",
  record: "dict",
  array: "list",
  sequence: "list",
  anything: "any",
  unknown: "any",
};

function base(hint: string): Base | undefined {
  const key = hint.trim().toLowerCase();
  return BASES[ALIASES[key] ?? key];
}

/** list[X] / List[X] / array<X> / X[] / "list of X" -> the element hint, else undefined. */
function elementOf(hint: string): string | undefined {
  const h = hint.trim();
  const m =
    /^(?:list|array|sequence)\s*[[<]\s*(.+?)\s*[\]>]$/i.exec(h) ??
    /^(.+?)\s*\[\]$/.exec(h) ??
    /^(?:list|array) of\s+(.+?)s?$/i.exec(h);
  return m?.[1];
}

export function mapType(hint: string | undefined): MappedType {
  if (hint === undefined || hint.trim() === "") return { ...ANY, known: true };
  const simple = base(hint);
  if (simple) return { ...simple, known: true };
  const element = elementOf(hint);
  const inner = element !== undefined ? base(element) : undefined;
  if (inner) {
    return {
      py: `list[${inner.py}]`,
      ts: inner.ts.includes("<") ? `Array<${inner.ts}>` : `${inner.ts}[]`,
      pyDefault: "[]",
      tsDefault: "[]",
      pySample: "[]",
      tsSample: "[]",
      known: true,
    };
  }
  return { ...ANY, known: false };
}
