"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { ApiError } from "@/lib/client/api";
import { accountApi } from "@/components/account/api";

export function ProfileForm({ initialName, email, createdAt }: { initialName: string; email: string; createdAt: string }) {
  const router = useRouter();
  const [saved, setSaved] = useState(initialName);
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const dirty = name.trim() !== saved;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError("Enter your name.");
    setPending(true);
    setError(null);
    try {
      const { profile } = await accountApi.updateProfile(name.trim());
      setSaved(profile.name);
      setName(profile.name);
      toast.success("Name saved", { description: "Others see it next to your comments, reviews and audit events." });
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? (err.fieldErrors().name ?? err.message) : "Could not save your name.");
    } finally {
      setPending(false);
    }
  }

  return (
    <Card>
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4" aria-label="Profile">
        <CardHeader>
          <CardTitle as="h2">Profile</CardTitle>
          <CardDescription>How you appear to the people in your workspaces.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <FormField label="Name" error={error ?? undefined} required>
            <Input name="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="name" />
          </FormField>
          <FormField label="E-mail" description="Your sign-in address. It cannot be changed here.">
            <Input value={email} readOnly />
          </FormField>
          <p className="text-xs text-muted-foreground">Member since {new Date(createdAt).toLocaleDateString("en", { dateStyle: "long" })}.</p>
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" loading={pending} disabled={!dirty}>
            Save name
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
