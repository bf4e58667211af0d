"use client";

import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { handleFor, insertMention, matchMembers, mentionAt } from "@/lib/review/client/mentions";
import type { MemberView } from "@/lib/review/client/types";
import { cn } from "@/lib/utils/cn";

export interface CommentComposerProps {
  /** the textarea's label (visible to screen readers), e.g. "Comment on line 3" */
  label: string;
  placeholder?: string;
  submitLabel: string;
  initialValue?: string;
  members: MemberView[];
  pending: boolean;
  error: string | null;
  onSubmit: (body: string) => void;
  onCancel: () => void;
  autoFocus?: boolean;
  className?: string;
}

/**
 * A comment box with @mention completion: typing "@" and a few letters lists matching members (arrow keys to
 * choose, Enter or Tab to insert, Escape to close). Ctrl/⌘+Enter sends, Escape cancels.
 */
export function CommentComposer({ label, placeholder, submitLabel, initialValue = "", members, pending, error, onSubmit, onCancel, autoFocus = true, className }: CommentComposerProps) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [value, setValue] = useState(initialValue);
  const [mention, setMention] = useState<{ query: string; start: number } | null>(null);
  const [active, setActive] = useState(0);
  const matches = mention ? matchMembers(members, mention.query) : [];
  const open = matches.length > 0;
  const listId = `${id}-mentions`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  function refreshMention(text: string, caret: number) {
    const m = mentionAt(text, caret);
    setMention(m);
    setActive(0);
  }

  function choose(member: MemberView) {
    const el = ref.current;
    if (!el || !mention) return;
    const next = insertMention(value, mention.start, el.selectionStart, handleFor(member, members));
    setValue(next.text);
    setMention(null);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(next.caret, next.caret);
    });
  }

  function submit(e?: FormEvent) {
    e?.preventDefault();
    const body = value.trim();
    if (!body || pending) return;
    onSubmit(body);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (open) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setActive((a) => (a + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        choose(matches[Math.min(active, matches.length - 1)]);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        setMention(null);
        return;
      }
    }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    }
  }

  return (
    <form onSubmit={submit} className={cn("flex flex-col gap-2", className)} aria-label={label}>
      <label htmlFor={`${id}-body`} className="sr-only">
        {label}
      </label>
      <div className="relative">
        <Textarea
          ref={ref}
          id={`${id}-body`}
          value={value}
          placeholder={placeholder ?? "Write a comment. @ mentions a member."}
          rows={3}
          // The composer opens because the person asked for it (clicked a line, pressed Reply).
          autoFocus={autoFocus}
          className="min-h-16 bg-background font-sans text-sm"
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? `${listId}-${Math.min(active, matches.length - 1)}` : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            refreshMention(e.target.value, e.target.selectionStart);
          }}
          onKeyDown={onKeyDown}
          onClick={(e) => refreshMention(value, e.currentTarget.selectionStart)}
          onBlur={() => window.setTimeout(() => setMention(null), 150)}
        />
        {open ? (
          <ul
            id={listId}
            role="listbox"
            aria-label="Members to mention"
            className="absolute top-full left-0 z-20 mt-1 w-72 max-w-full overflow-hidden rounded-md border bg-popover p-1 text-sm text-popover-foreground shadow-md"
          >
            {matches.map((m, i) => (
              <li
                key={m.userId}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={cn("flex cursor-pointer flex-col rounded-sm px-2 py-1", i === active && "bg-accent text-accent-foreground")}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(m);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="font-medium">{m.name}</span>
                <span className="text-xs text-muted-foreground">
                  @{handleFor(m, members)} · {m.role}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <p id={hintId} className="sr-only">
        Control or Command plus Enter sends; Escape cancels. Type @ to mention a member.
      </p>
      <p className="sr-only" role="status" aria-live="polite">
        {open ? `${matches.length} ${matches.length === 1 ? "member matches" : "members match"}; arrow keys choose, Enter inserts.` : ""}
      </p>
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <div className="flex items-center gap-2">
        <Button type="submit" size="sm" loading={pending} disabled={!value.trim()}>
          {submitLabel}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <span className="ml-auto hidden text-xs text-muted-foreground sm:inline" aria-hidden="true">
          Ctrl+Enter to send
        </span>
      </div>
    </form>
  );
}
