-- Dispute cases reported in each month, by one grouping: the park (park_id), the stage reached
-- (事前 / 事中 / 事后, in that order) or the category; zero where none. Months run from the first month
-- with any case in the snapshot to the snapshot's month.
-- Parameters: $park_id (NULL for the whole zone), $dimension ('park', 'stage' or 'category'; any other
-- value is an error), $as_of (the snapshot date, bound by the runner)
-- Returns: report_month, group_value (the park_id, stage or category), case_count
-- access: aggregate
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
    SELECT
        date_trunc('month', reported_on)::DATE AS report_month,
        CASE $dimension
            WHEN 'park' THEN park_id
            WHEN 'stage' THEN stage
            WHEN 'category' THEN category
            ELSE error('unknown dimension: ' || coalesce(CAST($dimension AS VARCHAR), 'NULL'))
        END AS group_value
    FROM labor_disputes
    WHERE $park_id IS NULL OR park_id = $park_id
)
SELECT
    m.report_month,
    s.group_value,
    count(c.group_value)::INTEGER AS case_count
FROM months AS m
CROSS JOIN (SELECT DISTINCT group_value FROM cases) AS s
LEFT JOIN cases AS c ON c.report_month = m.report_month AND c.group_value = s.group_value
GROUP BY m.report_month, s.group_value
ORDER BY
    m.report_month,
    CASE WHEN $dimension = 'stage' THEN coalesce(list_position(['事前', '事中', '事后'], s.group_value), 9) END,
    s.group_value
