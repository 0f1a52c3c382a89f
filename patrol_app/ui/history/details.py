"""The details pane of the history window: the selected record whole, as HTML for a
read-only text browser (an event with its handling steps, a fault with its state, what a
handover handed over, an inspection's areas, a patrol record's text)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QTextBrowser, QWidget

from patrol_app.domain.faults import Clock, FaultRecord
from patrol_app.domain.history import HistoryKind, HistoryRow
from patrol_app.domain.inspections import CameraCheck
from patrol_app.domain.records import (
    CheckView,
    EventView,
    HandoverView,
    PatrolRecord,
)
from patrol_app.history.search import InspectionRecord, RecordDetail
from patrol_app.ui.widgets.beijing_time import beijing_datetime


def _fields(pairs: Sequence[tuple[str, str]]) -> str:
    rows = "".join(
        f"<tr><th align='left' valign='top'>{escape(label)}</th>"
        f"<td>{escape(value).replace(chr(10), '<br>')}</td></tr>"
        for label, value in pairs
        if value
    )
    return f"<table cellspacing='4'>{rows}</table>"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th align='left'>{escape(header)}</th>" for header in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{body}</table>"


def _when(at: datetime | None) -> str:
    return beijing_datetime(at)


class RecordDetails(QTextBrowser):
    """Shows one record whole (``show_record``), or a line of text (``show_text``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDetails")
        self.setOpenLinks(False)
        self.show_text(self.tr("Select a record to see it whole."))

    def show_text(self, text: str) -> None:
        self.setHtml(f"<p>{escape(text)}</p>")

    def show_record(self, row: HistoryRow, record: RecordDetail) -> None:
        line = f"-{row.line}" if row.line else ""  # a camera's line of an inspection
        title = f"{row.kind.label} #{row.id}{line}"
        body = DetailTexts(self).of(row, record)
        self.setHtml(f"<h3>{escape(title)}</h3>{body}")


class DetailTexts(QObject):
    """The HTML of each kind of record (its own QObject for the translated labels)."""

    def of(self, row: HistoryRow, record: RecordDetail) -> str:
        if isinstance(record, CheckView):
            return self._check(row, record)
        if isinstance(record, EventView):
            return self._event(record)
        if isinstance(record, FaultRecord):
            return self._fault(record)
        if isinstance(record, HandoverView):
            return self._handover(record)
        if isinstance(record, InspectionRecord) and row.kind is HistoryKind.CAMERA_INSPECTION:
            return self._camera_line(record)
        if isinstance(record, InspectionRecord):
            return self._inspection(record)
        return self._patrol_record(record)

    def _camera(self, name: str, number: str, pile: str) -> list[tuple[str, str]]:
        return [
            (self.tr("Camera"), name),
            (self.tr("Camera number"), number),
            (self.tr("Pile"), pile),
        ]

    def _check(self, row: HistoryRow, check: CheckView) -> str:
        correction = ""
        if check.corrects is not None:
            correction = self.tr("This check corrects check #{id}; both are kept.").format(
                id=check.corrects
            )
        corrected = ""
        if row.corrected_by is not None:
            corrected = self.tr("Corrected later by check #{id}.").format(id=row.corrected_by)
        return _fields(
            [
                (self.tr("Correction"), correction),
                (self.tr("Corrected"), corrected),
                *self._camera(check.camera_name, check.camera_num, check.pile),
                (self.tr("Result"), check.outcome.label),
                (self.tr("Checked at"), _when(check.checked_at)),
                (self.tr("Operator"), check.operator),
                (self.tr("Items marked"), "、".join(check.items)),
                (self.tr("Note"), check.note),
                (self.tr("Snapshot"), check.snapshot),
                (self.tr("Presets shown"), "、".join(str(p) for p in check.presets)),
                (self.tr("Round"), "" if check.round_id is None else str(check.round_id)),
                (self.tr("Checklist version"), str(check.checklist_version)),
            ]
        )

    def _event(self, event: EventView) -> str:
        state = self.tr("Closed") if event.closed else self.tr("Being handled")
        fields = _fields(
            [
                *self._camera(event.camera_name, event.camera_num, event.pile),
                (self.tr("State"), state),
                (self.tr("Found at"), _when(event.opened_at)),
                (self.tr("Found by"), event.opened_by),
                (self.tr("Items marked"), "、".join(event.items)),
                (self.tr("Note"), event.note),
                (self.tr("Snapshot"), event.snapshot),
            ]
        )
        steps = [
            [_when(step.at), step.kind.label, step.detail, step.operator] for step in event.steps
        ]
        headers = [self.tr("Time"), self.tr("Step"), self.tr("Detail"), self.tr("Operator")]
        if not steps:
            none = self.tr("No handling step recorded.")
            return fields + f"<p>{escape(none)}</p>"
        title = self.tr("Handling steps")
        return fields + f"<h4>{escape(title)}</h4>" + _table(headers, steps)

    def _fault(self, fault: FaultRecord) -> str:
        fields = _fields(
            [
                *self._camera(fault.camera_name, fault.camera_num, fault.pile),
                (self.tr("Fault"), fault.kind.label),
                (self.tr("State"), fault.state.label),
                (self.tr("Registered at"), _when(fault.registered_at)),
                (self.tr("Registered by"), fault.registered_by),
                (self.tr("Registered from"), fault.origin.label),
                (self.tr("Response due"), self._clock(fault.response)),
                (self.tr("Repair due"), self._clock(fault.repair)),
                (self.tr("Note"), fault.note),
            ]
        )
        changes = [
            [_when(change.at), change.state.label, change.note, change.operator]
            for change in fault.transitions
        ]
        if not changes:
            return fields
        title = self.tr("Changes of state")
        headers = [self.tr("Time"), self.tr("State"), self.tr("Note"), self.tr("Operator")]
        return fields + f"<h4>{escape(title)}</h4>" + _table(headers, changes)

    def _clock(self, clock: Clock) -> str:
        """The deadline and whether it was met (the history judges no running clock: the
        fault list does, with the time left)."""
        due = _when(clock.due_at)
        if clock.met is None:
            return due
        done = self.tr("met") if clock.met else self.tr("missed")
        return f"{due}（{done}）"

    def _handover(self, handover: HandoverView) -> str:
        content = handover.content
        waiting = self.tr("Not yet accepted")
        fields = _fields(
            [
                (self.tr("Handed over at"), _when(handover.created_at)),
                (self.tr("Outgoing"), handover.outgoing),
                (self.tr("Incoming"), handover.incoming or waiting),
                (self.tr("Accepted at"), _when(handover.accepted_at)),
                (self.tr("Duties"), content.duties),
                (self.tr("Equipment condition"), content.equipment_condition),
            ]
        )
        events = [
            [_when(e.opened_at), e.pile, e.camera_name, "、".join(e.items)]
            for e in content.open_events
        ]
        faults = [
            [_when(f.found_at), f.pile, f.camera_name, f.kind.label] for f in content.open_faults
        ]
        headers = [self.tr("Time"), self.tr("Pile"), self.tr("Camera"), self.tr("What")]
        parts = [fields]
        for title, rows in ((self.tr("Open events"), events), (self.tr("Open faults"), faults)):
            if rows:
                parts.append(f"<h4>{escape(title)}</h4>" + _table(headers, rows))
        return "".join(parts)

    def _inspection(self, record: InspectionRecord) -> str:
        inspection = record.inspection
        areas = [
            [area.label, self.tr("Normal") if ok else self.tr("Abnormal"), text]
            for area, (ok, text) in inspection.results.items()
        ]
        counted = ""
        if inspection.cameras:
            counted = self.tr("{cameras} checked, {failed} with a problem").format(
                cameras=inspection.cameras, failed=inspection.failed_cameras
            )
        fields = _fields(
            [
                (self.tr("Inspected at"), _when(inspection.at)),
                (self.tr("Operator"), inspection.operator),
                (self.tr("Cameras"), counted),
                (self.tr("Note"), inspection.note),
            ]
        )
        headers = [self.tr("Area"), self.tr("Result"), self.tr("Detail")]
        parts = [fields, _table(headers, areas)]
        failed = [
            [
                camera.camera.pile,
                camera.camera.name,
                "、".join(check.label for check in CameraCheck if check in camera.failed),
                camera.note,
                camera.handling,
            ]
            for camera in record.cameras
            if camera.failed
        ]
        if failed:
            title = self.tr("Cameras with a problem")
            headers = [
                self.tr("Pile"),
                self.tr("Camera"),
                self.tr("Checks failed"),
                self.tr("Note"),
                self.tr("Handling"),
            ]
            parts.append(f"<h4>{escape(title)}</h4>" + _table(headers, failed))
        return "".join(parts)

    def _camera_line(self, record: InspectionRecord) -> str:
        """A camera's line of the inspection: every Appendix C check answered as the table
        answers it (是/否), its note, picture and handling."""
        inspection = record.inspection
        parts = [
            _fields(
                [
                    (self.tr("Inspected at"), _when(inspection.at)),
                    (self.tr("Operator"), inspection.operator),
                ]
            )
        ]
        for camera in record.cameras:
            basics = camera.camera
            parts.append(
                _fields(
                    [
                        *self._camera(basics.name, basics.camera_num, basics.pile),
                        (self.tr("Facility"), basics.facility),
                        (self.tr("Note"), camera.note),
                        (self.tr("Picture"), camera.picture),
                        (self.tr("Handling"), camera.handling),
                    ]
                )
            )
            checks = [[check.group, check.label, camera.answer(check)] for check in CameraCheck]
            headers = [self.tr("Group"), self.tr("Check"), self.tr("Answer")]
            parts.append(_table(headers, checks))
        return "".join(parts)

    def _patrol_record(self, record: PatrolRecord) -> str:
        period = f"{_when(record.period_start)} – {_when(record.period_end)}"
        return _fields(
            [
                (self.tr("Patrol period"), period),
                (self.tr("Personnel"), record.personnel),
                (self.tr("Equipment condition"), record.equipment_condition),
                (self.tr("Handover pile"), record.handover_pile),
                (self.tr("Road anomalies found"), record.anomalies),
                (self.tr("Emergency handling"), record.handling),
                (self.tr("Recorded at"), _when(record.recorded_at)),
            ]
        )
