"""Where article URLs come from: robots.txt sitemaps, RSS feeds, listing pages."""
