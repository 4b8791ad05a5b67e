"""The article record: title, header (byline, dates, caption, premium box), body, related links."""
