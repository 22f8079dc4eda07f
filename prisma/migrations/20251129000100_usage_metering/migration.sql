-- Usage metering (docs/decisions/011-usage-metering.md): one function records usage reports in
-- order, each once per idempotency key, and counts each with ONE statement that both adds to
-- billing_config.traces_current_month and checks the plan's hard limit; it raises the usage alert
-- threshold (80, then 100) once per period, with its outbox event and audit entry, in the same
-- transaction. It runs as the caller (the runtime role behind the opening statement, or the system
-- client), names its tables with their schema, and writes nothing unless `p_go` is true and
-- app.workspace_id is bound to `p_workspace` (a refused caller writes nothing).
--
-- p_items: [{ord, key, traces, at}] (at: the report's time, NULL = now). Answers one JSON object:
--   items: [{ord, key, outcome, traces, day, reportedAt, used, limit, periodEnd, plan}], where
--          outcome is recorded | repeat | busy | limit;
--   alerts: [{threshold, used, limit, periodStart, periodEnd, overage, plan}];
--   recipients: emails of the active owners and admins (only when an alert was raised); workspaceName.
CREATE FUNCTION "record_usage"(p_workspace UUID, p_items JSON, p_go BOOLEAN, p_request_id TEXT)
RETURNS JSON
LANGUAGE plpgsql
AS $$
DECLARE
    item RECORD;
    prior RECORD;
    b RECORD;
    v_day DATE;
    v_threshold INT;
    v_inserted BOOLEAN;
    v_counted BOOLEAN;
    answers JSON[] := '{}';
    alerts JSON[] := '{}';
    days DATE[] := '{}';
    day_traces BIGINT[] := '{}';
    v_recipients JSON := '[]';
    v_name TEXT;
BEGIN
    IF NOT coalesce(p_go, false)
       OR NULLIF(current_setting('app.workspace_id', true), '')::uuid IS DISTINCT FROM p_workspace THEN
        RETURN json_build_object('items', '[]'::json, 'alerts', '[]'::json, 'recipients', '[]'::json);
    END IF;

    FOR item IN
        SELECT i.ord, i.key, i.traces, coalesce(i.at, now()) AS reported_at
          FROM json_to_recordset(p_items) AS i(ord INT, key TEXT, traces BIGINT, at TIMESTAMPTZ)
         ORDER BY i.ord
    LOOP
        -- A key already recorded answers as it did the first time (never refused by the limit).
        SELECT r.traces, r.day, r.reported_at INTO prior
          FROM public.usage_reports r WHERE r.workspace_id = p_workspace AND r.idempotency_key = item.key;
        IF FOUND THEN
            answers := answers || json_build_object('ord', item.ord, 'key', item.key, 'outcome', 'repeat',
                'traces', prior.traces, 'day', prior.day, 'reportedAt', prior.reported_at);
            CONTINUE;
        END IF;
        v_day := (item.reported_at AT TIME ZONE 'UTC')::date;

        -- THE increment: one statement adds the report (when dated in the current period) and checks
        -- the hard limit; it locks the billing row, so reports of one workspace are decided one by one.
        UPDATE public.billing_config c
           SET traces_current_month = c.traces_current_month
                 + CASE WHEN item.reported_at >= c.current_period_start AND item.reported_at < c.current_period_end
                        THEN item.traces ELSE 0 END
         WHERE c.workspace_id = p_workspace
           AND (NOT (item.reported_at >= c.current_period_start AND item.reported_at < c.current_period_end)
                OR c.overage_enabled OR c.traces_per_month_limit IS NULL
                OR c.traces_current_month + item.traces <= c.traces_per_month_limit)
        RETURNING (item.reported_at >= c.current_period_start AND item.reported_at < c.current_period_end) AS counted,
                  c.traces_current_month AS used, c.traces_per_month_limit AS "limit", c.overage_enabled AS overage,
                  c.last_usage_alert_threshold AS threshold, c.current_period_start AS period_start,
                  c.current_period_end AS period_end, c.plan_type AS plan
          INTO b;
        v_counted := FOUND AND b.counted;
        IF NOT FOUND THEN
            SELECT c.traces_current_month AS used, c.traces_per_month_limit AS "limit",
                   c.current_period_end AS period_end, c.plan_type AS plan
              INTO b FROM public.billing_config c WHERE c.workspace_id = p_workspace;
            IF FOUND THEN
                -- Refused by the hard limit, unless the same key was recorded meanwhile (then a repeat).
                SELECT r.traces, r.day, r.reported_at INTO prior
                  FROM public.usage_reports r WHERE r.workspace_id = p_workspace AND r.idempotency_key = item.key;
                IF FOUND THEN
                    answers := answers || json_build_object('ord', item.ord, 'key', item.key, 'outcome', 'repeat',
                        'traces', prior.traces, 'day', prior.day, 'reportedAt', prior.reported_at);
                ELSE
                    answers := answers || json_build_object('ord', item.ord, 'key', item.key, 'outcome', 'limit',
                        'traces', item.traces, 'used', b.used, 'limit', b."limit", 'periodEnd', b.period_end,
                        'plan', b.plan);
                END IF;
                CONTINUE;
            END IF;
            -- No billing row: the report counts on its day only.
        END IF;

        INSERT INTO public.usage_reports (workspace_id, idempotency_key, traces, day, reported_at, counted_in_period)
        VALUES (p_workspace, item.key, item.traces, v_day, item.reported_at, v_counted)
        ON CONFLICT (workspace_id, idempotency_key) DO NOTHING
        RETURNING true INTO v_inserted;
        IF v_inserted IS NULL THEN
            -- Another request recorded this key at the same moment: give back what was added.
            IF v_counted THEN
                UPDATE public.billing_config c SET traces_current_month = c.traces_current_month - item.traces
                 WHERE c.workspace_id = p_workspace;
            END IF;
            answers := answers || json_build_object('ord', item.ord, 'key', item.key, 'outcome', 'busy');
            CONTINUE;
        END IF;
        days := days || v_day;
        day_traces := day_traces || item.traces;
        answers := answers || json_build_object('ord', item.ord, 'key', item.key, 'outcome', 'recorded',
            'traces', item.traces, 'day', v_day, 'reportedAt', item.reported_at);

        -- Alerts once per period: the threshold only rises, under the row lock the increment holds.
        IF v_counted AND b."limit" IS NOT NULL AND b."limit" > 0 THEN
            v_threshold := CASE
                WHEN b.used >= b."limit" AND coalesce(b.threshold, 0) < 100 THEN 100
                WHEN b.used * 100 >= b."limit" * 80 AND coalesce(b.threshold, 0) < 80 THEN 80
                END;
            IF v_threshold IS NOT NULL THEN
                UPDATE public.billing_config c SET last_usage_alert_threshold = v_threshold
                 WHERE c.workspace_id = p_workspace AND coalesce(c.last_usage_alert_threshold, 0) < v_threshold;
                IF coalesce(b.threshold, 0) < 80 AND b.used * 100 >= b."limit" * 80 THEN
                    INSERT INTO public.event_outbox (workspace_id, event_type, severity, payload)
                    VALUES (p_workspace, 'usage.threshold_reached', 'warning', json_build_object('percent', 80,
                        'used', b.used, 'limit', b."limit", 'periodEnd', b.period_end)::jsonb);
                    INSERT INTO public.audit_log (workspace_id, action, target_type, target_id, after, request_id)
                    VALUES (p_workspace, 'usage.threshold_reached', 'billing', p_workspace::text,
                        json_build_object('percent', 80, 'used', b.used, 'limit', b."limit",
                            'periodEnd', b.period_end)::jsonb, left(p_request_id, 64));
                END IF;
                IF v_threshold = 100 THEN
                    INSERT INTO public.event_outbox (workspace_id, event_type, severity, payload)
                    VALUES (p_workspace, 'usage.limit_exceeded', 'error', json_build_object('percent', 100,
                        'used', b.used, 'limit', b."limit", 'periodEnd', b.period_end, 'overage', b.overage)::jsonb);
                    INSERT INTO public.audit_log (workspace_id, action, target_type, target_id, after, request_id)
                    VALUES (p_workspace, 'usage.limit_exceeded', 'billing', p_workspace::text,
                        json_build_object('percent', 100, 'used', b.used, 'limit', b."limit",
                            'periodEnd', b.period_end, 'overage', b.overage)::jsonb, left(p_request_id, 64));
                END IF;
                alerts := alerts || json_build_object('threshold', v_threshold, 'used', b.used, 'limit', b."limit",
                    'periodStart', b.period_start, 'periodEnd', b.period_end, 'overage', b.overage, 'plan', b.plan);
            END IF;
        END IF;
    END LOOP;

    -- What was recorded, added to its days in one statement.
    IF array_length(days, 1) > 0 THEN
        INSERT INTO public.daily_usage (workspace_id, day, traces)
        SELECT p_workspace, d.day, sum(d.traces)
          FROM unnest(days, day_traces) AS d(day, traces)
         GROUP BY d.day
        ON CONFLICT (workspace_id, day) DO UPDATE SET traces = public.daily_usage.traces + excluded.traces;
    END IF;

    IF array_length(alerts, 1) > 0 THEN
        SELECT coalesce(json_agg(u.email ORDER BY u.email), '[]'::json) INTO v_recipients
          FROM public.team_members m JOIN public.users u ON u.id = m.user_id
         WHERE m.workspace_id = p_workspace AND m.status = 'active' AND m.deleted_at IS NULL
           AND m.role IN ('owner', 'admin');
        SELECT w.name INTO v_name FROM public.workspaces w WHERE w.id = p_workspace;
    END IF;

    RETURN json_build_object('items', array_to_json(answers), 'alerts', array_to_json(alerts),
        'recipients', v_recipients, 'workspaceName', v_name);
END;
$$;
