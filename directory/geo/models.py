"""Places: the council areas a county is made of, and the open-data place tables
(full postcodes, postcode districts and named places)."""
from __future__ import annotations

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from directory.core import new_id
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


class Area(db.Model):
    """A council area the site covers (the county pack's areas.csv): a district or a unitary."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    ons_code: Mapped[str] = mapped_column(String(9), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    official_name: Mapped[str] = mapped_column(String(200))
    authority_type: Mapped[str] = mapped_column(String(60))
    # Postcode districts (outward codes) mostly inside this area, e.g. "CM1;CM2".
    postcode_districts: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"<Area {self.slug}>"
