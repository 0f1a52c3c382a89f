"""The patrol editors over a real PatrolModel and PatrolStore (migrated SQLite file), with an
injected clock: the patrol lists and their history (P-1, P-2), weather warnings (P-3), the
checklists (P-4, supervisors only). The equipment inspection (P-8): test_inspection_dialog.py."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TypeVar

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
)
from pytestqt.qtbot import QtBot

from patrol_app.domain.checklists import ChecklistItem
from patrol_app.domain.patrols import (
    BEIJING,
    ListEntry,
    SectionKey,
    SiteType,
    WarningLevel,
    WeatherKind,
)
from patrol_app.store.patrols import PatrolStore
from patrol_app.ui.patrols.checklist_editor import CODE, LABEL, LIST_ROLE, ChecklistEditor
from patrol_app.ui.patrols.list_entries import CAMERA_NUM_ROLE, DAILY, KEY, NAME, SITE, SITE_ROLE
from patrol_app.ui.patrols.lists_dialog import PatrolListsDialog
from patrol_app.ui.patrols.model import PatrolModel
from patrol_app.ui.widgets.beijing_time import to_qdatetime
from tests.ui.patrol_helpers import (
    G4,
    LEGUANG_TUNNEL,
    OPERATOR,
    T0,
    THREE,
    Clock,
    loaded,
)

W = TypeVar("W", bound=QObject)

G0423 = SectionKey("G0423", "乐广段")
CAMERAS = [*THREE, LEGUANG_TUNNEL]


@pytest.fixture
def model(qtbot: QtBot, patrol_model: PatrolModel) -> PatrolModel:
    """The model with this file's cameras on the lists, and its first snapshot."""
    return loaded(qtbot, patrol_model, CAMERAS)


def child(parent: QObject, kind: type[W], name: str) -> W:
    found = parent.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} {name}"
    return found


# The patrol lists.


def cell(table: QTableView, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole):
    """What the row shown at ``row`` holds in ``column``, for ``role``."""
    return table.model().index(row, column).data(role)


def ticked(table: QTableView, row: int, column: int) -> Qt.CheckState:
    return Qt.CheckState(cell(table, row, column, Qt.ItemDataRole.CheckStateRole))


def tick(table: QTableView, row: int, column: int, state: Qt.CheckState) -> None:
    """As a click on the check box does."""
    index = table.model().index(row, column)
    assert table.model().setData(index, state.value, Qt.ItemDataRole.CheckStateRole)


def bold(table: QTableView, row: int) -> bool:
    font = cell(table, row, NAME, Qt.ItemDataRole.FontRole)
    return font is not None and font.bold()


def shown_rows(table: QTableView) -> list[str]:
    """The camera numbers of the rows shown (those the filter keeps)."""
    return [cell(table, row, NAME, CAMERA_NUM_ROLE) for row in range(table.model().rowCount())]


def row_of(table: QTableView, number: str) -> int:
    return shown_rows(table).index(number)


def choose_site(table: QTableView, row: int, site: SiteType) -> None:
    """As the operator does: open the site cell's combo box, choose, commit."""
    table.edit(table.model().index(row, SITE))
    editor = table.indexWidget(table.model().index(row, SITE))
    assert isinstance(editor, QComboBox) and editor.objectName() == "siteEditor"
    assert editor.count() == len(SiteType)
    assert editor.currentData() == cell(table, row, SITE, SITE_ROLE)
    editor.setCurrentIndex(editor.findData(site.value))
    table.commitData(editor)
    table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def test_a_site_changed_to_ramp_and_key_is_one_list_change_by_the_operator(
    qtbot: QtBot, model: PatrolModel, patrol_store: PatrolStore, patrol_clock: Clock
) -> None:
    """P-2: the operator makes a mainline camera a ramp camera; it goes on the key list with
    it, and Save writes that one camera's change, with who, when and why."""
    dialog = PatrolListsDialog(model)
    qtbot.addWidget(dialog)
    table: QTableView = child(dialog, QTableView, "listTable")
    save: QPushButton = child(dialog, QPushButton, "saveLists")
    assert table.model().rowCount() == 4 and not save.isEnabled()
    m1 = row_of(table, "m1")
    assert cell(table, m1, SITE, SITE_ROLE) == SiteType.MAINLINE.value
    assert ticked(table, m1, KEY) == Qt.CheckState.Unchecked

    choose_site(table, m1, SiteType.RAMP)
    assert cell(table, m1, SITE) == SiteType.RAMP.label
    assert ticked(table, m1, KEY) == Qt.CheckState.Checked  # a ramp is a key site
    assert bold(table, m1)  # changed, not saved
    # Ticking and unticking another camera is no change.
    p1 = row_of(table, "p1")
    tick(table, p1, DAILY, Qt.CheckState.Unchecked)
    tick(table, p1, DAILY, Qt.CheckState.Checked)
    assert dialog.changed_entries() == {"m1": ListEntry(SiteType.RAMP, True, True, since=T0)}
    assert save.isEnabled()

    patrol_clock.now = T0 + timedelta(minutes=5)
    child(dialog, QLineEdit, "changeNote").setText("新建互通立交匝道")
    save.click()
    history: QTableView = child(dialog, QTableView, "listHistory")
    qtbot.waitUntil(lambda: history.model().rowCount() == 5)  # 4 joined + 1 change

    changes = patrol_store.lists.list_history("m1")
    assert [(c.site, c.daily, c.key, c.changed_by) for c in changes][-1] == (
        SiteType.RAMP, True, True, OPERATOR,
    )  # fmt: skip
    assert changes[-1].changed_at == patrol_clock.now and changes[-1].note == "新建互通立交匝道"
    assert len(patrol_store.lists.list_history()) == 5  # only the changed camera was written
    assert patrol_store.lists.list_entries()["m1"] == ListEntry(SiteType.RAMP, True, True, since=T0)
    assert dialog.changed_entries() == {} and not save.isEnabled()
    assert not bold(table, m1)
    # The history shows the newest first: who changed what, when, why.
    newest = [cell(history, 0, column) for column in range(history.model().columnCount())]
    assert newest[0] == "2025-06-10 09:05" and newest[1] == CAMERAS[0].name
    assert newest[2] == SiteType.RAMP.label and newest[5:] == [OPERATOR, "新建互通立交匝道"]
    qtbot.waitUntil(lambda: model.snapshot.entries["m1"].site is SiteType.RAMP)


def test_the_filter_and_undo(qtbot: QtBot, model: PatrolModel, patrol_store: PatrolStore) -> None:
    dialog = PatrolListsDialog(model)
    qtbot.addWidget(dialog)
    table: QTableView = child(dialog, QTableView, "listTable")
    child(dialog, QLineEdit, "listFilter").setText("隧道")
    assert set(shown_rows(table)) == {"t1", "t2"}
    child(dialog, QLineEdit, "listFilter").setText("乐广 隧道")
    assert len(shown_rows(table)) == 1
    child(dialog, QLineEdit, "listFilter").clear()
    assert len(shown_rows(table)) == 4

    tick(table, row_of(table, "t1"), KEY, Qt.CheckState.Unchecked)
    assert set(dialog.changed_entries()) == {"t1"}
    child(dialog, QPushButton, "revertLists").click()
    assert dialog.changed_entries() == {}
    assert ticked(table, row_of(table, "t1"), KEY) == Qt.CheckState.Checked
    assert len(patrol_store.lists.list_history()) == 4


# Weather warnings.


def test_a_warning_is_added_then_ended_now(
    qtbot: QtBot, model: PatrolModel, patrol_store: PatrolStore, patrol_clock: Clock
) -> None:
    """P-3: an orange rainstorm warning on G0423 from now, open-ended; later ended now."""
    dialog = PatrolListsDialog(model)
    qtbot.addWidget(dialog)
    warnings: QTableView = child(dialog, QTableView, "warningTable")
    section: QComboBox = child(dialog, QComboBox, "warningSection")
    assert [section.itemText(i) for i in range(section.count())] == [str(G0423), str(G4)]
    level: QComboBox = child(dialog, QComboBox, "warningLevel")
    assert level.currentData() == WarningLevel.ORANGE
    section.setCurrentIndex(0)
    kind: QComboBox = child(dialog, QComboBox, "warningKind")
    kind.setCurrentIndex(kind.findData(WeatherKind.RAINSTORM.value))

    # An end before the start is refused, nothing is written.
    has_end: QCheckBox = child(dialog, QCheckBox, "warningHasEnd")
    end: QDateTimeEdit = child(dialog, QDateTimeEdit, "warningEnd")
    has_end.setChecked(True)
    end.setDateTime(to_qdatetime(T0 - timedelta(hours=1)))
    child(dialog, QPushButton, "addWarning").click()
    assert dialog.warning_from_form() is None
    assert child(dialog, QLabel, "warningStatus").text()
    has_end.setChecked(False)

    child(dialog, QPushButton, "addWarning").click()
    qtbot.waitUntil(lambda: warnings.model().rowCount() == 1)
    [stored] = patrol_store.weather.warnings()
    assert stored.warning.section == G0423 and stored.warning.level is WarningLevel.ORANGE
    assert stored.warning.kind is WeatherKind.RAINSTORM
    assert stored.warning.starts_at == T0 and stored.warning.ends_at is None
    assert stored.recorded_by == OPERATOR
    assert cell(warnings, 0, 0) == str(G0423)
    assert cell(warnings, 0, 3) == "2025-06-10 09:00"
    assert cell(warnings, 0, 0, Qt.ItemDataRole.FontRole).bold()  # orange: severe
    # The tunnel on G0423 now looks for the rain/fog/typhoon items too (12.2.3 a).
    qtbot.waitUntil(lambda: model.snapshot is not None and bool(model.snapshot.warnings))
    assert "flooding" in {item.code for item in model.snapshot.checklist_for("t2")}

    end_now: QPushButton = child(dialog, QPushButton, "endWarning")
    assert not end_now.isEnabled()
    warnings.selectRow(0)
    assert end_now.isEnabled()
    patrol_clock.now = T0 + timedelta(hours=3)
    end_now.click()
    qtbot.waitUntil(lambda: warnings.model().rowCount() == 0)
    [ended] = patrol_store.weather.warnings()
    assert ended.warning.ends_at == patrol_clock.now


def test_a_warning_with_its_end(
    qtbot: QtBot, model: PatrolModel, patrol_store: PatrolStore
) -> None:
    dialog = PatrolListsDialog(model)
    qtbot.addWidget(dialog)
    child(dialog, QComboBox, "warningLevel").setCurrentIndex(3)  # red
    kind: QComboBox = child(dialog, QComboBox, "warningKind")
    kind.setCurrentIndex(kind.findData(WeatherKind.FREEZING.value))
    start: QDateTimeEdit = child(dialog, QDateTimeEdit, "warningStart")
    start.setDateTime(to_qdatetime(T0 + timedelta(minutes=30)))
    child(dialog, QCheckBox, "warningHasEnd").setChecked(True)
    child(dialog, QDateTimeEdit, "warningEnd").setDateTime(to_qdatetime(T0 + timedelta(hours=8)))
    child(dialog, QPushButton, "addWarning").click()
    qtbot.waitUntil(lambda: child(dialog, QTableView, "warningTable").model().rowCount() == 1)
    [stored] = patrol_store.weather.warnings()
    assert stored.warning.section == G0423  # the first section
    assert stored.warning.level is WarningLevel.RED and stored.warning.kind is WeatherKind.FREEZING
    assert stored.warning.starts_at == datetime(2025, 6, 10, 9, 30, tzinfo=BEIJING)
    assert stored.warning.ends_at == datetime(2025, 6, 10, 17, 0, tzinfo=BEIJING)


# Checklists.


def list_node(tree: QTreeWidget, key: str) -> QTreeWidgetItem:
    for index in range(tree.topLevelItemCount()):
        node = tree.topLevelItem(index)
        if node.data(LABEL, LIST_ROLE) == key:
            return node
    raise AssertionError(key)


def codes(node: QTreeWidgetItem) -> list[str]:
    return [node.child(row).text(CODE) for row in range(node.childCount())]


def test_a_supervisor_saves_a_new_checklist_version(
    qtbot: QtBot, model: PatrolModel, patrol_store: PatrolStore, patrol_clock: Clock
) -> None:
    """P-4: a supervisor adds an item to the tunnel list, removes one from the toll plaza,
    renames one everywhere; saving makes version 2, and the model follows."""
    editor = ChecklistEditor(model, supervisor=True)
    qtbot.addWidget(editor)
    tree: QTreeWidget = child(editor, QTreeWidget, "checklistTree")
    save: QPushButton = child(editor, QPushButton, "saveChecklist")
    assert editor.version == 1 and "1" in child(editor, QLabel, "checklistVersion").text()
    assert not child(editor, QLabel, "checklistReadOnly").isVisibleTo(editor)
    assert child(editor, QPushButton, "saveChecklist").isVisibleTo(editor)
    assert tree.topLevelItemCount() == len(SiteType) + 2 and not save.isEnabled()
    tunnel = list_node(tree, "site:tunnel")
    assert codes(tunnel)[:3] == ["collapse", "accident", "fire"]

    tree.setCurrentItem(tunnel.child(0))  # an item selects its list
    child(editor, QLineEdit, "newItemLabel").setText("落石")  # a new item: a code of its own
    child(editor, QPushButton, "addItem").click()
    assert codes(tunnel)[-1] == "custom_1" and save.isEnabled() and editor.dirty
    assert tunnel.child(tunnel.childCount() - 1).text(LABEL) == "落石"
    # A known name is the known item: the same code (and meaning) as in the other lists.
    tree.setCurrentItem(list_node(tree, "site:viaduct"))
    child(editor, QLineEdit, "newItemLabel").setText("交通阻塞")
    child(editor, QPushButton, "addItem").click()
    assert list_node(tree, "site:viaduct").child(3).text(CODE) == "congestion"

    toll = list_node(tree, "site:toll_plaza")
    tree.setCurrentItem(toll.child(1))
    child(editor, QPushButton, "removeItem").click()
    assert codes(toll) == ["accident"]
    # Renaming an item renames it in every list that has its code.
    tunnel.child(1).setText(LABEL, "交通事故（含二次事故）")
    assert list_node(tree, "site:mainline").child(2).text(LABEL) == "交通事故（含二次事故）"

    patrol_clock.now = T0 + timedelta(minutes=10)
    with qtbot.waitSignal(model.changed):
        save.click()
    qtbot.waitUntil(lambda: editor.version == 2)
    version, book = patrol_store.checklists.checklist()
    assert version == 2
    assert book.site_list(SiteType.TUNNEL).items[-1] == ChecklistItem("custom_1", "落石")
    assert [item.code for item in book.items_for(SiteType.TOLL_PLAZA)] == ["accident"]
    assert book.label("accident") == "交通事故（含二次事故）"
    assert book.site_list(SiteType.SERVICE_RAMP).note  # the notes are kept
    assert not editor.dirty and not save.isEnabled()
    assert "2" in child(editor, QLabel, "checklistVersion").text()
    qtbot.waitUntil(lambda: model.snapshot.checklist_version == 2)
    assert model.snapshot.checklist == book


def test_an_invalid_edit_is_shown_and_cannot_be_saved(
    qtbot: QtBot, model: PatrolModel, patrol_store: PatrolStore
) -> None:
    editor = ChecklistEditor(model, supervisor=True)
    qtbot.addWidget(editor)
    tree: QTreeWidget = child(editor, QTreeWidget, "checklistTree")
    ramp = list_node(tree, "site:ramp")
    tree.setCurrentItem(ramp)
    child(editor, QLineEdit, "newItemLabel").setText("交通事故")  # the ramp has it already
    child(editor, QPushButton, "addItem").click()
    assert child(editor, QLabel, "checklistStatus").text() == "“交通事故”已在此清单中"
    assert ramp.childCount() == 5 and not editor.dirty
    toll = list_node(tree, "site:toll_plaza")
    while toll.childCount():
        tree.setCurrentItem(toll.child(0))
        child(editor, QPushButton, "removeItem").click()
    assert "没有检查项" in child(editor, QLabel, "checklistProblem").text()
    assert not child(editor, QPushButton, "saveChecklist").isEnabled()
    editor.save()  # refused as well
    child(editor, QPushButton, "discardChecklist").click()
    assert child(editor, QLabel, "checklistProblem").text() == ""
    assert not editor.dirty
    assert list_node(tree, "site:toll_plaza").childCount() == 2
    assert patrol_store.checklists.checklist()[0] == 1


def test_the_checklists_show_names_not_codes(qtbot: QtBot, model: PatrolModel) -> None:
    """Issue 11 point 8: the supervisor reads and types the items' Chinese names; the codes
    that tie an item to the emergency plans stay behind them."""
    editor = ChecklistEditor(model, supervisor=True)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    tree: QTreeWidget = child(editor, QTreeWidget, "checklistTree")
    assert tree.isColumnHidden(CODE) and not tree.isColumnHidden(LABEL)
    assert tree.header().sectionSize(LABEL) >= tree.viewport().width() - 1
    mainline = list_node(tree, "site:mainline")
    assert [mainline.child(row).text(LABEL) for row in range(3)] == ["坍塌", "山体滑坡", "交通事故"]
    assert editor.findChild(QLineEdit, "newItemCode") is None
    typed = [edit for edit in editor.findChildren(QLineEdit) if edit.isVisible()]
    assert [edit.objectName() for edit in typed] == ["newItemLabel"]
    assert re.search("[A-Za-z]", typed[0].placeholderText()) is None


def test_a_non_supervisor_sees_the_checklists_read_only(
    qtbot: QtBot, model: PatrolModel, patrol_store: PatrolStore
) -> None:
    editor = ChecklistEditor(model, supervisor=False)
    qtbot.addWidget(editor)
    tree: QTreeWidget = child(editor, QTreeWidget, "checklistTree")
    assert child(editor, QLabel, "checklistReadOnly").isVisibleTo(editor)
    assert not child(editor, QPushButton, "saveChecklist").isVisibleTo(editor)
    assert not child(editor, QPushButton, "addItem").isVisibleTo(editor)
    mainline = list_node(tree, "site:mainline")
    assert mainline.childCount() == 10
    assert not mainline.child(0).flags() & Qt.ItemFlag.ItemIsEditable
    tree.setCurrentItem(mainline.child(0))
    editor.remove_item()
    editor.add_item()
    editor.save()
    assert mainline.childCount() == 10 and not editor.dirty
    assert patrol_store.checklists.checklist()[0] == 1


def test_choosing_the_same_site_again_keeps_the_operators_key_choice(
    qtbot: QtBot, model: PatrolModel
) -> None:
    """The key list follows a new site; re-choosing the site does not undo a manual untick,
    and a camera moved off a key site leaves the key list unless ticked again."""
    dialog = PatrolListsDialog(model)
    qtbot.addWidget(dialog)
    table: QTableView = child(dialog, QTableView, "listTable")
    t1 = row_of(table, "t1")
    tick(table, t1, KEY, Qt.CheckState.Unchecked)
    choose_site(table, t1, SiteType.TUNNEL)
    assert ticked(table, t1, KEY) == Qt.CheckState.Unchecked
    choose_site(table, t1, SiteType.MAINLINE)
    choose_site(table, t1, SiteType.CONSTRUCTION)
    assert dialog.changed_entries() == {
        "t1": ListEntry(SiteType.CONSTRUCTION, True, True, since=T0)
    }
    choose_site(table, t1, SiteType.TOLL_PLAZA)
    assert dialog.changed_entries()["t1"].key is False
