-- Labor disputes handled: cases, worker-times involved, money involved, still open (and the oldest
-- open case's age in days up to the snapshot date), closed and their share, time to close.
-- Parameters: $park_id (NULL for the whole zone), $as_of (bound by the runner)
-- access: aggregate
SELECT
    count(*)::INTEGER AS case_count,
    coalesce(sum(workers_involved), 0)::BIGINT AS workers_involved,
    coalesce(sum(amount_yuan), 0)::BIGINT AS amount_yuan,
    count(*) FILTER (WHERE closed_on IS NULL)::INTEGER AS open_case_count,
    max(CAST($as_of AS DATE) - reported_on) FILTER (WHERE closed_on IS NULL)::INTEGER AS oldest_open_days,
    count(*) FILTER (WHERE closed_on IS NOT NULL)::INTEGER AS closed_case_count,
    100.0 * count(*) FILTER (WHERE closed_on IS NOT NULL) / nullif(count(*), 0) AS closed_pct,
    median(closed_on - reported_on) FILTER (WHERE closed_on IS NOT NULL) AS median_days_to_close
FROM labor_disputes
WHERE $park_id IS NULL OR park_id = $park_id
