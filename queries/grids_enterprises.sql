-- The enterprises under a drill node (a park, level-1, level-2 or level-3 grid; NULL for the top):
-- each with its level-3 and level-2 grid, industry, employees, whether it has a party organisation,
-- and the enterprise grid workers serving its level-3 grid. Largest employers first within each grid.
-- Parameters: $park_id (NULL for the whole zone), $node_id (NULL for the whole park or zone)
-- access: rows
WITH workers AS (
    SELECT grid_id, count(*) AS worker_count
    FROM grid_staff
    WHERE role = '网格员' AND is_enterprise_employee
    GROUP BY grid_id
),
orgs AS (
    SELECT enterprise_id, sum(members) AS members FROM party_orgs WHERE enterprise_id IS NOT NULL GROUP BY enterprise_id
)
SELECT
    e.enterprise_id,
    e.name_zh AS enterprise_name_zh,
    e.industry,
    e.employees::INTEGER AS employee_count,
    g3.grid_id AS level3_grid_id,
    g3.name_zh AS level3_grid_name_zh,
    g2.name_zh AS level2_grid_name_zh,
    p.name_zh AS park_name_zh,
    p.name_en AS park_name_en,
    o.enterprise_id IS NOT NULL AS has_party_org,
    coalesce(o.members, 0)::INTEGER AS party_member_count,
    coalesce(w.worker_count, 0)::INTEGER AS level3_grid_worker_count
FROM enterprises AS e
JOIN grids AS g3 ON g3.grid_id = e.grid_id
JOIN grids AS g2 ON g2.grid_id = g3.parent_id
JOIN grids AS g1 ON g1.grid_id = g2.parent_id
JOIN parks AS p ON p.park_id = e.park_id
LEFT JOIN orgs AS o ON o.enterprise_id = e.enterprise_id
LEFT JOIN workers AS w ON w.grid_id = g3.grid_id
WHERE ($park_id IS NULL OR e.park_id = $park_id)
    AND ($node_id IS NULL OR $node_id IN (e.park_id, g1.grid_id, g2.grid_id, g3.grid_id))
ORDER BY p.sort_order NULLS LAST, e.park_id, g2.grid_id, g3.grid_id, e.employees DESC, e.enterprise_id
