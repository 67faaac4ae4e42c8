"""Cleaning what Open Referral UK feeds send, one value at a time.

Every cleaning function returns a ``Cleaned(value, notes)``: the value to store (None,
"" or [] when nothing usable is left) and short notes on what was changed. A note
starting "refused" means a value was there but could not be used. Nothing here
raises on odd input, reads Flask request state or touches the database. The id
helpers (``feed_key``, ``record_uuid``, ``is_rfc4122``...) return plain values.
``parse_timestamp`` needs the time zone naive times are in: pass the county pack's
(``app.config["TIMEZONE"]``); the code names no place.
"""
from directory.oruk.cleaning.base import DESCRIPTION_LIMIT, NAME_LIMIT, URL_LIMIT, Cleaned
from directory.oruk.cleaning.contact import PhoneNumber, clean_email, clean_phone, clean_url, format_uk_number
from directory.oruk.cleaning.records import (
    HSDS_STATUSES,
    NAMESPACE,
    TaxonomyTerm,
    audience_terms,
    clean_ages,
    clean_postcode,
    clean_status,
    delivery_modes,
    feed_key,
    is_rfc4122,
    is_uuid_shaped,
    normalise_id,
    parse_date,
    parse_timestamp,
    record_uuid,
    taxonomy_term,
)
from directory.oruk.cleaning.text import clean_text, html_to_text, summary_from

__all__ = [
    "DESCRIPTION_LIMIT", "HSDS_STATUSES", "NAME_LIMIT", "NAMESPACE", "URL_LIMIT", "Cleaned", "PhoneNumber",
    "TaxonomyTerm", "audience_terms", "clean_ages", "clean_email", "clean_phone", "clean_postcode",
    "clean_status", "clean_text", "clean_url", "delivery_modes", "feed_key", "format_uk_number",
    "html_to_text", "is_rfc4122", "is_uuid_shaped", "normalise_id", "parse_date", "parse_timestamp",
    "record_uuid", "summary_from", "taxonomy_term",
]
