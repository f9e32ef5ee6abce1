"""File formats that commands read and write: PAN text-alignment XML (`pan`) and brat standoff for
attributions (`brat`). The scorers that compare against them live in `newstrace.evaluate`."""
