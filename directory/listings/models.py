"""The directory's records, named after Open Referral UK / HSDS 3.0 where it has the concept.

Organization 1-n Service; Service n-n Location through service_at_location;
Service n-n Area (service_area) and n-n Category (service_category).
"""
from __future__ import annotations

import enum
from collections.abc import Container
from dataclasses import dataclass
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory import opening
from directory.core import dial, new_id, utcnow
from directory.extensions import db, text_enum
from directory.geo.models import Area
from directory.geo.postcodes import outward_code


class ServiceStatus(str, enum.Enum):
    """HSDS service.status values."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"
    TEMPORARILY_CLOSED = "temporarily closed"


class DeliveryMode(str, enum.Enum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    PHONE = "phone"


# How each delivery mode is shown, in this order, on pages, filters and forms.
MODE_LABELS = {
    DeliveryMode.IN_PERSON.value: _l("In person"),
    DeliveryMode.ONLINE.value: _l("Online"),
    DeliveryMode.PHONE.value: _l("Phone or text"),
}


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

service_area = db.Table(
    "service_area",
    db.Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    db.Column("area_id", ForeignKey("area.id", ondelete="CASCADE"), primary_key=True),
)

service_category = db.Table(
    "service_category",
    db.Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    db.Column("category_id", ForeignKey("category.id", ondelete="CASCADE"), primary_key=True),
)

service_at_location = db.Table(
    "service_at_location",
    db.Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    db.Column("location_id", ForeignKey("location.id", ondelete="CASCADE"), primary_key=True),
)


class Category(db.Model):
    """A taxonomy term in plain English, e.g. "Drugs and alcohol"."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    # Words people type for this need; indexed with every service in the category.
    keywords: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<Category {self.slug}>"


class Organization(db.Model):
    """Who runs one or more services."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(254))
    # Demo data is made up; the site says so on every page that shows it.
    is_fictional: Mapped[bool] = mapped_column(default=False)

    services: Mapped[list[Service]] = relationship(back_populates="organization")


class Location(db.Model):
    """Where a service happens. Confidential locations are never shown exactly."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), default="")
    address_1: Mapped[str] = mapped_column(String(200), default="")
    address_2: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    accessibility: Mapped[str] = mapped_column(Text, default="")
    confidential: Mapped[bool] = mapped_column(default=False)
    area_id: Mapped[str | None] = mapped_column(ForeignKey("area.id"))

    area: Mapped[Area | None] = relationship()

    __table_args__ = (
        CheckConstraint("latitude IS NULL OR (latitude BETWEEN -90 AND 90)", name="latitude_range"),
        CheckConstraint(
            "longitude IS NULL OR (longitude BETWEEN -180 AND 180)", name="longitude_range"
        ),
    )


class Service(db.Model):
    """A youth service or support group: the thing people search for."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organization.id"))
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[ServiceStatus] = mapped_column(
        text_enum(ServiceStatus),
        default=ServiceStatus.ACTIVE,
    )
    minimum_age: Mapped[int | None]
    maximum_age: Mapped[int | None]
    eligibility_description: Mapped[str] = mapped_column(Text, default="")
    is_free: Mapped[bool] = mapped_column(default=True)
    fees_description: Mapped[str] = mapped_column(Text, default="")
    # Comma-separated DeliveryMode values, e.g. "in_person,phone".
    delivery_modes: Mapped[str] = mapped_column(String(40), default="in_person")
    # Comma-separated language names, e.g. "English,Polish".
    languages: Mapped[str] = mapped_column(String(300), default="en")  # ISO 639 codes
    county_wide: Mapped[bool] = mapped_column(default=False)
    # Who pays for it, e.g. "VVU" for the Violence and Vulnerability Unit.
    commissioned_by: Mapped[str | None] = mapped_column(String(40))
    assured_date: Mapped[date | None]
    assurer_email: Mapped[str | None] = mapped_column(String(254))
    # For a listing that came from another directory's feed: which feed, and when
    # that directory last checked it (shown on the page beside our own check).
    source_feed: Mapped[str | None] = mapped_column(String(100))
    source_checked: Mapped[date | None]
    alert: Mapped[str] = mapped_column(Text, default="")
    schedule_notes: Mapped[str] = mapped_column(Text, default="")
    # Most services close on bank holidays (the county pack's bank_holidays.toml).
    open_on_bank_holidays: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Safeguarding assurance, required for services that work with under-18s.
    safeguarding_policy: Mapped[bool] = mapped_column(default=False)
    staff_dbs_checked: Mapped[bool] = mapped_column(default=False)
    safeguarding_lead: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Bumped on every change; a submission made against an older version conflicts.
    version: Mapped[int] = mapped_column(default=1)

    organization: Mapped[Organization] = relationship(back_populates="services")
    areas: Mapped[list[Area]] = relationship(secondary=service_area, order_by=Area.name)
    categories: Mapped[list[Category]] = relationship(
        secondary=service_category, order_by=Category.sort_order
    )
    locations: Mapped[list[Location]] = relationship(secondary=service_at_location)
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    phones: Mapped[list[Phone]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Phone.position"
    )
    schedules: Mapped[list[Schedule]] = relationship(
        back_populates="service",
        cascade="all, delete-orphan",
        order_by="(Schedule.weekday, Schedule.opens_at)",
    )

    __table_args__ = (
        Index("ix_service_slug", "slug"),
        CheckConstraint(
            "minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age",
            name="age_range",
        ),
    )

    @property
    def modes(self) -> list[str]:
        return [m for m in self.delivery_modes.split(",") if m]

    @property
    def language_codes(self) -> list[str]:
        """ISO 639 codes (directory/listings/languages.py names them)."""
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def is_public(self) -> bool:
        """Only active services appear on public pages and in the index."""
        return self.status == ServiceStatus.ACTIVE

    @property
    def works_with_under_18s(self) -> bool:
        return self.minimum_age is None or self.minimum_age < 18

    @property
    def safeguarding_assured(self) -> bool:
        return (
            self.safeguarding_policy and self.staff_dbs_checked and bool(self.safeguarding_lead)
        )

    @property
    def vvu_commissioned(self) -> bool:
        return (self.commissioned_by or "").upper() == "VVU"

    def permission_areas(self) -> set[str] | None:
        """Area slugs for officer scoping; None for a county-wide listing."""
        return None if self.county_wide else {a.slug for a in self.areas}

    def accepts_age(self, age: int) -> bool:
        low = self.minimum_age if self.minimum_age is not None else 0
        high = self.maximum_age if self.maximum_age is not None else 200
        return low <= age <= high

    @property
    def weekly_slots(self) -> tuple[opening.Slot, ...]:
        """(weekday, opens, closes) in minutes since midnight, as directory/opening.py reads them."""
        return tuple(slot.slot for slot in self.schedules)

    @property
    def closes_on_bank_holidays(self) -> bool:
        return not self.open_on_bank_holidays

    def opening_status(self, moment: datetime,
                       bank_holidays: Container[date] = frozenset()) -> opening.OpeningStatus:
        """Open at ``moment`` (local time) or not, and when that changes."""
        return opening.opening_status(self.weekly_slots, moment,
                                      closed_on_bank_holidays=self.closes_on_bank_holidays,
                                      bank_holidays=bank_holidays)


class Contact(db.Model):
    """A named person or role to ask for."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(254))

    service: Mapped[Service] = relationship(back_populates="contacts")


class Phone(db.Model):
    """A number to call or text, with what it is for ("Text SHOUT to")."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(40))
    # HSDS phone.type: voice, text, textphone ...
    type: Mapped[str] = mapped_column(String(20), default="voice")
    description: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(default=0)

    service: Mapped[Service] = relationship(back_populates="phones")

    @property
    def dial(self) -> str:
        """The number as a tel:/sms: target: digits and a leading + only."""
        return dial(self.number)


class Schedule(db.Model):
    """One weekly opening slot, e.g. Tuesday 18:00-21:00 (HSDS schedule, simplified)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    weekday: Mapped[int]  # 0 = Monday ... 6 = Sunday
    opens_at: Mapped[time]
    closes_at: Mapped[time]

    service: Mapped[Service] = relationship(back_populates="schedules")

    __table_args__ = (CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),)

    @property
    def slot(self) -> opening.Slot:
        return (self.weekday, self.opens_at.hour * 60 + self.opens_at.minute,
                self.closes_at.hour * 60 + self.closes_at.minute)

    def is_open_at(self, moment: datetime, bank_holidays: Container[date] = frozenset()) -> bool:
        """Is this slot open at ``moment`` (local time)? Past midnight it is open the next
        morning; on ``bank_holidays`` it opens only if its service opens on them."""
        closed = self.service is None or self.service.closes_on_bank_holidays
        return opening.is_open((self.slot,), moment, closed_on_bank_holidays=closed, bank_holidays=bank_holidays)


@dataclass(frozen=True)
class PublicLocation:
    """What the public may see of a location. Pages, the index and the API use only this."""

    name: str
    address_lines: tuple[str, ...]
    city: str
    postal_code: str
    latitude: float | None
    longitude: float | None
    accessibility: str
    confidential: bool


# Two decimal places is roughly a kilometre: enough to sort by distance,
# not enough to find a refuge's door.
CONFIDENTIAL_COORD_DECIMALS = 2


def public_location(location: Location) -> PublicLocation:
    """Redact a confidential location to its town and postcode district."""
    if not location.confidential:
        return PublicLocation(
            name=location.name,
            address_lines=tuple(p for p in (location.address_1, location.address_2) if p),
            city=location.city,
            postal_code=location.postal_code,
            latitude=location.latitude,
            longitude=location.longitude,
            accessibility=location.accessibility,
            confidential=False,
        )

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, CONFIDENTIAL_COORD_DECIMALS)

    return PublicLocation(
        name="",
        address_lines=(),
        city=location.city,
        postal_code=outward_code(location.postal_code),
        latitude=rounded(location.latitude),
        longitude=rounded(location.longitude),
        accessibility="",
        confidential=True,
    )
