import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getPagePrincipal } from "@/lib/auth/page";

export const metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const next = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : undefined;
  if (await getPagePrincipal()) redirect(next ?? "/");
  return (
    <AuthCard
      title="Create your account"
      description="Write specs with your team, generate code, review every line."
      footer={
        <span>
          Have an account? <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/sign-in">Sign in</Link>
        </span>
      }
    >
      <SignUpForm callbackUrl={next} />
    </AuthCard>
  );
}
