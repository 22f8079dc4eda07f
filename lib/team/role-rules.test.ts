// Table-driven over every actor role × target role × action.
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../access/permissions";
import { refuseActOn, refuseGrant, refuseRoleChange } from "./role-rules";

const rank: Record<Role, number> = { owner: 3, admin: 2, member: 1, viewer: 0 };
const manages = (r: Role) => r === "owner" || r === "admin";

describe.each(ROLES)("actor %s", (actor) => {
  it.each(ROLES)("acting on a %s (deactivate, reactivate, remove, restore, resend, revoke)", (target) => {
    const allowed = manages(actor) && rank[target] <= rank[actor] && (target !== "owner" || actor === "owner");
    expect(refuseActOn(actor, target) === null).toBe(allowed);
  });

  it.each(ROLES)("granting %s (invite with it, change to it)", (role) => {
    const allowed = manages(actor) && rank[role] <= rank[actor] && (role !== "owner" || actor === "owner");
    expect(refuseGrant(actor, role) === null).toBe(allowed);
  });

  it.each(ROLES.flatMap((target) => ROLES.map((role) => [target, role] as const)))(
    "changing a %s to %s",
    (target, role) => {
      const allowed = refuseActOn(actor, target) === null && refuseGrant(actor, role) === null;
      expect(refuseRoleChange(actor, target, role) === null).toBe(allowed);
    },
  );
});

describe("the rules in words", () => {
  it("an admin cannot change or remove an owner, nor make one", () => {
    expect(refuseActOn("admin", "owner")).toMatch(/Only owners/);
    expect(refuseGrant("admin", "owner")).toMatch(/Only owners/);
  });
  it("an admin manages admins, members and viewers", () => {
    for (const target of ["admin", "member", "viewer"] as const) expect(refuseActOn("admin", target)).toBeNull();
  });
  it("members and viewers manage nobody", () => {
    for (const actor of ["member", "viewer"] as const)
      for (const target of ROLES) expect(refuseActOn(actor, target)).not.toBeNull();
  });
});
