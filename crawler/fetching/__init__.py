"""Downloader components: robots.txt policy, retries and back-off, the same-host rule."""
