"use client";

import { memo, useEffect, useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { ChevronDown, ChevronRight, CircleCheck, Pencil, Reply, RotateCcw, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CommentComposer } from "@/components/review/comment-composer";
import { RelativeTime } from "@/components/ui/relative-time";
import { reviewApi } from "@/lib/review/client/api";
import { mentionParts, type Thread } from "@/lib/review/client/threads";
import type { CommentView, MemberView } from "@/lib/review/client/types";
import { cn } from "@/lib/utils/cn";

export interface ThreadContext {
  moduleId: string;
  me: string;
  canComment: boolean;
  members: MemberView[];
  /** after any change: refetch the module and the run's tree */
  onChanged: (announce: string) => void;
}

function initials(label: string) {
  const words = label.replace(/@.*/, "").split(/[\s._-]+/).filter(Boolean);
  return ((words[0]?.[0] ?? "?") + (words[1]?.[0] ?? "")).toUpperCase();
}

function Body({ text }: { text: string }) {
  return (
    <p className="text-sm break-words whitespace-pre-wrap">
      {mentionParts(text).map((p, i) =>
        p.mention ? (
          <span key={i} className="rounded bg-primary/10 px-0.5 font-medium text-primary">
            {p.text}
          </span>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </p>
  );
}

function CommentItem({ comment, ctx, isRoot }: { comment: CommentView; ctx: ThreadContext; isRoot: boolean }) {
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const mine = comment.author.id === ctx.me && ctx.canComment;
  const edit = useMutation({
    mutationFn: (body: string) => reviewApi.updateComment(ctx.moduleId, comment.id, { body }),
    onSuccess: () => {
      setEditing(false);
      ctx.onChanged("Comment edited.");
    },
  });
  const remove = useMutation({
    mutationFn: () => reviewApi.deleteComment(ctx.moduleId, comment.id),
    onSuccess: () => ctx.onChanged("Comment deleted."),
  });

  return (
    <li id={`comment-${comment.id}`} className="flex gap-3 px-3 py-2.5" data-testid="comment" data-comment-id={comment.id} tabIndex={-1}>
      <span aria-hidden="true" className={cn("mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full text-[11px] font-semibold", isRoot ? "bg-primary/15 text-primary" : "bg-muted text-muted-foreground")}>
        {initials(comment.author.label)}
      </span>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-muted-foreground">
          <span className="text-sm font-medium text-foreground">{comment.author.label}</span>
          <RelativeTime iso={comment.createdAt} />
          {comment.edited && !comment.deleted ? <span>(edited)</span> : null}
        </p>
        {comment.deleted ? (
          <p className="text-sm text-muted-foreground italic">This comment was deleted.</p>
        ) : editing ? (
          <CommentComposer
            label={`Edit your comment on line ${comment.line}`}
            submitLabel="Save"
            initialValue={comment.body}
            members={ctx.members}
            pending={edit.isPending}
            error={edit.error?.message ?? null}
            onSubmit={(body) => edit.mutate(body)}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <Body text={comment.body} />
        )}
        {mine && !comment.deleted && !editing ? (
          confirmDelete ? (
            <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label="Confirm deletion">
              <span>Delete this comment?</span>
              <Button size="sm" variant="destructive" loading={remove.isPending} onClick={() => remove.mutate()}>
                Delete
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirmDelete(false)} disabled={remove.isPending}>
                Keep it
              </Button>
              {remove.error ? (
                <span role="alert" className="text-destructive">
                  {remove.error.message}
                </span>
              ) : null}
            </div>
          ) : (
            <div className="flex gap-1">
              <Button size="sm" variant="ghost" className="h-7 px-2 text-muted-foreground" onClick={() => setEditing(true)} aria-label={`Edit your comment: ${comment.body.slice(0, 40)}`}>
                <Pencil aria-hidden="true" /> Edit
              </Button>
              <Button size="sm" variant="ghost" className="h-7 px-2 text-muted-foreground hover:text-destructive" onClick={() => setConfirmDelete(true)} aria-label={`Delete your comment: ${comment.body.slice(0, 40)}`}>
                <Trash2 aria-hidden="true" /> Delete
              </Button>
            </div>
          )
        ) : null}
      </div>
    </li>
  );
}

/**
 * A thread under its line: the first comment and its replies, reply box, resolve / reopen. Resolved threads fold.
 * Memoised: the code view re-renders as focus moves between its lines, and its threads have not changed.
 */
export const CommentThread = memo(function CommentThread({ thread, ctx }: { thread: Thread; ctx: ThreadContext }) {
  const [replying, setReplying] = useState(false);
  const [expanded, setExpanded] = useState(!thread.resolved);
  const root = thread.root;
  // Where focus goes once the refetched thread shows the change (the control that was used is gone by then).
  const focusNext = useRef<"toggle" | "resolve" | { comment: string } | null>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const resolveRef = useRef<HTMLButtonElement>(null);
  const reply = useMutation({
    mutationFn: (body: string) => reviewApi.addComment(ctx.moduleId, { body, parentId: root.id }),
    onSuccess: ({ comment }) => {
      setReplying(false);
      focusNext.current = { comment: comment.id };
      ctx.onChanged(`Reply added on line ${thread.line}.`);
    },
  });
  const resolve = useMutation({
    mutationFn: (resolved: boolean) => reviewApi.updateComment(ctx.moduleId, root.id, { resolved }),
    onSuccess: (_, resolved) => {
      setExpanded(!resolved);
      focusNext.current = resolved ? "toggle" : "resolve";
      ctx.onChanged(resolved ? `Thread on line ${thread.line} resolved.` : `Thread on line ${thread.line} reopened.`);
    },
  });
  useEffect(() => {
    const next = focusNext.current;
    if (!next) return;
    const el =
      next === "toggle" ? (thread.resolved ? toggleRef.current : null)
      : next === "resolve" ? (!thread.resolved ? resolveRef.current : null)
      : document.getElementById(`comment-${next.comment}`);
    if (el) {
      el.focus();
      focusNext.current = null;
    }
  }, [thread.resolved, thread.replies.length]);
  const count = 1 + thread.replies.length;
  const who = root.deleted ? "a deleted comment" : root.author.label;
  const name = `${thread.resolved ? "Resolved thread" : "Thread"} on line ${thread.line}, started by ${who}, ${count} ${count === 1 ? "comment" : "comments"}`;

  return (
    <section
      aria-label={name}
      data-testid="thread"
      data-line={thread.line}
      data-resolved={thread.resolved}
      id={`thread-${root.id}`}
      className={cn("my-2 overflow-hidden rounded-lg border bg-card font-sans text-card-foreground shadow-xs", thread.resolved && "bg-muted/40")}
    >
      {thread.resolved ? (
        <button
          ref={toggleRef}
          type="button"
          onClick={() => setExpanded((v) => !v)}
          aria-expanded={expanded}
          className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm text-muted-foreground outline-hidden hover:bg-accent/60 focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset"
        >
          {expanded ? <ChevronDown className="size-4" aria-hidden="true" /> : <ChevronRight className="size-4" aria-hidden="true" />}
          <CircleCheck className="size-4 text-success" aria-hidden="true" />
          <span className="min-w-0 truncate">
            Resolved · {who}: {root.deleted ? "" : root.body}
          </span>
          <span className="ml-auto shrink-0 text-xs">{count === 1 ? "1 comment" : `${count} comments`}</span>
        </button>
      ) : null}
      {expanded ? (
        <>
          <ol className="flex flex-col divide-y">
            <CommentItem comment={root} ctx={ctx} isRoot />
            {thread.replies.map((c) => (
              <CommentItem key={c.id} comment={c} ctx={ctx} isRoot={false} />
            ))}
          </ol>
          {ctx.canComment ? (
            <div className="border-t bg-muted/30 px-3 py-2">
              {replying ? (
                <CommentComposer
                  label={`Reply to the thread on line ${thread.line}`}
                  placeholder="Reply…"
                  submitLabel="Reply"
                  members={ctx.members}
                  pending={reply.isPending}
                  error={reply.error?.message ?? null}
                  onSubmit={(body) => reply.mutate(body)}
                  onCancel={() => setReplying(false)}
                />
              ) : (
                <div className="flex flex-wrap items-center gap-2">
                  <Button size="sm" variant="outline" onClick={() => setReplying(true)} aria-label={`Reply to the thread on line ${thread.line}`}>
                    <Reply aria-hidden="true" /> Reply
                  </Button>
                  <Button
                    ref={resolveRef}
                    size="sm"
                    variant="ghost"
                    loading={resolve.isPending}
                    onClick={() => resolve.mutate(!thread.resolved)}
                    aria-label={thread.resolved ? `Reopen the thread on line ${thread.line}` : `Resolve the thread on line ${thread.line}`}
                  >
                    {!resolve.isPending ? thread.resolved ? <RotateCcw aria-hidden="true" /> : <CircleCheck aria-hidden="true" /> : null}
                    {thread.resolved ? "Reopen" : "Resolve"}
                  </Button>
                  {resolve.error ? (
                    <span role="alert" className="text-sm text-destructive">
                      {resolve.error.message}
                    </span>
                  ) : null}
                </div>
              )}
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
});
