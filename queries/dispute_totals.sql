-- Labor disputes handled: cases, worker-times involved, money involved, still open, time to close.
-- Parameters: $park_id (NULL for the whole zone)
SELECT
    count(*)::INTEGER AS case_count,
    coalesce(sum(workers_involved), 0)::BIGINT AS workers_involved,
    coalesce(sum(amount_yuan), 0)::BIGINT AS amount_yuan,
    count(*) FILTER (WHERE closed_on IS NULL)::INTEGER AS open_case_count,
    median(closed_on - reported_on) FILTER (WHERE closed_on IS NOT NULL) AS median_days_to_close
FROM labor_disputes
WHERE $park_id IS NULL OR park_id = $park_id
