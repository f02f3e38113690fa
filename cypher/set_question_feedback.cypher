MATCH (q:Question {id: $id})
SET q.helpful = $helpful, q.comment = $comment, q.feedbackAt = $feedbackAt
RETURN q.id AS id
