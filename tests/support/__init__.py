"""Test doubles shared by the test suites (local servers that speak real wire protocols)."""
