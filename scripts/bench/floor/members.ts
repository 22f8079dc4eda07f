/** One row of the floor app's members table: what our Team tab shows of a member. */
export interface FloorMember {
  id: string;
  name: string;
  email: string;
  role: "owner" | "admin" | "member" | "viewer";
  status: "active" | "inactive";
  joinedAt: string;
  lastActiveAt: string;
}

const ROLES = ["owner", "admin", "member", "viewer"] as const;

/** 50 members, made once in memory: the floor reads nothing per request. */
export const MEMBERS: FloorMember[] = Array.from({ length: 50 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  name: `Member ${i}`,
  email: `member-${i}@floor.example`,
  role: ROLES[i === 0 ? 0 : i < 5 ? 1 : i < 40 ? 2 : 3],
  status: i % 10 === 9 ? "inactive" : "active",
  joinedAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
  lastActiveAt: new Date(Date.UTC(2025, 5, 1, i)).toISOString(),
}));
