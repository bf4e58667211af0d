import { z } from "zod";
import type { Db } from "@/lib/db";
import type { RequestMeta } from "@/lib/auth/principal";
import { hashPassword, passwordSchema } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record";
import { AppError, isUniqueViolation } from "@/lib/errors";

export const signUpSchema = z.object({
  email: z.email("Enter a valid e-mail address.").max(254).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, "Enter your name.").max(100),
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

/** Create an account with a password. Throws conflict when the e-mail is taken. */
export async function signUp(db: Db, input: SignUpInput, meta: RequestMeta) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      await recordAudit(tx, {
        actor: { type: "user", id: user.id, label: user.email, ...meta },
        action: "user.signed_up",
        resourceType: "user",
        resourceId: user.id,
        after: { email: user.email, name: user.name },
      });
      return { id: user.id, email: user.email, name: user.name };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("conflict", "An account with this e-mail already exists. Sign in instead.", { field: "email" });
    }
    throw err;
  }
}
