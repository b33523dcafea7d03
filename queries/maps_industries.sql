-- Industries of the enterprises on the map (the legend): enterprises and employees in each, with the
-- industry's zone-wide rank, which fixes its colour whatever park is shown.
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
WITH ranked AS (
    SELECT industry, row_number() OVER (ORDER BY count(*) DESC, industry)::INTEGER AS industry_rank
    FROM enterprises
    GROUP BY industry
)
SELECT
    e.industry,
    r.industry_rank,
    count(*)::INTEGER AS enterprise_count,
    sum(e.employees)::BIGINT AS employee_count
FROM enterprises AS e
JOIN ranked AS r USING (industry)
WHERE $park_id IS NULL OR e.park_id = $park_id
GROUP BY e.industry, r.industry_rank
ORDER BY r.industry_rank
