import type { z } from "zod";
import type { Db, DbTx } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { getModuleOrThrow } from "@/lib/review/modules";
import type { createCommentSchema, updateCommentSchema } from "@/lib/review/schemas";

/** Members named in a comment as @email or @name-without-spaces (case-insensitive). */
async function resolveMentions(db: DbTx, workspaceId: string, body: string): Promise<string[]> {
  const handles = [...body.matchAll(/(^|\s)@([\w.+-]+(?:@[\w-]+(?:\.[\w-]+)+)?)/g)].map((m) => m[2].toLowerCase());
  if (!handles.length) return [];
  const members = await db.membership.findMany({ where: { workspaceId }, include: { user: { select: { id: true, email: true, name: true } } } });
  return members
    .filter(({ user }) => handles.some((h) => h === user.email.toLowerCase() || h === user.email.split("@")[0].toLowerCase() || h === user.name.replace(/\s+/g, "").toLowerCase()))
    .map((m) => m.user.id);
}

export function toCommentView(c: { id: string; parentId: string | null; line: number; body: string; authorId: string | null; authorLabel: string; mentions: string[]; resolvedAt: Date | null; editedAt: Date | null; deletedAt: Date | null; createdAt: Date }) {
  return {
    id: c.id,
    parentId: c.parentId,
    line: c.line,
    body: c.deletedAt ? "" : c.body,
    deleted: c.deletedAt !== null,
    author: { id: c.authorId, label: c.authorLabel },
    mentions: c.mentions,
    resolved: c.resolvedAt !== null,
    edited: c.editedAt !== null,
    createdAt: c.createdAt.toISOString(),
  };
}

export async function listComments(db: DbTx, moduleId: string) {
  return (await db.reviewComment.findMany({ where: { moduleId }, orderBy: { createdAt: "asc" } })).map(toCommentView);
}

/** Start a thread on a line, or reply to one. Throws validation_failed for a line the module does not have. */
export async function addComment(db: Db, access: WorkspaceAccess, moduleId: string, input: z.infer<typeof createCommentSchema>) {
  const m = await getModuleOrThrow(db, access.workspace.id, moduleId);
  let line = input.line;
  let parentId: string | null = null;
  if (input.parentId) {
    const parent = await db.reviewComment.findFirst({ where: { id: input.parentId, moduleId } });
    if (!parent) throw new AppError("not_found", "The comment you reply to was not found on this module.");
    parentId = parent.parentId ?? parent.id;
    line = parent.line;
  }
  // A final newline ends the last line; it does not start another one.
  const lines = m.content.replace(/\n$/, "").split("\n").length;
  if (line === undefined) throw new AppError("validation_failed", "Say which line the comment is about.", [{ path: "line", message: "Required for a new thread." }]);
  if (line > lines) throw new AppError("validation_failed", `Line ${line} does not exist: ${m.path} has ${lines} lines.`, [{ path: "line", message: `Use a line from 1 to ${lines}.` }]);
  const mentions = await resolveMentions(db, access.workspace.id, input.body);
  return db.$transaction(async (tx) => {
    const c = await tx.reviewComment.create({
      data: { moduleId, runId: m.runId, workspaceId: access.workspace.id, parentId, line, body: input.body, authorId: access.principal.userId, authorLabel: access.principal.name || access.principal.email, mentions },
    });
    await recordAudit(tx, { actor: access.actor, action: "review.comment_added", resourceType: "review_comment", resourceId: c.id, workspaceId: access.workspace.id, after: { module: m.path, run: m.run.number, line, reply: parentId !== null, mentions: mentions.length } });
    return c;
  });
}

/** Edit your own comment, or resolve / reopen a thread (any reviewer). */
export async function updateComment(db: Db, access: WorkspaceAccess, moduleId: string, commentId: string, input: z.infer<typeof updateCommentSchema>) {
  await getModuleOrThrow(db, access.workspace.id, moduleId);
  const c = await db.reviewComment.findFirst({ where: { id: commentId, moduleId } });
  if (!c || c.deletedAt) throw new AppError("not_found", "Comment was not found.");
  if (input.body !== undefined && c.authorId !== access.principal.userId) throw new AppError("forbidden", "You can only edit your own comments.");
  // Resolving is a property of the thread: a reply's id resolves the thread it belongs to.
  if (input.resolved !== undefined && input.body === undefined && c.parentId) return updateComment(db, access, moduleId, c.parentId, input);
  return db.$transaction(async (tx) => {
    const updated = await tx.reviewComment.update({
      where: { id: commentId },
      data: {
        ...(input.body !== undefined ? { body: input.body, editedAt: new Date(), mentions: await resolveMentions(tx, access.workspace.id, input.body) } : {}),
        ...(input.resolved !== undefined ? { resolvedAt: input.resolved ? new Date() : null, resolvedBy: input.resolved ? access.principal.userId : null } : {}),
      },
    });
    if (input.resolved !== undefined && input.resolved !== (c.resolvedAt !== null)) {
      await recordAudit(tx, { actor: access.actor, action: input.resolved ? "review.comment_resolved" : "review.comment_reopened", resourceType: "review_comment", resourceId: commentId, workspaceId: access.workspace.id });
    }
    if (input.body !== undefined) {
      await recordAudit(tx, { actor: access.actor, action: "review.comment_edited", resourceType: "review_comment", resourceId: commentId, workspaceId: access.workspace.id, before: { body: c.body.slice(0, 500) }, after: { body: input.body.slice(0, 500) } });
    }
    return updated;
  });
}

/** Delete your own comment (its thread stays, marked deleted). */
export async function deleteComment(db: Db, access: WorkspaceAccess, moduleId: string, commentId: string) {
  await getModuleOrThrow(db, access.workspace.id, moduleId);
  const c = await db.reviewComment.findFirst({ where: { id: commentId, moduleId } });
  if (!c || c.deletedAt) throw new AppError("not_found", "Comment was not found.");
  if (c.authorId !== access.principal.userId) throw new AppError("forbidden", "You can only delete your own comments.");
  await db.$transaction(async (tx) => {
    await tx.reviewComment.update({ where: { id: commentId }, data: { deletedAt: new Date() } });
    await recordAudit(tx, { actor: access.actor, action: "review.comment_deleted", resourceType: "review_comment", resourceId: commentId, workspaceId: access.workspace.id });
  });
}
