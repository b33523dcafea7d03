-- Every park for the map: its centre, grids at each level, enterprises, employees, dispute cases and
-- the year-to-date value of one economic indicator (the output columns), in the parks' sort_order.
-- Parameters: $indicator (one of industrial_output, fixed_asset_investment, above_quota_sales, retail_sales)
-- access: aggregate
WITH grid_counts AS (
    SELECT
        park_id,
        count(*) FILTER (WHERE level = 1) AS level1_grid_count,
        count(*) FILTER (WHERE level = 2) AS level2_grid_count,
        count(*) FILTER (WHERE level = 3) AS level3_grid_count
    FROM grids
    GROUP BY park_id
),
firms AS (
    SELECT park_id, count(*) AS enterprise_count, sum(employees) AS employee_count
    FROM enterprises
    GROUP BY park_id
),
cases AS (
    SELECT park_id, count(*) AS case_count, sum(workers_involved) AS workers_involved, sum(amount_yuan) AS amount_yuan
    FROM labor_disputes
    GROUP BY park_id
),
economy AS (
    SELECT park_id, max(month) AS last_month, sum(value_yuan) AS value_yuan,
        sum(prior_year_value_yuan) AS prior_year_value_yuan
    FROM economy_monthly
    WHERE indicator = $indicator
    GROUP BY park_id
)
SELECT
    p.park_id,
    p.name_zh,
    p.name_en,
    p.lon,
    p.lat,
    coalesce(g.level1_grid_count, 0)::INTEGER AS level1_grid_count,
    coalesce(g.level2_grid_count, 0)::INTEGER AS level2_grid_count,
    coalesce(g.level3_grid_count, 0)::INTEGER AS level3_grid_count,
    coalesce(f.enterprise_count, 0)::INTEGER AS enterprise_count,
    coalesce(f.employee_count, 0)::BIGINT AS employee_count,
    coalesce(c.case_count, 0)::INTEGER AS case_count,
    coalesce(c.workers_involved, 0)::BIGINT AS workers_involved,
    coalesce(c.amount_yuan, 0)::BIGINT AS amount_yuan,
    e.last_month,
    coalesce(e.value_yuan, 0)::BIGINT AS value_yuan,
    coalesce(e.prior_year_value_yuan, 0)::BIGINT AS prior_year_value_yuan,
    100.0 * (e.value_yuan / nullif(e.prior_year_value_yuan, 0) - 1) AS growth_pct
FROM parks AS p
LEFT JOIN grid_counts AS g USING (park_id)
LEFT JOIN firms AS f USING (park_id)
LEFT JOIN cases AS c USING (park_id)
LEFT JOIN economy AS e USING (park_id)
ORDER BY p.sort_order NULLS LAST, p.park_id
