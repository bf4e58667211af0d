"use client";

import type { ComponentProps } from "react";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { Role } from "@/lib/generated/prisma/enums";
import { canAssignRole, ROLES } from "@/lib/rbac/permissions";
import { ROLE_INFO } from "@/components/settings/members/api";

type TriggerProps = Omit<ComponentProps<typeof SelectTrigger>, "onChange" | "value" | "children">;

/**
 * A role picker in which roles above `actorRole` are listed but disabled: nobody grants more than they have.
 * Other props (id, aria-*) go to the trigger, so it pairs with a FormField label.
 */
export function RoleSelect({
  value,
  onChange,
  actorRole,
  disabled,
  describe = false,
  ...trigger
}: TriggerProps & {
  value: Role;
  onChange: (role: Role) => void;
  actorRole: Role;
  disabled?: boolean;
  /** show each role's description in the list */
  describe?: boolean;
}) {
  return (
    <Select value={value} onValueChange={(v) => onChange(v as Role)} disabled={disabled}>
      <SelectTrigger {...trigger}>
        <SelectValue>{ROLE_INFO[value].label}</SelectValue>
      </SelectTrigger>
      <SelectContent>
        {ROLES.map((r) => {
          const allowed = canAssignRole(actorRole, r);
          const note = allowed ? ROLE_INFO[r].description : `Above your role (${actorRole})`;
          return (
            <SelectItem key={r} value={r} disabled={!allowed} title={note}>
              {describe ? (
                <span className="flex flex-col">
                  <span>{ROLE_INFO[r].label}</span>
                  <span className="text-xs text-muted-foreground">{note}</span>
                </span>
              ) : (
                ROLE_INFO[r].label
              )}
            </SelectItem>
          );
        })}
      </SelectContent>
    </Select>
  );
}
