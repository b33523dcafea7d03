-- Enterprise expansion (改扩建) projects in each park: enterprises, projects, added floor area, planned
-- investment and the park's share of the zone's investment; every park, those without projects at zero,
-- largest investment first.
-- Parameters: none
-- access: aggregate
SELECT
    k.park_id,
    k.name_zh AS park_name_zh,
    k.name_en AS park_name_en,
    count(DISTINCT p.enterprise_id)::INTEGER AS enterprise_count,
    count(p.project_id)::INTEGER AS project_count,
    coalesce(sum(p.added_floor_area_m2), 0)::BIGINT AS added_floor_area_m2,
    coalesce(sum(p.planned_investment_yuan), 0)::BIGINT AS planned_investment_yuan,
    100.0 * coalesce(sum(p.planned_investment_yuan), 0)
        / nullif(sum(sum(p.planned_investment_yuan)) OVER (), 0) AS investment_share_pct
FROM parks AS k
LEFT JOIN expansion_projects AS p USING (park_id)
GROUP BY k.park_id, k.name_zh, k.name_en
ORDER BY planned_investment_yuan DESC, k.park_id
