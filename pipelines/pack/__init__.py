"""The board pack's parts (outputs layer, beside `pipelines/report.py`, which puts them
together): `summary` (what moved, RAG counts, targets), `sections` (one family's story: headline,
chart with comparators, reading, commentary, definition), `svg` (hand-written inline charts with
direct labels) and `pdf` (printing with headless Chromium)."""
