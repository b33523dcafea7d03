-- Year-to-date total of each economic indicator and its change on the same months of the year before.
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
SELECT
    indicator,
    min(month) AS first_month,
    max(month) AS last_month,
    sum(value_yuan)::BIGINT AS value_yuan,
    sum(prior_year_value_yuan)::BIGINT AS prior_year_value_yuan,
    100.0 * (sum(value_yuan) / nullif(sum(prior_year_value_yuan), 0) - 1) AS growth_pct
FROM economy_monthly
WHERE $park_id IS NULL OR park_id = $park_id
GROUP BY indicator
ORDER BY CASE indicator
    WHEN 'industrial_output' THEN 1
    WHEN 'fixed_asset_investment' THEN 2
    WHEN 'above_quota_sales' THEN 3
    WHEN 'retail_sales' THEN 4
END
