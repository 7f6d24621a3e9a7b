"""Prefect flows: thin orchestration over the ``timeline`` library."""
