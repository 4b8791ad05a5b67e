"""What a researcher runs on a dataset: load, check, dataframes, Parquet, the HTML report.

``from crawler.research import LoadReport, load, to_pandas`` is the loading API.
"""

from crawler.research.dataframes import to_pandas
from crawler.research.load import DatasetError, LoadReport, load, load_dicts

__all__ = ["DatasetError", "LoadReport", "load", "load_dicts", "to_pandas"]
