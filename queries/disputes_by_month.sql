-- Dispute cases reported in each month up to the snapshot date, zero for quiet months.
-- Parameters: $park_id (NULL for the whole zone), $as_of (the snapshot date, bound by the runner)
-- access: aggregate
WITH months AS (
    SELECT unnest(generate_series(DATE '2022-01-01', date_trunc('month', CAST($as_of AS DATE)), INTERVAL 1 MONTH))::DATE
        AS report_month
)
SELECT
    m.report_month,
    count(d.case_id)::INTEGER AS case_count,
    coalesce(sum(d.workers_involved), 0)::BIGINT AS workers_involved,
    coalesce(sum(d.amount_yuan), 0)::BIGINT AS amount_yuan
FROM months AS m
LEFT JOIN labor_disputes AS d
    ON date_trunc('month', d.reported_on) = m.report_month AND ($park_id IS NULL OR d.park_id = $park_id)
GROUP BY m.report_month
ORDER BY m.report_month
