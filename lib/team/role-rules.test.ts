// The member rules (docs/decisions/004-team-invitations-and-member-rules.md), every actor × target × role,
// with the expected answer written out by hand: null (allowed) or the exact refusal. Nothing here is
// computed from ranks or the permission table, so a wrong rule cannot agree with itself.
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../access/permissions";
import { refuseActOn, refuseGrant, refuseRoleChange } from "./role-rules";

const OK = null;
const NOT_A_MANAGER = "Only owners and admins can manage members.";
const OWNER_TARGET = "Only owners can change or remove an owner.";
const OWNER_GRANT = "Only owners can make someone an owner.";

type Row = Record<Role, string | null>;

/** refuseActOn(actor, target): deactivate, reactivate, remove, restore, resend, revoke. */
const ACT_ON: Record<Role, Row> = {
  owner: { owner: OK, admin: OK, member: OK, viewer: OK },
  admin: { owner: OWNER_TARGET, admin: OK, member: OK, viewer: OK },
  member: { owner: NOT_A_MANAGER, admin: NOT_A_MANAGER, member: NOT_A_MANAGER, viewer: NOT_A_MANAGER },
  viewer: { owner: NOT_A_MANAGER, admin: NOT_A_MANAGER, member: NOT_A_MANAGER, viewer: NOT_A_MANAGER },
};

/** refuseGrant(actor, role): invite with a role, change someone to it. */
const GRANT: Record<Role, Row> = {
  owner: { owner: OK, admin: OK, member: OK, viewer: OK },
  admin: { owner: OWNER_GRANT, admin: OK, member: OK, viewer: OK },
  member: { owner: NOT_A_MANAGER, admin: NOT_A_MANAGER, member: NOT_A_MANAGER, viewer: NOT_A_MANAGER },
  viewer: { owner: NOT_A_MANAGER, admin: NOT_A_MANAGER, member: NOT_A_MANAGER, viewer: NOT_A_MANAGER },
};

const allOk: Row = { owner: OK, admin: OK, member: OK, viewer: OK };
const noManager: Row = { owner: NOT_A_MANAGER, admin: NOT_A_MANAGER, member: NOT_A_MANAGER, viewer: NOT_A_MANAGER };
const noOwnerTarget: Row = { owner: OWNER_TARGET, admin: OWNER_TARGET, member: OWNER_TARGET, viewer: OWNER_TARGET };

/** refuseRoleChange(actor, target, role): ROLE_CHANGE[actor][target][role]. */
const ROLE_CHANGE: Record<Role, Record<Role, Row>> = {
  owner: { owner: allOk, admin: allOk, member: allOk, viewer: allOk },
  admin: {
    owner: noOwnerTarget,
    admin: { owner: OWNER_GRANT, admin: OK, member: OK, viewer: OK },
    member: { owner: OWNER_GRANT, admin: OK, member: OK, viewer: OK },
    viewer: { owner: OWNER_GRANT, admin: OK, member: OK, viewer: OK },
  },
  member: { owner: noManager, admin: noManager, member: noManager, viewer: noManager },
  viewer: { owner: noManager, admin: noManager, member: noManager, viewer: noManager },
};

const pairs = ROLES.flatMap((a) => ROLES.map((b) => [a, b] as const));
const triples = pairs.flatMap(([a, b]) => ROLES.map((c) => [a, b, c] as const));

describe("refuseActOn", () => {
  it.each(pairs)("%s acting on a %s", (actor, target) => {
    expect(refuseActOn(actor, target)).toBe(ACT_ON[actor][target]);
  });
});

describe("refuseGrant", () => {
  it.each(pairs)("%s granting %s", (actor, role) => {
    expect(refuseGrant(actor, role)).toBe(GRANT[actor][role]);
  });
});

describe("refuseRoleChange", () => {
  it.each(triples)("%s changing a %s to %s", (actor, target, role) => {
    expect(refuseRoleChange(actor, target, role)).toBe(ROLE_CHANGE[actor][target][role]);
  });

  it("the tables cover every combination (16 + 16 + 64) and allow exactly 7 + 7 + 25", () => {
    const allowed = (rows: Row[]) => rows.flatMap((row) => Object.values(row)).filter((v) => v === OK).length;
    expect(allowed(Object.values(ACT_ON))).toBe(7);
    expect(allowed(Object.values(GRANT))).toBe(7);
    expect(allowed(Object.values(ROLE_CHANGE).flatMap((byTarget) => Object.values(byTarget)))).toBe(25);
  });
});
