"""cwscrape: turn computerworld.dk pages into typed, research-grade JSON Lines records."""

__version__ = "0.1.0"

# Bump when a parser change alters output for the same input; stored on every record.
PARSER_VERSION = "2026.11.2"
# Bump when a record type gains, loses or changes a field.
SCHEMA_VERSION = "1"
