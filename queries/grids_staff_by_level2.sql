-- Who staffs each level-2 grid and the level-3 grids under it: its grid head, the cadres sunk to it
-- (its staff who are not enterprise employees, head included), the enterprise grid workers and
-- part-time specialists of its level-3 grids, and the party members among all of them.
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
WITH scoped AS (
    SELECT grid_id, level, parent_id, park_id, name_zh
    FROM grids
    WHERE $park_id IS NULL OR park_id = $park_id
),
staff AS (
    SELECT
        s.staff_id, s.role, s.is_enterprise_employee, s.is_party_member,
        g.level,
        CASE WHEN g.level = 2 THEN g.grid_id WHEN g.level = 3 THEN g.parent_id END AS level2_grid_id
    FROM grid_staff AS s
    JOIN scoped AS g USING (grid_id)
    WHERE g.level IN (2, 3)
),
level3 AS (
    SELECT parent_id AS grid_id, count(*) AS level3_grid_count
    FROM scoped
    WHERE level = 3
    GROUP BY parent_id
)
SELECT
    g2.grid_id AS level2_grid_id,
    g2.name_zh AS level2_grid_name_zh,
    g1.name_zh AS level1_grid_name_zh,
    g2.park_id,
    coalesce(any_value(l3.level3_grid_count), 0)::INTEGER AS level3_grid_count,
    count(s.staff_id) FILTER (WHERE s.role = '网格长' AND s.level = 2)::INTEGER AS level2_head_count,
    count(s.staff_id) FILTER (WHERE s.level = 2 AND NOT s.is_enterprise_employee)::INTEGER AS sunk_cadre_count,
    count(s.staff_id) FILTER (WHERE s.role = '网格员' AND s.level = 2 AND NOT s.is_enterprise_employee)::INTEGER
        AS level2_worker_count,
    count(s.staff_id) FILTER (WHERE s.role = '网格员' AND s.level = 3 AND s.is_enterprise_employee)::INTEGER
        AS enterprise_grid_worker_count,
    count(s.staff_id) FILTER (WHERE s.role NOT IN ('网格长', '网格员'))::INTEGER AS specialist_count,
    count(s.staff_id)::INTEGER AS staff_count,
    count(s.staff_id) FILTER (WHERE s.is_party_member)::INTEGER AS party_member_count,
    100.0 * count(s.staff_id) FILTER (WHERE s.is_party_member) / nullif(count(s.staff_id), 0) AS party_member_pct
FROM scoped AS g2
JOIN grids AS g1 ON g1.grid_id = g2.parent_id
LEFT JOIN level3 AS l3 ON l3.grid_id = g2.grid_id
LEFT JOIN staff AS s ON s.level2_grid_id = g2.grid_id
WHERE g2.level = 2
GROUP BY g2.grid_id, g2.name_zh, g1.name_zh, g2.park_id
ORDER BY g2.grid_id
