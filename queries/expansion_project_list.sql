-- Every enterprise expansion (改扩建) project with its enterprise, park and industry, largest
-- planned investment first: the rows behind the published 91 enterprises / 332万平方米 / 199亿元.
-- Parameters: $park_id (NULL for the whole zone)
-- access: rows
SELECT
    p.project_id,
    p.project_name,
    e.name_zh AS enterprise_name_zh,
    p.park_id,
    k.name_zh AS park_name_zh,
    k.name_en AS park_name_en,
    e.industry,
    p.added_floor_area_m2,
    p.planned_investment_yuan,
    p.status,
    p.started_on
FROM expansion_projects AS p
LEFT JOIN enterprises AS e USING (enterprise_id)
LEFT JOIN parks AS k ON k.park_id = p.park_id
WHERE $park_id IS NULL OR p.park_id = $park_id
ORDER BY p.planned_investment_yuan DESC, p.project_id
