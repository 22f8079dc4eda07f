"use server";

import { runAction } from "../access/run-action";
import {
  changePlanAction,
  openBillingPortalAction,
  previewPlanChangeAction,
  updateBillingAction,
} from "./billing-action-definitions";

// Each export only supplies the request; the definitions go through the chokepoint (session-only).
export async function changePlan(input: unknown) {
  return runAction(changePlanAction, input);
}

export async function previewPlanChange(input: unknown) {
  return runAction(previewPlanChangeAction, input);
}

export async function openBillingPortal(input: unknown) {
  return runAction(openBillingPortalAction, input);
}

export async function updateBilling(input: unknown) {
  return runAction(updateBillingAction, input);
}
