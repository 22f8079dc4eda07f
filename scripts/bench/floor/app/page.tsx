import { MEMBERS } from "../members";

// Rendered on every request, as our settings pages are.
export const dynamic = "force-dynamic";

/** The floor's page: a 50-row members table from memory, server-rendered. */
export default function MembersPage() {
  return (
    <main>
      <h1>Members</h1>
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Status</th>
            <th>Joined</th>
          </tr>
        </thead>
        <tbody>
          {MEMBERS.map((member) => (
            <tr key={member.id}>
              <td>{member.name}</td>
              <td>{member.email}</td>
              <td>{member.role}</td>
              <td>{member.status}</td>
              <td>{member.joinedAt.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
