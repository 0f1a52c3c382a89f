"""Pile numbers K<km>+<m> (N-2, E-C2 pileNum)."""

import pytest

from patrol_app.domain.config_json import json_shown
from patrol_app.domain.pile import PileNumber, PileNumberError


@pytest.mark.parametrize(
    ("text", "km", "m"),
    [
        ("K1844+158", 1844, 158),
        ("  k100+050 ", 100, 50),
        ("K0+000", 0, 0),
        ("K12+5", 12, 5),
    ],
)
def test_parse_accepts_pile_numbers_n2(text: str, km: int, m: int) -> None:
    """N-2: K<km>+<m>, tolerating whitespace and a lowercase k."""
    pile = PileNumber.parse(text)
    assert (pile.km, pile.m) == (km, m)


@pytest.mark.parametrize("text", ["", "K12", "K12+", "K12+1000", "X1+2", "1844+158", "K-1+000"])
def test_parse_rejects_garbage_with_expected_form_n2(text: str) -> None:
    """N-2: the message is Chinese, shows the expected form and quotes the bad text."""
    with pytest.raises(PileNumberError) as caught:
        PileNumber.parse(text)
    assert "K<公里>+<米>" in str(caught.value)
    assert json_shown(text) in str(caught.value)


@pytest.mark.parametrize("value", [None, 1844, b"K1+000"])
def test_parse_rejects_non_strings_n2(value: object) -> None:
    with pytest.raises(PileNumberError, match="K<公里>"):
        PileNumber.parse(value)  # type: ignore[arg-type]


def test_message_example_n2() -> None:
    with pytest.raises(PileNumberError) as caught:
        PileNumber.parse("K12+")
    assert str(caught.value) == '桩号格式应为 K<公里>+<米>，如 K1844+158，收到 "K12+"'


def test_str_zero_pads_metres_n2() -> None:
    assert str(PileNumber(1844, 158)) == "K1844+158"
    assert str(PileNumber(100, 50)) == "K100+050"
    assert str(PileNumber(7, 0)) == "K7+000"


def test_str_parse_round_trip_n2() -> None:
    for pile in (PileNumber(0, 0), PileNumber(100, 50), PileNumber(1844, 999)):
        assert PileNumber.parse(str(pile)) == pile


def test_order_follows_the_road_n2() -> None:
    piles = [PileNumber(12, 5), PileNumber(1, 999), PileNumber(12, 0), PileNumber(2, 0)]
    assert sorted(piles) == [
        PileNumber(1, 999),
        PileNumber(2, 0),
        PileNumber(12, 0),
        PileNumber(12, 5),
    ]
    assert PileNumber(1, 999) < PileNumber(2, 0)


def test_metres_n2() -> None:
    assert PileNumber(1844, 158).metres == 1_844_158
    assert PileNumber(0, 7).metres == 7


@pytest.mark.parametrize(("km", "m"), [(-1, 0), (1, 1000), (1, -1), (True, 0), (1, 2.5)])
def test_constructor_rejects_out_of_range_n2(km: object, m: object) -> None:
    with pytest.raises(PileNumberError, match="桩号"):
        PileNumber(km, m)  # type: ignore[arg-type]
