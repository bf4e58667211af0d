import type { DbTx } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Find or create the studio user behind an OAuth/OIDC identity, linking by provider id first, then by e-mail. */
export async function upsertOAuthUser(
  tx: DbTx,
  args: { provider: string; providerAccountId: string; email: string | null | undefined; name: string | null | undefined },
) {
  const linked = await tx.oAuthAccount.findUnique({
    where: { provider_providerAccountId: { provider: args.provider, providerAccountId: args.providerAccountId } },
    include: { user: true },
  });
  if (linked) return { user: linked.user, created: false };
  if (!args.email) throw new AppError("bad_request", `${args.provider} did not share an e-mail address.`);
  const email = args.email.toLowerCase();
  const existing = await tx.user.findUnique({ where: { email } });
  const user = existing ?? (await tx.user.create({ data: { email, name: args.name || email.split("@")[0] } }));
  await tx.oAuthAccount.create({ data: { userId: user.id, provider: args.provider, providerAccountId: args.providerAccountId } });
  return { user, created: !existing };
}
