"""The article record: title, header (byline, dates, premium box), captions, body, related
links, fields from metadata; :mod:`.record` puts them together."""
