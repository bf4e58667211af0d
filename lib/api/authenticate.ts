import { getDb } from "@/lib/db";
import type { Principal } from "@/lib/auth/principal";
import { principalFromToken } from "@/lib/auth/api-tokens";
import { principalFromCookie } from "@/lib/auth/session-cookie";
import { assertSameOrigin } from "@/lib/api/csrf";
import { AppError } from "@/lib/errors";

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** Bearer token first, then the session cookie (with the same-origin check for mutations). Null when neither. */
export async function authenticateRequest(req: Request): Promise<Principal | null> {
  const auth = req.headers.get("authorization");
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) throw new AppError("unauthenticated", "Malformed Authorization header: use `Authorization: Bearer <token>`.");
    return principalFromToken(getDb(), m[1]);
  }
  const cookieHeader = req.headers.get("cookie");
  const principal = await principalFromCookie((name) => readCookie(cookieHeader, name));
  if (principal) assertSameOrigin(req);
  return principal;
}
