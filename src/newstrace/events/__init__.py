"""Conflict events: sentences that report an event (ACLED's types and sub-types), their fields each with the span
and claim chain that backs it, and mentions from many articles merged into events with copies collapsed.

Modules: `records` (the typed records every part shares), `extract` (mentions and fields from an article),
`places` (the offline gazetteer and place resolution), `merge` (mentions into events, copies collapsed),
`sources` (an event's independent sources, its toll under ACLED's rule, its discrepancies),
`stage` (the stored stage that runs after ingest)."""
