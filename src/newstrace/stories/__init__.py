"""Stories: articles grouped into news stories as they arrive, and the measures that score such groupings."""
