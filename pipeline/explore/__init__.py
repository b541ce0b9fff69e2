"""Explore: what the dashboard and the CLI exports show — the filtered events, in memory or scanned from Parquet
(`query`), the filter state (`filters`), tables and panels (`views`), figures (`charts`), and the chart,
events and briefing exports (`exports`).
"""
