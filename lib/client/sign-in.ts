import { ApiError } from "@/lib/client/api";

/**
 * Password sign-in against next-auth's credentials callback, done by hand so that a 429 from the rate limiter
 * reaches the form with its message. Resolves on success; throws ApiError otherwise.
 */
export async function signInWithPassword(email: string, password: string, callbackUrl: string): Promise<void> {
  const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, callbackUrl, json: "true" }),
  });
  const data = (await res.json().catch(() => null)) as { url?: string; error?: { code: string; message: string } } | null;
  if (res.status === 429 || data?.error) {
    throw new ApiError(res.status, data?.error?.code ?? "rate_limited", data?.error?.message ?? "Too many attempts; wait and try again.");
  }
  const url = data?.url ? new URL(data.url, window.location.origin) : null;
  if (!res.ok || !url || url.searchParams.get("error")) {
    throw new ApiError(401, "invalid_credentials", "Wrong e-mail or password.");
  }
}
