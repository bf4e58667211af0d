import type { ReactNode } from "react";
import { StandaloneShell } from "@/components/account/standalone-shell";
import { requirePageUser } from "@/lib/auth/page";
import { standaloneShellProps } from "@/lib/account/shell";

export const dynamic = "force-dynamic";

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const principal = await requirePageUser();
  return <StandaloneShell {...(await standaloneShellProps(principal))}>{children}</StandaloneShell>;
}
