-- Expansion projects by size band of planned investment (5000万 以下, 5000万-1亿, 1-2亿, 2-5亿, 5亿 及以上)
-- and park: projects, added floor area, planned investment, and the band's projects over all parks in the
-- scope (`band_project_total`, the height of the stacked bar). Every band appears (park_id NULL, zeros,
-- when it has no project). `size_band` is a key the page translates (ui/strings_economy.py).
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
WITH bands (size_band, band_order, lower_yuan, upper_yuan) AS (
    VALUES
        ('under_50m', 1, 0, 50000000),
        ('50m_100m', 2, 50000000, 100000000),
        ('100m_200m', 3, 100000000, 200000000),
        ('200m_500m', 4, 200000000, 500000000),
        ('500m_plus', 5, 500000000, NULL)
)
SELECT
    b.size_band,
    b.band_order,
    p.park_id,
    k.name_zh AS park_name_zh,
    k.name_en AS park_name_en,
    count(p.project_id)::INTEGER AS project_count,
    coalesce(sum(p.added_floor_area_m2), 0)::BIGINT AS added_floor_area_m2,
    coalesce(sum(p.planned_investment_yuan), 0)::BIGINT AS planned_investment_yuan,
    (sum(count(p.project_id)) OVER (PARTITION BY b.size_band))::INTEGER AS band_project_total
FROM bands AS b
LEFT JOIN expansion_projects AS p
    ON p.planned_investment_yuan >= b.lower_yuan
    AND (b.upper_yuan IS NULL OR p.planned_investment_yuan < b.upper_yuan)
    AND ($park_id IS NULL OR p.park_id = $park_id)
LEFT JOIN parks AS k ON k.park_id = p.park_id
GROUP BY b.size_band, b.band_order, p.park_id, k.name_zh, k.name_en
ORDER BY b.band_order, p.park_id
