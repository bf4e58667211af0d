import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import type { Principal } from "@/lib/auth/principal";
import { principalFromCookie } from "@/lib/auth/session-cookie";
import { requestMeta } from "@/lib/api/request-meta";
import { AppError } from "@/lib/errors";
import { authorize, type WorkspaceAccess } from "@/lib/rbac/authorize";
import type { Scope } from "@/lib/rbac/permissions";

/** The signed-in user of a page request, or null. */
export async function getPagePrincipal(): Promise<Principal | null> {
  const jar = await cookies();
  return principalFromCookie((name) => jar.get(name)?.value);
}

/** The signed-in user, or a redirect to sign-in that comes back to `returnTo` afterwards. */
export async function requirePageUser(returnTo?: string): Promise<Principal> {
  const p = await getPagePrincipal();
  if (!p) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  return p;
}

/** authorize() for pages: signed-out → sign-in page, unknown or foreign workspace → 404, missing permission → 403 page. */
export async function authorizePage(slug: string, scope: Scope): Promise<WorkspaceAccess> {
  const principal = await requirePageUser(`/w/${slug}`);
  try {
    return await authorize(getDb(), { principal, meta: requestMeta(await headers()), scope, slug });
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    if (err instanceof AppError && err.code === "forbidden") redirect(`/w/${slug}/forbidden?need=${encodeURIComponent(scope)}`);
    throw err;
  }
}
