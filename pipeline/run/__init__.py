"""Run the build: in memory (`memory.build`, one events frame), streamed to a file in bounded memory
(`stream.build_to_file`), the per-article stages on local processes or Dask (`workers`), and the incremental
cache of processed articles (`cache`); the dashboard's rebuild in a child process (`background`). `pipeline.build` is the entry point callers use.
"""
