"""Property tests: the readers never lose, add or move characters, never raise."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.errors import InputError
from dossier.ingest import read_bytes
from dossier.ingest.base import ReadOptions
from dossier.ingest.html import html_to_text
from dossier.model import RawDocument

# No NUL (binary), no surrogates (not encodable), no leading BOM (dropped on purpose).
article_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1, max_size=300,
).filter(lambda text: text.strip() and not text.startswith("\ufeff"))


@settings(max_examples=150, deadline=None)
@given(article_text)
def test_utf8_text_reads_back_exactly(text):
    [doc] = list(read_bytes(text.encode("utf-8"), "x.txt", ReadOptions(fmt="text")))
    assert isinstance(doc, RawDocument)
    assert doc.raw_text == text


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.jsonl", "a.csv", "a.html", "a.rss",
                                                  "a.warc", "a.gz", "a", "a.xml"]))
def test_any_bytes_yield_documents_or_input_errors(data, name):
    for item in read_bytes(data, name, ReadOptions()):
        assert isinstance(item, (RawDocument, InputError))
        if isinstance(item, InputError):
            assert item.location and item.location.startswith(name)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_html_to_text_never_raises(fragment):
    text = html_to_text(fragment)
    assert "\n\n\n" not in text and text == text.strip()


HOSTILE_PIECES = ["\u0301", "👩\u200d👩\u200d👧", "\u200b", "\u202e", "\u200f", "שלום", "„", "“", "\"", "'", "\"\"",
                  ",", ";", "\t", "\n", "\r\n", "{", "}", "[", "\\", "Stadt", "Bremen", "2024-05-01"]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(HOSTILE_PIECES), max_size=60), st.sampled_from(["a.csv", "a.tsv", "a.jsonl", "a.txt"]),
       st.integers(0, 3))
def test_unbalanced_quotes_and_hostile_unicode_in_records(pieces, name, long_lines):
    """Unbalanced quotes, right-to-left and zero-width characters, very long lines in CSV/TSV/JSONL:
    documents or InputErrors that name the file, never another exception."""
    data = "".join(pieces) + ("x„y" * 40_000 + "\n") * long_lines
    for item in read_bytes(data.encode("utf-8"), name, ReadOptions()):
        assert isinstance(item, (RawDocument, InputError))
        if isinstance(item, InputError):
            assert item.location and item.location.startswith(name)
