"""Strawberry GraphQL for power users and dashboards (mounted at `/graphql`)."""
