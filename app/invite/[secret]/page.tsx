import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInvitation } from "@/components/members/accept-invitation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { getDb } from "@/lib/db";
import { getPagePrincipal } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { describeInvitation } from "@/lib/members/invitations";

export const metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  const here = `/invite/${secret}`;
  let inv: Awaited<ReturnType<typeof describeInvitation>> | null = null;
  try {
    inv = await describeInvitation(getDb(), secret);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
  }
  const principal = await getPagePrincipal();
  if (!inv || inv.status !== "pending") {
    return (
      <AuthCard title="Invitation not usable" description="Invitation links work once and expire." footer={<Link href="/">Go to the studio</Link>}>
        <Alert variant="destructive">{!inv ? "This invitation link is not valid." : `This invitation was ${inv.status}.`} Ask a workspace admin for a new one.</Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={`Join ${inv.workspace.name}`}
      description={`You are invited as ${inv.role}. The invitation is for ${inv.email} and is valid until ${inv.expiresAt.slice(0, 10)}.`}
      footer={<Link href="/">Not now</Link>}
    >
      {principal ? (
        principal.email.toLowerCase() === inv.email ? (
          <AcceptInvitation secret={secret} workspaceName={inv.workspace.name} />
        ) : (
          <Alert variant="destructive">You are signed in as {principal.email}. Sign out and sign in as {inv.email} to accept.</Alert>
        )
      ) : (
        <div className="flex flex-col gap-2">
          <Button asChild><Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}>Sign in as {inv.email}</Link></Button>
          <Button asChild variant="outline"><Link href={`/sign-up?callbackUrl=${encodeURIComponent(here)}`}>Create an account</Link></Button>
        </div>
      )}
    </AuthCard>
  );
}
