"""Rule-based quote finder for news text: direct, indirect, mixed and reported speech.

The rules follow how German news reports speech:

* direct:   „…“, sagte X  /  X sagte: „…“  /  „…“, sagte er, „…“  / a quoted sentence
            that continues the last speaker / a partial quote inside a cue sentence
* indirect: Konjunktiv clause, sagte X  /  X betonte, dass …  /  X sagte, er habe …  /
            laut X …, X zufolge …, …, so X  /  a Konjunktiv sentence right after a report
* mixed:    indirect speech that holds a quoted part (… die „Cash Cow“ von OpenAI sein könnte)
* reported: a speech act without its content (warf X vor, forderte … auf, bestritt)
"""
from __future__ import annotations

from dataclasses import dataclass, field

from dossier.analyse.segment import Tag, segmentation
from dossier.analyse.segment.quoted import QUOTE_CHARS, QuoteMarks, Token
from dossier.model import Article, Quote

from .cues import IMPERSONAL, Cue, clause_end, cue_at, find_cues, has_konjunktiv
from .context import occasion
from .lexicon import attribution_markers, demonstratives, indicative_rules, news_cue_forms
from .speaker import Speaker, SpeakerFinder, is_addressee

SUBORDINATORS = {"dass", "daß", "ob", "wie", "was", "warum", "weshalb", "wieso", "wann", "wo", "wer", "welche",
                 "welcher", "welches", "inwiefern"}
# W-words that also open relative clauses: after a noun (von kleinen Widersprüchen, was …) they
# attach to that noun or the whole clause, not to the cue verb.
RELATIVE_W = {"was", "wo", "wer", "welche", "welcher", "welches"}
CONTINUATION_GAP = 1      # sentences after a report in which a Konjunktiv sentence continues it
DIRECT_CONTINUATION_GAP = 3
COORDINATORS = {"und", "oder", "sowie", "aber"}


@dataclass
class _State:
    text: str
    tokens: list[Token]
    sents: list[tuple[int, int]]
    pairs: list[QuoteMarks]
    pair_of: dict[int, int]           # token index -> top-level quote pair index (marks included)
    finder: SpeakerFinder
    quotes: list[Quote] = field(default_factory=list)
    claimed: set[int] = field(default_factory=set)      # tokens already inside an emitted quote
    direct_pairs: set[int] = field(default_factory=set)
    last: Quote | None = None
    last_sentence: int = -10
    last_report_sentence: int = -10
    cue_index: set[int] = field(default_factory=set)  # token indices of the cues of the current sentence


def find_quotes(article: Article) -> list[Quote]:
    """All quotes in ``article.text`` with speakers resolved against its mentions."""
    text = article.text
    view = segmentation(text).quoted  # the quote rules' token view, computed once per text
    tokens, pairs, sents = view.tokens, view.pairs, view.sentences
    pair_of = _index_pairs(tokens, pairs)
    finder = SpeakerFinder(tokens, sents, list(article.mentions), list(article.entities))
    st = _State(text, tokens, sents, pairs, pair_of, finder)
    times = list(getattr(article, "times", []) or [])
    for s, (a, b) in enumerate(sents):
        before = len(st.quotes)
        _sentence(st, s, a, b)
        for q in st.quotes[before:]:
            occasion(q, text, tokens[a].start, tokens[b - 1].end, times, st.last if q.cue is None else None)
            st.last = q
    st.quotes.extend(_nested_quotes(st, view.nested))
    return sorted(st.quotes, key=lambda q: (q.start, q.end))


def _nested_quotes(st: _State, nested: list[QuoteMarks]) -> list[Quote]:
    """A quote inside a direct quote, introduced by its own cue: „Er hat uns gesagt: ‚Das Geld ist da‘ …“ /
    »Als der Schiedsrichter ›Elfmeter‹ rief, …«. The speaker is someone the quoted person quotes;
    it is left unresolved."""
    toks, out = st.tokens, []
    start_of = {t.start: i for i, t in enumerate(toks)}
    for pair in nested:
        if not any(q.kind == "direct" and q.start <= pair.open < q.end for q in st.quotes):
            continue
        lo, hi = start_of.get(pair.open), start_of.get(pair.close)
        if lo is None or hi is None:
            continue
        cue = None
        j = hi + 1 + (hi + 1 < len(toks) and toks[hi + 1].text == ",")
        if j < len(toks):
            cue = cue_at(toks, j, len(toks), j)  # ›Elfmeter‹ rief / ‚…‘, sagte er
        if cue is None and lo >= 2 and toks[lo - 1].text == ":":
            for k in range(lo - 2, max(-1, lo - 5), -1):  # hat uns gesagt: ‚…‘ (a participle, too)
                if news_cue_forms().get(toks[k].lower):
                    cue = Cue(k, None, news_cue_forms()[toks[k].lower][0])
                    break
        inner_lo, inner_hi = pair.inner
        while inner_lo < inner_hi and st.text[inner_lo].isspace():
            inner_lo += 1
        if cue is None or inner_hi <= inner_lo:
            continue
        q = Quote(inner_lo, inner_hi, st.text[inner_lo:inner_hi], kind="direct")
        _attach(q, st, None, cue, None)
        out.append(q)
    return out


def _index_pairs(tokens: list[Token], pairs: list[QuoteMarks]) -> dict[int, int]:
    out, k = {}, 0
    for i, tok in enumerate(tokens):
        while k < len(pairs) and pairs[k].close < tok.start:
            k += 1
        if k < len(pairs) and pairs[k].open <= tok.start <= pairs[k].close:
            out[i] = k
    return out


# --- one sentence -------------------------------------------------------------
def _sentence(st: _State, s: int, a: int, b: int) -> None:
    skip = set(st.pair_of) & set(range(a, b))
    cues = find_cues(st.tokens, a, b, skip)
    st.cue_index = {c.index for c in cues}
    speaker_of: dict[int, Speaker | None] = {}
    for cue in cues:
        speaker_of[cue.index] = _speaker_for(st, cue, a, b, speaker_of)
    pair_ids = sorted({st.pair_of[i] for i in range(a, b) if i in st.pair_of})
    for k in pair_ids:
        _direct_with_cue(st, s, k, a, b, cues, speaker_of)
    for cue in cues:
        _indirect_or_reported(st, s, cue, a, b, speaker_of.get(cue.index), cues)
    _markers(st, s, a, b)
    _continuation(st, s, a, b, cues)
    for k in pair_ids:
        if k not in st.direct_pairs:
            _direct_without_cue(st, s, k, a, b, cues, speaker_of)


def _speaker_for(st: _State, cue: Cue, a: int, b: int, earlier: dict[int, Speaker | None]) -> Speaker | None:
    toks, i = st.tokens, cue.index
    start = _clause_start(st, a, i)
    end = clause_end(toks, i, b)
    aux = _perfect_auxiliary(st, a, i)
    if aux is not None:
        # Perfect tense: the subject stands next to the auxiliary, the objects between it and the
        # participle (Das Gericht hat die Verurteilung des Bloggers X bestätigt).
        i, end = aux, clause_end(toks, aux, b)
    # A noun phrase with its article before the verb is the subject (Die Opposition warf Wendt Betrug
    # vor): a name after the verb is then an object; a pronoun there is still the subject (Der Zeitung sagte er).
    before = toks[start:i]
    # A lone determiner word is a demonstrative pronoun (Das berichtet der Spiegel), not a subject.
    subject_first = (1 < len(before) <= 6 and before[0].lower in SUBJECT_DETERMINERS
                     and all(t.text[:1].isalnum() for t in before) and not is_addressee(before[-1].text))
    # Inversion (sagte Musk, regte sich Musk auf) when the verb does not open its clause.
    for j in range(i + 1, min(end, i + 4)):
        if toks[j].lower == "sich":
            continue
        if st.finder.is_first_or_second_person(j):
            return None
        sp = st.finder.candidate_at(j)
        if sp and subject_first and toks[j].lower not in PRONOUN_SUBJECTS:
            continue
        if sp and not _object_case(st, j, sp, i + 1):
            return sp
    # Subject before the verb: the first candidate of the clause (… dass Musk die Gründer X und Y drängte);
    # a role that resolves to nobody gives way to a name after it (Die Kanzlerin a. D. Angela Merkel hat …).
    start = _over_quoted_names(st, a, start)
    unresolved = None
    for j in range(start, i):
        if st.finder.is_first_or_second_person(j):
            return None
        sp = st.finder.candidate_at(j)
        if sp and not st.finder.after_preposition(j) and not _object_case(st, j, sp, start):
            if sp.entity is None and sp.name and unresolved is None and j == start + 1:
                unresolved = sp
                continue
            return sp
    if unresolved:
        return unresolved
    if toks[start].lower in COORDINATORS or start == i:
        for prev in reversed([c for c in earlier if c < i]):
            # An unnamed subject carries over only into a coordinated clause (… und forderte).
            if earlier[prev] and (earlier[prev].entity or toks[start].lower in COORDINATORS):
                return earlier[prev]
    if start == i and start > a and toks[start - 1].text == ",":
        sp = _apposition_before(st, a, start - 1)
        if sp:
            return sp
    if cue.form.lemma == IMPERSONAL:
        return _impersonal_source(st, start, end)
    return _unnamed_subject(st, start, i, end)


def _over_quoted_names(st: _State, a: int, start: int) -> int:
    """Clause start moved back over a quoted name in the subject (Auch die „Bild“-Zeitung berichtete;
    die Initiative „Fridays for Future“ hat …), which the clause split stops at."""
    toks = st.tokens
    while start > a:
        j = start - 1 if toks[start - 1].text in QUOTE_CHARS else (start - 2 if toks[start].text == "-" else -1)
        if j < a or j not in st.pair_of or st.pairs[st.pair_of[j]].close != toks[j].start:
            return start
        lo, hi = _pair_tokens(st, st.pair_of[j])
        words = [t for t in toks[lo + 1:hi - 1] if t.text[:1].isalnum()]
        if not words or len(words) > 4 or not words[0].text[:1].isupper():
            return start
        start = _clause_start(st, a, lo)
    return start


def _apposition_before(st: _State, a: int, comma: int) -> Speaker | None:
    """'Der Oberbürgermeister von Tübingen, Boris Palmer, sagte': the cue's clause is empty and the short
    segment before its comma names the speaker."""
    lo = _clause_start(st, a, comma)
    if comma - lo > 4 or lo == a or st.tokens[lo - 1].text != ",":
        return None
    for j in range(lo, comma):
        sp = st.finder.candidate_at(j)
        if sp and sp.name and st.finder.span_end(j, sp) == comma - 1:
            return sp
    return None


PRONOUN_SUBJECTS = {"er", "sie", "es"}
SUBJECT_DETERMINERS = {"der", "die", "das", "ein", "eine", "sein", "seine", "ihr", "ihre", "unser", "unsere"}
INVERTED_DETERMINERS = {"der", "die", "das", "ein", "eine"}


def _unnamed_subject(st: _State, start: int, i: int, end: int) -> Speaker | None:
    """A speaker the article does not name: a noun phrase as the clause's subject (Die Regierung hat …
    versprochen; Kesslers Verteidiger kündigte … an) or right after the cue (fragte ein Reporter).
    It speaks for no entity."""
    toks = st.tokens
    words = toks[start:i]
    # A mention may start at the cue itself (start == i): then there are no words before it.
    genitive_name = start in st.finder.mention_at and len(words) > 1 and words[0].text.endswith("s")
    if (1 < len(words) <= 6 and all(t.text[:1].isalnum() for t in words) and words[-1].text[:1].isupper()
            and (words[0].lower in SUBJECT_DETERMINERS or genitive_name)):
        return Speaker(words[0].start, words[-1].end, st.text[words[0].start:words[-1].end], None, None)
    j = i + 1
    # After the verb only when nothing stands before it (…, argumentiert die Staatsanwaltschaft) or
    # only a demonstrative object (Das gab die Polizei bekannt); otherwise the phrase after the verb
    # is its object (Politiker forderten das Königreich … auf).
    object_only = len(words) == 1 and words[0].lower in demonstratives()
    if (start == i or object_only) and j < end and toks[j].lower in INVERTED_DETERMINERS:
        k = j + 1
        while k < end and toks[k].text.islower() and toks[k].text.isalpha():
            k += 1  # adjectives (der Vorsitzende Richter: the capitalised one is the head)
        if k < end and toks[k].text[:1].isupper() and toks[k].text.isalpha() and not is_addressee(toks[k].text):
            while k + 1 < end and toks[k + 1].text[:1].isupper() and toks[k + 1].text.isalpha():
                k += 1
            return Speaker(toks[j].start, toks[k].end, st.text[toks[j].start:toks[k].end], None, None)
    return None


def _impersonal_source(st: _State, start: int, end: int) -> Speaker | None:
    """'hieß es': the organisation or person named in the clause (In einer Mitteilung des Herstellers X
    hieß es), else a source without a name (aus Regierungskreisen) when the clause gives one."""
    toks = st.tokens
    for j in range(start, end):
        sp = st.finder.candidate_at(j)
        if sp and sp.name and sp.entity:
            return sp
    for j in range(start, end):
        if toks[j].lower in {"darin", "dort", "daraus"} and st.last is not None and st.last.speaker:
            # "…, heißt es darin": the document of the previous report (Der Vorstand räumte in einem Schreiben …)
            last = st.last
            return Speaker(toks[j].start, toks[j].end, last.speaker, last.speaker_entity, None)
    for j in range(start, end):
        if toks[j].lower in SOURCE_PREPOSITIONS | {"darin", "dort"}:
            return Speaker(toks[j].start, toks[min(end, j + 3) - 1].end, None, None, None, anonymous=True)
    return None


SOURCE_PREPOSITIONS = {"aus", "in", "von", "bei", "nach"}


CUE_STOP = {"der", "die", "das", "ein", "eine", "und", "oder"}
OBJECT_DETERMINERS = {"dem", "den", "einem", "einen", "diesem", "diesen", "ihm", "ihn",
                      "seinen", "seinem", "ihren", "ihrem", "unseren", "unserem"}  # lobte ihren Stürmer X


def _object_case(st: _State, j: int, sp: Speaker, lo: int) -> bool:
    """A phrase opened by a dative/accusative determiner (warfen dem türkischen Präsidenten vor)
    is an object, not the speaker."""
    k = j
    while k > 0 and st.tokens[k - 1].start >= sp.start:
        k -= 1  # first token of the speaker phrase
    # Walk back over the noun phrase's other words (dem [türkischen] [Chef] Wendt) to its determiner.
    for back in range(k, max(lo - 1, k - 4), -1):
        word = st.tokens[back].lower
        if word in OBJECT_DETERMINERS:
            return True
        if back < k and not st.tokens[back].text[:1].isalpha() or word in CUE_STOP:
            return False
    return False


def _emit(st: _State, s: int, lo: int, hi: int, kind: str, sp: Speaker | None, cue: Cue | None,
          cue_text: tuple[int, int] | None = None) -> Quote | None:
    """A quote over tokens [lo, hi) (trailing punctuation dropped)."""
    toks = st.tokens
    while hi > lo and toks[hi - 1].text in {".", ",", ";", ":", "-", "–"}:
        hi -= 1
    if hi <= lo:
        return None
    start, end = toks[lo].start, toks[hi - 1].end
    q = Quote(start, end, st.text[start:end], kind=kind)
    _attach(q, st, sp, cue, cue_text)
    st.quotes.append(q)
    st.claimed.update(range(lo, hi))
    st.last_sentence = s
    return q


def _attach(q: Quote, st: _State, sp: Speaker | None, cue: Cue | None, cue_text: tuple[int, int] | None) -> None:
    if sp:
        q.speaker, q.speaker_entity = sp.name, sp.entity
        q.speaker_start, q.speaker_end = sp.start, sp.end
    if cue is not None:
        first, last = st.tokens[cue.index], st.tokens[cue.particle if cue.particle is not None else cue.index]
        q.cue_start, q.cue_end = first.start, first.end
        q.cue = first.text if cue.particle is None else f"{first.text} … {last.text}"
    elif cue_text:
        q.cue_start, q.cue_end = cue_text
        q.cue = st.text[cue_text[0]:cue_text[1]]


def _pair_tokens(st: _State, k: int) -> tuple[int, int]:
    """First and one-past-last token index of pair ``k`` (marks included)."""
    idx = [i for i, kk in st.pair_of.items() if kk == k]
    return min(idx), max(idx) + 1


def _emit_direct(st: _State, s: int, k: int, sp: Speaker | None, cue: Cue | None, kind: str = "direct") -> None:
    pair = st.pairs[k]
    lo, hi = pair.inner
    while lo < hi and st.text[lo].isspace():
        lo += 1
    while hi > lo and st.text[hi - 1].isspace():
        hi -= 1
    if hi <= lo:
        return
    q = Quote(lo, hi, st.text[lo:hi], kind=kind)
    _attach(q, st, sp, cue, None)
    st.quotes.append(q)
    st.direct_pairs.add(k)
    st.claimed.update(range(*_pair_tokens(st, k)))
    st.last_sentence = s


def _is_speech_quote(st: _State, k: int, min_words: int = 3) -> bool:
    """Long enough to be a statement on its own (shorter ones need a cue right next to them)."""
    lo, hi = _pair_tokens(st, k)
    words = [t for t in st.tokens[lo + 1:hi - 1] if t.text[0].isalnum()]
    return len(words) >= min_words


# --- direct speech --------------------------------------------------------------
def _direct_with_cue(st, s, k, a, b, cues, speaker_of) -> None:
    lo, hi = _pair_tokens(st, k)
    if not _is_speech_quote(st, k, min_words=1):
        return
    toks = st.tokens
    j = hi
    if j < b and toks[j].text in {",", "–", "—"}:
        j += 1
    after = next((c for c in cues if c.index == j), None)
    if after and hi < b and (toks[hi].text == "," or toks[hi - 2].text in "?!"):
        _emit_direct(st, s, k, speaker_of.get(after.index), after)
        return
    if j < b and toks[j].lower == "so" and j + 1 < b:  # „…“, so Musk / „…“, so Reederei-Chef Lars Jensen
        _, sp = _candidate_after(st, j + 1, b)
        if sp:
            _emit_direct(st, s, k, sp, None)
            st.quotes[-1].cue, st.quotes[-1].cue_start, st.quotes[-1].cue_end = "so", toks[j].start, toks[j].end
            return
    if lo > a and toks[lo - 1].text == "," and k - 1 in st.direct_pairs and st.pairs[k - 1].close >= toks[a].start:
        # „…“, so X, „…“ / „…“, sagte X, „…“: the second part of an interrupted quote.
        prev = next(q for q in reversed(st.quotes) if q.start < st.pairs[k].open)
        _emit_direct(st, s, k, None, None)
        _inherit_speaker(st.quotes[-1], prev)
        st.quotes[-1].cue, st.quotes[-1].cue_start, st.quotes[-1].cue_end = prev.cue, prev.cue_start, prev.cue_end
        return
    if lo > a and toks[lo - 1].text in {":", ","}:
        prev_close = max([st.pairs[kk].close for kk in range(k) if st.pairs[kk].close < toks[lo].start] + [-1])
        before = [c for c in cues if c.index < lo and toks[c.index].start > prev_close]
        if before:
            cue = before[-1]
            _emit_direct(st, s, k, speaker_of.get(cue.index), cue)


def _direct_without_cue(st, s, k, a, b, cues, speaker_of) -> None:
    lo, hi = _pair_tokens(st, k)
    toks = st.tokens
    if any(i in st.claimed for i in range(lo, hi)):
        holder = next((q for q in st.quotes if q.start <= st.tokens[lo].start < q.end), None)
        if holder is not None and holder.kind == "reported":
            _emit_partial(st, s, k, holder)  # warf X vor, der eine „langweilige, dumme“ Frage …
        return
    if _is_speech_quote(st, k) and lo > a and toks[lo - 1].text == ":":
        sp = _colon_speaker(st, a, lo - 1)
        if sp or st.last:
            _emit_direct(st, s, k, sp, None)
            if not sp:
                _inherit_speaker(st.quotes[-1], st.last)
            return
    if _is_speech_quote(st, k, min_words=2) and lo == a and s - st.last_sentence <= DIRECT_CONTINUATION_GAP and st.last:
        _emit_direct(st, s, k, None, None)  # a quoted sentence that continues the last speaker
        _inherit_speaker(st.quotes[-1], st.last)
        return
    _partial(st, s, k, lo, hi, cues, speaker_of)


def _partial(st, s, k, lo, hi, cues, speaker_of) -> None:
    """A short quote inside a sentence: the speaker's own words if the sentence reports speech."""
    toks = st.tokens
    if hi < len(toks) and toks[hi].text.startswith("-") and toks[hi].start == toks[hi - 1].end:
        return  # "New York Times"-Konferenz: a name, not speech
    if any(q.start <= toks[lo].start and toks[hi - 1].end <= q.end + 1 and q.kind == "mixed" for q in st.quotes):
        return  # already part of a mixed quote
    words = [t.text for t in toks[lo + 1:hi - 1] if t.text[:1].isalpha()]
    if words and all(w[:1].isupper() for w in words):
        return  # der Zeitung „Die Welt“, „Capped Profit“: a name or a term, not someone's words
    # The quoted words follow the cue that introduces them (nannte die Frage „langweilig, dumm“).
    with_speaker = [c for c in cues if speaker_of.get(c.index) and c.form.finite and c.index < lo]
    if not with_speaker:
        return
    cue = with_speaker[-1]
    _emit_direct(st, s, k, speaker_of[cue.index], cue)


def _emit_partial(st: _State, s: int, k: int, holder: Quote) -> None:
    lo, hi = st.pairs[k].inner
    q = Quote(lo, hi, st.text[lo:hi], kind="direct", speaker=holder.speaker, speaker_entity=holder.speaker_entity,
              cue=holder.cue, speaker_start=holder.speaker_start, speaker_end=holder.speaker_end,
              cue_start=holder.cue_start, cue_end=holder.cue_end)
    st.quotes.append(q)
    st.direct_pairs.add(k)


def _colon_speaker(st: _State, a: int, colon: int) -> Speaker | None:
    """Who speaks in 'X …: „…“' when no cue verb stands there: a person named or referred to before the colon."""
    for j in range(a, colon):
        if j in st.pair_of:
            continue
        sp = st.finder.candidate_at(j)
        if sp is None and st.tokens[j].lower in ("ihm", "ihn"):
            sp = st.finder.resolve_pronoun(j)
        if sp and sp.name:
            return sp
    return None


def _inherit_speaker(q: Quote, last: Quote | None) -> None:
    if last is None:
        return
    q.speaker, q.speaker_entity = last.speaker, last.speaker_entity


# --- indirect and reported speech ----------------------------------------------
def _indirect_or_reported(st, s, cue: Cue, a, b, sp: Speaker | None, cues: list[Cue]) -> None:
    if sp is None or (sp.name is None and not sp.anonymous) or cue.index in st.claimed:
        return
    toks, i = st.tokens, cue.index
    if _as_clause(st, s, cue, a, b, sp):
        return
    # Pattern A: "<Konjunktiv clause>, sagte Musk."
    if i - 1 > a and toks[i - 1].text == "," and cue.form.finite:
        lo = _segment_start(st, a, i - 1)
        if lo < i - 1 and has_konjunktiv(toks, lo, i - 1, lambda: _sentence_tags(st, s)) and not _mostly_direct(st, lo, i - 1):
            _emit_with_kind(st, s, lo, i - 1, sp, cue)
            return
    # Pattern B: "Musk betonte, dass …" / "Musk sagte, er habe …"
    after = cue.particle if cue.particle is not None else i
    comma = _next_comma(st, after, b)
    later_cue = any(c.index in range(after + 1, comma) for c in cues)
    if comma < b - 1 and toks[comma].text == "," and not later_cue:
        first = comma + 1
        content_end = _content_end(st, first, b)
        opener = toks[first].lower
        relative = opener in RELATIVE_W and toks[comma - 1].text[:1].isupper() and comma - 1 != after
        # "…, wie die Staatsanwaltschaft mitteilte": that clause has a cue of its own (Pattern W).
        own_cue = opener == "wie" and any(c.index in range(first, clause_end(toks, first, b)) for c in cues)
        if relative or own_cue:
            pass
        elif (opener in SUBORDINATORS or has_konjunktiv(toks, first, _konjunktiv_window(st, s, first, content_end), lambda: _sentence_tags(st, s))
              or _zu_infinitive(st, first, content_end) or _indicative_report(st, s, cue, sp, after, comma, b)):
            _emit_with_kind(st, s, first, content_end, sp, cue)
            return
    aux = _perfect_auxiliary(st, a, i)
    finite = aux if aux is not None else (i if cue.form.finite else None)
    if cue.form.kind == "act" and finite is not None:
        # The act from its finite verb on: the subject or adverbial before it is not what was said
        # (Die Opposition [warf dem Minister Versagen vor]; Nach dem Unglück [hat die Bahn Fehler eingestanden]).
        lo = max(_clause_start(st, a, i), finite)
        hi = min(_content_end(st, i, b), clause_end(toks, cue.particle if cue.particle is not None else i, b))
        verb = {i, finite, cue.particle}
        if any(toks[j].text[:1].isalnum() and toks[j].lower != "sich" for j in range(lo, hi) if j not in verb):
            _emit(st, s, lo, hi, "reported", sp, cue)  # not a bare verb (…, wie Medien berichten)


def _konjunktiv_window(st: _State, s: int, first: int, content_end: int) -> int:
    """Where the Konjunktiv of a content clause may stand: its first five words, or up to eight when
    they are one main clause (die Versorgung auf dem Land breche zusammen; not the relative clause of
    forderte Zugang zu Dokumenten, die Aufschluss geben könnten)."""
    toks = st.tokens
    short = min(content_end, first + 5)
    end = min(clause_end(toks, first, content_end), first + 8)
    if end <= short or _relative_after_comma(st, s, first):
        return short
    if toks[first].lower in indicative_rules().openers:
        return short  # …, da dies ohnehin entschieden werde: a subordinate clause
    tags = _tags(st, s)  # tagged only now: the sentence may not need it otherwise
    a = st.sents[s][0]
    if tags[first - a].pos in NOT_MAIN_CLAUSE:
        return short
    last = max((j for j in range(first, end) if toks[j].text[:1].isalnum()), default=first)
    return short if "FIN" in tags[last - a].pos else end  # verb-final: a subordinate clause


def _own_speech_cue(st: _State, first: int, end: int) -> bool:
    """A speech or act verb of the clause's own (not a thought verb: viele Praxen finden keine Nachfolger)."""
    for j in range(first, end):
        if j in st.cue_index:
            forms = news_cue_forms().get(st.tokens[j].lower, ())
            if any(f.kind != "thought" for f in forms):
                return True
    return False


NOT_MAIN_CLAUSE = {"KOUS", "KOUI", "KON", "PRELS", "PRELAT"}  # STTS: conjunctions, relative pronouns


def _tags(st: _State, s: int) -> tuple[Tag, ...]:
    from .morph import tag_sentence

    a, b = st.sents[s]
    return tag_sentence(tuple(t.text for t in st.tokens[a:b]))


def _sentence_tags(st: _State, s: int) -> tuple[int, tuple[Tag, ...]]:
    """Sentence ``s``'s first token and its tags, for ``has_konjunktiv``."""
    return st.sents[s][0], _tags(st, s)


def _relative_after_comma(st: _State, s: int, first: int) -> bool:
    """'…, der es hören wollte' / '…, die Aufschluss geben könnten': a relative pronoun (tagged PRELS)
    after a noun or pronoun opens a relative clause, not reported content."""
    before = st.tokens[first - 2] if first >= 2 else None
    if before is None or not before.text[:1].isalpha() or before.text[:1].islower() and before.lower not in {"jedem", "allen", "jenen", "denen", "dem", "den"}:
        return False
    return _tags(st, s)[first - st.sents[s][0]].pos in {"PRELS", "PRELAT"}


def _indicative_report(st: _State, s: int, cue: Cue, sp: Speaker, after: int, comma: int, b: int) -> bool:
    """A main clause in the indicative right after a speech verb and its comma is what was said
    (Die Ministerin sagte, die Mieten steigen weiter; Er erklärte, im Frühjahr beginnt der Bau):
    its finite verb stands second, after one short phrase. Not after thought or act verbs, verbs
    that take no clause (sprach zwei Stunden lang, …), or a verb whose object stands before the
    comma (Er sagte nichts, die Sitzung endete); quote_indicative_report.tsv lists the words."""
    rules, toks = indicative_rules(), st.tokens
    if cue.form.kind != "speech" or cue.form.lemma in rules.no_clause or not cue.form.finite:
        return False
    for j in range(after + 1, comma):
        if sp.start <= toks[j].start < sp.end or j == cue.particle:
            continue  # the speaker (sagte die Ministerin, …)
        word = toks[j].lower
        if word in rules.objects or (word in rules.object_determiners and toks[j - 1].lower not in PREPOSITIONS_ALL
                                     and not (j + 1 < comma and is_addressee(toks[j + 1].text))):
            return False
    first = comma + 1
    end = clause_end(toks, first, b)
    if toks[first].lower in rules.openers or toks[first].text in QUOTE_CHARS or end - first < 3:
        return False
    if _relative_after_comma(st, s, first) or _own_speech_cue(st, first, end):
        return False  # …, Michael Frontzeck sprach von …: a report of its own, not content
    a, tags = st.sents[s][0], _tags(st, s)
    if tags[first - a].pos in NOT_MAIN_CLAUSE:
        return False
    finite = next((j for j in range(first, end) if "FIN" in tags[j - a].pos), None)
    # Verb second: after a first phrase of one to five words, with more of the clause after it.
    return finite is not None and 1 <= finite - first <= 5 and finite + 1 < end


PREPOSITIONS_ALL = {"von", "mit", "bei", "an", "über", "für", "gegen", "zu", "aus", "nach", "vor", "auf", "um",
                    "durch", "ohne", "in", "unter", "hinter", "neben", "zwischen", "seit", "während", "wegen"}


HABEN = {"hat", "haben", "hatte", "hatten", "habe", "hätte", "hätten"}


def _perfect_auxiliary(st: _State, a: int, i: int) -> int | None:
    """The finite form of ``haben`` in the clause of a participle cue (hat … angekündigt), if any."""
    for j in range(_clause_start(st, a, i), i):
        if st.tokens[j].lower in HABEN:
            return j
    return None


def _zu_infinitive(st: _State, first: int, end: int) -> bool:
    """A content clause that is a zu-infinitive (kündigte an, die Kosten zu senken; bestritt, … gesprochen
    zu haben): the clause ends in ``zu`` + verb, or in a verb with ``zu`` inside (aufzuhören)."""
    if any(t.text == "," for t in st.tokens[first:end]) or st.tokens[first].lower in PURPOSE:
        return False  # a purpose clause (um … zu), or a list that ends in one, is not content
    words = [t for t in st.tokens[first:end] if t.text[:1].isalpha()]
    if len(words) < 2 or not words[-1].text.islower():
        return False
    return words[-2].lower == "zu" or any(words[-1].lower.startswith(p + "zu") for p in SEPARABLE_PARTICLES)


PURPOSE = {"um", "ohne", "statt", "anstatt"}
SEPARABLE_PARTICLES = ("ab", "an", "auf", "aus", "bei", "ein", "fest", "her", "hin", "mit", "nach", "vor", "weg",
                       "zu", "zurück", "zusammen", "fort", "los", "dar", "um")


def _as_clause(st: _State, s: int, cue: Cue, a: int, b: int, sp: Speaker) -> bool:
    """Pattern W: the cue sits in a "wie" clause, and the rest of the sentence is what was said:
    "Das Gericht entschied …, wie die Staatsanwaltschaft mitteilte." / "Wie Le Monde berichtete, sei …"."""
    toks, i = st.tokens, cue.index
    start = _clause_start(st, a, i)
    if toks[start].lower != "wie" or not cue.form.finite:
        return False
    end = clause_end(toks, cue.particle if cue.particle is not None else i, b)
    if start > a and toks[start - 1].text == ",":
        lo, hi = _segment_start(st, a, start - 1), start - 1
    elif start == a and end < b and toks[end].text == ",":
        lo, hi = end + 1, _content_end(st, end + 1, b)
    else:
        return False
    if hi - lo < 2 or _mostly_direct(st, lo, hi) or any(j in st.claimed for j in range(lo, hi)):
        return False
    _emit_with_kind(st, s, lo, hi, sp, cue)
    return True


def _clause_start(st: _State, a: int, i: int) -> int:
    start = i
    while start > a and st.tokens[start - 1].text not in {",", ";", ":", "(", "–", "—"} | QUOTE_CHARS:
        start -= 1
    return start


def _next_comma(st: _State, after: int, b: int) -> int:
    """The comma that ends the cue's clause, stepping over quoted names (sagte der „Welt“, …)."""
    j = after + 1
    while j < b and (j in st.pair_of or st.tokens[j].text not in {",", ".", ";", ":", "!", "?", "(", ")", "–", "—"}):
        j += 1
    return j


def _emit_with_kind(st, s, lo, hi, sp, cue) -> None:
    has_partial = any(i in st.pair_of and st.pair_of[i] not in st.direct_pairs for i in range(lo, hi))
    q = _emit(st, s, lo, hi, "mixed" if has_partial else "indirect", sp, cue)
    if q:
        st.last_report_sentence = s


def _segment_start(st: _State, a: int, end: int) -> int:
    """Start of the reported content ending at ``end``: the sentence start or after a colon."""
    lo = a
    for j in range(a, end):
        if st.tokens[j].text == ":" and j not in st.pair_of:
            lo = j + 1
    return lo


def _content_end(st: _State, first: int, b: int) -> int:
    """End of content starting at ``first``: the sentence end, a colon that introduces a direct quote,
    or a coordinated clause with a cue of its own (…, und forderte einen Neustart)."""
    for j in range(first, b):
        if j in st.cue_index and j - 1 > first and st.tokens[j - 1].lower in COORDINATORS:
            return j - 1
        if st.tokens[j].text == ":" and j + 1 < b and j + 1 in st.pair_of:
            return j
        if j in st.pair_of and st.pair_of[j] in st.direct_pairs:
            return j
    return b


def _mostly_direct(st: _State, lo: int, hi: int) -> bool:
    inside = sum(1 for j in range(lo, hi) if j in st.pair_of)
    return inside > (hi - lo) / 2


def _markers(st: _State, s: int, a: int, b: int) -> None:
    """laut Musk … / Musk zufolge … / …, so Musk."""
    toks = st.tokens
    # Where each word of the sentence stands: a marker is looked for only where its first word is.
    positions: dict[str, list[int]] = {}
    for i in range(a, b):
        positions.setdefault(toks[i].lower, []).append(i)
    for where, phrase in attribution_markers():
        n = len(phrase)
        for i in positions.get(phrase[0], ()):
            if i > b - n or i in st.claimed or i in st.pair_of or any(
                    toks[i + k].lower != phrase[k] for k in range(1, n)):
                continue
            if where == "before":
                at, sp = _candidate_after(st, i + n, b)
                if not sp or not sp.name:
                    continue
                sp_end = st.finder.span_end(at, sp)
                if phrase == ("so",) and not (i > a and toks[i - 1].text == "," and
                                              (sp_end + 1 >= b or toks[sp_end + 1].text in {".", ","})):
                    continue
                lo, hi = (a, i - 1) if phrase == ("so",) else (a, b)
                if i == a:  # "Laut Berger sei …": the content starts after the attribution
                    lo = sp_end + 1
                if any(j in st.claimed for j in range(lo, hi)):
                    continue  # „…“, so Berger: already a direct quote
                q = _emit(st, s, lo, hi, "indirect", sp, None, (toks[i].start, toks[i + n - 1].end))
            else:
                sp = _speaker_before(st, a, i)
                if not sp:
                    continue
                # "Wendt zufolge habe …": the content starts after the attribution when it opens the sentence.
                lo = i + 1 if sp.start == toks[a].start or toks[a].lower in {"dem", "der", "den"} else a
                q = _emit(st, s, lo, b, "indirect", sp, None, (toks[i].start, toks[i].end))
            if q:
                st.last_report_sentence = s
            return


def _candidate_after(st: _State, j: int, b: int) -> tuple[int, Speaker | None]:
    """A speaker phrase starting within the next three words (laut [einem] Sprecher …)."""
    for k in range(j, min(b, j + 3)):
        if not st.tokens[k].text[:1].isalpha():
            break
        sp = st.finder.candidate_at(k)
        if sp:
            return k, sp
    return j, None


def _speaker_before(st: _State, a: int, i: int) -> Speaker | None:
    for j in range(i - 1, max(a, i - 4) - 1, -1):
        sp = st.finder.candidate_at(j)
        if sp and sp.name:
            return sp
    return None


def _continuation(st: _State, s: int, a: int, b: int, cues: list[Cue]) -> None:
    """A Konjunktiv main clause right after a report continues it: Sie sei … / Das habe …"""
    if s - st.last_report_sentence > CONTINUATION_GAP or st.last is None or any(i in st.claimed for i in range(a, b)):
        return
    toks = st.tokens
    first_clause_end = clause_end(toks, a, b)
    if toks[a].text in QUOTE_CHARS or not has_konjunktiv(toks, a, first_clause_end, lambda: _sentence_tags(st, s)):
        return
    end = _content_end(st, a, b)
    q = _emit(st, s, a, end, "indirect", None, None)
    if q:
        _inherit_speaker(q, st.last)
        q.speaker_start = q.speaker_end = None
        st.last_report_sentence = s
