"""What a researcher runs on a dataset: load, check, dataframes, Parquet, the HTML report."""
