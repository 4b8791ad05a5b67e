"""Item pipelines: dedup → validate → write (into the crawl session's run folder)."""
