"""Wire agencies: the outlets that are one, and the credits a text gives one.

A wire story runs under many outlets' names. Two articles that credit the
same agency ("LONDON (Reuters) -", "- AFP") carry its text and are siblings
unless one repeats the other's own changes; an article that credits the
agency an outlet is (``reuters.com`` is Reuters) took from that outlet's
copy. :mod:`reuse.provenance` weighs both; :mod:`reuse.outlets` and the
terminal summary name the wire links.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["wire_credits", "wire_name"]

# Each wire: words one of which must appear in the text (a cheap substring
# test), and the pattern that confirms a credit. The Chinese, Japanese and
# Korean agencies are credited in their own scripts only: their English names
# ("Yonhap reported") are not taken as credits; that moved the direction
# figures of the English OneStopEnglish corpus (0.982 to 0.974 with times).
#: A bracketed credit in a dateline, at the start of a line: a place whose first word holds two capitals or more
#: ("WASHINGTON", "McALLEN, Texas", "SÃO PAULO", "RIO DE JANEIRO, Brazil, Nov. 30"), the credit, then one or two
#: dashes (or a colon, an underscore, or the sentence's capital right after); or the credit alone and a dash.
#: "Students (AP) - are", "Advanced Placement (AP): English", "I took the test (AP) — It" are no datelines, nor
#: "(AP)" before a line break; a place in lower case ("Washington, D.C. (AP)") is not read. Every part is
#: bounded, so the pattern stays linear. ``{0}`` is the agency.
_CAPITAL = "[^\\W\\d_a-z\u00df-\u00ff\u03ac-\u03ce\u0430-\u045f]"  # a letter not in lower case (Latin, Greek, Cyrillic), or of a script without case
_BRACKETED_DATELINE = (
    r"(?m:^[^\S\n]*\W{{0,3}}(?=[^\s(]{{0,20}}?" + _CAPITAL + r"[^\s(]{{0,20}}?" + _CAPITAL + r")[^\W\d_][^\s(]*[^\n(]{{0,60}}?"
    r"\({0}\)[^\S\n]*(?:[-—–_:]{{1,2}}|(?=" + _CAPITAL + r"))"
    r"|^[^\S\n]*\W{{0,3}}\({0}\)[^\S\n]*[-—–_]{{1,2}})"
)
_WIRES = {
    "AFP": (("AFP", "Agence France", "法新社"), r"\bAFP\b|Agence France[- ]Presse|法新社"),
    "Reuters": (("Reuters", "路透", "ロイター", "로이터"), r"\bReuters\b|路透社|ロイター|로이터"),
    # "(AP)" and "(PA)" only in a dateline ("LONDON, March 3 (PA) -"): in a sentence, an Advanced Placement class or a
    # public address system.
    "AP": (("AP", "Associated Press", "美联社", "美聯社", "AP통신"), _BRACKETED_DATELINE.format("AP") + r"|\bAssociated Press\b|\bAP\s*[—–-]|美联社|美聯社|AP통신"),
    "dpa": (("dpa", "Deutsche Presse"), r"\bdpa\b|Deutsche Presse-Agentur"),
    "PA": (("PA Media", "Press Association", "(PA)"), r"\bPA Media\b|\bPress Association\b|" + _BRACKETED_DATELINE.format("PA")),
    "Xinhua": (("Xinhua", "新华社", "新華社"), r"\bXinhua\b|新华社|新華社"),
    "China News Service": (("中新社",), r"中新社(?![会會区區])"),
    "CNA": (("中央社",), r"中央社(?![会會区區])"),
    "Kyodo": (("共同通信",), r"共同通信"),
    "Jiji": (("時事通信",), r"時事通信"),
    "Yonhap": (("연합뉴스",), r"연합뉴스"),
    "Newsis": (("뉴시스",), r"뉴시스"),
    "TASS": (("TASS", "塔斯社"), r"\bTASS\b|塔斯社"),
    "EFE": (("EFE",), r"\bEFE\b"),
    "ANSA": (("ANSA",), r"\bANSA\b"),
    "Anadolu": (("Anadolu",), r"\bAnadolu\b"),
    "UPI": (("UPI",), r"\bUPI\b"),
    "Bloomberg": (("Bloomberg",), r"\(Bloomberg\)"),
}
_WIRE_RES = {name: (words, re.compile(pattern)) for name, (words, pattern) in _WIRES.items()}
# Any credit needs one of the words: one scan of the text rules most texts out.
_WIRE_WORDS = re.compile("|".join(re.escape(w) for _, (words, _) in _WIRES.items() for w in words))


# Outlet names (lower case, domain suffix dropped) under which a wire
# agency publishes its own copy.
_WIRE_NAMES = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "reuters": "Reuters",
    "ap": "AP",
    "apnews": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "dpa": "dpa",
    "pa media": "PA",
    "press association": "PA",
    "xinhua": "Xinhua",
    "xinhuanet": "Xinhua",
    "news.cn": "Xinhua",
    "chinanews": "China News Service",
    "cna.com.tw": "CNA",  # not "cna": Channel NewsAsia calls itself CNA too
    "focustaiwan": "CNA",
    "kyodo": "Kyodo",
    "kyodonews": "Kyodo",
    "jiji": "Jiji",
    "yonhap": "Yonhap",
    "yonhapnews": "Yonhap",
    "yna.co.kr": "Yonhap",
    "newsis": "Newsis",
    "tass": "TASS",
    "efe": "EFE",
    "ansa": "ANSA",
    "anadolu": "Anadolu",
    "aa": "Anadolu",
    "upi": "UPI",
    "bloomberg": "Bloomberg",
}


def wire_name(outlet: str) -> str | None:
    """The wire agency an outlet is, or ``None`` for any other outlet.

    >>> wire_name("Reuters"), wire_name("www.afp.com"), wire_name("Daily News"), wire_name("www.yna.co.kr")
    ('Reuters', 'AFP', None, 'Yonhap')
    """
    name = outlet.strip().lower().removeprefix("www.")
    if name not in _WIRE_NAMES and "." in name:
        name = name.rsplit(".", 1)[0]  # "reuters.com" -> "reuters"
    return _WIRE_NAMES.get(name)


#: Where a credit stands: a dateline or byline in the first characters, a credit line in the last ones.
_HEAD, _TAIL = 400, 300
#: A credit in brackets stands anywhere: a dateline of a second story merged into one text. Not "(AP)" or
#: "(PA)", which stand for other things in a sentence ("a public address (PA) system"): those in a dateline only.
_BRACKETED = re.compile(r"\((?:Reuters|AFP|dpa|Xinhua|TASS|EFE|ANSA|UPI|Bloomberg|Anadolu)\)")


@lru_cache(maxsize=8192)
def wire_credits(text: str) -> frozenset[str]:
    """Wire agencies a text credits in a byline, dateline or credit line.

    Only where a credit stands: the first 400 and the last 300 characters,
    or a bracketed credit such as "(Reuters)" anywhere. An agency named in
    the body ("he told Reuters in March") is a source of one fact, not the
    story's: an exclusive that mentions Reuters, copied word for word, was
    taken for a wire story both carried.

    >>> sorted(wire_credits("MOSCOW (Reuters) - The Kremlin said ... - AFP"))
    ['AFP', 'Reuters']
    >>> sorted(wire_credits("The minister spoke. " * 30 + "He told Reuters in March that he would stay. " + "More text. " * 40))
    []
    >>> sorted(wire_credits("LONDON, March 3 (PA) - The minister spoke.")), sorted(wire_credits("SÃO PAULO (AP) — The"))
    (['PA'], ['AP'])
    >>> [sorted(wire_credits(t)) for t in ("(AP) — The president said", "WASHINGTON\u00a0(AP) — The", "NEW YORK (AP) Stocks fell",
    ...     "WASHINGTON — (AP) The", "RIO DE JANEIRO, Brazil, November 30, 2026 (AP) - The", "JERUSALEM/GAZA (AP) — The")]
    [['AP'], ['AP'], ['AP'], ['AP'], ['AP'], ['AP']]
    >>> [sorted(wire_credits(t)) for t in ("McALLEN, Texas (AP) — The", "WASHINGTON (AP) -- The", "“WASHINGTON (AP) — The",
    ...     "WASHINGTON (AP)\u2009— The", "PARIS, 3-4 March (AP) — The", "DeKALB, Ill. (AP) — A", "LAS VEGAS (AP) — eBay")]
    [['AP'], ['AP'], ['AP'], ['AP'], ['AP'], ['AP'], ['AP']]
    >>> [sorted(wire_credits(t)) for t in ("Fans said the public address (PA) system failed.", "Pupils in Advanced Placement (AP) classes",
    ...     "Students (AP) - are taking", "Advanced Placement (AP): English", "Public address (PA): The system", "Pupils said (AP)\\n- item")]
    [[], [], [], [], [], []]
    >>> sorted(wire_credits("新华社长沙7月12日电 据路透社报道")), sorted(wire_credits("서울=연합뉴스 기자")), sorted(wire_credits("中央社会主义学院"))
    (['Reuters', 'Xinhua'], ['Yonhap'], [])
    """
    if not _WIRE_WORDS.search(text):
        return frozenset()
    placed = text if len(text) <= _HEAD + _TAIL else f"{text[:_HEAD]} … {text[-_TAIL:]}"  # the cut is no line start
    found = {name for name, (words, pattern) in _WIRE_RES.items() if any(word in placed for word in words) and pattern.search(placed)}
    found.update(match.group()[1:-1] for match in _BRACKETED.finditer(text))
    return frozenset(found)
