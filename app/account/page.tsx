import { PageHeader } from "@/components/ui/page-header";
import { PasswordForm } from "@/components/account/password-form";
import { ProfileForm } from "@/components/account/profile-form";
import { SessionsCard } from "@/components/account/sessions-card";
import { getDb } from "@/lib/db";
import { getProfile } from "@/lib/account/profile";
import { requirePageUser } from "@/lib/auth/page";

export const metadata = { title: "Account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const principal = await requirePageUser();
  const profile = await getProfile(getDb(), principal.userId);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Account" description="Your profile, password and signed-in sessions. They apply to every workspace you belong to." />
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <ProfileForm initialName={profile.name} email={profile.email} createdAt={profile.createdAt} />
        <PasswordForm hasPassword={profile.hasPassword} />
      </div>
      <SessionsCard />
    </div>
  );
}
