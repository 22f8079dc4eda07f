"use server";

import { runAction } from "../access/run-action";
import {
  createIntegrationAction,
  deleteIntegrationAction,
  replayIntegrationAction,
  retryDeliveryAction,
  rotateSigningSecretAction,
  sendTestEventAction,
  setIntegrationEnabledAction,
  updateIntegrationAction,
} from "./integration-action-definitions";

// Each export only supplies the request; the definitions go through the chokepoint (session-only).
export async function createIntegration(input: unknown) {
  return runAction(createIntegrationAction, input);
}

export async function updateIntegration(input: unknown) {
  return runAction(updateIntegrationAction, input);
}

export async function setIntegrationEnabled(input: unknown) {
  return runAction(setIntegrationEnabledAction, input);
}

export async function deleteIntegration(input: unknown) {
  return runAction(deleteIntegrationAction, input);
}

export async function rotateSigningSecret(input: unknown) {
  return runAction(rotateSigningSecretAction, input);
}

export async function sendTestEvent(input: unknown) {
  return runAction(sendTestEventAction, input);
}

export async function retryDelivery(input: unknown) {
  return runAction(retryDeliveryAction, input);
}

export async function replayIntegration(input: unknown) {
  return runAction(replayIntegrationAction, input);
}
