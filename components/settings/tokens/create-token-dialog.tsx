"use client";

import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { KeyRound, Plus } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ApiError } from "@/lib/client/api";
import { cn } from "@/lib/utils/cn";
import { CopyField } from "@/components/account/copy-field";
import { EXPIRY_CHOICES, TOKEN_SCOPE_INFO, tokenKeys, tokensApi, type TokenScopeName, type TokenView } from "@/components/settings/tokens/api";

const checkbox = "mt-0.5 size-4 shrink-0 rounded border-input accent-primary focus-visible:outline-hidden focus-visible:ring-2 focus-visible:ring-ring";

export function CreateTokenDialog({ slug, workspaceName }: { slug: string; workspaceName: string }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<TokenScopeName[]>(["read"]);
  const [expiry, setExpiry] = useState<string>("90");
  const [personal, setPersonal] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; scopes?: string; form?: string }>({});
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<TokenView | null>(null);

  function reset() {
    setName("");
    setScopes(["read"]);
    setExpiry("90");
    setPersonal(false);
    setErrors({});
    setCreated(null); // the secret leaves memory with the dialog
  }
  /** Closing forgets everything typed and, above all, the one-time link or secret. */
  function close() {
    setOpen(false);
    reset();
  }


  const toggle = (s: TokenScopeName) => setScopes((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: typeof errors = {};
    if (!name.trim()) next.name = "Name the token after where it is used, e.g. “CI pipeline”.";
    if (scopes.length === 0) next.scopes = "Choose at least one scope.";
    setErrors(next);
    if (Object.keys(next).length) return;
    setPending(true);
    try {
      const { token } = await tokensApi.create(slug, {
        name: name.trim(),
        scopes: TOKEN_SCOPE_INFO.map((i) => i.scope).filter((s) => scopes.includes(s)),
        expiresInDays: expiry === "never" ? null : Number(expiry),
        personal,
      });
      setCreated(token);
      void queryClient.invalidateQueries({ queryKey: tokenKeys.list(slug) });
    } catch (err) {
      if (err instanceof ApiError) {
        const f = err.fieldErrors();
        if (f.name || f.scopes) setErrors({ name: f.name, scopes: f.scopes });
        else setErrors({ form: err.message });
      } else setErrors({ form: "Could not create the token." });
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden="true" />
        Create token
      </Button>
      <Dialog
        open={open}
        onOpenChange={(o) => (o ? setOpen(true) : close())}
      >
        <DialogContent className="sm:max-w-xl" onInteractOutside={(e) => created && e.preventDefault()}>
          {created ? (
            <>
              <DialogHeader>
                <DialogTitle className="flex items-center gap-2">
                  <KeyRound className="size-5 text-success" aria-hidden="true" /> Token “{created.name}” created
                </DialogTitle>
                <DialogDescription>
                  {created.personal ? "A personal token: it reaches every workspace you belong to, with your role in each." : `It reaches ${workspaceName} only.`}{" "}
                  Scopes: {created.scopes.join(", ")}. {created.expiresAt ? `Expires ${new Date(created.expiresAt).toLocaleDateString("en", { dateStyle: "medium" })}.` : "Never expires."}
                </DialogDescription>
              </DialogHeader>
              <Alert variant="warning">
                <AlertTitle>Copy it now: you won&apos;t see it again</AlertTitle>
                <AlertDescription>Only a hash of the token is stored. If you lose it, revoke it and create a new one.</AlertDescription>
              </Alert>
              <CopyField value={created.secret ?? ""} label="API token" id="new-token-secret" />
              <div className="grid gap-1.5">
                <p className="text-xs font-medium text-muted-foreground">Use it as a bearer token:</p>
                <pre className="overflow-x-auto rounded-md bg-muted px-3 py-2 font-mono text-xs">
                  {`curl -H "Authorization: Bearer ${created.prefix}…" ${typeof window === "undefined" ? "" : window.location.origin}/api/v1/me`}
                </pre>
              </div>
              <DialogFooter>
                <Button onClick={close}>I have copied it</Button>
              </DialogFooter>
            </>
          ) : (
            <form onSubmit={(e) => void submit(e)} className="grid gap-5" noValidate>
              <DialogHeader>
                <DialogTitle>Create an API token</DialogTitle>
                <DialogDescription>A token acts as you, never beyond your role. Give it only the scopes it needs.</DialogDescription>
              </DialogHeader>
              <FormField label="Name" error={errors.name} required>
                <Input name="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} placeholder="CI pipeline" autoComplete="off" autoFocus />
              </FormField>
              <fieldset className="grid gap-2" aria-describedby={errors.scopes ? "token-scopes-error" : undefined}>
                <legend className="mb-2 text-sm font-medium">
                  Scopes <span className="text-destructive" aria-hidden="true">*</span>
                </legend>
                {TOKEN_SCOPE_INFO.map((s) => (
                  <label
                    key={s.scope}
                    className={cn(
                      "flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2 text-sm transition-colors hover:bg-accent/50",
                      scopes.includes(s.scope) && "border-primary/40 bg-primary/5",
                    )}
                  >
                    <input type="checkbox" className={checkbox} checked={scopes.includes(s.scope)} onChange={() => toggle(s.scope)} name="scopes" value={s.scope} />
                    <span className="grid gap-0.5">
                      <span className="font-mono text-[13px] font-medium">{s.label}</span>
                      <span className="text-xs text-muted-foreground">{s.description}</span>
                    </span>
                  </label>
                ))}
                {errors.scopes ? (
                  <p id="token-scopes-error" className="text-xs font-medium text-destructive">
                    {errors.scopes}
                  </p>
                ) : null}
              </fieldset>
              <fieldset className="grid gap-2">
                <legend className="mb-2 text-sm font-medium">Expires after</legend>
                <div className="flex flex-wrap gap-2">
                  {EXPIRY_CHOICES.map((c) => (
                    <label
                      key={c.value}
                      className={cn(
                        "flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm transition-colors hover:bg-accent/50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                        expiry === c.value && "border-primary/40 bg-primary/5 font-medium",
                      )}
                    >
                      <input type="radio" name="expiry" value={c.value} checked={expiry === c.value} onChange={() => setExpiry(c.value)} className="sr-only" />
                      {c.label}
                    </label>
                  ))}
                </div>
                {expiry === "never" ? <p className="text-xs text-warning">A token that never expires stays valid until someone revokes it.</p> : null}
              </fieldset>
              <label className="flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2 text-sm hover:bg-accent/50">
                <input type="checkbox" className={checkbox} checked={personal} onChange={(e) => setPersonal(e.target.checked)} name="personal" />
                <span className="grid gap-0.5">
                  <span className="flex items-center gap-2 font-medium">
                    Personal token <Badge variant="muted">all your workspaces</Badge>
                  </span>
                  <span className="text-xs text-muted-foreground">Reaches every workspace you are a member of, with your role in each. Leave it off to bind the token to {workspaceName}.</span>
                </span>
              </label>
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
                  Create token
                </Button>
              </DialogFooter>
            </form>
          )}
        </DialogContent>
      </Dialog>
    </>
  );
}
