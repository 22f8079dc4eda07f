-- Job workers' heartbeats: each `npm run worker` (or `npm run dev`) process beats every 10 s, and
-- GET /api/ready reports an app whose jobs have no recent beat as not ready (docs/operations.md).
CREATE TABLE "worker_heartbeats" (
    "worker_id" UUID NOT NULL,
    "hostname" VARCHAR(255) NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "beat_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("worker_id")
);
CREATE INDEX "idx_worker_heartbeats_beat_at" ON "worker_heartbeats"("beat_at");

-- System-only, like stripe_events: the tenant role has no grant and no policy.
ALTER TABLE "worker_heartbeats" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "worker_heartbeats" FORCE ROW LEVEL SECURITY;
CREATE POLICY "system_all" ON "worker_heartbeats" TO PUBLIC USING (current_user <> 'settings_app') WITH CHECK (current_user <> 'settings_app');
