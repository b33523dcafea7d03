-- One enterprise by its id (a link's selection, checked before use): its park, grids, size and
-- dispute cases; no row when the id is unknown.
-- Parameters: $enterprise_id
-- access: rows
WITH cases AS (
    SELECT count(*) AS case_count, sum(workers_involved) AS workers_involved, sum(amount_yuan) AS amount_yuan
    FROM labor_disputes
    WHERE enterprise_id = $enterprise_id
)
SELECT
    e.enterprise_id,
    e.name_zh,
    e.park_id,
    p.name_zh AS park_name_zh,
    p.name_en AS park_name_en,
    e.industry,
    e.employees,
    e.grid_id,
    g3.name_zh AS grid_name_zh,
    g2.grid_id AS level2_grid_id,
    g2.name_zh AS level2_grid_name_zh,
    e.lon,
    e.lat,
    coalesce(c.case_count, 0)::INTEGER AS case_count,
    coalesce(c.workers_involved, 0)::BIGINT AS workers_involved,
    coalesce(c.amount_yuan, 0)::BIGINT AS amount_yuan
FROM enterprises AS e
JOIN parks AS p USING (park_id)
LEFT JOIN grids AS g3 ON g3.grid_id = e.grid_id
LEFT JOIN grids AS g2 ON g2.grid_id = g3.parent_id
CROSS JOIN cases AS c
WHERE e.enterprise_id = $enterprise_id
