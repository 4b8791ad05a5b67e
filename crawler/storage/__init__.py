"""What a crawl leaves on disk: the run folder (crash-safe JSONL, WARC, manifest) and the state."""
