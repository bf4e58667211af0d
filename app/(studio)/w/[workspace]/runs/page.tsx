import { RunsBrowser } from "@/components/runs/runs-browser";
import { PageHeader } from "@/components/ui/page-header";
import { authorizePage } from "@/lib/auth/page";

export const metadata = { title: "Runs" };

export default async function RunsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const access = await authorizePage((await params).workspace, "run:read");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Runs"
        description="Generation runs turn a spec revision into code modules and tests, streamed live. Newest first."
      />
      <RunsBrowser slug={access.workspace.slug} />
    </div>
  );
}
