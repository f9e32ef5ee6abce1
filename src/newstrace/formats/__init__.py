"""File formats that commands read and write: PAN text-alignment XML (`pan`), brat standoff for attributions
(`brat`) and ACLED's event CSV (`acled`). The scorers that compare against them live in `newstrace.evaluate`."""
