"""The restartable Parquet dataset: written on Dask, read back, exported.

Its public modules, each imported on first use (Dask and pyarrow cost seconds):

* :mod:`.scale` -- ``annotate_dataset``: a corpus of any size annotated on Dask into a dataset;
* :mod:`.worker` -- one batch annotated on a Dask worker (or in this process), and what the worker needs;
* :mod:`.store`, :mod:`.layout`, :mod:`.snapshot` -- the commit protocol, the files on disk, a consistent read;
* :mod:`.version` -- what a dataset was annotated with (lexicon, engine, event model), and why a run is refused;
* :mod:`.source` -- ``open_tables``, ``read_tables``, ``write_tables``: a source of tables decided once by
  what is on disk (a dataset, a folder of CSV or Parquet tables, a corpus), read back or written at once;
* :mod:`.read` -- a dataset read back (one committed state, its corrections applied);
* :mod:`.export` -- ``export_xlsx``: the tables as an Excel workbook.
"""
__all__ = ["export", "layout", "read", "scale", "snapshot", "source", "store", "version", "worker"]
