"""Text, dates and URLs: the normal forms every record field is written in."""
