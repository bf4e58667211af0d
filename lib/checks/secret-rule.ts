import { LineIndex, type Finding } from "./types";

/**
 * Hard-coded credentials. Scans the raw text (strings and comments included: a key in a comment leaks
 * just the same). Messages never repeat the secret, because findings are stored and shown in the UI.
 */

const KNOWN_FORMATS: Array<{ re: RegExp; what: string }> = [
  { re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, what: "an AWS access key id" },
  { re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/g, what: "a private key block" },
  { re: /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/g, what: "an OpenAI/Anthropic-style API key" },
  { re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g, what: "a GitHub token" },
  { re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, what: "a Slack token" },
  { re: /\bAIza[0-9A-Za-z_-]{35}\b/g, what: "a Google API key" },
];

/** `name = "literal"` / `name: "literal"` where the name says it holds a secret. */
const NAMED =
  /\b([A-Za-z_][\w.-]*?)?(api[_-]?key|apikey|secret[_-]?key|client[_-]?secret|secret|access[_-]?token|auth[_-]?token|token|access[_-]?key|private[_-]?key|signing[_-]?key|password|passwd|pwd)["']?\s*(?::|=|:=)\s*[rbuRBU]?(["'`])([^"'`\s]+)\3/gi;

/** Values that are obviously not real secrets: placeholders, templates, env-var names. */
const PLACEHOLDER =
  /^(?:x+|\*+|\.+|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|your[\w-]*|example[\w-]*|changeme|change[_-]me|placeholder|dummy[\w-]*|test[\w-]*|fake[\w-]*|todo|none|null|undefined|redacted)$/i;
const ENV_NAME = /^[A-Z][A-Z0-9_]+$/;

function minLength(keyword: string): number {
  // Passwords are often short; API keys and tokens are long, and short values are usually ids or names.
  return /pass|pwd/i.test(keyword) ? 8 : 16;
}

export function findSecrets(text: string, index: LineIndex): Finding[] {
  const findings: Finding[] = [];
  const seenLines = new Set<number>();
  const add = (offset: number, what: string) => {
    const { line, column } = index.at(offset);
    if (seenLines.has(line)) return; // one secret finding per line is enough
    seenLines.add(line);
    findings.push({
      line,
      column,
      severity: "error",
      rule: "hardcoded-secret",
      message: `Hard-coded ${what}: read it from the environment or a secret store instead.`,
    });
  };

  for (const { re, what } of KNOWN_FORMATS) {
    for (const m of text.matchAll(re)) add(m.index!, what);
  }
  for (const m of text.matchAll(NAMED)) {
    const value = m[4];
    if (value.length < minLength(m[2]) || PLACEHOLDER.test(value) || ENV_NAME.test(value)) continue;
    add(m.index!, `secret in "${m[1] ?? ""}${m[2]}"`);
  }
  return findings;
}
