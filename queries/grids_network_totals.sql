-- The grid network at one snapshot, for the KPI cards and for its growth across snapshots:
-- enterprise grid workers and the level-3 grids they cover; enterprises and those with a party
-- organisation; the first batch of party members, the workers they link (联系企业职工) and the range
-- per member; grid heads, cadres sunk to level-2 grids, part-time specialists (and the most common
-- specialist role), party members on staff and their share of the staff.
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
WITH level3 AS (
    SELECT count(*) AS level3_grid_count FROM grids WHERE level = 3 AND ($park_id IS NULL OR park_id = $park_id)
),
staff AS (
    SELECT
        count(*) FILTER (WHERE g.level = 3 AND s.role = '网格员' AND s.is_enterprise_employee) AS worker_count,
        count(DISTINCT s.grid_id) FILTER (WHERE g.level = 3 AND s.role = '网格员' AND s.is_enterprise_employee)
            AS covered_count,
        count(*) FILTER (WHERE s.role = '网格长') AS grid_head_count,
        count(*) FILTER (WHERE g.level = 2 AND NOT s.is_enterprise_employee) AS sunk_cadre_count,
        count(*) FILTER (WHERE s.role NOT IN ('网格长', '网格员')) AS specialist_count,
        count(*) AS staff_count,
        count(*) FILTER (WHERE s.is_party_member) AS party_member_staff_count
    FROM grid_staff AS s
    JOIN grids AS g USING (grid_id)
    WHERE $park_id IS NULL OR g.park_id = $park_id
),
top_role AS (
    SELECT s.role AS top_specialist_role, count(*) AS top_specialist_count
    FROM grid_staff AS s
    JOIN grids AS g USING (grid_id)
    WHERE s.role NOT IN ('网格长', '网格员') AND ($park_id IS NULL OR g.park_id = $park_id)
    GROUP BY s.role
    ORDER BY top_specialist_count DESC, s.role
    LIMIT 1
),
firms AS (
    SELECT
        count(*) AS enterprise_count,
        count(*) FILTER (WHERE enterprise_id IN (SELECT enterprise_id FROM party_orgs)) AS party_org_count
    FROM enterprises
    WHERE $park_id IS NULL OR park_id = $park_id
),
orgs AS (
    SELECT count(*) AS first_batch_org_count
    FROM party_orgs
    WHERE first_batch AND ($park_id IS NULL OR park_id = $park_id)
),
links AS (
    SELECT
        count(*) AS member_count,
        coalesce(sum(linked_workers), 0) AS linked_worker_count,
        min(linked_workers) AS linked_workers_min,
        max(linked_workers) AS linked_workers_max
    FROM party_member_links
    WHERE $park_id IS NULL OR park_id = $park_id
)
SELECT
    staff.worker_count::INTEGER AS enterprise_grid_worker_count,
    level3.level3_grid_count::INTEGER AS level3_grid_count,
    staff.covered_count::INTEGER AS covered_level3_grid_count,
    100.0 * staff.covered_count / nullif(level3.level3_grid_count, 0) AS grid_coverage_pct,
    firms.enterprise_count::INTEGER AS enterprise_count,
    firms.party_org_count::INTEGER AS party_org_enterprise_count,
    100.0 * firms.party_org_count / nullif(firms.enterprise_count, 0) AS party_org_enterprise_pct,
    orgs.first_batch_org_count::INTEGER AS first_batch_org_count,
    links.member_count::INTEGER AS first_batch_member_count,
    links.linked_worker_count::INTEGER AS linked_worker_count,
    links.linked_workers_min::INTEGER AS linked_workers_min,
    links.linked_workers_max::INTEGER AS linked_workers_max,
    staff.grid_head_count::INTEGER AS grid_head_count,
    staff.sunk_cadre_count::INTEGER AS sunk_cadre_count,
    staff.specialist_count::INTEGER AS specialist_count,
    staff.staff_count::INTEGER AS staff_count,
    staff.party_member_staff_count::INTEGER AS party_member_staff_count,
    100.0 * staff.party_member_staff_count / nullif(staff.staff_count, 0) AS party_member_staff_pct,
    top_role.top_specialist_role,
    top_role.top_specialist_count::INTEGER AS top_specialist_count
FROM level3, staff, firms, orgs, links
LEFT JOIN top_role ON true
