-- Where the drill-down stands and what can be chosen from there: the node (a park or grid id) and
-- its ancestors (on_path), the children of each of them (a chooser's options), and the top choices
-- (every park for the whole zone; for one park, the park and its level-1 grids). Checks a drill
-- position (from a link or a click) without listing every grid: when the node is unknown or outside
-- the park, no row is on the path.
-- Depths: park 1, level-1 grid 2, level-2 grid 3, level-3 grid 4.
-- Parameters: $park_id (NULL for the whole zone), $node_id (a park or grid id; NULL for the top)
-- access: aggregate; rows where depth >= 4
WITH target AS (
    SELECT coalesce($node_id, $park_id) AS node_id
),
found AS (
    -- the node with its ancestors: park, level-1, level-2 and level-3 grid (NULL below the node)
    SELECT p.park_id, NULL::VARCHAR AS l1, NULL::VARCHAR AS l2, NULL::VARCHAR AS l3
    FROM parks AS p
    JOIN target AS t ON p.park_id = t.node_id
    UNION ALL
    SELECT
        g.park_id,
        CASE g.level WHEN 1 THEN g.grid_id WHEN 2 THEN g.parent_id ELSE up.parent_id END,
        CASE g.level WHEN 2 THEN g.grid_id WHEN 3 THEN g.parent_id END,
        CASE g.level WHEN 3 THEN g.grid_id END
    FROM grids AS g
    JOIN target AS t ON g.grid_id = t.node_id
    LEFT JOIN grids AS up ON up.grid_id = g.parent_id
),
path AS (
    SELECT DISTINCT node_id
    FROM (SELECT unnest([park_id, l1, l2, l3]) AS node_id FROM found WHERE $park_id IS NULL OR park_id = $park_id)
    WHERE node_id IS NOT NULL
),
choices AS (
    SELECT park_id AS node_id, NULL::VARCHAR AS parent_node_id, 1 AS depth, park_id, name_zh, name_en
    FROM parks
    WHERE $park_id IS NULL OR park_id IN (SELECT node_id FROM path)
    UNION ALL
    SELECT grid_id, coalesce(parent_id, park_id), level + 1, park_id, name_zh, name_zh
    FROM grids
    WHERE coalesce(parent_id, park_id) IN (SELECT node_id FROM path) OR grid_id IN (SELECT node_id FROM path)
)
SELECT n.*
FROM (
    SELECT DISTINCT
        c.node_id,
        c.parent_node_id,
        c.depth::INTEGER AS depth,
        c.park_id,
        c.name_zh,
        c.name_en,
        c.node_id IN (SELECT node_id FROM path) AS on_path
    FROM choices AS c
) AS n
LEFT JOIN parks AS pk ON pk.park_id = n.park_id
ORDER BY n.depth, pk.sort_order NULLS LAST, n.park_id, n.node_id
