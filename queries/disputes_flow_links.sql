-- The closed loop 事前 -> 事中 -> 事后 as the links of a flow diagram, one row per link, in case counts.
-- Step 0: where cases came from (source -> 'reported'); step 1: 'reported' -> 'defused' (事前, 预警化解),
-- 'awaiting_mediation' (事前, still open) or 'mediation' (事中 reached); step 2: 'mediation' -> its outcome
-- (调解中 while open, else 调解成功 / 达成和解 / 转劳动仲裁 / 撤回 ...); step 3: each closed node ->
-- 'followed_up' (事后, followed_up_on set) or 'awaiting_follow_up'.
-- Node names are codes ('reported', 'defused', ...) or the data's own source and outcome values.
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
WITH cases AS (
    SELECT
        coalesce(source, 'unknown_source') AS source,
        outcome,
        closed_on,
        followed_up_on,
        workers_involved,
        amount_yuan,
        CASE
            WHEN outcome = '预警化解' THEN 'defused'
            WHEN stage = '事前' AND closed_on IS NULL THEN 'awaiting_mediation'
            ELSE 'mediation'
        END AS first_step
    FROM labor_disputes
    WHERE $park_id IS NULL OR park_id = $park_id
),
links AS (
    SELECT 0 AS link_step, source AS source_node, 'reported' AS target_node, workers_involved, amount_yuan
    FROM cases
    UNION ALL
    SELECT 1, 'reported', first_step, workers_involved, amount_yuan
    FROM cases
    UNION ALL
    SELECT 2, 'mediation', outcome, workers_involved, amount_yuan
    FROM cases
    WHERE first_step = 'mediation'
    UNION ALL
    SELECT
        3,
        CASE WHEN first_step = 'defused' THEN 'defused' ELSE outcome END,
        CASE WHEN followed_up_on IS NOT NULL THEN 'followed_up' ELSE 'awaiting_follow_up' END,
        workers_involved,
        amount_yuan
    FROM cases
    WHERE closed_on IS NOT NULL
)
SELECT
    link_step,
    source_node,
    target_node,
    count(*)::INTEGER AS case_count,
    sum(workers_involved)::BIGINT AS workers_involved,
    sum(amount_yuan)::BIGINT AS amount_yuan
FROM links
GROUP BY ALL
ORDER BY link_step, case_count DESC, source_node, target_node
