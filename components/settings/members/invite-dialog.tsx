"use client";

import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { MailCheck, UserPlus } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ApiError } from "@/lib/client/api";
import type { Role } from "@/lib/generated/prisma/enums";
import { CopyField } from "@/components/account/copy-field";
import { memberKeys, membersApi, ROLE_INFO, type InvitationEmail, type InvitationView } from "@/components/settings/members/api";
import { RoleSelect } from "@/components/settings/members/role-select";

const VALIDITY = [1, 7, 14, 30] as const;

export function InviteDialog({ slug, workspaceName, actorRole, emailConfigured }: { slug: string; workspaceName: string; actorRole: Role; emailConfigured: boolean }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const [days, setDays] = useState("7");
  const [errors, setErrors] = useState<{ email?: string; role?: string; form?: string }>({});
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<{ invitation: InvitationView; email: InvitationEmail } | null>(null);

  function reset() {
    setEmail("");
    setRole("editor");
    setDays("7");
    setErrors({});
    setCreated(null);
  }
  /** Closing forgets everything typed and, above all, the one-time link or secret. */
  function close() {
    setOpen(false);
    reset();
  }


  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim()) return setErrors({ email: "Enter the e-mail address to invite." });
    setPending(true);
    setErrors({});
    try {
      setCreated(await membersApi.invite(slug, { email: email.trim(), role, expiresInDays: Number(days) }));
      void queryClient.invalidateQueries({ queryKey: memberKeys.invitations(slug) });
    } catch (err) {
      if (err instanceof ApiError) {
        const f = err.fieldErrors();
        if (f.email || f.role) setErrors({ email: f.email, role: f.role });
        else setErrors({ form: err.message });
      } else setErrors({ form: "Could not create the invitation." });
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <UserPlus aria-hidden="true" />
        Invite member
      </Button>
      <Dialog
        open={open}
        onOpenChange={(o) => (o ? setOpen(true) : close())}
      >
        <DialogContent className="sm:max-w-xl">
          {created ? (
            <>
              <DialogHeader>
                <DialogTitle className="flex items-center gap-2">
                  <MailCheck className="size-5 text-success" aria-hidden="true" /> Invitation created
                </DialogTitle>
                <DialogDescription>
                  {created.invitation.email} can join {workspaceName} as {ROLE_INFO[created.invitation.role].label.toLowerCase()} with this link until{" "}
                  {new Date(created.invitation.expiresAt).toLocaleDateString("en", { dateStyle: "medium" })}.
                </DialogDescription>
              </DialogHeader>
              <CopyField value={created.invitation.link ?? ""} label="Invitation link" id="invitation-link" />
              <EmailOutcome email={created.email} to={created.invitation.email} />
              <DialogFooter>
                <Button variant="outline" onClick={() => reset()}>
                  Invite someone else
                </Button>
                <Button onClick={close}>Done</Button>
              </DialogFooter>
            </>
          ) : (
            <form onSubmit={(e) => void submit(e)} className="grid gap-4" noValidate>
              <DialogHeader>
                <DialogTitle>Invite a member</DialogTitle>
                <DialogDescription>
                  They join {workspaceName} with the role you choose when they open the link and sign in with this address.{" "}
                  {emailConfigured
                    ? "The link is e-mailed to them, and you can also copy it."
                    : "E-mail is not set up on this studio (SMTP_URL), so you copy the link and send it yourself."}
                </DialogDescription>
              </DialogHeader>
              <FormField label="E-mail" error={errors.email} required>
                <Input type="email" name="email" autoComplete="off" placeholder="name@company.com" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
              </FormField>
              <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
                <FormField label="Role" description="Roles above your own are not available." error={errors.role}>
                  {(control) => <RoleSelect {...control} value={role} onChange={setRole} actorRole={actorRole} describe />}
                </FormField>
                <FormField label="Link valid for" description="Then it expires.">
                  {(control) => (
                    <Select value={days} onValueChange={setDays}>
                      <SelectTrigger {...control}>
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {VALIDITY.map((d) => (
                          <SelectItem key={d} value={String(d)}>
                            {d === 1 ? "1 day" : `${d} days`}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  )}
                </FormField>
              </div>
              {errors.form ? (
                <Alert variant="destructive">
                  <AlertDescription>{errors.form}</AlertDescription>
                </Alert>
              ) : null}
              <DialogFooter>
                <Button type="button" variant="outline" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" loading={pending}>
                  Create invitation
                </Button>
              </DialogFooter>
            </form>
          )}
        </DialogContent>
      </Dialog>
    </>
  );
}

/** Whether the link went out by e-mail; if not, why, and that the invitation exists anyway. */
function EmailOutcome({ email, to }: { email: InvitationEmail; to: string }) {
  const once = <p>The link is shown only now. If it gets lost, revoke the invitation and invite again.</p>;
  if (email.sent) {
    return (
      <Alert variant="success" data-testid="invitation-email" data-sent="true">
        <AlertTitle>E-mail sent to {to}</AlertTitle>
        <AlertDescription>
          <p>The invitation link is on its way. You can also copy it above.</p>
          {once}
        </AlertDescription>
      </Alert>
    );
  }
  if (!email.configured) {
    return (
      <Alert variant="warning" data-testid="invitation-email" data-sent="false">
        <AlertTitle>Copy the link; e-mail is not configured</AlertTitle>
        <AlertDescription>
          <p>This studio has no mail server set up (SMTP_URL), so no e-mail was sent: share the link with {to} over chat or e-mail.</p>
          {once}
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <Alert variant="destructive" data-testid="invitation-email" data-sent="false">
      <AlertTitle>The e-mail was not sent</AlertTitle>
      <AlertDescription>
        <p>{email.error ?? "The mail server did not accept it."}</p>
        <p>The invitation exists: copy the link and send it to {to} yourself.</p>
        {once}
      </AlertDescription>
    </Alert>
  );
}
