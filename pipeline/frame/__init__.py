"""Store: the events file on disk — reading and writing it in every format (`io`), Arrow tables and the batched
Parquet writer (`arrow`), and the analysts' curations kept in SQLite and re-applied to every build (`curation`).
"""
