import { MEMBERS } from "../../../members";

export const dynamic = "force-dynamic";

/** The floor's route: the same 50 members as JSON, shaped like our Team API's `{ data: { members } }`. */
export function GET() {
  return Response.json({ data: { members: MEMBERS, total: MEMBERS.length } });
}
