import Link from "next/link";
import { ShieldAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata = { title: "Not allowed" };

export default async function ForbiddenPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<{ need?: string }> }) {
  const { workspace } = await params;
  const { need } = await searchParams;
  return (
    <EmptyState
      icon={ShieldAlert}
      title="Your role does not allow this"
      description={`This page needs the ${need ?? "right"} permission in this workspace. Ask a workspace admin to change your role.`}
      action={<Button asChild variant="outline"><Link href={`/w/${workspace}`}>Back to the workspace</Link></Button>}
    />
  );
}
