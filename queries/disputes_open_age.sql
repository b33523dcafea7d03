-- Open cases (closed_on NULL) and how many have been open longer than a time limit, counted in days
-- up to the snapshot date (not today); with the worker-times and money of those, and the oldest age.
-- Parameters: $park_id (NULL for the whole zone), $limit_days (days), $as_of (bound by the runner)
-- access: aggregate
WITH open AS (
    SELECT workers_involved, amount_yuan, CAST($as_of AS DATE) - reported_on AS days_open
    FROM labor_disputes
    WHERE closed_on IS NULL AND ($park_id IS NULL OR park_id = $park_id)
)
SELECT
    count(*)::INTEGER AS open_case_count,
    count(*) FILTER (WHERE days_open > $limit_days)::INTEGER AS overdue_case_count,
    coalesce(sum(workers_involved) FILTER (WHERE days_open > $limit_days), 0)::BIGINT AS overdue_workers_involved,
    coalesce(sum(amount_yuan) FILTER (WHERE days_open > $limit_days), 0)::BIGINT AS overdue_amount_yuan,
    max(days_open)::INTEGER AS oldest_open_days
FROM open
