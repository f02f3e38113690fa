MATCH (v:Video {id: $id})
SET v.status = $status, v.progress = $progress, v.step = $step, v.error = $error, v.errorCode = $errorCode
RETURN v.id AS id
