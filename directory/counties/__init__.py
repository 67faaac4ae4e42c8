"""County packs: everything that makes Signpost one county's site, kept as data.

A pack is a folder (``directory/counties/<name>/``, or any path named by the
``COUNTY`` setting) holding ``county.toml`` (settings), ``areas.csv`` (the
councils), ``postcode_districts.csv`` and ``places.csv`` (small place tables
computed from open data, so a fresh clone has postcode and town search) and a
``SOURCE.md`` saying where each file came from. ``pack.load_pack`` reads and
checks one; ``making.make_place_tables`` computes the place tables for a new one.
"""
