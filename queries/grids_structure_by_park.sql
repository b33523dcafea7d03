-- The three-level grid structure of each park: level-1, level-2 and level-3 (enterprise plot) grids,
-- the grid service groups and the enterprises on the level-3 grids; with the zone total last
-- (park_id NULL) when the whole zone is asked for.
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
WITH grids_per_park AS (
    SELECT
        park_id,
        count(*) FILTER (WHERE level = 1) AS level1_grid_count,
        count(*) FILTER (WHERE level = 2) AS level2_grid_count,
        count(*) FILTER (WHERE level = 3) AS level3_grid_count,
        count(DISTINCT service_group) AS service_group_count
    FROM grids
    GROUP BY park_id
),
enterprises_per_park AS (
    SELECT park_id, count(*) AS enterprise_count FROM enterprises GROUP BY park_id
),
per_park AS (
    SELECT
        p.park_id,
        p.name_zh AS park_name_zh,
        p.name_en AS park_name_en,
        p.sort_order,
        coalesce(g.level1_grid_count, 0) AS level1_grid_count,
        coalesce(g.level2_grid_count, 0) AS level2_grid_count,
        coalesce(g.level3_grid_count, 0) AS level3_grid_count,
        coalesce(g.service_group_count, 0) AS service_group_count,
        coalesce(e.enterprise_count, 0) AS enterprise_count
    FROM parks AS p
    LEFT JOIN grids_per_park AS g ON g.park_id = p.park_id
    LEFT JOIN enterprises_per_park AS e ON e.park_id = p.park_id
    WHERE $park_id IS NULL OR p.park_id = $park_id
)
SELECT
    park_id,
    CASE WHEN grouping(park_id) = 0 THEN any_value(park_name_zh) END AS park_name_zh,
    CASE WHEN grouping(park_id) = 0 THEN any_value(park_name_en) END AS park_name_en,
    sum(level1_grid_count)::INTEGER AS level1_grid_count,
    sum(level2_grid_count)::INTEGER AS level2_grid_count,
    sum(level3_grid_count)::INTEGER AS level3_grid_count,
    sum(service_group_count)::INTEGER AS service_group_count,
    sum(enterprise_count)::INTEGER AS enterprise_count
FROM per_park
GROUP BY ROLLUP (park_id)
HAVING grouping(park_id) = 0 OR $park_id IS NULL
ORDER BY grouping(park_id), min(sort_order) NULLS LAST, park_id
