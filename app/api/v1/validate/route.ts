import { authedRoute } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/body";
import { validateSpec } from "@/lib/specs/format";
import { validateRequestSchema } from "@/lib/specs/schemas";

/** Validate spec text without saving anything. Oversized text is a diagnostic here, or 413 past the body limit. */
export const POST = authedRoute(async ({ req }) => {
  const { content } = await parseJsonBody(req, validateRequestSchema, 1_100_000);
  const { valid, diagnostics } = validateSpec(content);
  return { valid, diagnostics: diagnostics.map(({ line, column, endLine, endColumn, severity, message, path }) => ({ line, column, endLine, endColumn, severity, message, path })) };
});
