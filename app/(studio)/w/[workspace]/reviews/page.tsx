import { ReviewsInbox } from "@/components/review/reviews-inbox";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/db";
import { authorizePage } from "@/lib/auth/page";
import { reviewInbox } from "@/lib/review/inbox";
import type { ReviewInbox } from "@/lib/review/client/types";

export const metadata = { title: "Reviews" };

export default async function ReviewsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const access = await authorizePage((await params).workspace, "review:read");
  const inbox = await reviewInbox(getDb(), access.workspace.id, access.principal.userId);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Reviews" description="Generated files waiting for approval, review comments that mention you, and what was decided lately." />
      <ReviewsInbox slug={access.workspace.slug} initial={inbox as ReviewInbox} />
    </div>
  );
}
