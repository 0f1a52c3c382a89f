"""The checklist editor's rule (P-4): a supervisor adds an item by its name. A name some list
has already is that item (its code, hence the plans it starts); a new name gets a new code."""

from __future__ import annotations

from collections.abc import Iterable

NEW_CODE = "custom_{number}"  # the code of an item added under a new name


def item_code(label: str, items: Iterable[tuple[str, str]], recorded: Iterable[str] = ()) -> str:
    """The code of the item called ``label``: the one an item of ``items`` (code, label) has
    under that name, else ``custom_<n>``, the first that no item of ``items`` and no code of
    the ``recorded`` book has."""
    listed = list(items)
    for code, name in listed:
        if name == label:
            return code
    used = {code for code, _name in listed} | set(recorded)
    number = 1
    while NEW_CODE.format(number=number) in used:
        number += 1
    return NEW_CODE.format(number=number)
