"""All UI text goes through Qt's translation: English sources, Chinese zh_CN translation."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import patrol_app.ui
from patrol_app.ui.app import TRANSLATIONS, compiled_translation

TS_FILE = TRANSLATIONS / "patrol_app_zh_CN.ts"
# A clause of the spec ("(11.3.4)", "（12.3.6）") or a requirement ID ("W-6", "P-5"): for the
# code and the docs, never on screen.
SPEC_REFERENCE = re.compile(r"[(（]\s*\d+(\.\d+)+\s*[)）]|\b[A-Z]-\d+\b")


def _messages(ts_file: Path) -> dict[str, str | None]:
    """source -> translation, None while unfinished."""
    return {
        message.findtext("source"): (
            None if message.find("translation").get("type") else message.findtext("translation")
        )
        for message in ET.parse(ts_file).iter("message")
    }


def test_every_ui_string_is_translated(tmp_path: Path) -> None:
    """pyside6-lupdate over the UI sources finds nothing new, unfinished or vanished."""
    updated = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, updated)
    sources = sorted(Path(patrol_app.ui.__file__).parent.rglob("*.py"))
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    subprocess.run(
        [lupdate, *map(str, sources), "-no-obsolete", "-locations", "none", "-ts", str(updated)],
        check=True,
        capture_output=True,
    )
    found = _messages(updated)
    assert [source for source, text in found.items() if not text] == []
    assert found == _messages(TS_FILE)


def test_qm_is_rebuilt_when_missing_or_older(tmp_path: Path) -> None:
    ts_file = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, ts_file)
    qm_file = compiled_translation(ts_file)
    assert qm_file == ts_file.with_suffix(".qm") and qm_file.stat().st_size > 0
    old = qm_file.stat().st_mtime - 10
    os.utime(qm_file, (old, old))
    inode = qm_file.stat().st_ino
    assert compiled_translation(ts_file).stat().st_mtime > old
    # A new file renamed over the old one, never the old one rewritten: a running
    # workstation maps the .qm it loaded (it fell back to English when it was rewritten).
    assert qm_file.stat().st_ino != inode
    assert {path.name for path in tmp_path.iterdir()} == {ts_file.name, qm_file.name}


def test_no_spec_clause_number_on_screen() -> None:
    """Issue 11 point 8: the operator reads what to do, not where the spec says it."""
    shown = [text for pair in _messages(TS_FILE).items() for text in pair if text]
    assert [text for text in shown if SPEC_REFERENCE.search(text)] == []
