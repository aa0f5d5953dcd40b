"""One segmentation per article: tokens, sentences and part-of-speech tags, computed once
and shared by every stage that needs them.

    seg = segmentation(article.text)   # cached by text: every stage of one article gets this object
    seg.tokens                         # [Token(start, end, text)]: GermEval-style tokens
    seg.sentences                      # [Sentence(start, end, first, last)]: chars and token range
    seg.sentence_tokens(sentence)      # the tokens of one sentence
    seg.sentence_at(offset)            # the sentence holding a character offset (or None)
    seg.sentence_spans                 # [(start, end)]: the sentences as ranges that tile the text
    seg.sentence_index(offset)         # the index of the sentence span holding any offset
    seg.tokens_between(start, end)     # the tokens wholly inside a character range
    seg.word_spans                     # (start, end) of whitespace-separated words, marks attached
    seg.word_spans_between(start, end) # those wholly inside a character range (the cleaner's headings)
    seg.tags(i)                        # (Tag(lemma, pos), ...) for sentence i: HanTa, STTS, on demand;
                                       # tag.pos is tagged, tag.lemma is lemmatised when first read
    seg.quoted                         # the quote stage's view: tokens, sentences that never end
                                       # inside a quotation, and the quotation-mark pairs
    seg.punctuation_sentences          # [(start, end)]: sentences split by punctuation alone (figures)
    seg.number_tokens                  # the number view (numbers.py): German digit numbers with
                                       # their separators, fractions, letter runs for number words
    pos_tags(words)                    # Tag(lemma, STTS tag) per word: one HanTa call per distinct
                                       # sentence, cached; the only place that runs the tagger on text
    lemma(word, pos)                   # HanTa's lemma of a word with its tag (what Tag.lemma reads)

Two token views exist because two shipped models were trained on different tokenisations: the
NER CRF on GermEval 2014's (``germeval.py``: hyphenated compounds, numbers with separators and
dotted abbreviations stay one token) and the quote rules and speech taggers on the lighter one in
``quoted.py``. Both are computed here, lazily, once per text. A new stage uses the default view
(``tokens``/``sentences``/``tags``) and declares ``requires=("text", ...)``: the segmentation is a
pure function of the text.

Every token satisfies ``text[t.start:t.end] == t.text``.
"""
from __future__ import annotations

import bisect
import re
from collections import OrderedDict, namedtuple
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from .germeval import split_sentences, tokenize
from .punctuation import punctuation_sentences
from .quoted import QuoteMarks, Token, find_quote_marks
from .quoted import sentences as quoted_sentences
from .quoted import tokenize as quoted_tokenize

if TYPE_CHECKING:
    from .numbers import NumberToken

_WORD_RE = re.compile(r"\S+")
_CacheInfo = namedtuple("CacheInfo", "hits misses maxsize currsize")

__all__ = ["Segmentation", "Sentence", "Tag", "Token", "QuotedView", "segmentation", "pos_tags", "lemma"]


@dataclass(frozen=True)
class Sentence:
    start: int  # character offset of the first token
    end: int    # character offset just after the last token
    first: int  # index of the first token
    last: int   # index just after the last token


class Tag:
    """A word's STTS tag as HanTa writes it at taglevel 1 (``VV(FIN)``, ``NN``, ``NE``, ``KOUS`` …)
    and its lemma. Tagging a sentence is a Viterbi pass; lemmatising is a second analysis of every
    word that costs as much again, and most readers only look at tags: so ``lemma`` is computed
    when first read. Compares and unpacks like the pair ``(lemma, pos)``."""

    __slots__ = ("word", "pos", "_lemma")

    def __init__(self, word: str, pos: str):
        self.word = word
        self.pos = pos
        self._lemma: str | None = None

    @property
    def lemma(self) -> str:
        if self._lemma is None:
            self._lemma = lemma(self.word, self.pos)
        return self._lemma

    def __iter__(self):
        return iter((self.lemma, self.pos))

    def __getitem__(self, index):
        return self.pos if index in (1, -1) else (self.lemma, self.pos)[index]

    def __len__(self) -> int:
        return 2

    def __eq__(self, other) -> bool:
        return tuple(self) == tuple(other) if isinstance(other, (Tag, tuple)) else NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Tag(lemma={self.lemma!r}, pos={self.pos!r})"


class _SentenceCache:
    """A least-recently-used cache of one function of a sentence's words, like ``lru_cache``
    (``cache_clear``, ``cache_info``), that can also be asked whether it holds a sentence
    without computing it (:meth:`peek`): a stage that needs only part of a sentence uses the
    whole sentence's tags when another stage has paid for them, and tags only its part when not."""

    def __init__(self, fn, maxsize: int):
        self.fn, self.maxsize = fn, maxsize
        self._held: OrderedDict = OrderedDict()
        self.hits = self.misses = 0
        self.__doc__, self.__name__, self.__wrapped__ = fn.__doc__, fn.__name__, fn

    def __call__(self, words: tuple[str, ...]):
        held = self._held.get(words)
        if held is not None:
            self.hits += 1
            self._held.move_to_end(words)
            return held
        self.misses += 1
        value = self._held[words] = self.fn(words)
        if len(self._held) > self.maxsize:
            self._held.popitem(last=False)
        return value

    def peek(self, words: tuple[str, ...]):
        """The cached value for ``words``, or None (computes nothing, counts nothing)."""
        return self._held.get(words)

    def cache_clear(self) -> None:
        self._held.clear()
        self.hits = self.misses = 0

    def cache_info(self) -> _CacheInfo:
        return _CacheInfo(self.hits, self.misses, self.maxsize, len(self._held))


def _tag_sentence(words: tuple[str, ...]) -> tuple[Tag, ...]:
    """Tag(lemma, STTS tag) per word of one sentence, from the process's one HanTa tagger (the
    tags only; see :class:`Tag`). Cached as :func:`pos_tags`: the quote rules, the speech taggers,
    the events stage and training read the same sentences repeatedly."""
    if not words:
        return ()
    from dossier.analyse.hanta import hanta

    return tuple(map(Tag, words, hanta().tag_sent(list(words), taglevel=0)))


pos_tags = _SentenceCache(_tag_sentence, maxsize=20000)


@lru_cache(maxsize=50000)
def lemma(word: str, pos: str) -> str:
    """HanTa's lemma of ``word`` tagged ``pos`` (what ``tag_sent(taglevel=1)`` gives it in a sentence)."""
    from dossier.analyse.hanta import hanta

    return hanta().analyze(word, pos=pos, taglevel=1)[0]


@dataclass(frozen=True)
class QuotedView:
    """The quote stage's tokens and sentences; a sentence never ends inside a top-level quotation,
    so a quote of several sentences stays one unit with its cue."""

    tokens: list[Token]
    sentences: list[tuple[int, int]]  # token index ranges [first, last)
    pairs: list[QuoteMarks]           # top-level quotation-mark pairs
    nested: list[QuoteMarks]          # quotations inside another


class Segmentation:
    """Tokens, sentences and tags of one text; each view is computed on first use."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def token_spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each GermEval-style token (the NER CRF's input)."""
        return tokenize(self.text)

    @cached_property
    def sentence_ranges(self) -> list[tuple[int, int]]:
        """Token index ranges ``(first, last)`` of the sentences over :attr:`token_spans`."""
        return split_sentences(self.text, self.token_spans)

    @cached_property
    def tokens(self) -> list[Token]:
        return [Token(a, b, self.text[a:b]) for a, b in self.token_spans]

    @cached_property
    def sentences(self) -> list[Sentence]:
        spans = self.token_spans
        return [Sentence(spans[a][0], spans[b - 1][1], a, b) for a, b in self.sentence_ranges]

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        return self.tokens[sentence.first:sentence.last]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence whose character range holds ``offset``."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def sentence_spans(self) -> list[tuple[int, int]]:
        """The sentences as character ranges that tile the text: each from its first token (the
        first from 0) to the next one's first token (the last to the end), so that every offset,
        also one in the space between two sentences, lies in exactly one."""
        starts = self._sentence_starts[1:]
        return list(zip([0, *starts], [*starts, len(self.text)]))

    def sentence_index(self, offset: int) -> int:
        """The index into :attr:`sentence_spans` (and :attr:`sentences`, unless the text holds no
        token) of the sentence whose span holds ``offset``."""
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """The tokens lying wholly inside ``[start, end)`` (made for the slice: cheap for a clause)."""
        first, last = _inside(self._token_edges, start, end)
        return [Token(a, b, self.text[a:b]) for a, b in self.token_spans[first:last]]

    @cached_property
    def _token_edges(self) -> tuple[list[int], list[int]]:
        return _edges(self.token_spans)

    @cached_property
    def word_spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of the whitespace-separated words, marks attached (``„Vom``, ``sagte:``,
        ``3.``): the view of rules that read a word together with the punctuation around it (the
        cleaner's heading rules in ``clean/headings.py``, which run on the clean text)."""
        return [m.span() for m in _WORD_RE.finditer(self.text)]

    def word_spans_between(self, start: int, end: int) -> list[tuple[int, int]]:
        """The :attr:`word_spans` lying wholly inside ``[start, end)``."""
        first, last = _inside(self._word_edges, start, end)
        return self.word_spans[first:last]

    @cached_property
    def _word_edges(self) -> tuple[list[int], list[int]]:
        return _edges(self.word_spans)

    def tags(self, index: int) -> tuple[Tag, ...]:
        """Lemma and STTS tag of each token of sentence ``index`` (tagged in context, on demand)."""
        sentence = self.sentences[index]
        return pos_tags(tuple(t.text for t in self.sentence_tokens(sentence)))

    @cached_property
    def quoted(self) -> QuotedView:
        text = self.text
        tokens = quoted_tokenize(text)
        marks = find_quote_marks(text)
        pairs = [p for p in marks if not p.nested]
        sents = quoted_sentences(text, tokens, [(p.open, p.close + 1) for p in pairs])
        return QuotedView(tokens, sents, pairs, [p for p in marks if p.nested])

    @cached_property
    def punctuation_sentences(self) -> list[tuple[int, int]]:
        """Sentence ranges tiling the text, split by punctuation alone (``punctuation.py``): the
        figure rules' sentences."""
        return punctuation_sentences(self.text)

    @cached_property
    def number_tokens(self) -> list[NumberToken]:
        """The tokens :func:`dossier.analyse.numbers.find_number_spans` reads (``numbers.py``)."""
        from .numbers import number_tokens  # the number grammar is loaded only when numbers are read

        return number_tokens(self.text)


def _edges(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    return [a for a, _ in spans], [b for _, b in spans]


def _inside(edges: tuple[list[int], list[int]], start: int, end: int) -> tuple[int, int]:
    """The index range of the spans (in text order, none inside another) lying wholly inside
    ``[start, end)``, from their start and end offsets."""
    starts, ends = edges
    first = bisect.bisect_left(starts, start)
    return first, bisect.bisect_left(ends, end + 1, lo=first)


@lru_cache(maxsize=8)
def segmentation(text: str) -> Segmentation:
    """The segmentation of ``text``; the same object for every stage that analyses this text.
    (A pure function of the text, cached like a model: stages stay pure.)"""
    return Segmentation(text)
