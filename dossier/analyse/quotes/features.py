"""Token features for the speech taggers (CRF), computed from plain tokens only.

What marks speech in German text, turned into features: the word and its
endings (Konjunktiv ``-e``, ``-est``), whether it stands inside quotation marks,
cue verbs from the lexicon to the left or right in the sentence, a ``dass``/``ob``
after a cue, Konjunktiv forms in the same clause or sentence, and position
relative to commas and colons.
"""
from __future__ import annotations

from .cues import AMBIGUOUS
from .lexicon import cue_forms, konjunktiv_forms
from .morph import add_morph_features

OPEN_CLOSE = {"„": "“”\"", "‚": "‘’'", "›": "‹", "‹": "›", "»": "«", "«": "»", '"': '"', "“": "”"}
MARKS = set("„“”\"»«‚‘’‹›")
SUBORD = {"dass", "daß", "ob"}
CLAUSE_PUNCT = {",", ";", ":", "–", "—", "-", "(", ")"}
SENT_PUNCT = {".", "!", "?"}
WH_WORDS = {"wie", "was", "warum", "weshalb", "wieso", "wann", "wo", "wer", "wen", "wem", "welche", "welcher",
            "welches", "woher", "wohin", "womit", "wovon", "worauf", "inwiefern"}
FIRST_PERSON = {"ich", "mir", "mich", "wir", "uns", "du", "dir", "dich", "mein", "meine", "unser", "unsere"}


def _chevron_opener(tokens: list[str]) -> str | None:
    """» or «, whichever opens quotes in this text. A closer is followed by a comma,
    full stop or lower-case word (« , sagte er) or preceded by ! or ?; an opener is not."""
    closer_votes = {"»": 0, "«": 0}
    for i, tok in enumerate(tokens):
        if tok not in closer_votes:
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        prev = tokens[i - 1] if i else ""
        if nxt in {",", ".", ";"} or nxt[:1].islower() or prev in {"!", "?"}:
            closer_votes[tok] += 1
    if not any(closer_votes.values()):
        return None
    return "»" if closer_votes["«"] >= closer_votes["»"] else "«"


# Tokens: a mark left open longer than this was a stray mark, not a quotation. Long on purpose:
# letters and speeches quoted over many paragraphs are common (a limit of 150 cost 5 points F1).
MAX_OPEN = 1000
EARLY = 150  # a closer this early, with nothing open, means the text began inside a quotation


def quote_depth(tokens: list[str]) -> list[int]:
    """Nesting depth of quotation marks at each token (marks count as inside).

    Chevrons are read in the direction the text uses (»…« or «…»). A mark that
    can close the innermost open mark closes it; otherwise it opens. A text that
    starts inside a quote (its first mark, early on, is a closer) counts as inside
    up to it. A mark never closed within ``MAX_OPEN`` tokens is ignored.
    """
    stack: list[tuple[str, int]] = []
    depth: list[int] = []
    chevron_open = _chevron_opener(tokens)
    seen_mark = False
    for i, tok in enumerate(tokens):
        if stack and i - stack[-1][1] > MAX_OPEN:
            _, at = stack.pop()
            for j in range(at, i):
                depth[j] = max(0, depth[j] - 1)
        if tok not in MARKS:
            depth.append(len(stack))
            continue
        if stack and tok in OPEN_CLOSE.get(stack[-1][0], ""):
            depth.append(len(stack))
            stack.pop()
        elif tok in "»«" and chevron_open and tok != chevron_open or tok in "”‘’":
            depth.append(max(len(stack), 1))  # a closer with nothing open
            if not seen_mark and i <= EARLY:
                depth[:i] = [1] * i
        else:
            if tok in OPEN_CLOSE:
                stack.append((tok, i))
                if len(stack) > 2:
                    stack = stack[-1:]
            depth.append(len(stack))
        seen_mark = True
    for _, at in stack:
        if len(tokens) - at > MAX_OPEN:
            for j in range(at, len(tokens)):
                depth[j] = max(0, depth[j] - 1)
    return depth


def _konj(word: str, prev: str) -> int:
    low = word.lower()
    mood = konjunktiv_forms().get(low, 0)
    if mood:
        return mood
    if low.endswith("e") and not low.endswith("te") and word.islower() and prev in {"er", "sie", "es", "man"}:
        return 1
    return 0


def _cue_kind(word: str) -> str | None:
    low = word.lower()
    readings = cue_forms().get(low)
    if not readings or low in AMBIGUOUS:
        return None
    return readings[0].kind


def _bucket(n: int) -> str:
    for limit in (0, 1, 2, 4, 8, 16, 32):
        if n <= limit:
            return str(limit)
    return "far"


def sentence_spans(sent_starts: list[bool]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i in range(1, len(sent_starts)):
        if sent_starts[i]:
            spans.append((start, i))
            start = i
    spans.append((start, len(sent_starts)))
    return spans


def sentence_starts_from_tokens(tokens: list[str]) -> list[bool]:
    """Sentence starts when the input has none: after . ! ? (and a closing mark), before a capital,
    a quotation mark or a dialogue dash."""
    starts = [False] * len(tokens)
    if tokens:
        starts[0] = True
    for i in range(1, len(tokens)):
        prev = tokens[i - 1]
        if prev in SENT_PUNCT and (tokens[i][:1].isupper() or tokens[i] in MARKS or tokens[i] in DASHES):
            starts[i] = True
    return starts


def document_features(tokens: list[str], sent_starts: list[bool]) -> list[list[str]]:
    depth = quote_depth(tokens)
    lows = [t.lower() for t in tokens]
    cue = [_cue_kind(t) for t in tokens]
    konj = [_konj(t, lows[i - 1] if i else "") for i, t in enumerate(tokens)]
    feats: list[list[str]] = [[] for _ in tokens]
    since_open = 99
    spans = sentence_spans(sent_starts)
    prev_sent = {"konj": False, "cue": False, "q": False}
    for a, b in spans:
        sent = _sentence_flags(lows, cue, konj, depth, a, b)
        clause_ids = _clauses(tokens, a, b)
        clause_konj: dict[int, bool] = {}
        clause_cue: dict[int, bool] = {}
        cue_word: dict[int, str] = {}  # clause -> its cue verb, so the tagger learns which verbs govern speech
        for i in range(a, b):
            clause_konj[clause_ids[i - a]] = clause_konj.get(clause_ids[i - a], False) or bool(konj[i])
            clause_cue[clause_ids[i - a]] = clause_cue.get(clause_ids[i - a], False) or bool(cue[i] and depth[i] == 0)
            if cue[i] and depth[i] == 0:
                cue_word[clause_ids[i - a]] = lows[i]
        clause_first = _clause_first_words(lows, clause_ids, a, b)
        clause_words = _clause_words(lows, clause_ids, a, b)
        clause_zu_inf = _zu_infinitive_clauses(lows, clause_ids, a, b)
        cue_clauses = sorted(c for c, v in clause_cue.items() if v)
        cue_seen = subord_after_cue = colon_seen = False
        for i in range(a, b):
            t, low = tokens[i], lows[i]
            since_open = 0 if (t in MARKS and depth[i] > (depth[i - 1] if i else 0)) else since_open + 1
            f = feats[i]
            f += [f"w={low}", f"s3={low[-3:]}", f"s2={low[-2:]}", f"s1={low[-1:]}", f"p3={low[:3]}",
                  f"shape={_shape(t)}", f"q={min(depth[i], 2)}", f"qo={_bucket(since_open)}",
                  f"pos={_bucket(i - a)}", f"rest={_bucket(b - i - 1)}"]
            if t in MARKS:
                f.append("mark")
            if cue[i]:
                f.append(f"cue={cue[i]}")
            if konj[i]:
                f.append(f"konj={konj[i]}")
            if low in FIRST_PERSON:
                f.append("first_person")
            cid = clause_ids[i - a]
            first = clause_first[cid]
            # The words of the clause before: the verb that governs a content clause is usually there
            # (wußte, daß …), and it need not be in the cue lexicon.
            if cid > 0:
                f.extend(f"pcw={w}" for w in clause_words.get(cid - 1, ()))
                # The word right before the clause governs it most often (die Mitteilung, daß …;
                # forderte sie auf, …); paired with how the clause opens.
                governor = clause_words.get(cid - 1, ("",))[-1]
                f += [f"pcw_gov={governor}", f"pcw_gov_first={governor}|{first}"]
            if clause_zu_inf.get(cid):
                f.append("pcw_zu_inf")
            if first in SUBORD or first in WH_WORDS or first in {"als", "zu", "er", "sie", "es", "man"}:
                f.append(f"cl_first={first}")
            earlier = [c for c in cue_clauses if c < cid]
            if earlier:
                f.append(f"cl_after_cue={min(cid - earlier[-1], 3)}")
                f.append(f"after_cue_w={cue_word[earlier[-1]]}")
                f.append(f"after_cue_first={cue_word[earlier[-1]]}|{first}")
                if first in SUBORD or first in WH_WORDS:
                    f.append("cl_subord_after_cue")
                if clause_konj.get(cid):
                    f.append("cl_konj_after_cue")
            later = [c for c in cue_clauses if c > cid]
            if later:
                f.append("cl_before_cue")
                f.append(f"before_cue_w={cue_word[later[0]]}")
                if clause_konj.get(cid):
                    f.append("cl_konj_before_cue")
            if clause_konj.get(cid):
                f.append("cl_konj")
            if clause_cue.get(cid):
                f.append("cl_cue")
            f += [f"sent_{k}" for k, v in sent.items() if v]
            if tokens[a] in {"–", "—", "-", "--"}:
                f.append("sent_dash")
            f += [f"prev_{k}" for k, v in prev_sent.items() if v]
            if cue_seen:
                f.append("cue_left")
            if subord_after_cue:
                f.append("subord_after_cue")
            if colon_seen:
                f.append("colon_left")
            if sent["cue"] and not cue_seen:
                f.append("cue_right")
            if cue[i] and depth[i] == 0:
                cue_seen = True
            if cue_seen and low in SUBORD:
                subord_after_cue = True
            if t == ":":
                colon_seen = True
        prev_sent = {"konj": sent["konj"], "cue": sent["cue"], "q": sent["quote"]}
    _add_window(feats, lows, depth)
    _add_quote_span_features(feats, tokens, lows, depth, cue)
    _add_dash_dialogue_features(feats, tokens, spans, cue)
    add_morph_features(feats, tokens, spans, _clauses)
    return feats


DASHES = {"–", "—", "-", "--"}
DASH_DOC_MIN = 3  # sentence-initial dashes a text needs before it counts as dash-dialogue text


def _add_dash_dialogue_features(feats, tokens, spans, cue) -> None:
    """Old fiction marks turns of dialogue with a dash instead of quotation marks (— Sie verließen
    Ihre Frau? fragte ich.). Whether the text writes dialogue that way, and how far back the last
    dash-opened sentence is, tell a turn's continuation sentences from narration."""
    dash_starts = [a for a, b in spans if tokens[a] in DASHES]
    if len(dash_starts) < DASH_DOC_MIN:
        return
    since = 99
    for a, b in spans:
        since = 0 if tokens[a] in DASHES else since + 1
        has_cue = any(cue[i] for i in range(a, b))
        flags = ["dash_doc", f"dash_since={min(since, 3)}", f"dash_since_cue={min(since, 3)}|{has_cue}"]
        for i in range(a, b):
            feats[i].extend(flags)


def _quote_spans(depth: list[int]) -> list[tuple[int, int]]:
    """Top-level quoted stretches [start, end) (marks included), read off the depth profile."""
    spans, start = [], None
    for i, d in enumerate(depth):
        if d and start is None:
            start = i
        elif not d and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(depth)))
    return spans


def _add_quote_span_features(feats, tokens, lows, depth, cue) -> None:
    """What the whole quotation looks like, given to each of its tokens: speech has a cue
    next to it, sentence punctuation and persons inside; titles and scare quotes do not."""
    n = len(tokens)
    for a, b in _quote_spans(depth):
        words = [w for w in lows[a:b] if w[:1].isalnum()]
        after = lows[b:b + 4]
        before = lows[max(0, a - 6):a]
        flags = [f"qs_len={_bucket(len(words))}"]
        if any(cue[j] for j in range(b, min(n, b + 4))):
            flags.append("qs_cue_after")
        if any(cue[j] for j in range(max(0, a - 6), a)):
            flags.append("qs_cue_before")
        if before[-1:] == [":"]:
            flags.append("qs_colon_before")
        if after[:1] == [","] or (after[:1] and after[0][:1].islower()):
            flags.append("qs_comma_after")
        if any(w in {".", "!", "?"} for w in lows[a:b]):
            flags.append("qs_sent_punct")
        if any(w in FIRST_PERSON or w in {"du", "ihr", "sie"} for w in lows[a:b]):
            flags.append("qs_person")
        if b < n and tokens[b].startswith("-"):
            flags.append("qs_compound")
        for i in range(a, b):
            feats[i].extend(flags)


def _sentence_flags(lows, cue, konj, depth, a, b) -> dict[str, bool]:
    return {
        "cue": any(cue[i] and depth[i] == 0 for i in range(a, b)),
        "konj": any(konj[i] for i in range(a, b)),
        "quote": any(depth[i] for i in range(a, b)),
        "subord": any(lows[i] in SUBORD for i in range(a, b)),
        "colon": any(lows[i] == ":" for i in range(a, b)),
        "first": any(lows[i] in FIRST_PERSON for i in range(a, b)),
    }


def _clause_words(lows: list[str], clause_ids: list[int], a: int, b: int) -> dict[int, tuple[str, ...]]:
    words: dict[int, list[str]] = {}
    for i in range(a, b):
        if lows[i].isalpha():
            words.setdefault(clause_ids[i - a], []).append(lows[i])
    return {cid: tuple(dict.fromkeys(ws[-8:])) for cid, ws in words.items()}


def _zu_infinitive_clauses(lows: list[str], clause_ids: list[int], a: int, b: int) -> dict[int, bool]:
    """Clauses holding 'zu' + an -en word: infinitive content clauses (forderte sie auf, … zu tun)."""
    out: dict[int, bool] = {}
    for i in range(a, b - 1):
        if lows[i] == "zu" and lows[i + 1].endswith("en") and clause_ids[i - a] == clause_ids[i + 1 - a]:
            out[clause_ids[i - a]] = True
    return out


def _clause_first_words(lows: list[str], clause_ids: list[int], a: int, b: int) -> dict[int, str]:
    first: dict[int, str] = {}
    for i in range(a, b):
        cid = clause_ids[i - a]
        if cid not in first and lows[i][:1].isalnum():
            first[cid] = lows[i]
    for cid in set(clause_ids):
        first.setdefault(cid, "")
    return first


def _clauses(tokens: list[str], a: int, b: int) -> list[int]:
    ids, cid = [], 0
    for i in range(a, b):
        ids.append(cid)
        if tokens[i] in CLAUSE_PUNCT or tokens[i] in MARKS:
            cid += 1
    return ids


def _shape(tok: str) -> str:
    if tok.isdigit():
        return "d"
    if tok[:1].isupper():
        return "X" if tok.isupper() and len(tok) > 1 else "Xx"
    if tok[:1].isalpha():
        return "x"
    return "p"


def _add_window(feats: list[list[str]], lows: list[str], depth: list[int]) -> None:
    n = len(lows)
    for i in range(n):
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                feats[i].append(f"{d}w={lows[j]}")
                if abs(d) == 1:
                    feats[i].append(f"{d}q={min(depth[j], 2)}")
            else:
                feats[i].append(f"{d}w=<pad>")
