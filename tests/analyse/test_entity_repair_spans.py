from dossier.analyse.entities.repair import repair_mentions
from dossier.model import Mention

TEXT = "dass OpenAI für DeepMind/Google relevant ist, wie Facebook (jetzt Meta) und die Band AC/DC"


def mention(text: str, label: str = "ORG") -> Mention:
    start = TEXT.index(text)
    return Mention(start, start + len(text), text, label)


def test_two_names_joined_by_a_slash_become_two_mentions():
    repaired = repair_mentions(TEXT, [mention("DeepMind/Google")], [])
    assert [(m.text, m.label) for m in repaired] == [("DeepMind", "ORG"), ("Google", "ORG")]
    assert all(TEXT[m.start:m.end] == m.text for m in repaired)


def test_a_short_slash_name_stays_whole():
    assert [m.text for m in repair_mentions(TEXT, [mention("AC/DC")], [])] == ["AC/DC"]


def test_a_span_that_opens_a_bracket_it_does_not_close_ends_before_it():
    [repaired] = repair_mentions(TEXT, [mention("Facebook (jetzt Meta")], [])
    assert repaired.text == "Facebook" and TEXT[repaired.start:repaired.end] == "Facebook"
