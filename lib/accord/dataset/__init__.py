"""The restartable Parquet dataset: written on Dask, read back, exported.

Its public modules, each imported on first use (Dask and pyarrow cost seconds):

* :mod:`.scale` -- ``annotate_dataset``: a corpus of any size annotated on Dask into a dataset;
* :mod:`.store`, :mod:`.layout`, :mod:`.snapshot` -- the commit protocol, the files on disk, a consistent read;
* :mod:`.read` -- ``read_tables``: a dataset or a folder of tables back into validated frames;
* :mod:`.export` -- ``export_xlsx``: the tables as an Excel workbook.
"""
__all__ = ["export", "layout", "read", "scale", "snapshot", "store"]
