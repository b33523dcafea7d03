-- Enterprises and their employees on the map (the KPI row).
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
SELECT count(*)::INTEGER AS enterprise_count, coalesce(sum(employees), 0)::BIGINT AS employee_count
FROM enterprises
WHERE $park_id IS NULL OR park_id = $park_id
