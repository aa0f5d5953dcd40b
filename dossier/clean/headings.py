"""Recover sub-headings, including those that lost their line break.

Scraped articles often print a sub-heading and the next paragraph on one line:
``… stimmen Vom heutigen US-Präsidenten …`` or ``Highlights: 3 Jahre bis zur
Künstlichen Super-Intelligenz Musk schätzt, dass …``. The text stays as it is;
we only mark the heading span. A short run of 3–10 tokens after a sentence
boundary (paragraph start, ``.!?:`` and closing quotes) is a heading when the
token after it must start a new sentence:

* **cue A** — it is a capitalised function word (``Vom``, ``Mit``, ``Die``) or
  another word German writes in lower case (``Wenig``, ``Seither``; the list is
  built from GermEval 2014 by :mod:`dossier.clean.lexicon`): such words are
  capitalised only at a sentence start (or in names, hence the
  ``name_phrases`` exceptions); the words after it must hold a finite verb, so
  a title like ``das Buch Die Blechtrommel.`` is not split;
* **cue B** — it is a capitalised word directly followed by a finite verb and
  then no subject (``Musk schätzt, dass``, ``Musk hält nicht``): in a
  verb-second clause a subject right before the verb fills the whole prefield,
  so the run before it cannot belong to the same clause. Because names span
  several tokens (``Tesla-Chef Elon Musk sagt``), the run must end in a
  lower-case word, a hyphenated compound or a noun after a determiner.

A short standalone line without final period between paragraphs is a heading
too. All word lists are in ``resources/de/boilerplate_headings.json``. The tokens are
the whitespace-separated words of the shared segmentation (``segmentation(text).word_spans``,
marks attached): the rules read a word with its quotes and final period together.
"""
from __future__ import annotations

import re

from dossier.analyse.segment import segmentation
from dossier.clean.resources import HeadingWords, heading_words
from dossier.clean.spans import paragraph_spans
from dossier.model import Heading

_OPENING = "\"„“‚'»«(["
_CLOSING = "\"“”’'»«)]"
_BOUNDARY = re.compile(r"[.!?:][\"“”»«)’']*$")
_INITIALS = re.compile(r"^(?:[A-ZÄÖÜ]\.)+$|^(?:Dr|Prof|Nr|St|bzw|ca|vgl|Mio|Mrd|z\.B|u\.a)\.$")
_QUOTES = re.compile(r"[\"„“”»«]")
_ORDINAL = re.compile(r"^\d{1,2}\.$")
_DASHES = {"-", "–", "—", "|", "/"}
SHORT_HEADING_TOKENS = 6
_NOT_IN_HEADINGS = re.compile(r"https?:|www\.|pic\.twitter|[#@(){}\[\]]")
_WORD = re.compile(r"[^\W\d_]{3,}")  # a heading holds at least one real word
_STANDALONE_BAD_END = ".,;:…-–"


class _Token:
    """A whitespace-separated token; built for every word of every paragraph, so a plain
    class with its bare form computed once (a frozen dataclass cost more than the rules)."""

    __slots__ = ("start", "end", "text", "bare")

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text = start, end, text
        self.bare = text.lstrip(_OPENING).rstrip(_CLOSING + ".,;:!?")

    @property
    def capitalised(self) -> bool:
        bare = self.bare
        return bool(bare) and bare[0].isupper() and self.text[0] not in _OPENING

    @property
    def has_punctuation(self) -> bool:
        # a dash token ends a dateline ("Wien – Die …") or a clause, never a heading word
        return (self.text in _DASHES or self.text.endswith(("-", "–"))
                or self.text.rstrip(_CLOSING)[-1:] in ",;:.!?")

    @property
    def ends_sentence(self) -> bool:
        return self.text.rstrip(_CLOSING)[-1:] in ".!?:"


def _is_boundary(token: _Token) -> bool:
    return (bool(_BOUNDARY.search(token.text)) and not _INITIALS.match(token.text)
            and not _ORDINAL.match(token.text))


def _is_finite_verb(token: _Token, words: HeadingWords) -> bool:
    bare = token.bare
    if not bare.islower():
        return False
    if bare in words.finite_verbs:
        return True
    return len(bare) >= 4 and bare.endswith(("t", "te")) and bare not in words.not_verbs_ending_t


def _has_finite_verb(tokens: list[_Token], words: HeadingWords) -> bool:
    """Does the sentence starting at tokens[0] hold a finite verb before it ends?
    Besides listed forms and ``-t``/``-te`` endings, a lower-case ``-en``/``-e``
    word right after a capitalised one reads as a verb after its subject
    (``der Westen werfen``, ``Es fehlen``, ``der Manager scheide``)."""
    previous: _Token | None = None
    for token in tokens:
        if _is_finite_verb(token, words):
            return True
        if (previous is not None and previous.capitalised and token.bare.islower()
                and token.bare.endswith(("en", "e"))):
            return True
        if token.ends_sentence:
            return False
        previous = token
    return False


def _cue_function_word(tokens: list[_Token], j: int, words: HeadingWords) -> bool:
    nxt = tokens[j]
    bare = nxt.bare
    if not (nxt.capitalised and bare[1:].islower()):
        return False
    if bare.lower() not in words.sentence_openers and bare.lower() not in words.lowercase_words:
        return False
    if j + 1 < len(tokens) and f"{bare} {tokens[j + 1].bare}".lower() in words.name_phrases:
        return False
    return _has_finite_verb(tokens[j:j + 16], words)


def _noun_phrase_goes_on(last: _Token, before: _Token, subject: _Token, words: HeadingWords) -> bool:
    """Would ``last subject`` read as one noun phrase (``ähnlicher Einwohnerzahl``,
    ``165.000 Antworten``, ``fünf Ländern``, ``Lisandro Lopez``, ``Facebook-Fans Kerns``)?"""
    bare = last.bare
    if not bare or bare[0].isdigit() or bare.endswith("-"):
        return True
    lower = bare.lower()
    if lower in words.determiners or lower in words.number_words:
        return True
    if bare.islower():
        return bare not in words.finite_verbs and bare.endswith(words.adjective_endings)
    # A capitalised word before a name is usually part of it (a first name, a
    # role, a place). A heading's last word is a hyphenated compound or a noun
    # after a determiner ("bis zur Fertigstellung") — not a capitalised
    # adjective ("in der Aktuellen Stunde") or an acronym ("vom FC Empoli").
    if subject.bare.endswith("s"):
        return True  # genitive name after a noun
    if "-" in bare:
        return False
    after_determiner = before.bare.lower() in words.determiners
    return not after_determiner or bare.isupper() or bare.endswith(("en", "er", "es", "em"))


def _is_name_word(token: _Token, words: HeadingWords) -> bool:
    lower = token.bare.lower()
    return (token.capitalised and not token.has_punctuation and lower not in words.sentence_openers
            and lower not in words.lowercase_words)


def _subject_length(tokens: list[_Token], j: int, words: HeadingWords) -> int:
    """1 for ``Musk schätzt``, 2 for ``Charles Aranguiz zeichnete``, 0 when no
    capitalised subject is directly followed by a finite verb."""
    for length in (1, 2):
        if j + length >= len(tokens):
            return 0
        subject = tokens[j + length - 1]
        if not (subject.capitalised and not subject.has_punctuation
                and subject.bare.lower() not in words.sentence_openers):
            return 0
        if length == 2 and not (_is_name_word(tokens[j], words) and _is_name_word(subject, words)):
            return 0
        verb = tokens[j + length]
        if verb.bare in words.finite_verbs and not verb.ends_sentence:
            return length
    return 0


def _cue_subject_verb(tokens: list[_Token], b: int, j: int, words: HeadingWords) -> bool:
    length = _subject_length(tokens, j, words)
    if not length:
        return False
    verb = tokens[j + length]
    if not verb.has_punctuation and j + length + 1 < len(tokens):
        after = tokens[j + length + 1]
        if after.capitalised or after.bare.lower() in words.subject_after_verb_blockers:
            return False  # "… Biden sagte Musk": the subject follows, so the run was the prefield
    if tokens[b].bare.lower() in words.heading_start_blockers:
        return False
    if any(t.bare in words.auxiliaries or t.bare in words.finite_verbs for t in tokens[b:j - 1]):
        return False  # "hatte er … betont": a participle, not a new clause
    if tokens[j - 1].bare.lower().endswith(words.role_suffixes):
        return False  # "Tesla-Chef Musk sagt": a role before a name
    return not _noun_phrase_goes_on(tokens[j - 1], tokens[j - 2], tokens[j + length - 1], words)


def _ends_in_open_noun_phrase(run: list[_Token], words: HeadingWords) -> bool:
    """``Zu den größten`` + ``Verlierern``: an inflected adjective at the end of
    the run wants a noun, so the capitalised word after it is that noun. An
    ``-en`` infinitive after an auxiliary (``wird … stimmen``) is fine."""
    last = run[-1].bare
    if not last.islower() or last in words.finite_verbs or not last.endswith(words.adjective_endings):
        return False
    if any(token.bare in words.auxiliaries for token in run[:-1]):
        return False
    after_determiner = len(run) > 1 and run[-2].bare.lower() in words.determiners
    return after_determiner or last.endswith(("es", "em"))


def _reads_as_sentence(run: list[_Token], words: HeadingWords) -> bool:
    """``Im ersten Wahlgang beantragten …``: a run opened by a preposition or
    adverb and holding a finite verb is the start of an ordinary sentence. After
    an article only a long run counts (``Die Universität schweigt`` is a heading)."""
    first = run[0].bare.lower()
    if first not in words.heading_start_blockers:
        return False
    if first in words.determiners and len(run) <= SHORT_HEADING_TOKENS:
        return False
    return any(_is_finite_verb(token, words) or token.bare in words.auxiliaries for token in run[1:])


def _split_at(tokens: list[_Token], b: int, j: int, words: HeadingWords) -> bool:
    last = tokens[j - 1].bare.lower()
    if not last or last in words.non_final_words or tokens[j].has_punctuation:
        return False
    if _ends_in_open_noun_phrase(tokens[b:j], words):
        return False
    first = tokens[b].bare
    if not first or first.lower() in words.heading_never_starts or first[0].islower():
        return False
    if _reads_as_sentence(tokens[b:j], words):
        return False
    if tokens[j].bare.lower() in words.never_split_before:
        return False
    run = " ".join(t.text for t in tokens[b:j])
    if len(_QUOTES.findall(run)) % 2:
        return False  # inside a quotation, not a heading
    if _NOT_IN_HEADINGS.search(run) or run.endswith("-"):
        return False  # embedded tweets, links, bracketed credits, a cut compound
    return _cue_function_word(tokens, j, words) or _cue_subject_verb(tokens, b, j, words)


def _heading_after(tokens: list[_Token], b: int, words: HeadingWords) -> tuple[int, int] | None:
    """Token range [b, j) of a heading glued before tokens[j], if any."""
    for j in range(b + 1, min(b + words.max_heading_tokens, len(tokens) - 3) + 1):
        if tokens[j - 1].has_punctuation:
            return None
        if j - b >= words.min_heading_tokens and _split_at(tokens, b, j, words):
            return b, j
    return None


def _glued_headings(text: str, start: int, end: int, words: HeadingWords) -> list[Heading]:
    # the words view of the shared segmentation: lines start and end at whitespace, so its words
    # inside [start, end) are those of the line
    spans = segmentation(text).word_spans_between(start, end)
    tokens = [_Token(a, b, text[a:b]) for a, b in spans]
    segment_starts = [0] + [k + 1 for k, token in enumerate(tokens[:-1]) if _is_boundary(token)]
    headings = []
    for b in segment_starts:
        found = _heading_after(tokens, b, words)
        if found:
            h_start, h_end = tokens[found[0]].start, tokens[found[1] - 1].end
            headings.append(Heading(h_start, h_end, text[h_start:h_end]))
    return headings


def _is_standalone_heading(line: str, words: HeadingWords) -> bool:
    return (line[-1] not in _STANDALONE_BAD_END and _WORD.search(line) is not None
            and len(line.split()) <= words.max_standalone_heading_words)


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, pos = [], start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop
        if stop > pos:
            spans.append((pos, stop))
        pos = stop + 1
    return spans


def _is_heading_line(text: str, lines: list[tuple[int, int]], index: int, words: HeadingWords) -> bool:
    """A short line above a body line in a paragraph whose lines are separated by
    single newlines (web text). Hard-wrapped prose is not split: the line must be
    clearly shorter than the others, end on a full word and be followed by a
    capitalised line."""
    start, end = lines[index]
    line, following = text[start:end], text[lines[index + 1][0]:lines[index + 1][1]]
    longest_other = max(e - s for k, (s, e) in enumerate(lines) if k != index)
    last_word = line.split()[-1].lower()
    return (_is_standalone_heading(line, words) and len(line) < 0.7 * longest_other
            and (following[0].isupper() or following[0].isdigit() or following[0] in _OPENING)
            and last_word not in words.non_final_words)


def _paragraph_headings(text: str, start: int, end: int, words: HeadingWords) -> list[Heading]:
    lines = _line_spans(text, start, end)
    headings: list[Heading] = []
    for index, (l_start, l_end) in enumerate(lines):
        if index < len(lines) - 1 and _is_heading_line(text, lines, index, words):
            headings.append(Heading(l_start, l_end, text[l_start:l_end]))
        else:
            headings.extend(_glued_headings(text, l_start, l_end, words))
    return headings


def find_headings(text: str) -> list[Heading]:
    """Heading spans (clean offsets) in reading order; the text is unchanged."""
    words = heading_words()
    paragraphs = paragraph_spans(text)
    headings: list[Heading] = []
    for index, (start, end) in enumerate(paragraphs):
        is_last = index == len(paragraphs) - 1
        paragraph = text[start:end]
        if not is_last and "\n" not in paragraph and _is_standalone_heading(paragraph, words):
            headings.append(Heading(start, end, paragraph))
        else:
            headings.extend(_paragraph_headings(text, start, end, words))
    return headings
