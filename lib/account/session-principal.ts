import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";

export type SessionPrincipal = Extract<Principal, { kind: "user" }>;

/**
 * Account settings (profile, password, sessions) belong to the person at the keyboard: an API token, which may sit
 * in a CI system, must not change them. Throws forbidden (403) with a message that says so.
 */
export function requireSessionPrincipal(principal: Principal, what: string): SessionPrincipal {
  if (principal.kind !== "user") {
    throw new AppError("forbidden", `${what} needs a signed-in browser session; API tokens cannot do it. Sign in to the studio and use the Account page.`);
  }
  return principal;
}
