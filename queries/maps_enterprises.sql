-- Enterprises to draw on the map and list beside it: the $limit largest by employees (all of them at
-- the shipped scale), each with its level-3 and level-2 grid and its dispute cases, and how many
-- enterprises there are in all, so the page can say when it shows only the largest.
-- Parameters: $park_id (NULL for the whole zone), $limit (the most rows to return)
-- access: rows
WITH firms AS (
    SELECT e.*, count(*) OVER () AS total_enterprise_count
    FROM enterprises AS e
    WHERE $park_id IS NULL OR e.park_id = $park_id
    ORDER BY e.employees DESC, e.enterprise_id
    LIMIT $limit
),
cases AS (
    SELECT enterprise_id, count(*) AS case_count, sum(workers_involved) AS workers_involved,
        sum(amount_yuan) AS amount_yuan
    FROM labor_disputes
    WHERE enterprise_id IN (SELECT enterprise_id FROM firms)
    GROUP BY enterprise_id
)
SELECT
    f.enterprise_id,
    f.name_zh,
    f.park_id,
    p.name_zh AS park_name_zh,
    p.name_en AS park_name_en,
    f.industry,
    f.employees,
    f.grid_id,
    g3.name_zh AS grid_name_zh,
    g2.grid_id AS level2_grid_id,
    g2.name_zh AS level2_grid_name_zh,
    f.lon,
    f.lat,
    coalesce(c.case_count, 0)::INTEGER AS case_count,
    coalesce(c.workers_involved, 0)::BIGINT AS workers_involved,
    coalesce(c.amount_yuan, 0)::BIGINT AS amount_yuan,
    f.total_enterprise_count::INTEGER AS total_enterprise_count
FROM firms AS f
JOIN parks AS p USING (park_id)
LEFT JOIN grids AS g3 ON g3.grid_id = f.grid_id
LEFT JOIN grids AS g2 ON g2.grid_id = g3.parent_id
LEFT JOIN cases AS c USING (enterprise_id)
ORDER BY f.employees DESC, f.enterprise_id
