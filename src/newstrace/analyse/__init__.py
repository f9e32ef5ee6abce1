"""Analysis of single articles: the spaCy pipeline, attribution (who said what, through whom)."""
