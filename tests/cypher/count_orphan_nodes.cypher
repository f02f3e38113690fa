// Nodes with no relationship at all, by label: after a deletion there should be none
MATCH (n)
WHERE NOT (n)--()
RETURN labels(n)[0] AS label, count(n) AS count
ORDER BY label
