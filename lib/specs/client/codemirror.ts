/**
 * CodeMirror 6 pieces for spec YAML: a small editing setup (the `@codemirror/commands` and `basicSetup` packages are
 * not installed, so the few commands a YAML editor needs live here), live validation through `@codemirror/lint`,
 * completion of step ids in `depends_on`, and a theme built on the studio's design tokens.
 */
import { autocompletion, type CompletionSource } from "@codemirror/autocomplete";
import { yaml } from "@codemirror/lang-yaml";
import { bracketMatching, HighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, linter, nextDiagnostic, previousDiagnostic, type Diagnostic as CmDiagnostic } from "@codemirror/lint";
import { EditorSelection, EditorState, type ChangeSpec, type Extension, type Text } from "@codemirror/state";
import {
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
  type Command,
  type KeyBinding,
} from "@codemirror/view";
import { tags as t } from "@lezer/highlight";
import { dependsOnCompletion, stepOutline, validateSpec, type OutlineEntry } from "@/lib/specs/format";
import type { Diagnostic } from "@/lib/specs/client/types";

const INDENT = "  ";

// ---------------------------------------------------------------------------------------------------------------
// Positions
// ---------------------------------------------------------------------------------------------------------------

/** Offset of a 1-based line/column, clamped into the document. */
export function offsetAt(doc: Text, line: number, column: number): number {
  const l = doc.line(Math.min(Math.max(1, Math.floor(line) || 1), doc.lines));
  return Math.min(l.from + Math.max(0, Math.floor(column) - 1 || 0), l.to);
}

/**
 * The validator's diagnostics as CodeMirror ones: underline from (line, column) to (endLine, endColumn), end
 * exclusive. A problem without extent is widened to the word it points at, so that it can be seen and hovered.
 */
export function toCmDiagnostics(doc: Text, diagnostics: readonly Diagnostic[]): CmDiagnostic[] {
  return diagnostics.map((d) => {
    const from = offsetAt(doc, d.line, d.column);
    let to = Math.max(from, offsetAt(doc, d.endLine, d.endColumn));
    if (to === from) {
      const line = doc.lineAt(from);
      const rest = /^\S*/.exec(line.text.slice(from - line.from))![0];
      to = from + (rest.length || (from < line.to ? 1 : 0));
    }
    return { from, to, severity: d.severity, message: d.message, source: d.path || undefined };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Validation and outline
// ---------------------------------------------------------------------------------------------------------------

export interface SpecAnalysis {
  valid: boolean;
  diagnostics: Diagnostic[];
  outline: OutlineEntry[];
  /** the text that was analysed */
  length: number;
}

/** Runs validateSpec on the text ~250 ms after the last change, underlines problems and reports them (and the outline). */
export function specLinter(onAnalysis: (a: SpecAnalysis) => void, delay = 250): Extension {
  return [
    linter(
      (view) => {
        const text = view.state.doc.toString();
        const { valid, diagnostics } = validateSpec(text);
        onAnalysis({ valid, diagnostics, outline: stepOutline(text), length: text.length });
        return toCmDiagnostics(view.state.doc, diagnostics);
      },
      { delay },
    ),
    lintGutter(),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Completion
// ---------------------------------------------------------------------------------------------------------------

/** Step ids inside `depends_on: [...]` or a `depends_on:` block list (lib/specs/format/completion.ts). */
export const dependsOnSource: CompletionSource = (ctx) => {
  const found = dependsOnCompletion(ctx.state.doc.toString(), ctx.pos);
  if (!found || found.ids.length === 0) return null;
  return {
    from: found.from,
    to: found.to,
    options: found.ids.map((id) => ({ label: id, type: "variable", detail: "step" })),
    validFor: /^[A-Za-z0-9_]*$/,
  };
};

// ---------------------------------------------------------------------------------------------------------------
// Editing commands
// ---------------------------------------------------------------------------------------------------------------

/** Enter: new line keeping the indentation, one level deeper after `key:` or a block scalar header, aligned in list items. */
export const insertNewlineAndIndent: Command = (view) => {
  const { state } = view;
  if (state.readOnly) return false;
  const tr = state.changeByRange((range) => {
    const line = state.doc.lineAt(range.from);
    const before = line.text.slice(0, range.from - line.from);
    const item = /^(\s*)-\s+/.exec(before);
    let indent = item ? " ".repeat(item[0].length) : /^\s*/.exec(before)![0];
    const code = before.replace(/(^|\s)#.*$/, "").trimEnd();
    if (/:$/.test(code) || /:\s*[|>][+-]?\d*$/.test(code)) indent += INDENT;
    // Spaces before the cursor are not left behind as trailing whitespace.
    const from = range.from - /\s*$/.exec(before)![0].length;
    const insert = `\n${indent}`;
    return { changes: { from, to: range.to, insert }, range: EditorSelection.cursor(from + insert.length) };
  });
  view.dispatch(state.update(tr, { scrollIntoView: true, userEvent: "input" }));
  return true;
};

function selectedLines(state: EditorState): number[] {
  const lines = new Set<number>();
  for (const r of state.selection.ranges) {
    const first = state.doc.lineAt(r.from).number;
    // A selection ending at the start of a line does not include that line.
    const last = state.doc.lineAt(r.to > r.from && state.doc.lineAt(r.to).from === r.to ? r.to - 1 : r.to).number;
    for (let n = first; n <= last; n++) lines.add(n);
  }
  return [...lines].sort((a, b) => a - b);
}

/** Tab: two spaces at the cursor, or indent every selected line. */
export const indentMore: Command = (view) => {
  const { state } = view;
  if (state.readOnly) return false;
  if (state.selection.ranges.every((r) => r.empty)) {
    view.dispatch(state.update(state.replaceSelection(INDENT), { scrollIntoView: true, userEvent: "input.indent" }));
    return true;
  }
  const changes = selectedLines(state).map((n) => ({ from: state.doc.line(n).from, insert: INDENT }));
  view.dispatch(state.update({ changes, userEvent: "input.indent" }));
  return true;
};

/** Shift-Tab: remove up to two spaces of indentation from every selected line. */
export const indentLess: Command = (view) => {
  const { state } = view;
  if (state.readOnly) return false;
  const changes: ChangeSpec[] = [];
  for (const n of selectedLines(state)) {
    const line = state.doc.line(n);
    const width = /^ {0,2}/.exec(line.text)![0].length;
    if (width) changes.push({ from: line.from, to: line.from + width });
  }
  if (changes.length) view.dispatch(state.update({ changes, userEvent: "delete.dedent" }));
  return true;
};

/** Mod-/: comment the selected lines out with `# `, or back in when they all are comments. */
export const toggleLineComment: Command = (view) => {
  const { state } = view;
  if (state.readOnly) return false;
  const lines = selectedLines(state).map((n) => state.doc.line(n)).filter((l) => l.text.trim() !== "");
  if (lines.length === 0) return true;
  const commented = lines.every((l) => /^\s*#/.test(l.text));
  const changes: ChangeSpec[] = [];
  if (commented) {
    for (const l of lines) {
      const m = /^(\s*)# ?/.exec(l.text)!;
      changes.push({ from: l.from + m[1].length, to: l.from + m[0].length });
    }
  } else {
    const col = Math.min(...lines.map((l) => /^\s*/.exec(l.text)![0].length));
    for (const l of lines) changes.push({ from: l.from + col, insert: "# " });
  }
  view.dispatch(state.update({ changes, userEvent: commented ? "delete.uncomment" : "input.comment" }));
  return true;
};

export const specEditKeymap: readonly KeyBinding[] = [
  { key: "Enter", run: insertNewlineAndIndent },
  { key: "Tab", run: indentMore, shift: indentLess },
  { key: "Mod-/", run: toggleLineComment },
  { key: "F8", run: nextDiagnostic, shift: previousDiagnostic },
];

// ---------------------------------------------------------------------------------------------------------------
// Look
// ---------------------------------------------------------------------------------------------------------------

const MONO = 'ui-monospace, "SFMono-Regular", "SF Mono", Menlo, Monaco, "Cascadia Code", Consolas, "Liberation Mono", monospace';

/** Colours for YAML tokens, switched by the `.dark` class next-themes puts on <html>. */
const tokenColours: Record<string, string> = {
  "--cm-key": "oklch(0.45 0.17 276)",
  "--cm-string": "oklch(0.48 0.13 151)",
  "--cm-comment": "oklch(0.55 0.015 286)",
  "--cm-punct": "oklch(0.55 0.015 286)",
  "--cm-label": "oklch(0.5 0.14 46)",
  "--cm-type": "oklch(0.5 0.15 230)",
};
const tokenColoursDark: Record<string, string> = {
  "--cm-key": "oklch(0.78 0.12 276)",
  "--cm-string": "oklch(0.8 0.14 151)",
  "--cm-comment": "oklch(0.68 0.015 286)",
  "--cm-punct": "oklch(0.68 0.015 286)",
  "--cm-label": "oklch(0.82 0.14 84)",
  "--cm-type": "oklch(0.8 0.1 230)",
};

export const specHighlightStyle = HighlightStyle.define([
  { tag: t.propertyName, color: "var(--cm-key)", fontWeight: "500" },
  { tag: t.string, color: "var(--cm-string)" },
  { tag: t.special(t.string), color: "var(--cm-punct)" },
  { tag: t.lineComment, color: "var(--cm-comment)", fontStyle: "italic" },
  { tag: [t.separator, t.punctuation, t.squareBracket, t.brace, t.meta], color: "var(--cm-punct)" },
  { tag: t.labelName, color: "var(--cm-label)" },
  { tag: [t.typeName, t.keyword], color: "var(--cm-type)" },
]);

/** Editor chrome on the studio's tokens (light and dark). */
export const studioEditorTheme = EditorView.theme({
  "&": {
    ...tokenColours,
    height: "100%",
    fontSize: "13px",
    color: "var(--foreground)",
    backgroundColor: "var(--background)",
  },
  ".dark &": tokenColoursDark,
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: MONO, lineHeight: "1.6", overflow: "auto" },
  ".cm-content": { caretColor: "var(--foreground)", padding: "8px 0" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--foreground)" },
  ".cm-gutters": { backgroundColor: "var(--muted)", color: "var(--muted-foreground)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine": { backgroundColor: "color-mix(in oklch, var(--accent) 55%, transparent)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--accent)", color: "var(--accent-foreground)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection": {
    backgroundColor: "color-mix(in oklch, var(--primary) 22%, transparent) !important",
  },
  ".cm-tooltip": {
    backgroundColor: "var(--popover)",
    color: "var(--popover-foreground)",
    border: "1px solid var(--border)",
    borderRadius: "6px",
    boxShadow: "0 4px 12px rgb(0 0 0 / 0.12)",
    overflow: "hidden",
  },
  ".cm-tooltip-autocomplete > ul": { fontFamily: MONO, maxHeight: "14em" },
  ".cm-tooltip-autocomplete > ul > li": { padding: "2px 8px !important" },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": { backgroundColor: "var(--primary)", color: "var(--primary-foreground)" },
  ".cm-completionDetail": { opacity: "0.7", marginLeft: "1em", fontStyle: "normal" },
  ".cm-diagnostic": { padding: "6px 10px", maxWidth: "40rem", fontFamily: "inherit", whiteSpace: "pre-wrap" },
  ".cm-diagnostic-error": { borderLeft: "4px solid var(--destructive)" },
  ".cm-diagnostic-warning": { borderLeft: "4px solid var(--warning)" },
  ".cm-diagnosticSource": { opacity: "0.7", fontFamily: MONO, fontSize: "11px" },
  ".cm-lintRange-error": {
    backgroundImage: "none",
    textDecoration: "underline wavy var(--destructive)",
    textDecorationSkipInk: "none",
    textUnderlineOffset: "3px",
  },
  ".cm-lintRange-warning": {
    backgroundImage: "none",
    textDecoration: "underline wavy var(--warning)",
    textDecorationSkipInk: "none",
    textUnderlineOffset: "3px",
  },
  ".cm-lintPoint-error:after": { borderBottomColor: "var(--destructive)" },
  ".cm-lintPoint-warning:after": { borderBottomColor: "var(--warning)" },
  ".cm-ySelectionInfo": { fontFamily: "inherit", fontSize: "11px", borderRadius: "3px 3px 3px 0", padding: "0 4px" },
  ".cm-panels": { backgroundColor: "var(--muted)", color: "var(--foreground)" },
});

/** The editing setup shared by the live editor: YAML, line numbers, selection drawing, indentation, our keymap. */
export function specEditorBase(): Extension {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    drawSelection(),
    dropCursor(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    bracketMatching(),
    rectangularSelection(),
    highlightActiveLine(),
    indentUnit.of(INDENT),
    EditorState.tabSize.of(2),
    yaml(),
    syntaxHighlighting(specHighlightStyle),
    autocompletion({ override: [dependsOnSource], icons: false }),
    keymap.of(specEditKeymap),
    studioEditorTheme,
  ];
}

/** Read-only setup for showing revisions (history, diff). */
export function specViewerBase(label: string): Extension {
  return [
    lineNumbers(),
    highlightSpecialChars(),
    EditorState.tabSize.of(2),
    yaml(),
    syntaxHighlighting(specHighlightStyle),
    studioEditorTheme,
    EditorState.readOnly.of(true),
    EditorView.editable.of(false),
    EditorView.contentAttributes.of({ "aria-label": label, "aria-readonly": "true", tabindex: "0" }),
  ];
}
