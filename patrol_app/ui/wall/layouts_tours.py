"""The operator's wall layouts and tours (W-5): read from their preferences at start, saved,
opened and deleted from the Wall and Tours menus, a tour run across the wall the operator
used last. The store works in the task runner."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from patrol_app.domain.layouts import WallLayout
from patrol_app.domain.tours import Tour, TourError
from patrol_app.store.database import DatabaseError
from patrol_app.store.preferences import PreferenceStore
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.wall.tour_dialog import TourDialog
from patrol_app.ui.wall.walls import Walls

log = logging.getLogger(__name__)

Loaded = tuple[list[WallLayout], list[Tour], WallLayout | None]


class LayoutsAndTours(QObject):
    """Keeps the operator's layouts and tours, the walls' tours and the menus that list them
    up to date; ``loaded`` once the first reading is in (or failed)."""

    loaded = Signal()
    message = Signal(str)  # for the status bar

    def __init__(
        self,
        preferences: PreferenceStore,
        runner: TaskRunner,
        walls: Walls,
        *,
        clock: Callable[[], datetime],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._preferences = preferences
        self._runner = runner
        self._walls = walls
        self._clock = clock
        self._window = parent
        self._layouts: list[WallLayout] = []
        self._tours: list[Tour] = []
        self._last_layout: WallLayout | None = None
        self._readings = 0  # the readings asked for: only the last one's answer counts
        self._menus: list[tuple[QMenu, Callable[[], list[str]], Callable[[str], None]]] = []

    @property
    def layouts(self) -> list[WallLayout]:
        return list(self._layouts)

    @property
    def tours(self) -> list[Tour]:
        return list(self._tours)

    @property
    def last_layout(self) -> WallLayout | None:
        """The layout the operator used last, as read at start."""
        return self._last_layout

    def add_layout_actions(self, wall_menu: QMenu) -> None:
        """Save layout…, Open layout and Delete layout, into the Wall menu."""
        save = wall_menu.addAction(self.tr("Save layout…"), self.ask_layout_name)
        save.setObjectName("saveLayout")
        self._add_menu(wall_menu.addMenu(self.tr("Open layout")), self._layout_names, self.load)
        self._add_menu(
            wall_menu.addMenu(self.tr("Delete layout")), self._layout_names, self.delete_layout
        )

    def add_tours_menu(self, tours: QMenu) -> None:
        tours.addAction(self.tr("New tour…"), self.new_tour).setObjectName("newTour")
        self._add_menu(
            tours.addMenu(self.tr("Tour across the wall")), self._tour_names, self.tour_on_wall
        )
        tours.addAction(self.tr("Stop tours"), lambda: self._walls.active.stop_tours())
        self._add_menu(tours.addMenu(self.tr("Delete tour")), self._tour_names, self.delete_tour)

    def reload(self) -> None:
        """Read the layouts and tours again. Readings run side by side (two quick saves):
        one that a later reading overtakes is dropped, lest it undo what came later."""
        store = self._preferences
        self._readings += 1
        reading = self._readings
        self._runner.run(
            lambda: (store.layouts(), store.tours(), store.last_layout()),
            on_done=lambda loaded: self._loaded(reading, loaded),
            on_error=self._failed,
            expected=(DatabaseError,),
        )

    def save_layout(self, name: str) -> None:
        """Save the main wall as the layout ``name`` (replacing one of that name)."""
        layout = self._walls.main.saved_as(name)
        self._store(self._preferences.save_layout, layout, self._clock())

    def load(self, name: str) -> None:
        layout = next(layout for layout in self._layouts if layout.name == name)
        self._walls.main.apply(layout)
        self._store(self._preferences.mark_used, name, self._clock())

    def delete_layout(self, name: str) -> None:
        self._store(self._preferences.delete_layout, name)

    def save_tour(self, tour: Tour) -> None:
        self._store(self._preferences.save_tour, tour, self._clock())

    def delete_tour(self, name: str) -> None:
        self._store(self._preferences.delete_tour, name)

    def new_tour(self) -> TourDialog:
        """Open the dialog that makes a tour; it is saved when the operator accepts."""
        walls = self._walls
        dialog = TourDialog(walls.cameras, self._window, preset_patrols=walls.preset_patrols)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.save_tour(dialog.tour()))
        dialog.open()
        return dialog

    def tour_on_wall(self, name: str) -> None:
        """Run the tour ``name`` across the active wall, page by page."""
        tour = next(tour for tour in self._tours if tour.name == name)
        try:
            self._walls.active.start_tour(tour)
        except TourError as error:
            self.message.emit(str(error))

    def ask_layout_name(self) -> None:
        dialog = QInputDialog(self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(self.tr("Save layout"))
        dialog.setLabelText(self.tr("Layout name:"))
        dialog.textValueSelected.connect(self._layout_named)
        dialog.open()

    def _layout_named(self, name: str) -> None:
        if name.strip():
            self.save_layout(name.strip())
        else:
            self.message.emit(self.tr("Layout not saved: type a name for it."))

    def _store(self, change: Callable[..., None], *args: object) -> None:
        """Change the preferences off the GUI thread, then read them again."""
        self._runner.run(
            change,
            *args,
            on_done=lambda _: self.reload(),
            on_error=self._failed,
            expected=(DatabaseError,),
        )

    def _loaded(self, reading: int, loaded: Loaded) -> None:
        if reading != self._readings:
            return  # a later reading is on its way
        self._layouts, self._tours, self._last_layout = loaded
        self._walls.set_tours(self._tours)
        self._fill_menus()
        self.loaded.emit()

    def _failed(self, error: DatabaseError) -> None:
        log.error("%s", error)
        self.message.emit(str(error))
        self.loaded.emit()

    def _layout_names(self) -> list[str]:
        return [layout.name for layout in self._layouts]

    def _tour_names(self) -> list[str]:
        return [tour.name for tour in self._tours]

    def _add_menu(
        self, menu: QMenu, names: Callable[[], list[str]], act: Callable[[str], None]
    ) -> None:
        self._menus.append((menu, names, act))
        _fill(menu, names(), act)

    def _fill_menus(self) -> None:
        for menu, names, act in self._menus:
            _fill(menu, names(), act)


def _fill(menu: QMenu, names: list[str], act: Callable[[str], None]) -> None:
    menu.clear()
    for name in names:
        menu.addAction(name, partial(act, name))
    menu.setEnabled(bool(names))
