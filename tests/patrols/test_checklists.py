"""The checklist editor's rule (P-4) without a display: an item is added by its name."""

from __future__ import annotations

from patrol_app.patrols.checklists import item_code

LISTED = [("fire", "火灾"), ("custom_1", "落石"), ("accident", "交通事故")]


def test_a_known_name_is_that_item() -> None:
    assert item_code("火灾", LISTED) == "fire"
    assert item_code("落石", LISTED, {"custom_2"}) == "custom_1"


def test_a_new_name_gets_a_code_no_item_has() -> None:
    assert item_code("团雾", []) == "custom_1"
    assert item_code("团雾", LISTED) == "custom_2"
    # A code of the recorded book stays taken though no list of the tree has it any more.
    assert item_code("团雾", LISTED, {"custom_2", "custom_3"}) == "custom_4"
