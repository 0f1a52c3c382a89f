"""Patrol records (P-1..P-8, F-1..F-3), one repository per concern on one database: lists,
warnings and checklists, rounds and checks, events, faults and work orders, handovers,
equipment inspections, retention. Append-only (docs/PATROLS.md)."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from patrol_app.store.events import EventRepository
from patrol_app.store.faults import FaultRepository
from patrol_app.store.handovers import HandoverRepository
from patrol_app.store.history import HistoryRepository
from patrol_app.store.inspections import InspectionRepository
from patrol_app.store.lists import ChecklistRepository, ListRepository, WarningRepository
from patrol_app.store.reports import ReportRepository
from patrol_app.store.retention import RetentionRepository
from patrol_app.store.rounds import RoundRepository
from patrol_app.store.work_orders import WorkOrderRepository


class PatrolStore:
    """The patrol records' repositories, on the sessions of one database."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.lists = ListRepository(sessions)
        self.weather = WarningRepository(sessions)
        self.checklists = ChecklistRepository(sessions)
        self.rounds = RoundRepository(sessions)
        self.events = EventRepository(sessions)
        self.faults = FaultRepository(sessions)
        self.work_orders = WorkOrderRepository(sessions)
        self.handovers = HandoverRepository(sessions)
        self.inspections = InspectionRepository(sessions)
        self.retention = RetentionRepository(sessions)
        self.reports = ReportRepository(sessions)  # period reads of the reports (C)
        self.history = HistoryRepository(sessions)
