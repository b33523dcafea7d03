-- One indicator month by month in the snapshot's year, against the same months of the year before:
-- each month's value and the running (cumulative, 1-N月) total, with their growth on the prior year.
-- Months run from January up to the snapshot date; no rows when there is no data.
-- Parameters: $park_id (NULL for the whole zone), $indicator (industrial_output, fixed_asset_investment,
--   above_quota_sales or retail_sales), $as_of (the snapshot date, bound by the runner)
-- access: aggregate
WITH monthly AS (
    SELECT
        month AS report_month,
        sum(value_yuan) AS value_yuan,
        sum(prior_year_value_yuan) AS prior_year_value_yuan
    FROM economy_monthly
    WHERE indicator = $indicator
        AND ($park_id IS NULL OR park_id = $park_id)
        AND month >= date_trunc('year', CAST($as_of AS DATE))
        AND month <= CAST($as_of AS DATE)
    GROUP BY month
),
running AS (
    SELECT
        *,
        sum(value_yuan) OVER (ORDER BY report_month) AS cumulative_value_yuan,
        sum(prior_year_value_yuan) OVER (ORDER BY report_month) AS cumulative_prior_year_value_yuan
    FROM monthly
)
SELECT
    report_month,
    value_yuan::BIGINT AS value_yuan,
    prior_year_value_yuan::BIGINT AS prior_year_value_yuan,
    100.0 * (value_yuan / nullif(prior_year_value_yuan, 0) - 1) AS growth_pct,
    cumulative_value_yuan::BIGINT AS cumulative_value_yuan,
    cumulative_prior_year_value_yuan::BIGINT AS cumulative_prior_year_value_yuan,
    100.0 * (cumulative_value_yuan / nullif(cumulative_prior_year_value_yuan, 0) - 1) AS cumulative_growth_pct
FROM running
ORDER BY report_month
