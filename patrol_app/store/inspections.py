"""Equipment inspections (P-8)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select

from patrol_app.domain.inspections import InspectionArea
from patrol_app.domain.records import InspectionView
from patrol_app.store.models import EquipmentInspection
from patrol_app.store.patrol_base import PatrolRepository, dump, utc


class InspectionRepository(PatrolRepository):
    """Equipment inspections (P-8)."""

    def record_inspection(
        self,
        operator: str,
        results: Mapping[InspectionArea, tuple[bool, str]],
        *,
        note: str,
        now: datetime,
    ) -> int:
        encoded = {area.value: [bool(ok), text] for area, (ok, text) in results.items()}
        with self._write() as session:
            row = EquipmentInspection(at=now, operator=operator, results=dump(encoded), note=note)
            session.add(row)
            session.flush()
            return row.id

    def inspections(self, start: datetime, end: datetime) -> list[InspectionView]:
        """Inspections made in [start, end), oldest first."""
        with self._read() as session:
            rows = session.scalars(
                select(EquipmentInspection)
                .where(EquipmentInspection.at >= start, EquipmentInspection.at < end)
                .order_by(EquipmentInspection.at, EquipmentInspection.id)
            )
            return [
                InspectionView(
                    row.id,
                    utc(row.at),
                    row.operator,
                    {
                        InspectionArea(area): (bool(ok), str(text))
                        for area, (ok, text) in json.loads(row.results).items()
                    },
                    row.note,
                )
                for row in rows
            ]
