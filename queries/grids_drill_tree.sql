-- The tiles of the drill-down treemap: the current node (its parent_node_id NULL) and what lies under
-- it, at most two levels down (the whole zone shows parks, level-1 and level-2 grids), each with its
-- level-3 grids, those with an enterprise grid worker, enterprises and employees. Level-3 grids hold
-- enterprises (depth 5), so a level-2 or level-3 grid shows its enterprises.
-- Depths: zone 0, park 1, level-1 grid 2, level-2 grid 3, level-3 grid 4, enterprise 5.
-- Parameters: $park_id (NULL for the whole zone), $node_id (a park or grid id; NULL for the top:
-- the park, or the zone)
WITH paths AS (
    SELECT g3.park_id, g1.grid_id AS l1, g2.grid_id AS l2, g3.grid_id AS l3
    FROM grids AS g3
    JOIN grids AS g2 ON g2.grid_id = g3.parent_id
    JOIN grids AS g1 ON g1.grid_id = g2.parent_id
    WHERE g3.level = 3 AND ($park_id IS NULL OR g3.park_id = $park_id)
),
workers AS (
    SELECT grid_id, count(*) AS worker_count
    FROM grid_staff
    WHERE role = '网格员' AND is_enterprise_employee
    GROUP BY grid_id
),
-- every enterprise with its path; a level-3 grid without enterprises keeps one row with none
leaves AS (
    SELECT p.*, e.enterprise_id, e.name_zh AS enterprise_name_zh, coalesce(e.employees, 0) AS employees,
        coalesce(w.worker_count, 0) AS worker_count
    FROM paths AS p
    LEFT JOIN enterprises AS e ON e.grid_id = p.l3
    LEFT JOIN workers AS w ON w.grid_id = p.l3
),
rolled AS (
    SELECT
        CASE
            WHEN grouping(park_id) = 1 THEN 'zone'
            WHEN grouping(l1) = 1 THEN park_id
            WHEN grouping(l2) = 1 THEN l1
            WHEN grouping(l3) = 1 THEN l2
            ELSE l3
        END AS node_id,
        CASE
            WHEN grouping(park_id) = 1 THEN 0
            WHEN grouping(l1) = 1 THEN 1
            WHEN grouping(l2) = 1 THEN 2
            WHEN grouping(l3) = 1 THEN 3
            ELSE 4
        END AS depth,
        CASE WHEN grouping(park_id) = 0 THEN any_value(park_id) END AS park_id,
        any_value(l1) AS l1,
        any_value(l2) AS l2,
        count(DISTINCT l3) AS level3_grid_count,
        count(DISTINCT l3) FILTER (WHERE worker_count > 0) AS covered_level3_grid_count,
        count(enterprise_id) AS enterprise_count,
        sum(employees) AS employee_count
    FROM leaves
    GROUP BY ROLLUP (park_id, l1, l2, l3)
),
nodes AS (
    SELECT
        r.node_id,
        CASE r.depth WHEN 0 THEN NULL WHEN 1 THEN 'zone' WHEN 2 THEN r.park_id WHEN 3 THEN r.l1 ELSE r.l2 END
            AS parent_node_id,
        r.depth, r.park_id, r.l1, r.l2, CASE WHEN r.depth = 4 THEN r.node_id END AS l3,
        r.level3_grid_count, r.covered_level3_grid_count, r.enterprise_count, r.employee_count
    FROM rolled AS r
    UNION ALL
    SELECT enterprise_id, l3, 5, park_id, l1, l2, l3,
        1, CASE WHEN worker_count > 0 THEN 1 ELSE 0 END, 1, employees
    FROM leaves
    WHERE enterprise_id IS NOT NULL
),
root AS (
    SELECT node_id, depth FROM nodes WHERE node_id = coalesce($node_id, $park_id, 'zone') AND depth < 5
),
names AS (
    SELECT park_id AS node_id, name_zh, name_en FROM parks
    UNION ALL
    SELECT grid_id, name_zh, name_zh FROM grids
    UNION ALL
    SELECT enterprise_id, name_zh, name_zh FROM enterprises
)
SELECT
    n.node_id,
    CASE WHEN n.depth > root.depth THEN n.parent_node_id END AS parent_node_id,
    n.depth::INTEGER AS depth,
    n.park_id,
    names.name_zh,
    names.name_en,
    n.level3_grid_count::INTEGER AS level3_grid_count,
    n.covered_level3_grid_count::INTEGER AS covered_level3_grid_count,
    n.enterprise_count::INTEGER AS enterprise_count,
    n.employee_count::BIGINT AS employee_count
FROM nodes AS n
CROSS JOIN root
LEFT JOIN names ON names.node_id = n.node_id
WHERE n.depth BETWEEN root.depth AND greatest(root.depth + 2, 3)
    AND (root.node_id IN ('zone', n.node_id, n.park_id, n.l1, n.l2, n.l3))
ORDER BY n.depth, CASE n.park_id
    WHEN 'wuli' THEN 1 WHEN 'andong' THEN 2 WHEN 'food' THEN 3 WHEN 'sanchuang' THEN 4 ELSE 5
END, n.node_id
