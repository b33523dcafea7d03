-- Grids of one level with what lies in each (the grid outlines, their tooltips and the choropleth of
-- dispute cases): enterprises, employees and cases counted through the level-3 plots beneath it.
-- Parameters: $level (1, 2 or 3), $park_id (NULL for the whole zone)
-- access: aggregate; rows where level = 3
WITH plots AS (
    -- each level-3 plot with its ancestor at every level
    SELECT g3.grid_id AS plot_id, g3.grid_id AS level3_id, g2.grid_id AS level2_id, g2.parent_id AS level1_id
    FROM grids AS g3
    LEFT JOIN grids AS g2 ON g2.grid_id = g3.parent_id
    WHERE g3.level = 3 AND ($park_id IS NULL OR g3.park_id = $park_id)
),
owner AS (
    SELECT plot_id, CASE $level WHEN 1 THEN level1_id WHEN 2 THEN level2_id ELSE level3_id END AS grid_id
    FROM plots
),
firms AS (
    SELECT o.grid_id, count(*) AS enterprise_count, sum(e.employees) AS employee_count
    FROM enterprises AS e
    JOIN owner AS o ON o.plot_id = e.grid_id
    GROUP BY o.grid_id
),
cases AS (
    SELECT o.grid_id, count(*) AS case_count, sum(d.workers_involved) AS workers_involved,
        sum(d.amount_yuan) AS amount_yuan
    FROM labor_disputes AS d
    JOIN owner AS o ON o.plot_id = d.grid_id
    GROUP BY o.grid_id
)
SELECT
    g.grid_id,
    g.level,
    g.name_zh,
    g.park_id,
    p.name_zh AS park_name_zh,
    p.name_en AS park_name_en,
    coalesce(f.enterprise_count, 0)::INTEGER AS enterprise_count,
    coalesce(f.employee_count, 0)::BIGINT AS employee_count,
    coalesce(c.case_count, 0)::INTEGER AS case_count,
    coalesce(c.workers_involved, 0)::BIGINT AS workers_involved,
    coalesce(c.amount_yuan, 0)::BIGINT AS amount_yuan
FROM grids AS g
JOIN parks AS p USING (park_id)
LEFT JOIN firms AS f USING (grid_id)
LEFT JOIN cases AS c USING (grid_id)
WHERE g.level = $level AND ($park_id IS NULL OR g.park_id = $park_id)
ORDER BY g.grid_id
