import { FileCode2 } from "lucide-react";
import { SectionEmpty } from "@/components/shell/placeholder-page";
import { authorizePage } from "@/lib/auth/page";

export const metadata = { title: "Specs" };

export default async function SpecsPage({ params }: { params: Promise<{ workspace: string }> }) {
  await authorizePage((await params).workspace, "spec:read");
  return (
    <SectionEmpty
      title="Specs"
      description="YAML workflows your team writes together; each step becomes a generated module."
      icon={FileCode2}
      emptyTitle="No specs yet"
      emptyText="Specs you create or import will be listed here, with their revisions and validation state. Start with a blank spec or one of the examples."
    />
  );
}
