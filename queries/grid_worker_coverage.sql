-- Enterprise grid workers (enterprise employees serving as 网格员 on level-3 grids) and the share of
-- level-3 grids that have at least one.
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
WITH level3 AS (
    SELECT grid_id FROM grids WHERE level = 3 AND ($park_id IS NULL OR park_id = $park_id)
),
workers AS (
    SELECT s.grid_id
    FROM grid_staff AS s
    JOIN level3 USING (grid_id)
    WHERE s.role = '网格员' AND s.is_enterprise_employee
)
SELECT
    (SELECT count(*) FROM workers)::INTEGER AS enterprise_grid_worker_count,
    (SELECT count(*) FROM level3)::INTEGER AS level3_grid_count,
    (SELECT count(DISTINCT grid_id) FROM workers)::INTEGER AS covered_level3_grid_count,
    100.0 * (SELECT count(DISTINCT grid_id) FROM workers) / nullif((SELECT count(*) FROM level3), 0) AS coverage_pct
