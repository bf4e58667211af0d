import type { z } from "zod";
import type { Db } from "@/lib/db";
import type { WorkspaceAccess } from "@/lib/rbac/authorize";
import type { MailConfig } from "@/lib/mail/config";
import { sendMail } from "@/lib/mail/send";
import { inviteMember } from "@/lib/members/manage";
import { invitationEmail } from "@/lib/members/invitation-email";
import type { inviteSchema } from "@/lib/members/schemas";

/** Whether the invitation e-mail went out; `configured: false` means SMTP is not set up, so nothing was tried. */
export type InvitationEmailOutcome = { configured: boolean; sent: boolean; error?: string };

export const MAIL_NOT_CONFIGURED = "E-mail is not configured on this studio (SMTP_URL): copy the link and send it yourself.";

/**
 * Create an invitation and, when SMTP is configured, e-mail its link. The e-mail is sent after the invitation's
 * transaction has committed: a mail server that is down or refuses the message leaves the invitation in place,
 * and the answer says why the e-mail did not go out, so the link can still be copied and shared.
 */
export async function inviteWithEmail(db: Db, access: WorkspaceAccess, input: z.infer<typeof inviteSchema>, opts: { origin: string; mail: MailConfig | null }) {
  const { invitation, secret } = await inviteMember(db, access, input);
  const link = `${opts.origin}/invite/${secret}`;
  const view = {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status: "pending" as const,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
    link,
  };
  if (!opts.mail) return { invitation: view, email: { configured: false, sent: false, error: MAIL_NOT_CONFIGURED } satisfies InvitationEmailOutcome };
  const message = invitationEmail({ to: invitation.email, link, workspaceName: access.workspace.name, inviterName: access.principal.name || access.principal.email, role: invitation.role, expiresAt: invitation.expiresAt });
  const outcome = await sendMail(opts.mail, message, [secret, link]);
  if (!outcome.sent) {
    // The secret and link are redacted from the error; the invitation id is enough to find it.
    console.warn(`[mail] invitation ${invitation.id} was created but its e-mail was not sent: ${outcome.error}`);
  }
  return { invitation: view, email: { configured: true, ...outcome } satisfies InvitationEmailOutcome };
}
