"""Privacy rules, one concern to a module: `erasure` (erasing a participant completely),
`retention` (erasing closed cases after the retention time), `export` (the complete export for a
formal request) and `record` (the record of processing: what is stored, why, on what legal
basis, for whom and how long)."""
