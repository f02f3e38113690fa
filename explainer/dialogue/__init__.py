"""Dialogue understanding shared by analysis and explain: who a mention in a line refers to."""
