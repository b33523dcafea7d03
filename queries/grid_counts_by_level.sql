-- Grids at each level of the three-level management grid (1, 2, 3), zero where a park has none.
-- Parameters: $park_id (NULL for the whole zone)
-- access: aggregate
SELECT l.level, count(g.grid_id)::INTEGER AS grid_count
FROM (VALUES (1), (2), (3)) AS l(level)
LEFT JOIN grids AS g
    ON g.level = l.level AND ($park_id IS NULL OR g.park_id = $park_id)
GROUP BY l.level
ORDER BY l.level
