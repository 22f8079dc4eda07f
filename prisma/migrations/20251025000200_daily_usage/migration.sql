-- Traces per workspace per UTC day, behind the billing tab's usage chart.
CREATE TABLE "daily_usage" (
    "workspace_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "traces" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "daily_usage_pkey" PRIMARY KEY ("workspace_id", "day"),
    CONSTRAINT "daily_usage_traces_non_negative" CHECK ("traces" >= 0)
);
ALTER TABLE "daily_usage" ADD CONSTRAINT "daily_usage_workspace_id_fkey"
    FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
