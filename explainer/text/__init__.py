"""Text helpers and the lexicons: the only place word lists live."""
