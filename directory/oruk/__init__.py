"""Open Referral UK in and out: the 3.0 API, import and export."""
