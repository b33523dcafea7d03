-- Dispute cases reported in each month, by stage reached (事前 / 事中 / 事后), zero where none; months run from the first
-- month with any case in the snapshot to the snapshot's month.
-- Parameters: $park_id (NULL for the whole zone), $as_of (the snapshot date, bound by the runner)
WITH months AS (
    SELECT
        unnest(
            generate_series(
                (SELECT date_trunc('month', min(reported_on)) FROM labor_disputes),
                date_trunc('month', CAST($as_of AS DATE)),
                INTERVAL 1 MONTH
            )
        )::DATE AS report_month
),
cases AS (
    SELECT date_trunc('month', reported_on)::DATE AS report_month, stage
    FROM labor_disputes
    WHERE $park_id IS NULL OR park_id = $park_id
)
SELECT
    m.report_month,
    s.stage,
    count(c.stage)::INTEGER AS case_count
FROM months AS m
CROSS JOIN (SELECT DISTINCT stage FROM cases) AS s
LEFT JOIN cases AS c ON c.report_month = m.report_month AND c.stage = s.stage
GROUP BY m.report_month, s.stage
ORDER BY m.report_month, coalesce(list_position(['事前', '事中', '事后'], s.stage), 9), s.stage
