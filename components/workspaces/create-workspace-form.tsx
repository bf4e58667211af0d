"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ApiError, apiFetch } from "@/lib/client/api";
import { slugify } from "@/lib/workspaces/schemas";

export function CreateWorkspaceForm() {
  const router = useRouter();
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const effectiveSlug = slugTouched ? slug : name.trim() ? slugify(name) : "";

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    setFields({});
    try {
      const { workspace } = await apiFetch<{ workspace: { slug: string } }>("/api/v1/workspaces", {
        body: { name, slug: effectiveSlug || undefined },
      });
      await qc.invalidateQueries({ queryKey: ["workspaces"] });
      router.push(`/w/${workspace.slug}`);
      router.refresh();
    } catch (err) {
      if (err instanceof ApiError) {
        const f = err.fieldErrors();
        setFields(f);
        setError(Object.keys(f).length ? null : err.message);
      } else setError("Could not create the workspace.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      {error ? <Alert variant="destructive">{error}</Alert> : null}
      <FormField label="Workspace name" required error={fields.name}>
        <Input name="name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus placeholder="Acme Payments" />
      </FormField>
      <FormField label="Address" error={fields.slug} description={effectiveSlug ? `Your workspace will live at /w/${effectiveSlug}` : "Lowercase letters, digits and dashes."}>
        <Input
          name="slug"
          value={effectiveSlug}
          onChange={(e) => {
            setSlugTouched(true);
            setSlug(e.target.value);
          }}
          placeholder="acme-payments"
        />
      </FormField>
      <Button type="submit" loading={pending}>
        Create workspace
      </Button>
    </form>
  );
}
