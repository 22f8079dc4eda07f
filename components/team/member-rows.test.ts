import { describe, expect, it } from "vitest";
import type { MemberView } from "@/lib/team/list-members";
import { packMemberRow, unpackMemberRow } from "./member-rows";

const member: MemberView = {
  id: "4b0c3a3e-0000-4000-8000-000000000001",
  userId: "4b0c3a3e-0000-4000-8000-000000000002",
  name: "Ada Admin",
  email: "ada@example.com",
  role: "admin",
  status: "active",
  lastActiveAt: "2026-11-27T05:52:33.361Z",
  invitedBy: "Olga Owner",
  invitedAt: null,
  invitationExpiresAt: null,
  joinedAt: "2026-11-20T05:52:33.361Z",
  removedAt: null,
  etag: '"abc"',
};

describe("member rows", () => {
  it("send only what the table shows, and read back as they were", () => {
    const packed = packMemberRow(member);
    expect(packed).toEqual([member.id, "Ada Admin", "ada@example.com", "admin", "active", "2026-11-27T05:52:33.361Z"]);
    expect(JSON.stringify(packed)).not.toMatch(/Olga|2026-11-20|000000000002/);
    expect(unpackMemberRow(packed)).toEqual({
      id: member.id,
      name: "Ada Admin",
      email: "ada@example.com",
      role: "admin",
      status: "active",
      lastActiveAt: "2026-11-27T05:52:33.361Z",
    });
  });

  it("name a person without a name by their address, once, and leave out what is unknown", () => {
    const packed = packMemberRow({ ...member, name: null, lastActiveAt: null, status: "inactive" });
    expect(packed).toEqual([member.id, "ada@example.com", "", "admin", "inactive", ""]);
    expect(unpackMemberRow(packed)).toEqual({
      id: member.id,
      name: "ada@example.com",
      role: "admin",
      status: "inactive",
    });
  });
});
