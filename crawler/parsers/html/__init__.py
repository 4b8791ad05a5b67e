"""From page bytes to what the rules read: decoding, the lxml tree and its chrome, metadata,
visible lines."""
