-- How long closed cases took, from reported_on to closed_on, in weekly bins (0-6 days, 7-13, ...),
-- with empty weeks up to the longest; no rows when no case is closed.
-- Parameters: $park_id (NULL for the whole zone), $category (NULL for every category)
-- access: aggregate
WITH closed AS (
    SELECT closed_on - reported_on AS days
    FROM labor_disputes
    WHERE closed_on IS NOT NULL
        AND ($park_id IS NULL OR park_id = $park_id)
        AND ($category IS NULL OR category = $category)
),
bins AS (
    SELECT unnest(generate_series(0, (SELECT max(days) // 7 * 7 FROM closed), 7)) AS days_from
)
SELECT
    b.days_from::INTEGER AS days_from,
    (b.days_from + 6)::INTEGER AS days_to,
    count(c.days)::INTEGER AS case_count
FROM bins AS b
LEFT JOIN closed AS c ON c.days // 7 * 7 = b.days_from
GROUP BY b.days_from
ORDER BY b.days_from
