import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getPagePrincipal } from "@/lib/auth/page";
import { oauthProviderList } from "@/lib/auth/providers";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

function safeCallback(url: string | undefined): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const sp = await searchParams;
  if (await getPagePrincipal()) redirect(safeCallback(sp.callbackUrl));
  return (
    <AuthCard
      title="Sign in"
      description="Welcome back to Spec Studio."
      footer={
        <span>
          New here? <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/sign-up">Create an account</Link>
        </span>
      }
    >
      <SignInForm providers={oauthProviderList()} callbackUrl={safeCallback(sp.callbackUrl)} initialError={sp.error} />
    </AuthCard>
  );
}
