import { healthReportSchema } from "./health-responses";
import type { OperationSpec } from "./operation-spec";

export const HEALTH_OPERATIONS: Record<string, OperationSpec> = {
  "GET /api/health": {
    operationId: "getHealth",
    summary: "Check health",
    description: "Whether the app is up and its database answers (within 3 s). For load balancers and monitors.",
    tag: "Health",
    access: { kind: "public" },
    responses: {
      200: { description: "The app and the database are up.", schema: healthReportSchema },
      503: { description: "The database is unreachable; the app itself answers.", schema: healthReportSchema },
    },
    errors: {},
  },
};
