-- Party organisations in grids and enterprises, and the first batch of non-public-enterprise party
-- members linked to enterprise workers (联系企业职工、认领责任区域).
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
SELECT
    (SELECT count(*) FROM party_orgs WHERE $park_id IS NULL OR park_id = $park_id)::INTEGER AS party_org_count,
    (SELECT count(*) FROM party_orgs
        WHERE org_type = '企业网格党组织' AND ($park_id IS NULL OR park_id = $park_id))::INTEGER
        AS enterprise_grid_party_org_count,
    (SELECT count(*) FROM party_orgs
        WHERE first_batch AND ($park_id IS NULL OR park_id = $park_id))::INTEGER AS first_batch_org_count,
    (SELECT count(*) FROM party_member_links
        WHERE $park_id IS NULL OR park_id = $park_id)::INTEGER AS first_batch_member_count,
    (SELECT coalesce(sum(linked_workers), 0) FROM party_member_links
        WHERE $park_id IS NULL OR park_id = $park_id)::INTEGER AS linked_worker_count,
    (SELECT min(linked_workers) FROM party_member_links
        WHERE $park_id IS NULL OR park_id = $park_id)::INTEGER AS linked_workers_min,
    (SELECT max(linked_workers) FROM party_member_links
        WHERE $park_id IS NULL OR park_id = $park_id)::INTEGER AS linked_workers_max
