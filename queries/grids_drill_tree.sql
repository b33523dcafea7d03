-- The tiles of the drill-down treemap: the current node (its parent_node_id NULL) and what lies under
-- it, at most two levels down (the whole zone shows parks, level-1 and level-2 grids), each with its
-- level-3 grids, those with an enterprise grid worker, enterprises and employees. Level-3 grids hold
-- enterprises (depth 5), so a level-2 or level-3 grid shows its enterprises.
-- Depths: zone 0, park 1, level-1 grid 2, level-2 grid 3, level-3 grid 4, enterprise 5.
-- Only the node's own level-3 grids are read, so going down a level costs less, not more.
-- Parameters: $park_id (NULL for the whole zone), $node_id (a park or grid id; NULL for the top:
-- the park, or the zone)
-- access: aggregate; rows where depth >= 4
WITH target AS (
    SELECT coalesce($node_id, $park_id, 'zone') AS node_id
),
-- the depth of the node, to leave out what lies deeper than shown
reach AS (
    SELECT 0 AS depth FROM target WHERE node_id = 'zone'
    UNION ALL
    SELECT 1 FROM parks WHERE park_id = (SELECT node_id FROM target)
    UNION ALL
    SELECT level + 1 FROM grids WHERE grid_id = (SELECT node_id FROM target)
),
-- the level-3 grids under the node (in the park), each with its level-2 and level-1 grid
paths AS (
    SELECT g3.park_id, g1.grid_id AS l1, g2.grid_id AS l2, g3.grid_id AS l3
    FROM grids AS g3
    JOIN grids AS g2 ON g2.grid_id = g3.parent_id
    JOIN grids AS g1 ON g1.grid_id = g2.parent_id
    CROSS JOIN target AS t
    WHERE g3.level = 3 AND ($park_id IS NULL OR g3.park_id = $park_id)
        AND t.node_id IN ('zone', g3.park_id, g1.grid_id, g2.grid_id, g3.grid_id)
),
firms AS (
    SELECT enterprise_id, name_zh, grid_id, coalesce(employees, 0) AS employees
    FROM enterprises
    WHERE grid_id IN (SELECT l3 FROM paths)
),
-- each level-3 grid: its enterprises and employees, and whether an enterprise grid worker serves it
plots AS (
    SELECT
        p.park_id, p.l1, p.l2, p.l3,
        coalesce(f.enterprise_count, 0) AS enterprise_count,
        coalesce(f.employee_count, 0) AS employee_count,
        w.grid_id IS NOT NULL AS covered
    FROM paths AS p
    LEFT JOIN (
        SELECT grid_id, count(*) AS enterprise_count, sum(employees) AS employee_count FROM firms GROUP BY grid_id
    ) AS f ON f.grid_id = p.l3
    LEFT JOIN (
        SELECT DISTINCT grid_id FROM grid_staff WHERE role = '网格员' AND is_enterprise_employee
    ) AS w ON w.grid_id = p.l3
),
level2 AS (
    SELECT
        park_id, l1, l2,
        count(*) AS level3_grid_count,
        count(*) FILTER (WHERE covered) AS covered_level3_grid_count,
        sum(enterprise_count) AS enterprise_count,
        sum(employee_count) AS employee_count
    FROM plots
    GROUP BY park_id, l1, l2
),
-- the zone, parks and level-1 grids summed from the level-2 grids; the level-2 and level-3 grids as they are
rolled AS (
    SELECT
        CASE WHEN grouping(park_id) = 1 THEN 'zone' WHEN grouping(l1) = 1 THEN park_id ELSE l1 END AS node_id,
        CASE WHEN grouping(park_id) = 1 THEN 0 WHEN grouping(l1) = 1 THEN 1 ELSE 2 END AS depth,
        park_id, l1,
        sum(level3_grid_count) AS level3_grid_count,
        sum(covered_level3_grid_count) AS covered_level3_grid_count,
        sum(enterprise_count) AS enterprise_count,
        sum(employee_count) AS employee_count
    FROM level2
    GROUP BY GROUPING SETS ((), (park_id), (park_id, l1))
    UNION ALL
    SELECT l2, 3, park_id, l1, level3_grid_count, covered_level3_grid_count, enterprise_count, employee_count
    FROM level2
    UNION ALL
    SELECT l3, 4, park_id, l2, 1, CASE WHEN covered THEN 1 ELSE 0 END, enterprise_count, employee_count
    FROM plots
    WHERE (SELECT max(depth) FROM reach) >= 2
),
root AS (
    SELECT r.node_id, r.depth FROM rolled AS r JOIN target AS t USING (node_id)
),
-- the parent of a level-1 grid is its park, of a level-2 grid its level-1 grid (`l1` holds the parent
-- of a level-3 grid); enterprises only when they are shown (under a level-2 or level-3 grid)
nodes AS (
    SELECT
        node_id,
        CASE depth WHEN 0 THEN NULL WHEN 1 THEN 'zone' WHEN 2 THEN park_id ELSE l1 END AS parent_node_id,
        depth, park_id, NULL AS enterprise_name_zh,
        level3_grid_count, covered_level3_grid_count, enterprise_count, employee_count
    FROM rolled
    UNION ALL
    SELECT f.enterprise_id, f.grid_id, 5, p.park_id, f.name_zh,
        1, CASE WHEN p.covered THEN 1 ELSE 0 END, 1, f.employees
    FROM firms AS f
    JOIN plots AS p ON p.l3 = f.grid_id
    WHERE (SELECT max(depth) FROM reach) >= 3
),
shown AS (
    SELECT n.*, root.depth AS root_depth
    FROM nodes AS n
    CROSS JOIN root
    WHERE n.depth BETWEEN root.depth AND greatest(root.depth + 2, 3)
)
SELECT
    n.node_id,
    CASE WHEN n.depth > n.root_depth THEN n.parent_node_id END AS parent_node_id,
    n.depth::INTEGER AS depth,
    n.park_id,
    coalesce(n.enterprise_name_zh, pk.name_zh, g.name_zh) AS name_zh,
    coalesce(n.enterprise_name_zh, pk.name_en, g.name_zh) AS name_en,
    n.level3_grid_count::INTEGER AS level3_grid_count,
    n.covered_level3_grid_count::INTEGER AS covered_level3_grid_count,
    n.enterprise_count::INTEGER AS enterprise_count,
    n.employee_count::BIGINT AS employee_count
FROM shown AS n
LEFT JOIN parks AS pk ON n.depth = 1 AND pk.park_id = n.node_id
LEFT JOIN grids AS g ON n.depth BETWEEN 2 AND 4 AND g.grid_id = n.node_id
LEFT JOIN parks AS po ON po.park_id = n.park_id
ORDER BY n.depth, po.sort_order NULLS LAST, n.park_id, n.node_id
