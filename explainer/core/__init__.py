"""The bottom layer: settings, errors, logs, metrics, the safe fetcher, the embedded runtime.
Imports nothing else of ours."""
