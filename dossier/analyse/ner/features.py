"""CRF features for German NER.

Speed matters (the tagger must do >= 50k tokens/s on one core), and feature
extraction in Python is the cost, so every feature that depends only on the
word form is computed once per distinct word and cached; a token's feature
list is then the concatenation of cached lists of itself and its neighbours
(already prefixed with their offset).  No regular expression runs per feature.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Sequence

from . import morph_lexicon
from .gazetteers import MAX_PHRASE, first_names, gazetteer_phrases, gazetteer_tokens

WINDOW = (-2, -1, 1, 2)
MAX_QUOTED = 8  # longer quoted spans are speech, not titles
_QUOTES = frozenset('"„“”«»‚‘')
MAX_CACHED_WORDS = 400_000


class FeatureExtractor:
    """Turns token sequences into crfsuite attribute lists, with a per-word cache."""

    def __init__(self, clusters: dict[str, tuple[str, ...]], zipf: Callable[[str], float],
                 lexicon: dict[str, str] | None = None, known: frozenset[str] | None = None,
                 english: Callable[[str], float] | None = None, extended: bool = False,
                 vector_clusters: dict[str, tuple[str, ...]] | None = None):
        self.clusters = clusters
        # Clusters of word2vec vectors over ~120M tokens (dossier/training/word_clusters.py):
        # ten times the vocabulary of ``clusters``, so unseen names get a type-like id.
        self.vector_clusters = vector_clusters or {}
        self.zipf = zipf
        # The extended feature set (HanTa lexicon, first names, function words,
        # genitives, quoted spans, English frequency; docs/ner.md, candidates 10-16);
        # a model's meta.json says whether it was trained with it.
        self.extended = extended
        # English word frequency: titles of works, bands, products in German text are
        # often English ("Academic Festival", "Solid Gold").
        self.english = english if extended else None
        # word -> "TYPE:ratio" seen in (other folds of) the training data; see lexicon.py
        self.lexicon = lexicon or {}
        # Attributes the trained model has weights for: passing only those to
        # crfsuite roughly halves tagging time (unknown strings still cost a lookup).
        self.known = known
        gaz = gazetteer_tokens()
        self.gaz_full = gaz["full"]
        self.gaz_part = gaz["part"]
        self.phrases = gazetteer_phrases()
        self.phrase_starts = frozenset(p[0] for p in self.phrases)
        self.first_names = first_names()
        self.function_words = function_words()
        self._entries: dict[str, tuple[list[bytes], ...]] = {}
        # With a trained model: feature string -> encoded attribute, for the
        # attributes the model knows, once per feature kind and offset.  A new
        # word then costs one dict lookup per candidate feature (no f-string,
        # no encoding), which matters because new words are ~1 token in 8.
        self._own_table: dict[str, bytes] | None = None
        self._ctx_tables: dict[int, dict[str, bytes]] = {}
        if known is not None:
            self._own_table = {}
            self._ctx_tables = {off: {} for off in WINDOW}
            prefixes = {f"{off}:": off for off in WINDOW}
            for attr in known:
                head, sep, rest = attr.partition(":")
                off = prefixes.get(head + sep) if sep and head.lstrip("-").isdigit() else None
                if off is not None:
                    self._ctx_tables[off][rest] = attr.encode()
                else:
                    self._own_table[attr] = attr.encode()

    def _cluster(self, word: str) -> tuple[str, ...] | None:
        ids = self.clusters.get(word)
        if ids is None:
            ids = self.clusters.get(word.lower()) or self.clusters.get(word.capitalize())
        return ids

    def _vector_cluster(self, word: str) -> tuple[str, ...] | None:
        table = self.vector_clusters
        ids = table.get(word)
        if ids is None:
            ids = table.get(word.capitalize()) or table.get(word.lower())
        return ids

    def _word_features(self, word: str, lower: str, english: str) -> list[str]:
        feats = ["b", "w=" + word, "l=" + lower, "sh=" + shape(word), "ss=" + short_shape(word)]
        n = len(word)
        for k in (1, 2, 3, 4):
            if n > k:
                feats.append(f"p{k}=" + word[:k])
                feats.append(f"s{k}=" + lower[-k:])
        if n > 5:
            feats.append("s5=" + lower[-5:])
        feats.append("len=" + (str(n) if n < 4 else "4-7" if n < 8 else "8+"))
        ids = self._cluster(word)
        if ids is not None:
            feats.extend(f"c{i}={c}" for i, c in enumerate(ids))
        else:
            feats.append("c=none")
        if self.vector_clusters:
            ids = self._vector_cluster(word)
            if ids is not None:
                # k-means ids at each granularity; a last column, when present, is the
                # name-type guess (dossier/training/name_types.py)
                feats.extend(f"v{i}={c}" for i, c in enumerate(ids))
            else:
                feats.append("v=none")
        if word[:1].isupper():
            feats.append("zipf=" + _zipf_bucket(self.zipf(lower)))
        feats.extend(self._gazetteer_features(word, ""))
        extended = self.extended
        if extended:
            if word in self.first_names:
                feats.append("fn")
            if lower in self.function_words:
                feats.append("fw")
            feats.extend(morph_lexicon.word_features(lower))
            if english:
                feats.append("en=" + english)
        lex = self.lexicon.get(word)
        if lex is not None:
            kind, ratio = lex.split(":")
            feats.append("lex=" + kind)
            feats.append("lexr=" + ratio)
            feats.append("lexk=" + kind + ratio)
        elif extended and n > 3 and word[-1] == "s" and word[0].isupper():
            # A genitive of a known name: "Kanadas", "Merkels" (the lexicon knows "Kanada").
            base = self.lexicon.get(word[:-1])
            if base is not None:
                feats.append("glex=" + base.split(":")[0])
            names = morph_lexicon.tables()[0]
            if lower[:-1] in names and lower not in names:
                feats.append("ghne")
            feats.extend("g" + f for f in self._gazetteer_features(word[:-1], "") if f[1] == "f")
        if "-" in word.strip("-"):
            feats.extend(self._hyphen_features(word))
        return feats

    def _gazetteer_features(self, word: str, prefix: str) -> list[str]:
        feats = []
        for kind, names in self.gaz_full.items():
            if word in names:
                feats.append(f"{prefix}gf={kind}")
        for kind, names in self.gaz_part.items():
            if word in names:
                feats.append(f"{prefix}gp={kind}")
        return feats

    def _hyphen_features(self, word: str) -> list[str]:
        # "Tesla-Aktie", "US-Präsidenten", "SPD-Chef": the entity is one of the parts.
        parts = [p for p in word.split("-") if p]
        if not parts:
            return []
        first, last = parts[0], parts[-1]
        feats = ["h1=" + first, "hl=" + last.lower(), "h1sh=" + short_shape(first),
                 "hlsh=" + short_shape(last)]
        for tag, part in (("h1", first), ("hl", last)):
            ids = self._cluster(part)
            if ids is not None:
                feats.append(f"{tag}c1={ids[1]}")
                feats.append(f"{tag}c2={ids[2]}")
            ids = self._vector_cluster(part) if self.vector_clusters else None
            if ids is not None:
                feats.append(f"{tag}v1={ids[1]}")
                feats.append(f"{tag}v2={ids[2]}")
            feats.extend(self._gazetteer_features(part, tag))
            if self.extended:
                feats.extend(morph_lexicon.word_features(part.lower(), tag))
        return feats

    def _context_features(self, word: str, lower: str, english: str) -> list[str]:
        feats = ["l=" + lower, "ss=" + short_shape(word)]
        ids = self._cluster(word)
        if ids is not None:
            feats.append("c1=" + ids[1])
            feats.append("c2=" + ids[2])
        if self.vector_clusters:
            ids = self._vector_cluster(word)
            if ids is not None:
                feats.append("v1=" + ids[1])
                feats.append("v2=" + ids[2])
                if len(ids) > 3:
                    feats.append("vt=" + ids[3])
        if len(word) > 3:
            feats.append("s3=" + lower[-3:])
        lex = self.lexicon.get(word)
        if lex is not None:
            feats.append("lex=" + lex)
        if self.extended:
            if word in self.first_names:
                feats.append("fn")
            feats.append("hk=" + morph_lexicon.word_class(lower))
            if english:
                feats.append("en")
        return feats

    def _english(self, lower: str) -> str:
        """``"1"``..``"3"`` when ``lower`` is a common English word much more
        frequent in English than in German (``sometime``, ``solid``); else ``""``."""
        if self.english is None or len(lower) < 2:
            return ""
        en = self.english(lower)
        if en < 3.0:
            return ""
        diff = en - self.zipf(lower)
        return str(min(int(diff), 3)) if diff >= 1.0 else ""

    # -- per sentence -----------------------------------------------------
    def entry(self, word: str) -> tuple[list[bytes], ...]:
        """``(own, as -2, as -1, as +1, as +2)`` attribute lists of ``word``, cached."""
        found = self._entries.get(word)
        if found is None:
            lower = word.lower()
            english = self._english(lower)
            own = self._word_features(word, lower, english)
            base = self._context_features(word, lower, english)
            if self._own_table is None:
                # crfsuite takes bytes as they are but UTF-8-encodes every str on every call.
                lists = [[f.encode() for f in own]]
                lists += [[f"{off}:{f}".encode() for f in base] for off in WINDOW]
            else:
                # map/filter run in C: one lookup per candidate, unknown ones dropped
                lists = [list(filter(None, map(self._own_table.get, own)))]
                for off in WINDOW:
                    lists.append(list(filter(None, map(self._ctx_tables[off].get, base))))
            if len(self._entries) >= MAX_CACHED_WORDS:
                # A long-running process meets an open-ended vocabulary; starting
                # over keeps memory bounded (~0.5 GB) at the cost of a brief warm-up.
                self._entries.clear()
            found = self._entries[word] = tuple(lists)
        return found

    def sentence(self, words: Sequence[str]) -> list[list[bytes]]:
        """One attribute list (UTF-8 bytes) per token: own features, neighbours at -2..+2, bigram."""
        get = self._entries.get
        entries = [get(w) or self.entry(w) for w in words]
        # Two padding entries on each side stand for the neighbours a token at an edge lacks.
        padded = [_PAD_ENTRY, _PAD_ENTRY, *entries, _PAD_ENTRY, _PAD_ENTRY]
        # The attribute order is the trained one (crfsuite adds the weights in this order).
        out = [[*own[0], *m2[1], *m1[2], *p1[3], *p2[4]]
               for own, m2, m1, p1, p2 in zip(entries, padded, padded[1:], padded[3:], padded[4:])]
        if out:
            out[0].append(b"BOS")
        if len(out) > 1 and not words[0][:1].isalnum():
            out[1].append(b"BOS2")  # after an opening quote or dash
        known = self.known
        lowers = [w.lower() for w in words]
        for i in range(1, len(out)):
            bigram = "bg=" + lowers[i - 1] + "|" + lowers[i]
            if known is None or bigram in known:
                out[i].append(bigram.encode())
        self._mark_phrases(words, out)
        if self.extended:
            self._mark_quoted(words, out)
        return out

    def _mark_quoted(self, words: Sequence[str], out: list[list[bytes]]) -> None:
        """``qB``/``qI`` on the tokens of a short quoted span (titles of works, events:
        ``die Ouvertüre " Academic Festival "``) and ``qE`` on the token after it."""
        open_at = -1
        for i, word in enumerate(words):
            if len(word) != 1 or word not in _QUOTES:
                continue
            if open_at < 0:  # quotes pair up in order: „…“, "…", »…«, «…»
                open_at = i
                continue
            if 1 <= i - open_at - 1 <= MAX_QUOTED and words[open_at + 1][:1].isupper():
                out[open_at + 1].append(b"qB")
                for j in range(open_at + 2, i):
                    out[j].append(b"qI")
                if i + 1 < len(words):
                    out[i + 1].append(b"qE")
            open_at = -1

    def _mark_phrases(self, words: Sequence[str], out: list[list[str]]) -> None:
        """``gB=loc``/``gI=loc`` on the tokens of a multi-word gazetteer name (``New York``)."""
        n = len(words)
        starts = self.phrase_starts
        i = 0
        while i < n:
            if words[i] not in starts:
                i += 1
                continue
            size = 0
            for size in range(min(MAX_PHRASE, n - i), 1, -1):
                kind = self.phrases.get(tuple(words[i:i + size]))
                if kind is not None:
                    out[i].append(b"gB=" + kind.encode())
                    for j in range(i + 1, i + size):
                        out[j].append(b"gI=" + kind.encode())
                    break
            else:
                size = 1
            i += max(size, 1)


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Lower-cased German function words and sentence adverbs (``ner_function_words.txt``)."""
    from importlib import resources

    path = resources.files("dossier.resources.de").joinpath("ner_function_words.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


_PAD = {off: [f"{off}:PAD".encode()] for off in WINDOW}
# An entry (own, as -2, as -1, as +1, as +2) for a position before the first or after the last token.
_PAD_ENTRY = ([], *(_PAD[off] for off in WINDOW))


@lru_cache(maxsize=200_000)
def shape(word: str) -> str:
    """``Xxxxx`` -> ``Xx``, ``US-Präsident`` -> ``X-Xx``, ``1.000`` -> ``d.d``."""
    out = []
    for ch in word:
        if ch.isupper():
            s = "X"
        elif ch.islower():
            s = "x"
        elif ch.isdigit():
            s = "d"
        else:
            s = ch
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)


@lru_cache(maxsize=200_000)
def short_shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "AC"
    if word[:1].isupper():
        return "Cap" + ("-" if "-" in word else "")
    if word[:1].islower():
        return "low" + ("-" if "-" in word else "")
    if word[:1].isdigit():
        return "num"
    return "p:" + word[:1]


def _zipf_bucket(value: float) -> str:
    if value <= 0:
        return "0"
    return str(min(int(value * 2) / 2, 6.0))
