"""A coded event: the record the relations component makes and the rows are written from."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Relation:
    """One coded event over tokens [start, end) of the doc; its trigger over [trigger_start, trigger_end)."""

    sent: int
    start: int
    end: int
    trigger_start: int
    trigger_end: int
    source: list[str]
    target: list[str]
    event_type: str
    mode: str | None
    context: str | None
    cameo: str | None
    status: str
    claim: int | None
    date: str | None
    quad_class: int | None = None
    score: float | None = None
    goldstein: float | None = None
    location: tuple[int, int] | None = None  # tokens of the place where it happened ("met in Bamako")
    location_country: str | None = None
