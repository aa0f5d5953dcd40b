"""Article highlighting from offsets: escaped pieces, well-nested marks, crossing spans."""
from __future__ import annotations

from html.parser import HTMLParser

from dossier.web.highlight import Mark, article_marks, highlight


class Nesting(HTMLParser):
    """Checks that every closing tag closes the innermost open one; collects the text."""

    def __init__(self):
        super().__init__()
        self.stack, self.text, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes the wrong element"

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Nesting:
    parser = Nesting()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    return parser


def test_markup_in_article_text_is_escaped_piece_by_piece():
    text = 'Er schrieb <script>alert(1)</script> und <img src=x onerror=alert(1)> "dazu".'
    record = {"text": text, "mentions": [{"start": 11, "end": 19, "label": "MISC", "text": "<script>",
                                          "entity": 'E"><b>', "entity_name": "<i>x</i>"}],
              "quotes": [{"start": 41, "end": 75, "kind": "direct", "speaker": 'Böse" onmouseover="alert(1)'}]}
    html = str(highlight(text, article_marks(record, lambda e: "/entitaet/" + e)))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "onerror=alert(1)&gt;" in html
    parsed = parse(html)
    assert "".join(parsed.text) == text  # nothing lost, nothing added
    link = next(attrs for tag, attrs in parsed.tags if tag == "a")
    assert link["href"] == '/entitaet/E"><b>' and link["title"] == "Sonstiges: <i>x</i>"
    quote = next(attrs for tag, attrs in parsed.tags if "quote" in (attrs.get("class") or ""))
    assert "onmouseover" not in quote and 'Böse" onmouseover="alert(1)' in quote["title"]


def test_crossing_spans_stay_well_nested_and_keep_their_text():
    text = "Sie sagte, 44 Milliarden Dollar seien genug."
    marks = [Mark(0, 31, "quote", '<span class="q">', "</span>"),
             Mark(11, 40, "figure", '<span class="f">', "</span>"),  # crosses the quote's end
             Mark(25, 31, "time", '<span class="t">', "</span>")]
    parsed = parse(str(highlight(text, marks)))
    assert "".join(parsed.text) == text
    assert [attrs["class"] for _, attrs in parsed.tags].count("f") == 2  # split at the quote's end


def test_overlapping_mentions_do_not_nest_links():
    text = "Elon Musk und Tesla"
    record = {"text": text, "mentions": [{"start": 0, "end": 9, "label": "PER", "entity": "E1"},
                                         {"start": 5, "end": 9, "label": "PER", "entity": "E2"},
                                         {"start": 14, "end": 19, "label": "ORG", "entity": "E3"}]}
    parsed = parse(str(highlight(text, article_marks(record, lambda e: "/e/" + e))))
    assert [attrs["href"] for tag, attrs in parsed.tags if tag == "a"] == ["/e/E1", "/e/E3"]


def test_spans_outside_the_text_are_dropped():
    record = {"text": "kurz", "times": [{"start": 2, "end": 99, "type": "DATE", "value": "2024"}]}
    assert article_marks(record, str) == []
