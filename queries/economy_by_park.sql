-- One indicator's year-to-date total in each park (January up to the snapshot date), its growth on the
-- same months of the year before, its share of the zone's total, and the zone's growth for reference;
-- largest first. Every park with data is returned, so a chosen park can be highlighted among the others.
-- Parameters: $indicator (industrial_output, fixed_asset_investment, above_quota_sales or retail_sales),
--   $as_of (the snapshot date, bound by the runner)
-- access: aggregate
WITH totals AS (
    SELECT
        park_id,
        sum(value_yuan) AS value_yuan,
        sum(prior_year_value_yuan) AS prior_year_value_yuan
    FROM economy_monthly
    WHERE indicator = $indicator
        AND month >= date_trunc('year', CAST($as_of AS DATE))
        AND month <= CAST($as_of AS DATE)
    GROUP BY park_id
)
SELECT
    p.park_id,
    p.name_zh AS park_name_zh,
    p.name_en AS park_name_en,
    t.value_yuan::BIGINT AS value_yuan,
    t.prior_year_value_yuan::BIGINT AS prior_year_value_yuan,
    100.0 * (t.value_yuan / nullif(t.prior_year_value_yuan, 0) - 1) AS growth_pct,
    100.0 * t.value_yuan / nullif(sum(t.value_yuan) OVER (), 0) AS share_pct,
    100.0 * (sum(t.value_yuan) OVER () / nullif(sum(t.prior_year_value_yuan) OVER (), 0) - 1) AS zone_growth_pct
FROM totals AS t
JOIN parks AS p USING (park_id)
ORDER BY t.value_yuan DESC, p.park_id
