"use client";

import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { ApiError } from "@/lib/client/api";
import { accountApi, accountKeys } from "@/components/account/api";

type Field = "currentPassword" | "newPassword" | "confirm";

export function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: "", newPassword: "", confirm: "" });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  if (!hasPassword) {
    return (
      <Card>
        <CardHeader>
          <CardTitle as="h2">Password</CardTitle>
          <CardDescription>You sign in through single sign-on, so this account has no password to change.</CardDescription>
        </CardHeader>
      </Card>
    );
  }

  const set = (k: Field) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    if (!values.currentPassword) next.currentPassword = "Enter your current password.";
    if (!values.newPassword) next.newPassword = "Enter a new password.";
    if (values.newPassword && values.confirm !== values.newPassword) next.confirm = "The two new passwords differ.";
    setErrors(next);
    setFormError(null);
    if (Object.keys(next).length) return;
    setPending(true);
    try {
      const out = await accountApi.changePassword(values.currentPassword, values.newPassword);
      setValues({ currentPassword: "", newPassword: "", confirm: "" });
      toast.success("Password changed", {
        description:
          out.otherSessionsSignedOut === 0
            ? "You stay signed in here."
            : `You stay signed in here; ${out.otherSessionsSignedOut} other ${out.otherSessionsSignedOut === 1 ? "session was" : "sessions were"} signed out.`,
      });
      void queryClient.invalidateQueries({ queryKey: accountKeys.sessions });
    } catch (err) {
      if (err instanceof ApiError) {
        const fields = err.fieldErrors();
        if (fields.currentPassword || fields.newPassword) setErrors({ currentPassword: fields.currentPassword, newPassword: fields.newPassword });
        else setFormError(err.message);
      } else setFormError("Could not change the password.");
    } finally {
      setPending(false);
    }
  }

  return (
    <Card>
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4" aria-label="Change password" noValidate>
        <CardHeader>
          <CardTitle as="h2">Password</CardTitle>
          <CardDescription>Changing it signs you out everywhere else; this browser stays signed in.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {/* lets password managers tie the new password to the account */}
          <input type="text" name="username" autoComplete="username" hidden readOnly />
          <FormField label="Current password" error={errors.currentPassword} required>
            <Input type="password" name="currentPassword" autoComplete="current-password" value={values.currentPassword} onChange={set("currentPassword")} />
          </FormField>
          <FormField label="New password" description="At least 10 characters; not a common or repetitive one." error={errors.newPassword} required>
            <Input type="password" name="newPassword" autoComplete="new-password" value={values.newPassword} onChange={set("newPassword")} />
          </FormField>
          <FormField label="Repeat the new password" error={errors.confirm} required>
            <Input type="password" name="confirm" autoComplete="new-password" value={values.confirm} onChange={set("confirm")} />
          </FormField>
          {formError ? (
            <Alert variant="destructive">
              <AlertDescription>{formError}</AlertDescription>
            </Alert>
          ) : null}
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" loading={pending}>
            Change password
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
