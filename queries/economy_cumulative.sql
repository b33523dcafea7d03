-- Month-by-month cumulative value of each indicator in the year, against the same months a year before.
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
WITH monthly AS (
    SELECT indicator, month, sum(value_yuan) AS value_yuan, sum(prior_year_value_yuan) AS prior_year_value_yuan
    FROM economy_monthly
    WHERE $park_id IS NULL OR park_id = $park_id
    GROUP BY indicator, month
)
SELECT
    indicator,
    month,
    value_yuan::BIGINT AS value_yuan,
    prior_year_value_yuan::BIGINT AS prior_year_value_yuan,
    sum(value_yuan) OVER (PARTITION BY indicator ORDER BY month)::BIGINT AS cumulative_value_yuan,
    sum(prior_year_value_yuan) OVER (PARTITION BY indicator ORDER BY month)::BIGINT AS cumulative_prior_year_value_yuan
FROM monthly
ORDER BY indicator, month
