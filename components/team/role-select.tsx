"use client";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { Role } from "@/lib/access/permissions";
import { roleLabel } from "./member-display";

/** The inline role picker of a member row, named "Change role for <Name>"; offers only the roles the actor may grant. */
export function RoleSelect({
  memberName,
  role,
  roles,
  onChange,
  disabled,
}: {
  memberName: string;
  role: Role;
  roles: Role[];
  onChange: (role: Role) => void;
  disabled?: boolean;
}) {
  const hydrated = useHydrated();
  const name = `Change role for ${memberName}`;
  // Until the script runs (the select could not open anyway), the current role as text that looks
  // like the trigger (members-table.css, `member-role`): Radix would write a hidden native select and
  // an empty value into the server HTML of every row.
  if (!hydrated) return <span className="member-role">{roleLabel(role)}</span>;
  // The current role stays listed (and selected) even when the actor could not grant it.
  const options = roles.includes(role) ? roles : [role, ...roles];
  return (
    <Select value={role} onValueChange={(value) => value !== role && onChange(value as Role)} disabled={disabled}>
      <SelectTrigger aria-label={name} className="min-h-9 w-32 py-1.5">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {options.map((option) => (
          <SelectItem key={option} value={option} disabled={!roles.includes(option)}>
            {roleLabel(option)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
