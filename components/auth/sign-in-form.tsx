"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ApiError } from "@/lib/client/api";
import { signInWithPassword } from "@/lib/client/sign-in";

const OAUTH_ERRORS: Record<string, string> = {
  OAuthAccountNotLinked: "This e-mail is linked to another sign-in method.",
  CredentialsSignin: "Wrong e-mail or password.",
  SessionRequired: "Sign in to continue.",
};

export function SignInForm({ providers, callbackUrl, initialError }: { providers: { id: string; name: string }[]; callbackUrl: string; initialError?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError ? (OAUTH_ERRORS[initialError] ?? "Sign-in failed. Try again.") : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      await signInWithPassword(String(form.get("email")), String(form.get("password")), callbackUrl);
      router.replace(callbackUrl);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Sign-in failed. Try again.");
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      {error ? <Alert variant="destructive">{error}</Alert> : null}
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate={false}>
        <FormField label="E-mail" required>
          <Input name="email" type="email" autoComplete="email" required autoFocus />
        </FormField>
        <FormField label="Password" required>
          <Input name="password" type="password" autoComplete="current-password" required />
        </FormField>
        <Button type="submit" loading={pending}>
          Sign in
        </Button>
      </form>
      {providers.length ? (
        <div className="flex flex-col gap-2 border-t pt-4">
          {providers.map((p) => (
            <Button key={p.id} variant="outline" onClick={() => void signIn(p.id, { callbackUrl })}>
              Continue with {p.name}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
