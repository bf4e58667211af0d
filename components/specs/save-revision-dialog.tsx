"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Save } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { ApiError } from "@/lib/client/api";
import { specPages, specsApi } from "@/lib/specs/client/api";
import { specKeys } from "@/lib/specs/client/query-keys";

/** "Save revision": a message, then a numbered snapshot of the live text (valid or not). */
export function SaveRevisionDialog({
  slug,
  specId,
  offline,
  problems,
  waitUntilSent,
}: {
  slug: string;
  specId: string;
  offline: boolean;
  /** error count of the live text, to warn before saving an invalid revision */
  problems: number;
  waitUntilSent: () => Promise<boolean>;
}) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const qc = useQueryClient();
  const router = useRouter();
  const save = useMutation({
    mutationFn: async (msg: string) => {
      if (!(await waitUntilSent())) {
        throw new ApiError(0, "unsent", "Some of your edits have not reached the server yet. Check your connection, then save again.");
      }
      return specsApi.saveRevision(slug, specId, msg);
    },
    onSuccess: ({ revision }) => {
      void qc.invalidateQueries({ queryKey: specKeys.all(slug) });
      const options = {
        description: revision.valid
          ? "The spec is valid and can be run."
          : "This revision is invalid: invalid revisions are kept but cannot be run. Fix the problems and save again.",
        action: { label: "View history", onClick: () => router.push(specPages.history(slug, specId)) },
      };
      if (revision.valid) toast.success(`Revision #${revision.number} saved`, options);
      else toast.warning(`Revision #${revision.number} saved`, options);
      setOpen(false);
      setMessage("");
    },
  });

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setLocalError(null);
      save.reset();
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!message.trim()) {
      setLocalError("Describe what changed, e.g. “Added retries to create_crm_account”.");
      return;
    }
    setLocalError(null);
    save.mutate(message.trim());
  }

  const apiError = save.error instanceof ApiError ? save.error : null;
  const fieldError = apiError?.fieldErrors().message;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Save aria-hidden="true" />
          Save revision
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Save a revision</DialogTitle>
          <DialogDescription>
            A numbered snapshot of the text everyone sees now. You can compare and restore revisions from History.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-5" noValidate>
          <FormField label="What changed?" required error={localError ?? fieldError}>
            <Input value={message} onChange={(e) => setMessage(e.target.value)} maxLength={500} autoFocus autoComplete="off" placeholder="Added retries to create_crm_account" />
          </FormField>
          {problems > 0 ? (
            <Alert variant="warning">
              The spec has {problems} {problems === 1 ? "error" : "errors"}. The revision will be kept, but an invalid revision cannot be run.
            </Alert>
          ) : null}
          {offline ? <Alert variant="warning">You are offline. The revision can be saved once you reconnect.</Alert> : null}
          {save.error && !fieldError ? <Alert variant="destructive">Could not save the revision: {save.error.message}</Alert> : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={offline}>
              Save revision
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
