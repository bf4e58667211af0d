import { AuthCard } from "@/components/auth/auth-card";
import { CreateWorkspaceForm } from "@/components/workspaces/create-workspace-form";
import { requirePageUser } from "@/lib/auth/page";
import Link from "next/link";

export const metadata = { title: "New workspace" };
export const dynamic = "force-dynamic";

export default async function NewWorkspacePage() {
  await requirePageUser();
  return (
    <AuthCard
      title="Create a workspace"
      description="A workspace holds your team's specs, runs, reviews and audit trail. You will be its owner."
      footer={<Link className="underline-offset-4 hover:underline" href="/">Back</Link>}
    >
      <CreateWorkspaceForm />
    </AuthCard>
  );
}
