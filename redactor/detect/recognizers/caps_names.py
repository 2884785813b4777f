"""Names written in capitals: "WITNESS STATEMENT OF JOHN SMITH", "OKAFOR SCORES TWICE", "FROM: ANNA KOWALSKA".

Headings, form headers, headlines and shouting chat write names in capitals, where spaCy's small
model finds nothing and the name lexicon (capitalised words only) does not look. In a run of words
in capitals, the lists we ship say which words are names (``models/NAMES.md``):

- a given name, then one or two words each a listed surname or no English word: a full name
  ("JOHN SMITH", "ANNA KOWALSKA", "MARY ANN OKAFOR");
- a given name that is also an ordinary word ("ROSE", "WILL") only before a surname that is none;
- a word alone of four letters or more that is a listed given name or surname and no English word
  ("OKAFOR", "KOWALSKI") is a probable name, with a lower score.

Only lines written in capitals are read so (two words or more, most of them in capitals); in a sentence a word in
capitals is an acronym ("SIM", "IBAN"), except the police convention "John SMITH": a capitalised
listed given name, then a surname in capitals.

Headings and labels never count: a word that is an English word and no listed name ("WITNESS",
"STATEMENT", "VEHICLE"), a form label or case role, an organisation word ("JOHN LEWIS PARTNERSHIP"),
a country, language, nationality, month or day ("FRANCE", "ENGLISH", "MONDAY").
A surname that is also a common word ("SMITH", "YOUNG") is found after a given name, or first on a shouted
line of three words or more before a verb a headline uses of a person ("SMITH SCORES TWICE", "YOUNG JAILED"),
never before a noun ("WOOD PRICES RISE", "YOUNG PEOPLE WARNED") or in a label. A verb that a place, a thing
or a body can also be the subject of ("SAYS", "CLAIMS", "WINS") needs more: a word for a person ("BAKER SAYS
SORRY") or a personal word later on the line ("PARK SAYS HE WILL STAY"); "PARK SAYS NO TO NEW CAFE" and
"STORM CLAIMS THREE LIVES" name nobody.
A word no list holds is a name first on a headline (after a section such as "SOCCER - ") before a verb only a person
is the subject of, or "SIGNS FOR" ("MWANGI SCORES", "KOROMA SIGNS FOR ..."; "UEFA SIGNS DEAL" names nobody), and when a
list's comma, "AND" or "&" joins it to a name found on the line ("ADEYEMI, PETROVA WIN"), unless it is an English word,
a place or a label. Two such words joined by "AND" open a headline of an individual sport before their verb ("TENNIS -
KRAVETZ AND OLUWADARE ADVANCE": players; not under "SOCCER - ", where clubs are). The names of places are cut out of a shouted run first ("SIERRA LEONE", "NEW YORK", "LEEDS":
a city that no given name shares), so none is read as a name or part of one.
Pre-check: a text without two capitals in a row is not read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect import name_lists
from redactor.detect.known_people import COMMON_WORDS
from redactor.detect.misreads import FORM_LABELS, ROLE_WORDS
from redactor.detect.name_lists import PEOPLES, countries
from redactor.detect.places import a_city
from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.letters import NAME_WORD, UPPER

_CAPS_WORD = rf"{UPPER}{{2,}}(?:['’-]{UPPER}{{2,}})*(?!['’]?\w)"  # not "AREN" of "AREN'T"
_RUN = re.compile(rf"(?<![\w@#.'’])(?:{_CAPS_WORD})(?:[ ]+{_CAPS_WORD})*(?![\w@])")
CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_PRECHECK = re.compile(rf"{UPPER}{UPPER}")
# verbs a headline uses of a person as its subject ("SMITH SCORES TWICE", "YOUNG JAILED"); written here.
# PERSON_VERBS happen only to a person; the others also to a place, a thing or a body ("PARK SAYS NO", "STORM CLAIMS")
PERSON_VERBS = frozenset(
    "SCORES SCORED QUITS QUIT RESIGNS RESIGNED ADMITS ADMITTED VOWS TELLS TOLD APOLOGISES APOLOGIZES JAILED CHARGED "
    "ARRESTED SENTENCED CONVICTED ACCUSED SACKED RETIRES".split()
)
HEADLINE_VERBS = PERSON_VERBS | frozenset(
    "SAYS SAID SIGNS SIGNED JOINS JOINED DENIES DENIED CLAIMS CLAIMED WINS WON SLAMS BLASTS BACKS URGES REVEALS HAILS "
    "INSISTS CLEARED BANNED FINED SUSPENDED BLAMES THANKS PRAISES".split()
)
_SIGNS = frozenset({"SIGNS", "SIGNED"})  # a player "SIGNS FOR" a club; a club signs a player
# a newswire sports section ("TENNIS - ", "MOTOR RACING - ") and the verbs in the third person singular its headlines use
# of a player ("KOVALENKO WINS", "PETTERSEN LEADS"): clubs and teams take the plural in British headlines ("AJAX WIN",
# "LEEDS BEAT ..."); written here
SPORTS = frozenset(
    "SOCCER FOOTBALL TENNIS GOLF CYCLING ATHLETICS CRICKET RUGBY BOXING SKIING SWIMMING RACING MOTORCYCLING BASEBALL "
    "BASKETBALL HOCKEY SQUASH BADMINTON SNOOKER GYMNASTICS JUDO WRESTLING ROWING SAILING VOLLEYBALL CHESS SPORT".split()
)
SPORT_VERBS = frozenset(
    "WINS BEATS LEADS RUNS TAKES KEEPS RETAINS REACHES ADVANCES SETS EQUALS BREAKS EXTENDS GRABS CLINCHES CLAIMS MISSES "
    "HITS SHOOTS CARDS STORMS CRUISES SURGES SLIPS OUSTS UPSETS STUNS TOPS EDGES SURVIVES DEFENDS RETURNS CAPTURES "
    "COLLECTS".split()
)
# a word for a person: an agent noun or an occupation ("BAKER", "TAYLOR", "SMITH", "FREEMAN", "ARTIST")
_PERSON_NOUN = re.compile(r"(?:ER|OR|IST|SMITH|MAN)\Z")
# a personal word later on a headline's line: its subject is a person ("PARK SAYS HE WILL STAY")
_PERSONAL = frozenset(
    "HE SHE HIS HER HIM HIMSELF HERSELF WIFE HUSBAND SON DAUGHTER MUM DAD MOTHER FATHER BROTHER SISTER FAMILY PARTNER "
    "BOYFRIEND GIRLFRIEND CAREER".split()
)


# a list's comma (also written " , " by tokenised text), "AND" or "&" between two words in capitals on one line
_JOINED_AFTER = re.compile(rf"(?:[ ]?,[ ]|[ ](?:AND|&)[ ])({_CAPS_WORD})")
_JOINED_BEFORE = re.compile(rf"(?<![\w'’-])({_CAPS_WORD})(?:[ ]?,[ ]|[ ](?:AND|&)[ ])\Z")
_GIVEN_BEFORE = re.compile(rf"(?<![\w'’])({NAME_WORD})[ ]$")
SHOUTED = 0.6  # share of a line's words in capitals above which the line is written in capitals
_WORDS = re.compile(r"(?<!\w)[^\W\d_]+(?!\w)")


# a newswire headline's section before a dash: "SOCCER - ", "TENNIS - ", "PRESS DIGEST - "
_SECTION = re.compile(rf"(?:{UPPER}{{2,}}[ ]){{1,3}}[-–—][ ]")


def _starts_line(text: str, start: int) -> bool:
    """Nothing but spaces, an opening quote or a headline's section ("SOCCER - ") before ``start`` on its line."""
    before = text[text.rfind("\n", 0, start) + 1 : start].strip(" \t\"'‘“")
    return not before or _SECTION.fullmatch(before + " ") is not None


def _sports_section(text: str, start: int) -> bool:
    """The line opens with a sports section before ``start`` ("TENNIS - ", "MOTOR RACING - ")."""
    before = text[text.rfind("\n", 0, start) + 1 : start].strip(" \t\"'‘“")
    return _SECTION.fullmatch(before + " ") is not None and any(w in SPORTS for w in before.split())


# sports whose headlines name players, not teams ("TENNIS - KRAVETZ AND OLUWADARE ADVANCE"); not soccer, cricket, cycling
# (its teams: "RABOBANK AND FESTINA"), racing (horses)
INDIVIDUAL_SPORTS = frozenset(
    "TENNIS GOLF ATHLETICS BOXING SKIING SWIMMING SNOOKER SQUASH BADMINTON GYMNASTICS JUDO WRESTLING CHESS".split()
)


def _individual_sport(text: str, start: int) -> bool:
    before = text[text.rfind("\n", 0, start) + 1 : start]
    return any(w in INDIVIDUAL_SPORTS for w in before.split())


def _shouted(text: str, start: int, end: int) -> bool:
    """Whether the line around ``start:end`` is written in capitals (a heading, a headline, shouting)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    words = [w for w in _WORDS.findall(text, line_start, line_end if line_end != -1 else len(text)) if len(w) > 1]
    return len(words) >= 2 and sum(w.isupper() for w in words) >= SHOUTED * len(words)  # "IBAN: DE72 ..." is not


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Given names and surnames in capitals: (not ordinary words, any) for each."""
    given_any = frozenset(n.upper() for n in name_lists.given_names_raw() | name_lists.lexicon("first_names.txt") if len(n) > 2)
    given = frozenset(n.upper() for n in name_lists.given_names() | name_lists.lexicon("first_names.txt") if len(n) > 2)
    surname_any = frozenset(n.upper() for n in name_lists.lexicon("world_surnames.txt") | name_lists.lexicon("surnames.txt"))
    surname = frozenset(n.upper() for n in name_lists.surnames() | name_lists.lexicon("surnames.txt"))
    return given, given_any, surname, surname_any


class CapsNameRecognizer(EntityRecognizer):
    FULL, SINGLE = 0.7, 0.45

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], name="CapsNameRecognizer", supported_language=supported_language)

    def load(self) -> None:
        self._given, self._given_any, self._surname, self._surname_any = _lists()
        never = COMMON_WORDS | FORM_LABELS | ROLE_WORDS | PEOPLES | CALENDAR | name_lists.organisation_words() | countries()
        self._never = frozenset(w.upper() for w in never)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "PERSON" not in entities or not _PRECHECK.search(text):
            return []
        if not hasattr(self, "_given"):
            self.load()
        out, shouted, places, words_in_capitals = [], [], set(), []
        for run in _RUN.finditer(text):
            if not _shouted(text, run.start(), run.end()):  # "SIM", "IBAN" in a sentence: acronyms
                out += self._given_then_surname(text, run)
                continue
            words = [(m.start() + run.start(), m.end() + run.start(), m.group(0)) for m in re.finditer(r"\S+", run.group(0))]
            words_in_capitals += words
            first = _starts_line(text, run.start())
            sport = first and _sports_section(text, run.start())
            for part in self._between_places(words, places):
                shouted += self._names(part, first and part[0] is words[0], sport)
            if sport and _individual_sport(text, run.start()):
                shouted += self._pair_heading(words, places)
        shouted += self._coordinated(text, shouted, places)
        return out + shouted + self._surnames_again(text, words_in_capitals, shouted, places, nlp_artifacts)

    def _surnames_again(
        self,
        text: str,
        words: list[tuple[int, int, str]],
        found: list[RecognizerResult],
        places: set[int],
        nlp_artifacts: Any,
    ) -> list[RecognizerResult]:
        """The surname of a person named in full in this text, alone on a shouted line ("WARHOL SHOW OPENS" where
        "Andy Warhol" or "ANDY WARHOL" is named): spaCy's people of two to four words and the full names found in
        capitals. The surname must be no English word, place, label or calendar word of three letters or more."""
        if not words:
            return []
        full = [text[r.start : r.end] for r in found if r.score >= self.FULL]
        full += [e.text for e in getattr(nlp_artifacts, "entities", ()) or () if e.label_ == "PERSON"]
        surnames = {n.split()[-1].upper() for n in full if 2 <= len(n.split()) <= 4}
        surnames = {w for w in surnames if self._coordinable(w) and not name_lists.is_english_word(w) and w.isalpha()}
        taken = bytearray(len(text))
        for r in found:
            taken[r.start : r.end] = b"\x01" * (r.end - r.start)
        why = "the surname of a person named in full in this text, in capitals"
        return [
            result(self, "PERSON", a, b, self.SINGLE, "surname in capitals", why)
            for a, b, w in words
            if w in surnames and a not in places and not any(taken[a:b])
        ]

    def _between_places(self, words: list[tuple[int, int, str]], places: set[int]) -> list[list[tuple[int, int, str]]]:
        """The run cut at the names of places ("SIERRA LEONE", "NEW YORK", "LAGOS"): a place is no name, and a name
        does not run across one. A city's name that is also a listed given name ("SYDNEY", "FLORENCE") stays a name
        word. The start of each place word is added to ``places``."""
        parts: list[list[tuple[int, int, str]]] = [[]]
        i = 0
        while i < len(words):
            n = next((n for n in (3, 2, 1) if self._place(words[i : i + n]) and i + n <= len(words)), 0)
            if n:
                places.update(w[0] for w in words[i : i + n])
                parts.append([])
                i += n
                continue
            parts[-1].append(words[i])
            i += 1
        return [p for p in parts if p]

    def _place(self, words: list[tuple[int, int, str]]) -> bool:
        name = " ".join(w for _, _, w in words)
        if len(words) == 1:
            return a_city(name.title()) and name not in self._given_any
        return a_city(name.title()) or name.lower() in countries()

    def _coordinated(self, text: str, found: list[RecognizerResult], places: set[int]) -> list[RecognizerResult]:
        """A word on a shouted line joined by a list's comma, "AND" or "&" to a name found on it is a name too when it
        is one word no list needs to hold: no English word, place, people, label or calendar word ("ADEYEMI, PETROVA WIN
        IN OSLO"; "KOROMA AND LEEDS" is no pair of people). Names found so are joined to in turn."""
        taken = {r.start for r in found}
        queue, out = [(r.start, r.end) for r in found], []
        while queue:
            start, end = queue.pop()
            after = _JOINED_AFTER.match(text, end)
            before = _JOINED_BEFORE.search(text, max(0, start - 40), start)
            for m in (after, before):
                if m is None or m.start(1) in taken or m.start(1) in places or not self._coordinable(m.group(1)):
                    continue
                taken.add(m.start(1))
                queue.append(m.span(1))
                why = "a word in capitals listed with a name found on the line"
                out.append(result(self, "PERSON", m.start(1), m.end(1), self.SINGLE, "name listed in capitals", why))
        return out

    def _pair_heading(self, words: list[tuple[int, int, str]], places: set[int]) -> list[RecognizerResult]:
        """Two players joined by "AND" opening a headline under an individual sport's section, before a word that is
        their verb ("TENNIS - KRAVETZ AND OLUWADARE ADVANCE", "GOLF - TOBRENKO AND MAKWANA SHARE LEAD"): each a word of
        four letters or more that no list needs to hold and that is no English word, place, people or label."""
        if len(words) < 4 or words[1][2] != "AND" or not name_lists.is_english_word(words[3][2]):
            return []
        pair = (words[0], words[2])
        if any(len(w) < 4 or a in places or not self._coordinable(w) or name_lists.is_english_word(w) for a, _, w in pair):
            return []
        why = "two words in capitals joined by AND opening a headline of an individual sport"
        return [result(self, "PERSON", a, b, self.SINGLE, "players heading a headline", why) for a, b, _ in pair]

    def _coordinable(self, word: str) -> bool:
        if len(word) < 3 or word in self._never or a_city(word.title()):
            return False
        return word in self._given_any or word in self._surname_any or not name_lists.is_english_word(word)

    def _given_then_surname(self, text: str, run: re.Match[str]) -> list[RecognizerResult]:
        """The police convention "John SMITH": a capitalised listed given name, then the surname in capitals."""
        given = _GIVEN_BEFORE.search(text, max(0, run.start() - 40), run.start())
        surname = run.group(0).split(" ")[0]
        if given is None or given.group(1).upper() not in self._given_any or given.group(1).upper() in self._never:
            return []
        if surname in self._never or not (surname in self._surname_any or not name_lists.is_english_word(surname)):
            return []
        why = "given name and surname in capitals (lexicons)"
        return [result(self, "PERSON", given.start(1), run.start() + len(surname), self.FULL, "name with surname in capitals", why)]

    def _names(self, words: list[tuple[int, int, str]], first_on_line: bool = False, sport: bool = False) -> list[RecognizerResult]:
        out, i = [], 0
        while i < len(words):
            start, end, word = words[i]
            tail = self._surnames_after(words[i + 1 : i + 3], strict=word not in self._given)
            if word in self._given_any and word not in self._never and tail:
                why = "given name and surname in capitals (lexicons)"
                out.append(result(self, "PERSON", start, tail[-1][1], self.FULL, "name in capitals", why))
                i += 1 + len(tail)
                continue
            if self._alone(word):
                why = "a listed name in capitals that is no English word"
                out.append(result(self, "PERSON", start, end, self.SINGLE, "name in capitals", why))
            elif i == 0 and first_on_line and self._headline_subject(words, sport):
                why = "a listed surname that is also a word, as the subject of a headline"
                out.append(result(self, "PERSON", start, end, self.SINGLE, "surname heading a headline", why))
            i += 1
        return out

    def _headline_subject(self, words: list[tuple[int, int, str]], sport: bool = False) -> bool:
        """ "SMITH SCORES TWICE", "YOUNG JAILED FOR FRAUD": a listed surname that is also an English word, first
        on a shouted line and followed by a verb a headline uses of a person. A label ("WOOD:", "GREEN
        ZONE") or a noun phrase ("WOOD PRICES RISE", "YOUNG PEOPLE WARNED") has no such verb after it. After
        a verb that needs no person ("SAYS", "CLAIMS"), a common noun needs a person word or a personal word
        on the line: "BAKER SAYS SORRY", "PARK SAYS HE WILL STAY"; not "PARK SAYS NO TO NEW CAFE". Under a sports
        section a word no list holds is a player before a verb of ``SPORT_VERBS`` too ("TENNIS - SOROKOV WINS IN
        ROME"), when it has five letters or more (not "UEFA", "FIFA": bodies' acronyms)."""
        word, verb = words[0][2], words[1][2] if len(words) > 1 else ""
        if len(words) < (2 if sport else 3) or len(word) < 3 or word in self._never or verb not in HEADLINE_VERBS | SPORT_VERBS:
            return False
        if word not in self._surname_any:  # "MWANGI SCORES", "KOROMA SIGNS FOR ...": a word no list holds
            unlisted = len(word) >= 4 and not name_lists.is_english_word(word) and not a_city(word.title())
            player = sport and len(word) >= 5 and verb in SPORT_VERBS
            return unlisted and (verb in PERSON_VERBS or (verb in _SIGNS and words[2][2] == "FOR") or player)
        if verb not in HEADLINE_VERBS:
            return False
        if verb in PERSON_VERBS or not name_lists.is_english_word(word) or _PERSON_NOUN.search(word):
            return True
        return any(w in _PERSONAL for _, _, w in words[2:])  # "PARK SAYS NO TO NEW CAFE": a common noun, no person

    def _surnames_after(self, after: list[tuple[int, int, str]], strict: bool) -> list[tuple[int, int, str]]:
        """The surname words after a given name ("SMITH"; "ANN OKAFOR"); none if an organisation word follows."""
        tail = []
        for item in after:
            word = item[2]
            if word in self._never:
                break
            listed = word in (self._surname if strict else self._surname_any) or word in self._given_any
            if not (listed or not name_lists.is_english_word(word)):
                break
            tail.append(item)
        while tail and tail[-1][2] in self._given_any and tail[-1][2] not in self._surname_any and len(tail) > 1:
            tail.pop()
        if any(w.lower() in name_lists.organisation_words() for _, _, w in after[len(tail) : len(tail) + 1]):
            return []  # "JOHN LEWIS PARTNERSHIP"
        return tail

    def _alone(self, word: str) -> bool:
        if len(word) < 4 or word in self._never or name_lists.is_english_word(word):
            return False
        return word in self._given or word in self._surname
