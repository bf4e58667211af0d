import { z } from "zod";

const base64 = z.string().max(2_000_000, "An update can be at most about 1.5 MB.").regex(/^[A-Za-z0-9+/]*={0,2}$/, "Send the update base64-encoded.");

export const collabUpdateSchema = z.object({ update: base64.min(1) });
export const collabEventsQuerySchema = z.object({ clientId: z.coerce.number().int().nonnegative().optional() });
