-- Dispute cases by category (欠薪, 加班费, 社保, 工伤, 解除劳动合同, 经济补偿, 其他): cases, worker-times,
-- money, still open, and the days from report to close of the closed ones (median and 90th percentile).
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
SELECT
    category,
    count(*)::INTEGER AS case_count,
    sum(workers_involved)::BIGINT AS workers_involved,
    sum(amount_yuan)::BIGINT AS amount_yuan,
    count(*) FILTER (WHERE closed_on IS NULL)::INTEGER AS open_case_count,
    count(*) FILTER (WHERE closed_on IS NOT NULL)::INTEGER AS closed_case_count,
    median(closed_on - reported_on) FILTER (WHERE closed_on IS NOT NULL)::DOUBLE AS median_days_to_close,
    quantile_cont(closed_on - reported_on, 0.9) FILTER (WHERE closed_on IS NOT NULL)::DOUBLE AS p90_days_to_close
FROM labor_disputes
WHERE $park_id IS NULL OR park_id = $park_id
GROUP BY category
ORDER BY case_count DESC, category
