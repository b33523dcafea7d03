-- The grid network at one snapshot, for the KPI cards and for its growth across snapshots:
-- enterprise grid workers and the level-3 grids they cover; enterprises and those with a party
-- organisation; the first batch of party members, the workers they link (联系企业职工) and the range
-- per member; grid heads, cadres sunk to level-2 grids, part-time specialists, party members on staff.
-- Parameters: $park_id (NULL for the whole zone)
WITH level3 AS (
    SELECT grid_id FROM grids WHERE level = 3 AND ($park_id IS NULL OR park_id = $park_id)
),
staff AS (
    SELECT s.*, g.level
    FROM grid_staff AS s
    JOIN grids AS g USING (grid_id)
    WHERE $park_id IS NULL OR g.park_id = $park_id
),
workers AS (
    SELECT grid_id FROM staff WHERE level = 3 AND role = '网格员' AND is_enterprise_employee
),
firms AS (
    SELECT enterprise_id FROM enterprises WHERE $park_id IS NULL OR park_id = $park_id
),
links AS (
    SELECT linked_workers FROM party_member_links WHERE $park_id IS NULL OR park_id = $park_id
)
SELECT
    (SELECT count(*) FROM workers)::INTEGER AS enterprise_grid_worker_count,
    (SELECT count(*) FROM level3)::INTEGER AS level3_grid_count,
    (SELECT count(DISTINCT grid_id) FROM workers)::INTEGER AS covered_level3_grid_count,
    100.0 * (SELECT count(DISTINCT grid_id) FROM workers) / nullif((SELECT count(*) FROM level3), 0)
        AS grid_coverage_pct,
    (SELECT count(*) FROM firms)::INTEGER AS enterprise_count,
    (SELECT count(*) FROM firms WHERE enterprise_id IN (SELECT enterprise_id FROM party_orgs))::INTEGER
        AS party_org_enterprise_count,
    100.0 * (SELECT count(*) FROM firms WHERE enterprise_id IN (SELECT enterprise_id FROM party_orgs))
        / nullif((SELECT count(*) FROM firms), 0) AS party_org_enterprise_pct,
    (SELECT count(*) FROM party_orgs
        WHERE first_batch AND ($park_id IS NULL OR park_id = $park_id))::INTEGER AS first_batch_org_count,
    (SELECT count(*) FROM links)::INTEGER AS first_batch_member_count,
    (SELECT coalesce(sum(linked_workers), 0) FROM links)::INTEGER AS linked_worker_count,
    (SELECT min(linked_workers) FROM links)::INTEGER AS linked_workers_min,
    (SELECT max(linked_workers) FROM links)::INTEGER AS linked_workers_max,
    (SELECT count(*) FROM staff WHERE role = '网格长')::INTEGER AS grid_head_count,
    (SELECT count(*) FROM staff WHERE level = 2 AND NOT is_enterprise_employee)::INTEGER AS sunk_cadre_count,
    (SELECT count(*) FROM staff WHERE role NOT IN ('网格长', '网格员'))::INTEGER AS specialist_count,
    (SELECT count(*) FROM staff)::INTEGER AS staff_count,
    (SELECT count(*) FROM staff WHERE is_party_member)::INTEGER AS party_member_staff_count
