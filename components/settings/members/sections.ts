import type { Role } from "@/lib/generated/prisma/enums";
import { roleCan } from "@/lib/rbac/permissions";

/**
 * The settings sections a role may open, as SettingsNav `show` entries ("" is the overview). Members is open to
 * every role (member:read); API tokens to editors and up (token:read); providers (provider:read) and limits
 * (settings:read) likewise.
 */
export function settingsSectionsFor(role: Role): string[] {
  return [
    "",
    "/members",
    ...(roleCan(role, "token:read") ? ["/tokens"] : []),
    ...(roleCan(role, "provider:read") ? ["/providers"] : []),
    ...(roleCan(role, "settings:read") ? ["/limits"] : []),
  ];
}
