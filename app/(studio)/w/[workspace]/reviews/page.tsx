import { MessageSquareCheck } from "lucide-react";
import { SectionEmpty } from "@/components/shell/placeholder-page";
import { authorizePage } from "@/lib/auth/page";

export const metadata = { title: "Reviews" };

export default async function ReviewsPage({ params }: { params: Promise<{ workspace: string }> }) {
  await authorizePage((await params).workspace, "review:read");
  return (
    <SectionEmpty
      title="Reviews"
      description="Generated modules waiting for your approval, and threads where you are mentioned."
      icon={MessageSquareCheck}
      emptyTitle="Nothing to review"
      emptyText="When a run finishes, its modules wait here for approval or requested changes. Comments that mention you show up here too."
    />
  );
}
