-- Every node a user can drill to (park, level-1, level-2 and level-3 grid) with its parent, its depth
-- (park 1, level-1 grid 2, level-2 grid 3, level-3 grid 4) and what lies under it: level-3 grids,
-- those with an enterprise grid worker, enterprises and their employees: the whole drill-down in one
-- table (every grid of the zone, over a hundred thousand rows at 100x). The page asks only for the
-- path it stands on and the choices beside it (grids_drill_path).
-- Parameters: $park_id (NULL for the whole zone)
WITH paths AS (
    SELECT g3.park_id, g1.grid_id AS l1, g2.grid_id AS l2, g3.grid_id AS l3
    FROM grids AS g3
    JOIN grids AS g2 ON g2.grid_id = g3.parent_id
    JOIN grids AS g1 ON g1.grid_id = g2.parent_id
    WHERE g3.level = 3 AND ($park_id IS NULL OR g3.park_id = $park_id)
),
per_level3 AS (
    SELECT
        paths.*,
        (SELECT count(*) FROM enterprises AS e WHERE e.grid_id = paths.l3) AS enterprise_count,
        (SELECT coalesce(sum(employees), 0) FROM enterprises AS e WHERE e.grid_id = paths.l3) AS employee_count,
        (SELECT count(*) FROM grid_staff AS s
            WHERE s.grid_id = paths.l3 AND s.role = '网格员' AND s.is_enterprise_employee) AS worker_count
    FROM paths
),
rolled AS (
    SELECT
        CASE WHEN grouping(l1) = 1 THEN park_id WHEN grouping(l2) = 1 THEN l1 WHEN grouping(l3) = 1 THEN l2 ELSE l3 END
            AS node_id,
        count(*) AS level3_grid_count,
        count(*) FILTER (WHERE worker_count > 0) AS covered_level3_grid_count,
        sum(enterprise_count) AS enterprise_count,
        sum(employee_count) AS employee_count
    FROM per_level3
    GROUP BY ROLLUP (park_id, l1, l2, l3)
    HAVING grouping(park_id) = 0
),
nodes AS (
    SELECT park_id AS node_id, NULL AS parent_node_id, 1 AS depth, park_id, name_zh, name_en
    FROM parks
    WHERE $park_id IS NULL OR park_id = $park_id
    UNION ALL
    SELECT grid_id, coalesce(parent_id, park_id), level + 1, park_id, name_zh, name_zh
    FROM grids
    WHERE $park_id IS NULL OR park_id = $park_id
)
SELECT
    n.node_id,
    n.parent_node_id,
    n.depth::INTEGER AS depth,
    n.park_id,
    n.name_zh,
    n.name_en,
    coalesce(r.level3_grid_count, 0)::INTEGER AS level3_grid_count,
    coalesce(r.covered_level3_grid_count, 0)::INTEGER AS covered_level3_grid_count,
    coalesce(r.enterprise_count, 0)::INTEGER AS enterprise_count,
    coalesce(r.employee_count, 0)::BIGINT AS employee_count
FROM nodes AS n
LEFT JOIN rolled AS r USING (node_id)
ORDER BY n.depth, CASE n.park_id
    WHEN 'wuli' THEN 1 WHEN 'andong' THEN 2 WHEN 'food' THEN 3 WHEN 'sanchuang' THEN 4 ELSE 5
END, n.node_id
