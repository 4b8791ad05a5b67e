"""Shared test helpers: crawl runs in subprocesses, JSON Lines reading, a headless browser."""
