from dossier.analyse.language import detect_language


def test_german_and_english_are_told_apart():
    assert detect_language("Die Bundesregierung will die Schuldenbremse im kommenden Jahr wieder einhalten, "
                           "sagte der Finanzminister am Montag in Berlin.") == "de"
    assert detect_language("The government wants to comply with the debt brake again next year, the finance "
                           "minister said on Monday in Berlin.") == "en"


def test_too_little_text_gives_no_guess():
    assert detect_language("12:30 – 14:00") is None
