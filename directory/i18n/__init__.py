"""The site in the county's languages: which locales ship, the language in the URL,
and the gettext catalogues (compiled when they change)."""
