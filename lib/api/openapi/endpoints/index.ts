import type { Endpoint } from "@/lib/api/openapi/registry";
import { accountEndpoints } from "@/lib/api/openapi/endpoints/account";
import { adminEndpoints } from "@/lib/api/openapi/endpoints/admin";
import { coreEndpoints } from "@/lib/api/openapi/endpoints/core";
import { reviewEndpoints } from "@/lib/api/openapi/endpoints/review";
import { runEndpoints } from "@/lib/api/openapi/endpoints/runs";
import { specEndpoints } from "@/lib/api/openapi/endpoints/specs";

/** Every /api/v1 endpoint, described from the zod schemas its handler parses with (lib/api/openapi/openapi.test.ts checks none is missing). */
export const endpoints: Endpoint[] = [...coreEndpoints, ...accountEndpoints, ...specEndpoints, ...runEndpoints, ...reviewEndpoints, ...adminEndpoints];
