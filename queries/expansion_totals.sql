-- Enterprise expansion (改扩建) projects: enterprises, added floor area and planned investment.
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
SELECT
    count(DISTINCT enterprise_id)::INTEGER AS enterprise_count,
    count(*)::INTEGER AS project_count,
    coalesce(sum(added_floor_area_m2), 0)::BIGINT AS added_floor_area_m2,
    coalesce(sum(planned_investment_yuan), 0)::BIGINT AS planned_investment_yuan
FROM expansion_projects
WHERE $park_id IS NULL OR park_id = $park_id
