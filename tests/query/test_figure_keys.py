"""The ledger's reading of one figure: attribute, period, value role, rounding interval."""
from __future__ import annotations

import math

import pytest

from dossier.query import figure_keys as keys


@pytest.mark.parametrize("figure, attribute, period", [
    ({"attribute": "Jahresumsatz", "kind": "money"}, "Umsatz", "year"),
    ({"attribute": "Erlöse", "kind": "money"}, "Umsatz", "year"),
    ({"attribute": "Quartalsumsatz", "kind": "money"}, "Quartalsumsatz", "quarter"),
    ({"attribute": "Übernahmepreis", "kind": "money"}, "Kaufpreis", "none"),
    ({"unit": "Mitarbeiter", "kind": "count"}, "Beschäftigte", "month"),
    ({"unit": "Beschäftigten", "kind": "count"}, "Beschäftigte", "month"),
    ({"unit": "Elektroautos", "kind": "count"}, "Elektroautos", "day"),
    ({"unit": "USD", "kind": "money", "per": "Aktie"}, "Preis pro Aktie", "day"),
])
def test_attributes_are_normalised_by_the_data_file(figure, attribute, period):
    assert keys.attribute_of(figure) == keys.AttributeRule(attribute, period)


def test_a_figure_without_attribute_noun_has_none():
    assert keys.attribute_of({"kind": "money", "unit": "EUR"}) is None
    assert keys.attribute_of({"kind": "percent", "unit": "%"}) is None
    assert keys.attribute_of({"kind": "count", "unit": "Menschen"}) is None  # too generic: marked "-"


@pytest.mark.parametrize("value, granularity, period", [
    ("2018-06-14", "month", "2018-06"), ("2018-06-14", "year", "2018"), ("2018-06-14", "quarter", "2018-Q2"),
    ("2018-06", "day", "2018-06"), ("2018", "month", "2018"), ("2019-SP", "quarter", "2019-Q2"),
    ("2019-Q3", "quarter", "2019-Q3"), ("PRESENT_REF", "year", None), (None, "month", None), (None, "none", "*"),
])
def test_periods_are_cut_to_the_attribute_granularity(value, granularity, period):
    assert keys.cut_period(value, granularity) == period


@pytest.mark.parametrize("sentence, figure, role", [
    ("Der Umsatz stieg um 5 Prozent.", "5 Prozent", "change"),
    ("Der Umsatz stieg um rund 5 Prozent.", "5 Prozent", "change"),
    ("Der Umsatz stieg auf 20 Milliarden Euro.", "20 Milliarden Euro", "level"),
    ("Die Quote stieg von 9 auf 12 Prozent.", "9", "from"),
    ("Die Quote stieg von 9 auf 12 Prozent.", "12 Prozent", "level"),
    ("Sie meldete einen Umsatz von 9 Millionen Euro.", "9 Millionen Euro", "level"),
    ("Ein Zuwachs von 3 Prozent war erwartet.", "3 Prozent", "change"),
    ("Die Firma hat 1.800 Mitarbeiter.", "1.800 Mitarbeiter", "level"),
])
def test_value_roles(sentence, figure, role):
    start = sentence.index(figure)
    assert keys.value_role(sentence, start, start + len(figure)) == role


@pytest.mark.parametrize("text, value, step", [
    ("2,4 Milliarden Euro", 2.4e9, 1e8), ("2,38 Mrd. Euro", 2.38e9, 1e7), ("300.000 Autos", 3e5, 1e5),
    ("13.100 Mitarbeiter", 13100, 100), ("zwei Millionen", 2e6, 1e6), ("44 Milliarden Dollar", 44e9, 1e9),
    ("2.400 Millionen Euro", 2.4e9, 1e8),
])
def test_precision_of_a_written_number(text, value, step):
    assert keys.precision_step(text, value) == pytest.approx(step)


def test_a_rounded_value_covers_its_precision_and_an_exact_one_does_not():
    rounded = keys.value_interval(2.4e9, approx="about", text="2,4 Milliarden")
    assert rounded == pytest.approx((2.35e9, 2.45e9))
    exact = keys.value_interval(2.38e9, text="2,38 Milliarden")
    assert not keys.disagree(rounded, exact, 2.4e9, 2.38e9, 0.0)
    written_flat = keys.value_interval(2.4e9, text="2,4 Milliarden")  # no "rund": taken as exact
    assert keys.disagree(written_flat, exact, 2.4e9, 2.38e9, 0.0)
    assert not keys.disagree(written_flat, exact, 2.4e9, 2.38e9, 0.05)


def test_bounds_and_ranges():
    more = keys.value_interval(9000, approx="more_than", text="9.000")
    assert more == (9000, math.inf)
    assert not keys.disagree(more, (9400, 9400), 9000, 9400, 0.0)
    assert keys.disagree(more, (8000, 8000), 9000, 8000, 0.05)
    assert keys.value_interval(10e6, 20e6) == (10e6, 20e6)
    assert keys.value_interval(2.4e9, approx="almost", text="2,4 Milliarden") == pytest.approx((2.3e9, 2.4e9))


def test_scale_mix_ups_and_relative_difference():
    assert keys.scale_factor(2.4e6, 2.4e9) == 1000
    assert keys.scale_factor(13.1, 13100) == 1000
    assert keys.scale_factor(2.4e9, 2.9e9) is None
    assert keys.relative_difference(2.38, 2.9) == pytest.approx(0.1793, abs=1e-4)
