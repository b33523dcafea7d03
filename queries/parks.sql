-- The parks of the zone, in the order the article names them.
-- Parameters: none
SELECT park_id, name_zh, name_en, lon, lat
FROM parks
ORDER BY CASE park_id WHEN 'wuli' THEN 1 WHEN 'andong' THEN 2 WHEN 'food' THEN 3 WHEN 'sanchuang' THEN 4 ELSE 5 END
