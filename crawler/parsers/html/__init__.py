"""From page bytes to what the rules read: decoding, the lxml tree, metadata, visible lines."""
