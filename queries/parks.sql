-- The parks of the zone, in their sort_order (the article's order; a park without one last, by park_id).
-- Parameters: none
-- access: aggregate
SELECT park_id, name_zh, name_en, lon, lat, sort_order
FROM parks
ORDER BY sort_order NULLS LAST, park_id
