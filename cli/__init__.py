"""The composition root: the `explainer` command wires settings, stores, the API and workers."""
