-- Grid service groups (网格服务小组) and the level-3 grids each serves.
-- Parameters: $park_id (NULL for the whole zone)
SELECT park_id, service_group, count(*)::INTEGER AS grid_count
FROM grids
WHERE service_group IS NOT NULL AND ($park_id IS NULL OR park_id = $park_id)
GROUP BY park_id, service_group
ORDER BY park_id, service_group
