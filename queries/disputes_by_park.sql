-- The parks side by side: cases, worker-times, money, still open, median days to close and the
-- share of closed cases followed up (事后); every park is listed, with zeros where it has no case.
-- Parameters: none (the comparison is always of the whole zone)
-- access: aggregate
SELECT
    p.park_id,
    p.name_zh,
    p.name_en,
    count(d.case_id)::INTEGER AS case_count,
    coalesce(sum(d.workers_involved), 0)::BIGINT AS workers_involved,
    coalesce(sum(d.amount_yuan), 0)::BIGINT AS amount_yuan,
    count(d.case_id) FILTER (WHERE d.closed_on IS NULL)::INTEGER AS open_case_count,
    median(d.closed_on - d.reported_on) FILTER (WHERE d.closed_on IS NOT NULL)::DOUBLE AS median_days_to_close,
    100.0 * count(d.case_id) FILTER (WHERE d.followed_up_on IS NOT NULL)
        / nullif(count(d.case_id) FILTER (WHERE d.closed_on IS NOT NULL), 0) AS followed_up_pct
FROM parks AS p
LEFT JOIN labor_disputes AS d USING (park_id)
GROUP BY p.park_id, p.name_zh, p.name_en, p.sort_order
ORDER BY p.sort_order NULLS LAST, p.park_id
