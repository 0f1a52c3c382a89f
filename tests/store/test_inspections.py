"""Equipment inspections (P-8)."""

from __future__ import annotations

from datetime import timedelta

from patrol_app.domain.inspections import InspectionArea
from patrol_app.store.patrols import PatrolStore
from tests.store.patrol_helpers import NOW, OPERATOR

# Equipment inspection (P-8).


def test_inspections_are_kept_with_their_results(store: PatrolStore) -> None:
    results = {
        InspectionArea.SOFTWARE: (True, "服务正常"),
        InspectionArea.NETWORK: (False, "丢包率 3%"),
    }
    late = store.inspections.record_inspection(
        "值班员乙", {}, note="", now=NOW + timedelta(hours=8)
    )
    first = store.inspections.record_inspection(OPERATOR, results, note="网络已报修", now=NOW)
    listed = store.inspections.inspections(NOW, NOW + timedelta(hours=8))
    assert len(listed) == 1
    assert (listed[0].id, listed[0].at, listed[0].operator) == (first, NOW, OPERATOR)
    assert (listed[0].results, listed[0].note) == (results, "网络已报修")
    everything = store.inspections.inspections(NOW, NOW + timedelta(days=1))
    assert [item.id for item in everything] == [first, late]
