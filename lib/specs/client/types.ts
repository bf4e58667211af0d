import type { z } from "zod";
import type { revisionSchema, specDetailSchema, specSummarySchema, validateResponseSchema } from "@/lib/specs/schemas";

/** Response shapes of the spec API, as the browser sees them (see lib/specs/views.ts). */
export type SpecSummary = z.infer<typeof specSummarySchema>;
export type SpecDetail = z.infer<typeof specDetailSchema>;
export type RevisionView = z.infer<typeof revisionSchema>;
export type Diagnostic = z.infer<typeof validateResponseSchema>["diagnostics"][number];

export interface SpecListPage {
  specs: SpecSummary[];
  nextCursor: string | null;
}

/** Which specs the list shows: active only, or active and archived. */
export type ArchivedFilter = "false" | "all";

export interface SpecListFilters {
  q: string;
  archived: ArchivedFilter;
}
