"""How pages are fetched: one downloader component per module, their refusals, the
failure→reason table, and the crawler's User-Agent."""
