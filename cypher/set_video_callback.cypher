MATCH (v:Video {id: $id})
SET v.callbackStatus = $status, v.callbackAt = $at, v.callbackError = $error, v.callbackHttpStatus = $httpStatus
RETURN v.id AS id
