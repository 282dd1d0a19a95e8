"""Who said a quotation: the speech-verb constructions around it ("Peskov told reporters", "said Trump", "according to X").

In English, French, German, Spanish, Italian, Portuguese and Russian ("— заявил Путин", "по словам Пескова": a name
after "по словам" is as written, in the genitive); the lists of words below hold each language's.

:mod:`reuse.quotes` finds the quotations and asks :func:`attribute` for the
speakers of each paragraph's. Speakers are found on words, in the quote's
own paragraph: a name after a quote, then the last construction before it
in its sentence; titles are dropped ("Kremlin spokesman Dmitry Peskov" is
Dmitry Peskov), a pronoun names no one, a name in the possessive is
someone else's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["attribute", "one_per_person", "speaker_before"]

# Speakers are found on words (str.split), not with regular expressions over the text around each quote: the search
# runs for every quote of every article, and one set operation rules out most of them.
_VERBS = frozenset(
    "said says say told tells added adds wrote writes warned warns stated states explained explains insisted insists "
    "claimed claims noted notes posted posts tweeted tweets declared declares replied replies responded concluded "
    "argued argues stressed stresses emphasised emphasized admitted acknowledged remarked commented recalled quipped "
    "continued testified reiterated cautioned asked asks Said Says Told Tells Warns Adds Insists Claims "
    "dit déclare déclaré affirme affirmé ajoute ajouté explique expliqué souligne souligné estime estimé écrit "
    "indique indiqué précise précisé sagte sagt erklärte erklärt betonte betont schrieb schreibt warnte meinte "
    "dijo dice afirmó afirma declaró señaló añadió explicó aseguró escribió "
    "disse detto dichiarato affermato spiegato aggiunto sottolineato afferma spiega aggiunge sottolinea "
    "diz afirmou declarou explicou acrescentou destacou ressaltou "
    "заявил заявила заявили сказал сказала сказали отметил отметила отметили подчеркнул подчеркнула добавил добавила "
    "сообщил сообщила сообщили пояснил пояснила написал написала признал признала уточнил уточнила заявляет говорит".split()
)
_ACCORDING = frozenset("according selon laut según secondo segundo словам".split())
_TRIGGERS = frozenset(  # every form a trigger word takes in str.split() output
    w + tail for w in _VERBS | _ACCORDING | {a.capitalize() for a in _ACCORDING} for tail in ("", ",", ":", ".", ";", "!")
) | {"dit-il", "dit-elle", "a-t-il", "a-t-elle"}
_PRONOUNS = frozenset("he she they we i you il elle ils elles er sie wir ich él ella ellos lui lei ele ela eles он она они мы я".split())
_AUXILIARIES = frozenset({"a", "ha"})  # a déclaré, ha detto
_ADVERBS = frozenset("also later then again earlier once further just has had have was would".split())
_DETERMINERS = frozenset("the a an former then senior top il o".split())
_STOP = frozenset(  # capitalised words that do not start names
    "The A An And But Or So If In On At As Of For To By With From When While After Before Then This That These Those "
    "There Here He She It They We I You His Her Its Their Our My Your Meanwhile However Yet Still Now Asked Speaking "
    "According Il Elle Er Sie Wir Ich Le La Les Der Die Das El Los Lo Gli Un Una Lui Lei O Os Um Uma Ele Ela "
    "Как По Об В Во На Он Она Они Мы Я Это Но И А При После Также Кроме Однако Ранее".split()
)
_IN = frozenset("в во на".split())  # "В Кремле заявили": where it was said, not who
_LINKS = frozenset("de da di del della des du van von der den ter bin ibn al el la le of".split())
_TITLES = frozenset(
    "spokesman spokeswoman spokesperson press secretary minister aide adviser advisor envoy ambassador president "
    "chancellor leader chief official head director deputy senator governor mayor general commander prosecutor "
    "lawyer attorney analyst professor chairman chairwoman ceo founder correspondent foreign defence defense prime "
    "vice state pope king queen prince secretary-general mr mrs ms dr sir lord judge justice sen rep gov gen "
    "councillor councilor councilman councilwoman mp lawmaker legislator commissioner inspector superintendent officer "
    "organiser organizer campaigner activist representative economist researcher scientist coach manager "
    "executive chair chairperson member captain colonel sergeant detective "
    "ministro presidente portavoce premier segretario sindaco porta-voz governador prefeito secretário "
    "президент министр премьер-министр глава пресс-секретарь представитель спикер депутат губернатор мэр посол "
    "председатель директор помощник советник".split()
)
_INNER = _TITLES | _LINKS  # lowercase words inside a name: Kremlin spokesman Dmitry Peskov
_GROUPS = frozenset("officials diplomats sources authorities media reports police lawmakers analysts experts".split())
_PUNCT = ",.;:!?…—–-\"'“”‘’«»‹›„()[]"
_STOPS = re.compile(r"[.!?…][\"'”’»)]*(?=\s|$)")
_POSSESSIVE = re.compile(r"\w['’]s$")
_WINDOW = 250  # how far before a quote a speaker is looked for, in characters


def attribute(text: str, para: list[tuple[int, int, bool]], para_start: int, para_end: int) -> list[str | None]:
    """The speakers of the quotes ``(start, end, closed)`` of one paragraph (``text[para_start:para_end]``).

    The construction right after a quote wins, then the last one in the same sentence before it. A quote that opens
    a sentence with no construction of its own continues the previous quote of the paragraph: “It is clear,” Peskov
    said. “But there is political will.” The speaker is looked for in the quote's own paragraph only: the next one's
    "Reyes said ..." is another person's words.

    >>> t = '“We will not move.”\\n\\nReyes said the plan had failed.'
    >>> attribute(t, [(0, 19, True)], 0, 19), attribute('“Yes,” Peskov said. “No.”', [(0, 6, True), (20, 25, True)], 0, 25)
    ([None], ['Peskov', 'Peskov'])
    """
    out: list[str | None] = []
    for i, (start, end, closed) in enumerate(para):
        found, speaker, fresh = False, None, False
        if closed:
            words = text[end : min(para[i + 1][0] if i + 1 < len(para) else para_end, end + 120)].split()
            if not _TRIGGERS.isdisjoint(words):
                cut = next((k + 1 for k, w in enumerate(words) if w[-1] in ".!?…\"'”’»)" and _ends_sentence(w)), None)
                found, speaker = _said_after(words[:cut])
        if not found:
            found, speaker, fresh = _before(text, para, i, para_start)
        if not found and fresh and out:
            speaker = out[-1]
        out.append(speaker)
    return out


def _before(text: str, para: list[tuple[int, int, bool]], i: int, para_start: int) -> tuple[bool, str | None, bool]:
    """Search the sentence before ``para[i]``, skipping earlier quotes: (found, speaker, quote opens its sentence)."""
    limit = max(para_start, para[i][0] - _WINDOW)
    hi = para[i][0]
    for j in range(i - 1, -2, -1):
        lo = max(para[j][1] if j >= 0 else para_start, limit)
        seg = text[lo:hi]
        stops = reversed(list(_STOPS.finditer(seg)))
        cut = next((m.end() for m in stops if _ends_sentence(seg[seg.rfind(" ", 0, m.start()) + 1 : m.end()])), 0)
        words = seg[cut:].split()
        found = _said_before(words) if not _TRIGGERS.isdisjoint(words) else None
        if found:
            return True, found[1], False
        if cut or not words or j < max(i - 4, 0) or lo <= limit:
            return False, None, hi == para[i][0] and not words and bool(cut or j >= 0)
        hi = para[j][0]
    return False, None, False


def _ends_sentence(word: str) -> bool:
    """Whether ``word`` ends a sentence; initials and short abbreviations do not.

    >>> [_ends_sentence(w) for w in ["weekend.", "U.S.", "Mr.", "now!”", "said,"]]
    [True, False, False, True, False]
    """
    bare = word.rstrip("\"'”’»)")
    short = bare.count(".") > 1 or (len(bare) <= 4 and bare[:1].isupper())
    return bare[-1:] in ("!", "?", "…") or (bare[-1:] == "." and not short)


def _is_cap(word: str) -> bool:
    return (bare := word.strip(_PUNCT))[:1].isupper() and bare not in _STOP


def _said_after(words: list[str]) -> tuple[bool, str | None]:
    """A construction opening the words after a quote: ", Peskov told", ", said Trump", ", a déclaré Macron",
    ", union leader Marta Kovac told", ", said union leader Marta Kovac".

    >>> [_said_after(s.split()) for s in ["union leader Marta Kovac told reporters.", "said councillor Ana Beric.", "said in a statement on Monday."]]
    [(True, 'Marta Kovac'), (True, 'Ana Beric'), (False, None)]
    """
    words = [w for w in words if w.strip(_PUNCT)]
    words = words[1:] if words[:1] and words[0] in _AUXILIARIES else words
    first = words[0].strip(_PUNCT) if words else ""
    if first.split("-")[0] in _VERBS:  # said Trump, sagte Merkel, dit-il
        k = next((k for k in range(1, len(words)) if words[k] not in _DETERMINERS), len(words))
        if "-" in first or (k < len(words) and words[k].strip(_PUNCT).lower() in _PRONOUNS):
            return True, None
        name = _name_from(words, k)
        if name is None:  # said union leader Marta Kovac
            titled = next((j for j in range(k + 1, min(k + _TITLE_WORDS, len(words)) + 1) if _title_before(words[k:j])), None)
            while titled is not None and titled < len(words) and _genitive(words[titled]):
                titled += 1  # сказал министр иностранных дел Сергей Лавров
            name = _name_from(words, titled) if titled is not None and titled < len(words) else None
        return name is not None, name
    found = _construction(words, next((v for v, w in enumerate(words) if w in _TRIGGERS), 0))
    if found and (all(w in _DETERMINERS for w in words[: found[0]]) or _title_before(words[: found[0]])):
        return True, found[1]
    return False, None


_TITLE_WORDS = 5  # at most, in a lowercase title before a name: "the local union leader"


def _title_before(words: list[str]) -> bool:
    """Whether ``words``, set before a name, are a lowercase title ("union leader", "the city councillor").

    >>> [_title_before(s.split()) for s in ["union leader", "the city councillor", "in a statement on", "leader,", "union"]]
    [True, True, False, False, False]
    """
    return (
        0 < len(words) <= _TITLE_WORDS
        and words[-1] in _TITLES
        and all(w.islower() and w.replace("-", "").replace("’", "").replace("'", "").isalpha() for w in words)
    )


def speaker_before(words: list[str]) -> str | None:
    """Who the last speech-verb construction of ``words`` names ("Marsh said:"), or ``None``.

    >>> speaker_before("Finance Minister Helen Marsh said:".split()), speaker_before("The trust released a statement:".split())
    ('Helen Marsh', None)
    """
    found = _said_before(words) if not _TRIGGERS.isdisjoint(words) else None
    return found[1] if found else None


def _said_before(words: list[str]) -> tuple[int, str | None] | None:
    """The last construction in the words before a quote ("Trump said Putin is"): (first index, speaker)."""
    for v in range(len(words) - 1, -1, -1):
        if words[v] in _TRIGGERS and (found := _construction(words, v)):
            return found
    return None


def _construction(words: list[str], v: int) -> tuple[int, str | None] | None:
    """The speaker construction around the trigger ``words[v]``: (index of its first word, speaker)."""
    word = words[v].rstrip(",:;.!?") if v < len(words) else ""
    if word.lower() in _ACCORDING:  # according to X, selon X, laut X, según X, по словам X
        k = v + 1 + (word.lower() == "according")
        if k > len(words) or (word.lower() == "according" and words[k - 1] != "to"):
            return None
        if word == "словам":
            if not v or words[v - 1].lower() != "по":
                return None
            v -= 1
        while k < len(words) and words[k] in _DETERMINERS:
            k += 1
        name = _name_from(words, k)
        return (v, name) if name else None
    return _subject(words, v) if word in _VERBS and v else None


def _subject(words: list[str], v: int) -> tuple[int, str | None] | None:
    """Who does the speech verb ``words[v]``: (first index, name or None for a pronoun); None for "the pair said"."""
    k = v - 2 if v > 1 and words[v - 1] in _AUXILIARIES else v - 1  # a déclaré, ha detto
    for _ in range(2):
        if k > 0 and (words[k] in _ADVERBS or (words[k].endswith("ly") and words[k].islower())):
            k -= 1
    if words[k].strip(_PUNCT).lower() in _PRONOUNS:
        return k, None
    if words[k].endswith(")"):  # Dmitry Peskov (Kremlin press secretary) stated
        k = next((j for j in range(k, max(k - 10, 0), -1) if words[j].startswith("(")), 0) - 1
    elif words[k].endswith(","):  # Dmitry Peskov, the Kremlin spokesman, said
        k = next((j for j in range(k - 1, max(k - 14, -1), -1) if words[j].endswith(",")), -1)
    if k < 0:
        return None
    last = words[k].rstrip(",")
    if not _is_cap(last) or last.endswith(("’s", "'s")) or last[-1] in _PUNCT:
        return None
    j = k
    while j > 0 and words[j - 1][-1] not in _PUNCT and (_is_cap(words[j - 1]) or words[j - 1] in _INNER):
        j -= 1
    while not _is_cap(words[j]):
        j += 1
    if j and words[j - 1].lower() in _IN:
        return None
    return j, _clean_name(words[j:k] + [last])


def _name_from(words: list[str], k: int) -> str | None:
    """The capitalised run starting at ``words[k]`` (said "Kremlin spokesman Dmitry Peskov"), or a group of them.

    A name in the possessive before a title is someone else's: "said Marsh's deputy, Paul Kent" is Kent's, and
    "said Marsh's spokesman" names no one ("Marsh's office", "St James's Palace" stay as they were read).

    >>> _name_from("said Marsh’s deputy, Paul Kent.".split(), 1), _name_from("said Marsh's spokesman.".split(), 1)
    ('Paul Kent', None)
    """
    run: list[str] = []
    for j, word in enumerate(words[k:], k):
        bare = word.strip(_PUNCT)
        if _is_cap(word) and _POSSESSIVE.search(bare) and j + 1 < len(words) and words[j + 1].strip(_PUNCT).lower() in _TITLES:
            after = next((m for m in range(j + 1, len(words)) if words[m].strip(_PUNCT).lower() not in _TITLES | _DETERMINERS), len(words))
            ends = any(w[-1] in ".!?;" for w in words[j:after])
            return None if ends or after == len(words) or not _is_cap(words[after]) else _name_from(words, after)
        if _is_cap(word) or (run and word in _INNER):
            run.append(bare)
        elif run and bare.lower() in _GROUPS:  # according to Russian diplomats
            return " ".join(run + [bare])
        else:
            break
        if word[-1] in _PUNCT:
            break
    while run and not run[-1][0].isupper():
        run.pop()
    return _clean_name(run) if run else None


def _genitive(word: str) -> bool:
    """Whether ``word`` is a lowercase Cyrillic word, as the genitives after a Russian title are ("министр иностранных дел").

    >>> [_genitive(w) for w in ["иностранных", "Лавров", "said"]]
    [True, False, False]
    """
    return word.isalpha() and word.islower() and "а" <= word[0] <= "я"


def _clean_name(words: list[str]) -> str:
    """The last capitalised run of ``words``, without leading titles; a Russian name is its first and family names.

    A Russian title is followed by the genitive of what it heads, in capitals when it is a name ("министр иностранных
    дел России Сергей Лавров"): of a Cyrillic run, the last two words are kept, three with a patronymic.

    >>> [_clean_name(s.split()) for s in ["Kremlin spokesman Dmitry Peskov", "US Secretary of State Marco Rubio"]]
    ['Dmitry Peskov', 'Marco Rubio']
    >>> [_clean_name(s.split()) for s in ["пресс-секретарь Кремля Дмитрий Песков", "России Владимир Владимирович Путин"]]
    ['Дмитрий Песков', 'Владимир Владимирович Путин']
    """
    run: list[str] = []
    for word in words:
        run = run + [word] if word[:1].isupper() or (run and word in _LINKS) else []
    cut = max((k + 1 for k, word in enumerate(run[:-1]) if word.lower().rstrip(".") in _TITLES), default=0)
    while cut < len(run) - 1 and run[cut] in _LINKS:
        cut += 1
    run = run[cut:]
    if len(run) > 2 and "А" <= run[-1][:1] <= "Я":
        run = run[-3:] if run[-2].endswith(("вич", "вна", "ична")) else run[-2:]
    name = " ".join(run) or " ".join(words)
    return name[:-2] if name.endswith(("’s", "'s")) else name


def one_per_person(names: Iterable[str]) -> list[str]:
    """``names`` with one name per person, by family name: the fullest of "Paul Kent" and "Kent", the first of two as full.

    Two texts name one speaker as each writes it ("Claire Dumont", "Mme Dumont"): said once.

    >>> one_per_person(["Kent", "Paul Kent", "Claire Dumont", "Mme Dumont", "Trump"])
    ['Paul Kent', 'Claire Dumont', 'Trump']
    """
    best: dict[str, str] = {}
    for name in names:
        family = name.split()[-1].casefold() if name.split() else name
        if family not in best or len(name.split()) > len(best[family].split()):
            best[family] = name
    return list(best.values())
