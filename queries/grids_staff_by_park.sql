-- Who staffs the grids of each park: grid heads (网格长) of level-1 and level-2 grids, cadres sunk to
-- level-2 grids (staff of a level-2 grid who are not enterprise employees, heads included), enterprise
-- grid workers (enterprise employees serving as 网格员 on level-3 grids), the part-time specialists
-- by role, and the party members among all of them; with the zone total last (park_id NULL) when the
-- whole zone is asked for. No names: counts only.
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
WITH staff AS (
    SELECT s.*, g.level, g.park_id
    FROM grid_staff AS s
    JOIN grids AS g USING (grid_id)
),
per_park AS (
    SELECT
        p.park_id,
        p.name_zh AS park_name_zh,
        p.name_en AS park_name_en,
        p.sort_order,
        count(s.staff_id) FILTER (WHERE s.role = '网格长' AND s.level = 1) AS level1_head_count,
        count(s.staff_id) FILTER (WHERE s.role = '网格长' AND s.level = 2) AS level2_head_count,
        count(s.staff_id) FILTER (WHERE s.level = 2 AND NOT s.is_enterprise_employee) AS sunk_cadre_count,
        count(s.staff_id) FILTER (WHERE s.role = '网格员' AND s.level = 2 AND NOT s.is_enterprise_employee)
            AS level2_worker_count,
        count(s.staff_id) FILTER (WHERE s.role = '网格员' AND s.level = 3 AND s.is_enterprise_employee)
            AS enterprise_grid_worker_count,
        count(s.staff_id) FILTER (WHERE s.role = '安全专员') AS safety_specialist_count,
        count(s.staff_id) FILTER (WHERE s.role = '创城专员') AS civility_specialist_count,
        count(s.staff_id) FILTER (WHERE s.role = '党建专员') AS party_building_specialist_count,
        count(s.staff_id) FILTER (WHERE s.role = '综治专员') AS public_order_specialist_count,
        count(s.staff_id) FILTER (WHERE s.role = '防疫专员') AS epidemic_specialist_count,
        count(s.staff_id) FILTER (WHERE s.role NOT IN ('网格长', '网格员')) AS specialist_count,
        count(s.staff_id) AS staff_count,
        count(s.staff_id) FILTER (WHERE s.is_party_member) AS party_member_count
    FROM parks AS p
    LEFT JOIN staff AS s ON s.park_id = p.park_id
    WHERE $park_id IS NULL OR p.park_id = $park_id
    GROUP BY p.park_id, p.name_zh, p.name_en, p.sort_order
)
SELECT
    park_id,
    CASE WHEN grouping(park_id) = 0 THEN any_value(park_name_zh) END AS park_name_zh,
    CASE WHEN grouping(park_id) = 0 THEN any_value(park_name_en) END AS park_name_en,
    sum(level1_head_count)::INTEGER AS level1_head_count,
    sum(level2_head_count)::INTEGER AS level2_head_count,
    sum(sunk_cadre_count)::INTEGER AS sunk_cadre_count,
    sum(level2_worker_count)::INTEGER AS level2_worker_count,
    sum(enterprise_grid_worker_count)::INTEGER AS enterprise_grid_worker_count,
    sum(safety_specialist_count)::INTEGER AS safety_specialist_count,
    sum(civility_specialist_count)::INTEGER AS civility_specialist_count,
    sum(party_building_specialist_count)::INTEGER AS party_building_specialist_count,
    sum(public_order_specialist_count)::INTEGER AS public_order_specialist_count,
    sum(epidemic_specialist_count)::INTEGER AS epidemic_specialist_count,
    sum(specialist_count)::INTEGER AS specialist_count,
    sum(staff_count)::INTEGER AS staff_count,
    sum(party_member_count)::INTEGER AS party_member_count,
    100.0 * sum(party_member_count) / nullif(sum(staff_count), 0) AS party_member_pct
FROM per_park
GROUP BY ROLLUP (park_id)
HAVING grouping(park_id) = 0 OR $park_id IS NULL
ORDER BY grouping(park_id), min(sort_order) NULLS LAST, park_id
