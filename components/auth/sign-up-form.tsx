"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ApiError, apiFetch } from "@/lib/client/api";
import { signInWithPassword } from "@/lib/client/sign-in";

export function SignUpForm({ callbackUrl = "/workspaces/new" }: { callbackUrl?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = { name: String(form.get("name")), email: String(form.get("email")), password: String(form.get("password")) };
    setPending(true);
    setError(null);
    setFields({});
    try {
      await apiFetch("/api/sign-up", { body: input });
      await signInWithPassword(input.email, input.password, callbackUrl);
      router.replace(callbackUrl);
      router.refresh();
    } catch (err) {
      if (err instanceof ApiError) {
        const f = err.fieldErrors();
        setFields(f);
        setError(Object.keys(f).length ? null : err.message);
      } else setError("Sign-up failed. Try again.");
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      {error ? <Alert variant="destructive">{error}</Alert> : null}
      <form onSubmit={onSubmit} className="flex flex-col gap-4">
        <FormField label="Name" required error={fields.name}>
          <Input name="name" autoComplete="name" required autoFocus />
        </FormField>
        <FormField label="E-mail" required error={fields.email}>
          <Input name="email" type="email" autoComplete="email" required />
        </FormField>
        <FormField label="Password" required error={fields.password} description="At least 10 characters.">
          <Input name="password" type="password" autoComplete="new-password" required minLength={10} />
        </FormField>
        <Button type="submit" loading={pending}>
          Create account
        </Button>
      </form>
    </div>
  );
}
