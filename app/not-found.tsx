import Link from "next/link";
import { SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center p-8">
      <EmptyState
        icon={SearchX}
        title="Not found"
        description="This page does not exist, or it belongs to a workspace you are not a member of."
        action={<Button asChild><Link href="/">Go to your workspaces</Link></Button>}
      />
    </main>
  );
}
