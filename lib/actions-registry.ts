import type { RunnableAction } from "./access/define-action";
import { API_KEY_ACTIONS } from "./api-keys/api-key-action-definitions";
import { BILLING_ACTIONS } from "./billing/billing-action-definitions";
import { INTEGRATION_ACTIONS } from "./integrations/integration-action-definitions";
import { TEAM_ACTIONS } from "./team/team-action-definitions";
import { createWorkspaceAction } from "./workspaces/workspace-action-definitions";

/**
 * Every server action that touches workspace data, defined through the
 * chokepoint. The access tests call each one as every role; a 'use server'
 * export missing here makes them fail.
 */
export const ACTIONS: RunnableAction[] = [
  createWorkspaceAction,
  ...(TEAM_ACTIONS as RunnableAction[]),
  ...(API_KEY_ACTIONS as RunnableAction[]),
  ...(BILLING_ACTIONS as RunnableAction[]),
  ...(INTEGRATION_ACTIONS as RunnableAction[]),
];

/** 'use server' exports that are public by nature (signing in and out): no workspace, no chokepoint. */
export const PUBLIC_ACTIONS = ["requestMagicLink", "signInWithGitHub", "signOutUser"] as const;
