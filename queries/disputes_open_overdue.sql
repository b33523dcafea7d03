-- The open cases older than a time limit, oldest first, for follow-up: where (park, level-3 grid,
-- enterprise), what (category, stage, outcome so far), how big (worker-times, money) and how long open,
-- in days up to the snapshot date (not today).
-- Parameters: $park_id (NULL for the whole zone), $limit_days (days), $as_of (bound by the runner)
-- access: rows
SELECT
    d.case_id,
    d.park_id,
    p.name_zh AS park_name_zh,
    p.name_en AS park_name_en,
    g.name_zh AS grid_name_zh,
    e.name_zh AS enterprise_name_zh,
    d.category,
    d.stage,
    d.outcome,
    d.workers_involved,
    d.amount_yuan,
    d.reported_on,
    (CAST($as_of AS DATE) - d.reported_on)::INTEGER AS days_open
FROM labor_disputes AS d
LEFT JOIN parks AS p USING (park_id)
LEFT JOIN grids AS g ON g.grid_id = d.grid_id
LEFT JOIN enterprises AS e ON e.enterprise_id = d.enterprise_id
WHERE d.closed_on IS NULL
    AND ($park_id IS NULL OR d.park_id = $park_id)
    AND CAST($as_of AS DATE) - d.reported_on > $limit_days
ORDER BY days_open DESC, d.case_id
