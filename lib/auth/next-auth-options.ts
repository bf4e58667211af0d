import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { createSession, deleteSession, SESSION_MAX_AGE_S } from "@/lib/auth/sessions";
import { upsertOAuthUser } from "@/lib/auth/oauth-user";
import { oauthProviders } from "@/lib/auth/providers";
import { recordAudit } from "@/lib/audit/record";
import { reset } from "@/lib/rate-limit";

const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().max(254), password: z.string().max(256) });

type Meta = { ip: string | null; userAgent: string | null };

function headerOf(req: unknown, name: string): string | null {
  const h = (req as { headers?: Record<string, string> | Headers } | undefined)?.headers;
  if (!h) return null;
  return (h instanceof Headers ? h.get(name) : h[name]) ?? null;
}

/**
 * next-auth signs the cookie; the session itself is a database row (lib/auth/sessions.ts) whose id the cookie
 * carries. Deleting the row ends the session at the next request, which a plain JWT session could not do.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    useSecureCookies: (process.env.STUDIO_URL ?? "").startsWith("https://"),
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const user = await getDb().user.findUnique({ where: { email: parsed.data.email } });
          if (!user?.passwordHash) {
            await burnPasswordCheck(parsed.data.password);
            return null;
          }
          if (!(await verifyPassword(user.passwordHash, parsed.data.password)) || user.disabledAt) return null;
          // Only failures should lock an account: a successful sign-in clears its count.
          await reset("signin:account", parsed.data.email);
          const meta: Meta = { ip: headerOf(req, "x-studio-client-ip"), userAgent: headerOf(req, "user-agent") };
          return { id: user.id, email: user.email, name: user.name, meta } as never;
        },
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      async jwt({ token, user, account }) {
        if (!user || !account) return token;
        const meta = (user as { meta?: Meta }).meta ?? { ip: null, userAgent: null };
        const { sessionId, userId } = await getDb().$transaction(async (tx) => {
          const studioUser =
            account.provider === "credentials"
              ? { id: user.id, email: user.email! }
              : (
                  await upsertOAuthUser(tx, {
                    provider: account.provider,
                    providerAccountId: account.providerAccountId,
                    email: user.email,
                    name: user.name,
                  })
                ).user;
          const session = await createSession(tx, studioUser.id, meta);
          await recordAudit(tx, {
            actor: { type: "user", id: studioUser.id, label: studioUser.email, ...meta },
            action: "user.signed_in",
            resourceType: "session",
            resourceId: session.id,
            metadata: { method: account.provider },
          });
          return { sessionId: session.id, userId: studioUser.id };
        });
        return { sub: userId, sid: sessionId };
      },
      async session({ session, token }) {
        return { ...session, sid: token.sid } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        const sid = typeof token?.sid === "string" ? token.sid : null;
        if (!sid) return;
        await getDb().$transaction(async (tx) => {
          const s = await tx.session.findUnique({ where: { id: sid }, include: { user: true } });
          if (!s) return;
          await deleteSession(tx, sid);
          await recordAudit(tx, {
            actor: { type: "user", id: s.userId, label: s.user.email, ip: null, userAgent: null },
            action: "user.signed_out",
            resourceType: "session",
            resourceId: sid,
          });
        });
      },
    },
  };
}
