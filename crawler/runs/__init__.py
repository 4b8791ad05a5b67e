"""One crawl or re-parse from start to verdict: session, progress, manifest, exit status."""
