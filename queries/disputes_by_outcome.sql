-- Dispute cases by outcome, in the order of the loop: 待调处, 预警化解 (事前), 调解中, 调解成功, 达成和解,
-- 转劳动仲裁, 撤回 (事中), then any other outcome; with worker-times, money, and how many were followed up.
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
SELECT
    outcome,
    count(*)::INTEGER AS case_count,
    sum(workers_involved)::BIGINT AS workers_involved,
    sum(amount_yuan)::BIGINT AS amount_yuan,
    count(*) FILTER (WHERE followed_up_on IS NOT NULL)::INTEGER AS followed_up_case_count
FROM labor_disputes
WHERE $park_id IS NULL OR park_id = $park_id
GROUP BY outcome
ORDER BY
    coalesce(list_position(['待调处', '预警化解', '调解中', '调解成功', '达成和解', '转劳动仲裁', '撤回'], outcome), 99),
    outcome
