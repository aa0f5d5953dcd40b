from dossier.analyse.times import normalise_times


def values(text: str, published: str = "2024-03-14") -> dict[str, str]:
    return {t.text: t.value for t in normalise_times(text, published)}


def test_future_cue_in_another_clause_does_not_move_a_reported_weekday():
    found = values("Ab Donnerstag sollen die Züge stillstehen, teilte die Gewerkschaft am Dienstag mit.")
    assert found["Dienstag"] == "2024-03-12"  # the Tuesday before the Thursday of publication


def test_future_cue_in_the_same_clause_makes_it_the_coming_weekday():
    assert values("Der Stadtrat wird am Dienstag entscheiden.")["Dienstag"] == "2024-03-19"
