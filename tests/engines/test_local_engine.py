from dossier.analyse import Stage
from dossier.engines.local import LocalEngine
from dossier.model import Article, TimeExpr


def year_stage(article: Article) -> dict:
    """A tiny stand-in stage: every 4-digit number is a year; 'KAPUTT' breaks it."""
    if "KAPUTT" in article.text:
        raise ValueError("kaputtes Dokument")
    words = [(i, w) for i, w in enumerate(article.text.split(" "))]
    times, pos = [], 0
    for _, word in words:
        if len(word) == 4 and word.isdigit():
            times.append(TimeExpr(pos, pos + 4, word, "DATE", word))
        pos += len(word) + 1
    return {"times": times}


PIPELINE = [Stage("years", year_stage, ("text",), ("times",))]


def make(i: int, text: str) -> Article:
    return Article(id=f"a{i}", raw_text=text, text=text, language="de", origin=f"t{i}")


def test_pool_gives_the_same_layers_as_serial_and_isolates_failures():
    texts = ["Im Jahr 2019 und 2020 stieg der Umsatz", "Seit 1990 KAPUTT", "Nichts hier", "Bis 2030"] * 3
    serial = LocalEngine(PIPELINE, workers=1).analyse_batch([make(i, t) for i, t in enumerate(texts)])
    engine = LocalEngine(PIPELINE, workers=2)
    try:
        pooled = engine.analyse_batch([make(i, t) for i, t in enumerate(texts)])
    finally:
        engine.close()
    assert [[t.value for t in a.times] for a, _ in pooled] == [[t.value for t in a.times] for a, _ in serial]
    assert [a.times[0].value for a, _ in pooled[:1]] == ["2019"]
    problems = [p for _, p in pooled if p]
    assert len(problems) == 3 and all("kaputtes Dokument" in p for p in problems)
    assert pooled[1][0].flags[0]["type"] == "analysis_failed"
