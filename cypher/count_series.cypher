MATCH (s:Series)
RETURN count(s) AS total
