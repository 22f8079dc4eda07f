import { serverActionId } from "../server-action-id";
import { floorPage, floorRoute } from "./floor-app";
import type { Probe } from "./load";
import { integrationName, memberName, type PageFixture } from "./page-fixture";

export type TargetKey = "team" | "teamApi" | "billing" | "integrations" | "action" | "floorPage" | "floorRoute";

export interface Target {
  key: TargetKey;
  name: string;
  side: "ours" | "floor";
  /** The floor target its requests per second are divided by. */
  floor?: TargetKey;
  probe: Probe;
}

/** The Team page, first page: the 25th member is the last one on it. */
export function teamPageProbe(base: string, fixture: PageFixture): Probe {
  return {
    request: () => fetch(`${base}/w/${fixture.workspaceId}/settings/team`, { headers: { cookie: fixture.cookie } }),
    marker: memberName(24),
  };
}

/** The Team page's RSC payload, as client-side navigation fetches it (Next answers with a redirect to add `_rsc`). */
export function teamRscProbe(base: string, fixture: PageFixture): Probe {
  return {
    request: () =>
      fetch(`${base}/w/${fixture.workspaceId}/settings/team`, { headers: { cookie: fixture.cookie, RSC: "1" } }),
    marker: memberName(24),
  };
}

/**
 * Everything the page benchmark loads, in the order of a round: each of ours
 * next to the floor target it is divided by. Ours are signed in as the
 * fixture's owner; each marker is data only a correct answer contains.
 */
export function pageTargets(bases: { ours: string; floor: string }, fixture: PageFixture): Target[] {
  const headers = { cookie: fixture.cookie };
  const settings = `${bases.ours}/w/${fixture.workspaceId}/settings`;
  const changeRole = serverActionId("lib/team/team-server-actions.ts", "changeRole");
  return [
    {
      key: "team",
      name: "Team page (25 of 50 members)",
      side: "ours",
      floor: "floorPage",
      probe: teamPageProbe(bases.ours, fixture),
    },
    { key: "floorPage", name: "Floor page (50 rows)", side: "floor", probe: floorPage(bases.floor) },
    {
      key: "teamApi",
      name: "Team JSON API",
      side: "ours",
      floor: "floorRoute",
      probe: {
        request: () => fetch(`${bases.ours}/api/workspaces/${fixture.workspaceId}/team`, { headers }),
        marker: `"${memberName(24)}"`,
      },
    },
    { key: "floorRoute", name: "Floor route (50 rows, JSON)", side: "floor", probe: floorRoute(bases.floor) },
    {
      key: "billing",
      name: "Billing page",
      side: "ours",
      floor: "floorPage",
      probe: { request: () => fetch(`${settings}/billing`, { headers }), marker: "Professional" },
    },
    {
      key: "integrations",
      name: "Integrations page",
      side: "ours",
      floor: "floorPage",
      probe: { request: () => fetch(`${settings}/integrations`, { headers }), marker: integrationName(2) },
    },
    {
      key: "action",
      name: "Server action changeRole (locks the team)",
      side: "ours",
      probe: {
        request: () =>
          fetch(`${settings}/team`, {
            method: "POST",
            headers: {
              ...headers,
              "Next-Action": changeRole,
              "Content-Type": "text/plain;charset=UTF-8",
              Accept: "text/x-component",
            },
            body: JSON.stringify([{ workspaceId: fixture.workspaceId, memberId: fixture.memberId, role: "member" }]),
          }),
        marker: '"ok":true',
      },
    },
  ];
}
