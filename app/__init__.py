"""The dashboard's pages (layout only): `dashboard.py` is the entry point; everything shown comes from `pipeline`."""
