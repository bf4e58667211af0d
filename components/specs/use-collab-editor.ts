"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { forceLinting } from "@codemirror/lint";
import type { Awareness } from "y-protocols/awareness";
import type { SpecSyncProvider, SyncStatus } from "@/lib/collab/client-provider";
import { specPaths } from "@/lib/specs/client/api";
import { offsetAt, specEditorBase, specLinter, type SpecAnalysis } from "@/lib/specs/client/codemirror";
import { colorForUser } from "@/lib/specs/client/user-color";

export interface Peer {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

export interface Hello {
  canEdit: boolean;
  role: string;
  archived: boolean;
}

/** Everyone present in the document (awareness states carrying a `user`), you first. */
function readPeers(awareness: Awareness, selfId: number): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
    if (!user || typeof user.name !== "string") return;
    peers.push({ clientId, name: user.name, color: typeof user.color === "string" ? user.color : "#71717a", self: clientId === selfId });
  });
  return peers.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

const readOnlyExtension = (label: string): Extension => [
  EditorState.readOnly.of(true),
  EditorView.editable.of(false),
  // Still reachable with Tab and readable by screen readers.
  EditorView.contentAttributes.of({ tabindex: "0", "aria-readonly": "true", "aria-label": label }),
];

/**
 * The live editor: a Y.Doc synced by SpecSyncProvider, bound to CodeMirror through y-codemirror.next with an undo
 * manager of its own (undo only undoes your edits), your presence (name and colour) in the awareness, and live
 * validation feeding the Problems and Outline panels.
 */
export function useCollabEditor(opts: {
  host: RefObject<HTMLDivElement | null>;
  slug: string;
  specId: string;
  user: { id: string; name: string };
  initialCanEdit: boolean;
  label: string;
  describedBy?: string;
  onRefused: (message: string) => void;
}) {
  const { host, slug, specId, user, initialCanEdit, label, describedBy } = opts;
  const [status, setStatus] = useState<SyncStatus>("connecting");
  const [hello, setHello] = useState<Hello | null>(null);
  const [synced, setSynced] = useState(false);
  const [peers, setPeers] = useState<Peer[]>([]);
  const [analysis, setAnalysis] = useState<SpecAnalysis | null>(null);
  const [unsent, setUnsent] = useState(0);
  const [retryingInMs, setRetryingInMs] = useState<number | null>(null);
  /** Why the server refused an edit (role changed, spec archived, too large): the editor stops taking input. */
  const [refused, setRefused] = useState<string | null>(null);
  const viewRef = useRef<EditorView | null>(null);
  const providerRef = useRef<SpecSyncProvider | null>(null);
  const readOnly = useRef(new Compartment());
  const onRefused = useRef(opts.onRefused);
  useEffect(() => {
    onRefused.current = opts.onRefused;
  });

  const editableRef = useRef(false);

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    let cancelled = false;
    let cleanup: (() => void) | null = null;
    // Yjs, its CodeMirror binding and the sync provider are loaded in the browser only: they have no use during
    // server rendering, and loading them there would put a second copy of Yjs next to the server's own.
    void Promise.all([import("yjs"), import("y-codemirror.next"), import("@/lib/collab/client-provider"), import("@/lib/collab/doc-codec")]).then(
      ([Y, { yCollab, yUndoManagerKeymap }, { SpecSyncProvider }, { TEXT_KEY }]) => {
        if (cancelled) return;
        const doc = new Y.Doc();
        const ytext = doc.getText(TEXT_KEY);
        let everSynced = false;
        let view: EditorView | null = null;
        const provider = new SpecSyncProvider(specPaths.collab(slug, specId), doc, {
          status: (s) => {
            setStatus(s);
            if (s === "synced" && !everSynced) {
              everSynced = true;
              setSynced(true);
              // Check the text that just arrived now, not after the linter's delay.
              if (view) forceLinting(view);
            }
          },
          hello: (h) => setHello(h),
          error: (message) => {
            setRefused(message);
            onRefused.current(message);
          },
        });
        providerRef.current = provider;
        const { awareness } = provider;
        awareness.setLocalStateField("user", { name: user.name, ...colorForUser(user.id) });
        let peerKey = "";
        const onAwareness = () => {
          const next = readPeers(awareness, doc.clientID);
          const key = next.map((p) => `${p.clientId}:${p.name}:${p.color}`).join("|");
          if (key !== peerKey) {
            peerKey = key;
            setPeers(next);
          }
        };
        awareness.on("change", onAwareness);
        onAwareness();

        view = new EditorView({
          parent,
          state: EditorState.create({
            doc: ytext.toString(),
            extensions: [
              specEditorBase(),
              yCollab(ytext, awareness, { undoManager: new Y.UndoManager(ytext) }),
              keymap.of(yUndoManagerKeymap),
              // Problems of the empty document shown before the text arrives would only flash by.
              specLinter((a) => everSynced && setAnalysis(a)),
              EditorView.contentAttributes.of({ "aria-label": label, ...(describedBy ? { "aria-describedby": describedBy } : {}) }),
              // Read-only until the document has arrived and the server has said whether we may edit.
              readOnly.current.of(editableRef.current ? [] : readOnlyExtension(label)),
            ],
          }),
        });
        viewRef.current = view;

        const poll = window.setInterval(() => {
          setUnsent(provider.unsentCount);
          setRetryingInMs(provider.retryingInMs);
        }, 400);
        cleanup = () => {
          window.clearInterval(poll);
          awareness.off("change", onAwareness);
          view?.destroy();
          provider.destroy();
          doc.destroy();
          viewRef.current = null;
          providerRef.current = null;
        };
      },
      () => {
        if (!cancelled) setStatus("offline");
      },
    );
    return () => {
      cancelled = true;
      cleanup?.();
    };
  }, [host, slug, specId, user.id, user.name, label, describedBy]);

  const canEdit = hello ? hello.canEdit : initialCanEdit;
  const editable = synced && canEdit && refused === null;
  useEffect(() => {
    editableRef.current = editable;
    viewRef.current?.dispatch({ effects: readOnly.current.reconfigure(editable ? [] : readOnlyExtension(label)) });
  }, [editable, label]);

  /** Put the cursor at a 1-based line/column, scroll it to the middle and focus the editor. */
  const jumpTo = useCallback((line: number, column: number) => {
    const view = viewRef.current;
    if (!view) return;
    const pos = offsetAt(view.state.doc, line, column);
    view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
    view.focus();
  }, []);

  /** Resolves once every local edit has reached the server (or after `timeoutMs`); false when some are still unsent. */
  const waitUntilSent = useCallback(async (timeoutMs = 8000) => {
    const started = Date.now();
    for (;;) {
      const provider = providerRef.current;
      if (!provider || provider.unsentCount === 0) return true;
      if (Date.now() - started > timeoutMs) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, []);

  return { status, hello, synced, canEdit, editable, refused, peers, analysis, unsent, retryingInMs, jumpTo, waitUntilSent };
}
