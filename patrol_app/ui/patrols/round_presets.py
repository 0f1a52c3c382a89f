"""The preset patrol of the camera a round is on (Z-5, spec 12.3.3b): its first patrol runs as
soon as the camera is shown, so that the check covers every important view; the box says which
preset is on and how many were seen, and lets the operator move to the next preset, pick
another patrol, stop it or run it again. Confirming the camera stops it, the camera staying
where it is; the check's record keeps the presets seen."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from patrol_app.domain.tours import NamedPresetPatrol, PatrolKey
from patrol_app.ui.preset_patrols import Goto, PresetPatrolPlayer, PresetPatrolSource


class PresetPatrolBox(QGroupBox):
    """Hidden unless the current camera has preset patrols; without a ``source`` and a
    ``goto`` (the PTZ control's preset recall) a camera is shown as it points."""

    failed = Signal(str)  # the preset patrols could not be read (for the operator)

    def __init__(
        self,
        source: PresetPatrolSource | None,
        goto: Goto | None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Preset patrol"), parent, objectName="presetPatrol")
        self._source = source
        self._goto = goto
        self._monotonic = monotonic
        self._camera: str | None = None  # the camera whose patrols are offered
        self._choices: list[NamedPresetPatrol] = []
        self._player: PresetPatrolPlayer | None = None
        self._covered: list[int] = []  # presets the camera was sent to

        self._chooser = QComboBox(objectName="presetPatrolName")
        self._chooser.activated.connect(self._run)
        self._label = QLabel(objectName="presetPatrolLabel")
        self._label.setStyleSheet("font-weight: bold;")
        self._seen = QLabel(objectName="presetPatrolCovered")
        self._next = QPushButton(self.tr("Next preset (Ctrl+Right)"), objectName="nextPreset")
        self._next.clicked.connect(self.next_preset)
        self._toggle = QPushButton(objectName="togglePresetPatrol")
        self._toggle.clicked.connect(self.toggle)
        self._chooser.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._chooser.setMinimumContentsLength(6)  # a long name does not widen the panel
        for button in (self._next, self._toggle):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter stays the panel's
        # Compact: the patrol and how many of its presets were seen; the preset on; the keys.
        self._label.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setVerticalSpacing(2)
        grid.addWidget(self._chooser, 0, 0)
        grid.addWidget(self._seen, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self._label, 1, 0, 1, 2)
        grid.addWidget(self._next, 2, 0)
        grid.addWidget(self._toggle, 2, 1)
        grid.setColumnStretch(0, 1)
        self.hide()

    @property
    def player(self) -> PresetPatrolPlayer | None:
        """The preset patrol running on the camera, None when none runs."""
        player = self._player
        return player if player is not None and player.running else None

    @property
    def covered(self) -> tuple[int, ...]:
        """The presets the camera was sent to, in that order."""
        return tuple(self._covered)

    def show_camera(self, camera_num: str | None) -> None:
        """A new camera (None: none): its patrols are read, and the first one runs."""
        self.stop()
        self._camera = camera_num
        self._choices = []
        self._covered = []
        self._show()
        if camera_num is None or self._source is None or self._goto is None:
            return
        self._source.load(
            [camera_num],
            on_done=partial(self._loaded, camera_num),
            on_error=lambda error: self.failed.emit(
                self.tr("Cannot read the preset patrols: {error}").format(error=error)
            ),
        )

    def next_preset(self) -> None:
        if self.player is not None:
            self.player.skip()

    def toggle(self) -> None:
        """Stop the running patrol, or run the chosen one (again)."""
        if self.player is not None:
            self.stop()
            self._show()
        elif self._choices:
            self._run(self._chooser.currentIndex())

    def stop(self) -> None:
        """The camera stays where it is."""
        player, self._player = self._player, None
        if player is not None:
            player.stop()
            player.deleteLater()

    def _loaded(self, camera_num: str, patrols: dict[PatrolKey, NamedPresetPatrol]) -> None:
        if camera_num != self._camera:
            return  # confirmed meanwhile
        self._choices = [patrol for key, patrol in patrols.items() if key[0] == camera_num]
        self._chooser.clear()
        self._chooser.addItems([patrol.name for patrol in self._choices])
        if self._choices:
            self._run(0)
        else:
            self._show()

    def _run(self, index: int) -> None:
        if not 0 <= index < len(self._choices) or self._goto is None:
            return
        self.stop()
        self._chooser.setCurrentIndex(index)
        player = PresetPatrolPlayer(
            self._choices[index], goto=self._goto, clock=self._monotonic, parent=self
        )
        player.preset_changed.connect(self._called)
        self._player = player
        player.start()

    def _called(self, number: int, _text: str) -> None:
        if number not in self._covered:
            self._covered.append(number)
        self._show()

    def _show(self) -> None:
        self.setVisible(bool(self._choices))
        self._chooser.setEnabled(len(self._choices) > 1)
        player = self.player
        self._next.setEnabled(player is not None)
        if player is None:
            self._label.setText(self.tr("Stopped: the camera stays where it is."))
            self._toggle.setText(self.tr("Run again"))
            return
        self._toggle.setText(self.tr("Stop"))
        self._label.setText(player.text)
        distinct = {step.preset for step in player.patrol.steps}
        self._seen.setText(
            self.tr("Presets seen: {seen} of {total}").format(
                seen=len(distinct.intersection(self._covered)), total=len(distinct)
            )
        )
