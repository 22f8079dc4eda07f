import { defineWorkspaceAction } from "../access/define-action";
import {
  createIntegrationSchema,
  integrationRefSchema,
  replayIntegrationSchema,
  retryDeliverySchema,
  setIntegrationEnabledSchema,
  updateIntegrationSchema,
} from "./integration-schemas";
import { prepareTestEvent, replayIntegration, retryDelivery, sendPreparedTestEvent } from "./manage-deliveries";
import {
  createIntegration,
  deleteIntegration,
  rotateSigningSecret,
  setIntegrationEnabled,
  updateIntegration,
} from "./manage-integrations";

/** The Integrations tab's changes: the server actions and the REST routes run these same definitions. */
export const createIntegrationAction = defineWorkspaceAction({
  name: "createIntegration",
  permission: "integrations:manage",
  input: createIntegrationSchema,
  handler: createIntegration,
});

export const updateIntegrationAction = defineWorkspaceAction({
  name: "updateIntegration",
  permission: "integrations:manage",
  input: updateIntegrationSchema,
  handler: updateIntegration,
});

export const setIntegrationEnabledAction = defineWorkspaceAction({
  name: "setIntegrationEnabled",
  permission: "integrations:manage",
  input: setIntegrationEnabledSchema,
  handler: setIntegrationEnabled,
});

export const deleteIntegrationAction = defineWorkspaceAction({
  name: "deleteIntegration",
  permission: "integrations:manage",
  input: integrationRefSchema,
  handler: deleteIntegration,
});

export const rotateSigningSecretAction = defineWorkspaceAction({
  name: "rotateSigningSecret",
  permission: "integrations:manage",
  input: integrationRefSchema,
  handler: rotateSigningSecret,
});

/** Checks and records in the transaction; sends after it committed, and answers what the receiver said. */
export const sendTestEventAction = defineWorkspaceAction({
  name: "sendTestEvent",
  permission: "integrations:manage",
  input: integrationRefSchema,
  handler: prepareTestEvent,
  afterCommit: (prepared) => sendPreparedTestEvent(prepared),
});

export const retryDeliveryAction = defineWorkspaceAction({
  name: "retryDelivery",
  permission: "integrations:manage",
  input: retryDeliverySchema,
  handler: retryDelivery,
});

export const replayIntegrationAction = defineWorkspaceAction({
  name: "replayIntegration",
  permission: "integrations:manage",
  input: replayIntegrationSchema,
  handler: replayIntegration,
});

export const INTEGRATION_ACTIONS = [
  createIntegrationAction,
  updateIntegrationAction,
  setIntegrationEnabledAction,
  deleteIntegrationAction,
  rotateSigningSecretAction,
  sendTestEventAction,
  retryDeliveryAction,
  replayIntegrationAction,
];
