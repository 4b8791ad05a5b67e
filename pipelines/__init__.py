"""Item pipelines: validate → dedup → crash-safe JSON Lines writer (with the run manifest)."""
