import { decode } from "next-auth/jwt";
import { getDb } from "@/lib/db";
import type { Principal } from "@/lib/auth/principal";
import { principalFromSession } from "@/lib/auth/sessions";

export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** The signed-in user behind next-auth's cookie, checked against the server-side session row. */
export async function principalFromCookie(getCookie: (name: string) => string | undefined): Promise<Principal | null> {
  const raw = SESSION_COOKIES.map(getCookie).find(Boolean);
  const secret = process.env.NEXTAUTH_SECRET;
  if (!raw || !secret) return null;
  try {
    const token = await decode({ token: raw, secret });
    const sid = typeof token?.sid === "string" ? token.sid : null;
    return sid ? await principalFromSession(getDb(), sid) : null;
  } catch {
    return null;
  }
}
