"""Aggregate counts: one row per combination of coarse fields per day, never per person."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from directory.extensions import db


class SearchCount(db.Model):
    """How many searches had these fields on this day."""

    __tablename__ = "insight_search"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    area: Mapped[str] = mapped_column(String(100), primary_key=True)  # an area slug, or not-given
    need: Mapped[str] = mapped_column(String(100), primary_key=True)  # a category slug, or not-recognised
    age_band: Mapped[str] = mapped_column(String(10), primary_key=True)  # "" when no age was given
    language: Mapped[str] = mapped_column(String(10), primary_key=True)
    channel: Mapped[str] = mapped_column(String(5), primary_key=True)  # site or api
    results: Mapped[str] = mapped_column(String(5), primary_key=True)  # none, few (1 to 4) or many
    count: Mapped[int] = mapped_column(Integer, default=0)


class ServiceCount(db.Model):
    """How many times a service's page was shown, or its website or e-mail followed, on a day."""

    __tablename__ = "insight_service"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    service_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)  # view or contact
    count: Mapped[int] = mapped_column(Integer, default=0)
