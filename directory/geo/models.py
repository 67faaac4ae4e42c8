"""Open-data place tables: full postcodes, postcode districts and named places."""
from __future__ import annotations

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from directory.extensions import db


class Postcode(db.Model):
    """A live full postcode (OS Code-Point Open), e.g. "CM20 1AB"."""

    postcode: Mapped[str] = mapped_column(String(8), primary_key=True)
    outcode: Mapped[str] = mapped_column(String(4))
    latitude: Mapped[float]
    longitude: Mapped[float]
    lad_code: Mapped[str] = mapped_column(String(9), default="")


class PostcodeDistrict(db.Model):
    """The centroid of a postcode district (outward code), e.g. "CM1"."""

    outcode: Mapped[str] = mapped_column(String(4), primary_key=True)
    latitude: Mapped[float]
    longitude: Mapped[float]
    lad_code: Mapped[str] = mapped_column(String(9), default="")
    lad_name: Mapped[str] = mapped_column(String(100), default="")


class Place(db.Model):
    """A town or village from the GeoNames gazetteer (a county pack's places.csv)."""

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(120))
    # Lower-case, punctuation-free form used for matching ("clacton on sea").
    key: Mapped[str] = mapped_column(String(120))
    outcode: Mapped[str] = mapped_column(String(4))
    county: Mapped[str] = mapped_column(String(80), default="")
    latitude: Mapped[float]
    longitude: Mapped[float]

    __table_args__ = (Index("ix_place_key", "key"),)
