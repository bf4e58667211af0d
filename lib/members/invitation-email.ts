import type { Role } from "@/lib/generated/prisma/enums";
import type { MailMessage } from "@/lib/mail/send";

const ROLE_WORDS: Record<Role, string> = {
  owner: "an owner",
  admin: "an admin",
  editor: "an editor",
  reviewer: "a reviewer",
  viewer: "a viewer",
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The invitation e-mail, as text and as simple HTML. Names come from users, so the HTML escapes them. */
export function invitationEmail(args: { to: string; link: string; workspaceName: string; inviterName: string; role: Role; expiresAt: Date }): MailMessage {
  const until = args.expiresAt.toISOString().slice(0, 10);
  const who = args.inviterName.trim() || "Someone";
  const subject = `${who} invited you to ${args.workspaceName} on Spec Studio`;
  const text = [
    `${who} invited you to join the workspace ${args.workspaceName} on Spec Studio as ${ROLE_WORDS[args.role]}.`,
    "",
    `Open this link and sign in (or sign up) as ${args.to} to join:`,
    args.link,
    "",
    `The link works once and expires on ${until} (UTC). If you did not expect this e-mail, ignore it.`,
  ].join("\n");
  const html = [
    `<p>${escapeHtml(who)} invited you to join the workspace <strong>${escapeHtml(args.workspaceName)}</strong> on Spec Studio as ${ROLE_WORDS[args.role]}.</p>`,
    `<p>Open this link and sign in (or sign up) as ${escapeHtml(args.to)} to join:</p>`,
    `<p><a href="${escapeHtml(args.link)}">${escapeHtml(args.link)}</a></p>`,
    `<p>The link works once and expires on ${until} (UTC). If you did not expect this e-mail, ignore it.</p>`,
  ].join("\n");
  return { to: args.to, subject, text, html };
}
