import { MAX_SPEC_BYTES } from "@/lib/specs/format";

export type SpecFileResult = { ok: true; name: string; content: string } | { ok: false; error: string };

const YAML_FILE = /\.ya?ml$/i;
const MAX_NAME = 120;

const formatBytes = (n: number) => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : n >= 1000 ? `${Math.round(n / 1000)} kB` : `${n} bytes`);

/** The spec name a file suggests: its name without the .yaml/.yml extension. */
export function specNameFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, "").replace(YAML_FILE, "").trim();
  return (base || "Imported spec").slice(0, MAX_NAME);
}

/**
 * Check the bytes of a file chosen for import and decode them: a .yaml/.yml name, not empty, within the size limit,
 * no NUL bytes and valid UTF-8 (the signs of a binary file). A UTF-8 byte order mark is dropped.
 */
export function decodeSpecFile(fileName: string, bytes: Uint8Array): SpecFileResult {
  const early = checkFileShape(fileName, bytes.byteLength);
  if (early) return early;
  if (bytes.includes(0)) {
    return { ok: false, error: `“${fileName}” looks like a binary file (it contains NUL bytes). A spec must be YAML text.` };
  }
  let content: string;
  try {
    content = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      error: `“${fileName}” is not UTF-8 text, so it looks like a binary file. Save it as UTF-8 YAML and try again.`,
    };
  }
  return { ok: true, name: specNameFromFileName(fileName), content };
}

/** Name and size checks, which need no reading. */
function checkFileShape(fileName: string, size: number): SpecFileResult | null {
  if (!YAML_FILE.test(fileName)) {
    return { ok: false, error: `“${fileName}” is not a YAML file. Choose a file whose name ends in .yaml or .yml.` };
  }
  if (size === 0) return { ok: false, error: `“${fileName}” is empty. Choose a file that contains a spec.` };
  if (size > MAX_SPEC_BYTES) {
    return {
      ok: false,
      error: `“${fileName}” is ${formatBytes(size)}; a spec can be at most ${formatBytes(MAX_SPEC_BYTES)}. Split it into smaller specs.`,
    };
  }
  return null;
}

/** Read and check a file from an <input type="file">. */
export async function readSpecFile(file: File): Promise<SpecFileResult> {
  // Refuse wrong or huge files before reading them into memory.
  const early = checkFileShape(file.name, file.size);
  if (early) return early;
  try {
    return decodeSpecFile(file.name, new Uint8Array(await file.arrayBuffer()));
  } catch {
    return { ok: false, error: `“${file.name}” could not be read. Check that the file still exists and try again.` };
  }
}
