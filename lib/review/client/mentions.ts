import type { MemberView } from "@/lib/review/client/types";

/** The @handle being typed right before the caret, with where it starts; null when the caret is not in one. */
export function mentionAt(text: string, caret: number): { query: string; start: number } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)@([\w.+-]*)$/.exec(before);
  if (!m) return null;
  return { query: m[2], start: before.length - m[2].length - 1 };
}

/**
 * The handle that names a member for the server's mention parser (lib/review/comments.ts): the e-mail's local
 * part when no other member shares it, otherwise the whole e-mail address.
 */
export function handleFor(member: MemberView, all: MemberView[]): string {
  const local = member.email.split("@")[0];
  const clash = all.some((o) => o.userId !== member.userId && o.email.split("@")[0].toLowerCase() === local.toLowerCase());
  return clash ? member.email : local;
}

/** Members matching what was typed after "@" (name, e-mail), best first, at most `limit`. */
export function matchMembers(members: MemberView[], query: string, limit = 6): MemberView[] {
  const q = query.toLowerCase();
  const score = (m: MemberView) => {
    const name = m.name.toLowerCase();
    const email = m.email.toLowerCase();
    if (!q) return 1;
    if (name.startsWith(q) || email.startsWith(q)) return 3;
    if (name.split(/\s+/).some((w) => w.startsWith(q)) || name.replace(/\s+/g, "").startsWith(q)) return 2;
    if (name.includes(q) || email.includes(q)) return 1;
    return 0;
  };
  return members
    .map((m) => ({ m, s: score(m) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.m.name.localeCompare(b.m.name))
    .slice(0, limit)
    .map((x) => x.m);
}

/** Replace the "@query" at `start` with "@handle " and return the new text and caret. */
export function insertMention(text: string, start: number, caret: number, handle: string): { text: string; caret: number } {
  const inserted = `@${handle} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}
