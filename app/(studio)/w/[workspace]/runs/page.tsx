import { Play } from "lucide-react";
import { SectionEmpty } from "@/components/shell/placeholder-page";
import { authorizePage } from "@/lib/auth/page";

export const metadata = { title: "Runs" };

export default async function RunsPage({ params }: { params: Promise<{ workspace: string }> }) {
  await authorizePage((await params).workspace, "run:read");
  return (
    <SectionEmpty
      title="Runs"
      description="Generation runs turn a spec revision into code modules and tests, streamed live."
      icon={Play}
      emptyTitle="No runs yet"
      emptyText="Every generation run will appear here with its status, duration, tokens and cost. Open a valid spec and press Run to start one."
    />
  );
}
