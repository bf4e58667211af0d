import type { CommentView } from "@/lib/review/client/types";

export interface Thread {
  root: CommentView;
  replies: CommentView[];
  line: number;
  resolved: boolean;
}

/** Comments grouped into threads (root + replies, oldest first), by line. */
export function threadsByLine(comments: CommentView[]): Map<number, Thread[]> {
  const roots = new Map<string, Thread>();
  for (const c of comments) if (!c.parentId) roots.set(c.id, { root: c, replies: [], line: c.line, resolved: c.resolved });
  for (const c of comments) if (c.parentId) roots.get(c.parentId)?.replies.push(c);
  const byLine = new Map<number, Thread[]>();
  for (const t of [...roots.values()].sort((a, b) => a.root.createdAt.localeCompare(b.root.createdAt))) {
    byLine.set(t.line, [...(byLine.get(t.line) ?? []), t]);
  }
  return byLine;
}

/** Split a comment body into text and @mention parts, for highlighting. */
export function mentionParts(body: string): { text: string; mention: boolean }[] {
  const parts: { text: string; mention: boolean }[] = [];
  let last = 0;
  for (const m of body.matchAll(/(^|\s)(@[\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?)/g)) {
    const at = m.index! + m[1].length;
    if (at > last) parts.push({ text: body.slice(last, at), mention: false });
    parts.push({ text: m[2], mention: true });
    last = at + m[2].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last), mention: false });
  return parts;
}
