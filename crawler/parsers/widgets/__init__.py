"""The blocks after the article: segmenting them by their cues, and one parser per widget kind."""
