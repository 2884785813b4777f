"""Person names beyond spaCy: titles and ranks with the name as one span, and a name lexicon.

- "PC 2231 Davies", "DS Khan", "Dr Patel", "Mrs O'Neill": the title or rank, the collar
  number and up to three name words are one span (one flag, one box), never crossing a line;
  not when the last word is an organisation word ("Doctor Who Society"), nor when an office or
  calling comes before a known place that is no common given name ("Bishop Auckland").
- "Hannah Okafor": a given name from ``models/lexicons/first_names.txt`` followed by one or two
  capitalised words is a full name; a given name alone is reported with a lower score unless
  it is also an ordinary word ("May", "Will"), which then needs a surname after it.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect import name_lists
from redactor.detect.alternation import alternation
from redactor.detect.known_people import COMMON_WORDS
from redactor.detect.merge import FORM_LABELS
from redactor.detect.misreads import PERSONAL
from redactor.detect.name_lists import is_name_word, lexicon
from redactor.detect.places import THIRD_PERSON, a_city, cities, clause, followed_by_a_place
from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.letters import LOWER, NAME_WORD, UPPER
from redactor.detect.tagging import ProperNouns
from redactor.detect.things import COMMON_GIVEN, a_country
from redactor.detect.titles import RANKS, TITLES


def _a_known_place(words: list[str]) -> bool:
    """The words after an office or a calling name a known place: a city of 100,000 people or more or a country,
    that is no given name in common use ("Bishop Auckland", a town; not "Sister Florence", "Pastor Jordan")."""
    place = " ".join(words)
    return (place in cities() or a_country(place)) and name_lists.english_frequency().get(place.lower(), 0) < COMMON_GIVEN


def _a_thing(words: list[str]) -> bool:
    """The words after a title name an organisation, not a person: the last is an organisation word ("Doctor Who
    Society"; not "Emma Hall", "Jack Lane": common surnames are no organisation words here)."""
    return bool(words) and words[-1].lower() in name_lists.organisation_words()


FOLDED_LENGTH = 4  # letters a word needs before its accents are dropped for the given-name list
# offices and callings written before a name ("President Obama", "Sister Margaret"); towns take some of them as their
# first word ("Bishop Auckland"), ranks and forms of address never
CALLINGS = frozenset(TITLES[TITLES.index("President") :])
_DETERMINER_BEFORE = re.compile(r"(?i)(?<![\w'])(?:the|a|an)[ ]+\Z")
PLACE_BEFORE = re.compile(r"(?i)(?<![\w'])(?:in|near|across|around|within|throughout)\s+\Z")
NOT_NAMES = {"the", "and", "but", "then", "when", "this", "that", "who", "was", "is", "said", "told", "on", "at", "in", "of"}


class TitledNameRecognizer(EntityRecognizer):
    SCORE = 0.9

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], name="TitledNameRecognizer", supported_language=supported_language)

    def load(self) -> None:
        head = alternation((*RANKS, *TITLES)) + r"\.?"
        initials = rf"{UPPER}\.(?:[ -]?{UPPER}\.){{0,3}}"  # "Mr A.B.", "Ms K.", "Mr J.-P. Varga": a judgment's anonymised parties
        name = r"(?:(?:[ ]" + NAME_WORD + r"){1,3}|[ ]" + initials + r"(?:[ ]" + NAME_WORD + r"){0,2})"
        self._pattern = re.compile(r"(?<![\w])" + head + r"(?:[ ]\d{2,6})?" + name + r"(?!\w)")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "PERSON" not in entities:
            return []
        if not hasattr(self, "_pattern"):
            self.load()
        out = []
        for m in self._pattern.finditer(text):
            start, end = m.span()
            words = m.group(0).split()
            while len(words) > 2 and words[-1].lower() in COMMON_WORDS | NOT_NAMES:
                end -= len(words.pop()) + 1
            if _a_thing(words[1:]) or (words[0] in CALLINGS and _a_known_place(words[1:])):
                continue  # "Doctor Who Society": a title that starts an organisation's name; "Bishop Auckland": a town
            out.append(result(self, "PERSON", start, end, self.SCORE, "title or rank with name", "title or rank followed by a name"))
        return out


class NameLexiconRecognizer(EntityRecognizer):
    """Names from runs of capitalised words on one line.

    - a given name from the lexicon followed by one or two capitalised words: a full name;
    - a given name alone: a lower score, and never when it is also an ordinary word;
    - a given name of four letters or more written with accents the list lacks is read without them ("Siobhán");
    - a capitalised word before a surname from the lexicon, or two proper nouns (spaCy's tags)
      that the NER left unlabelled and that are not ordinary words: a probable name;
    - a country's name is no surname ("Environment Canada", "Walmart Canada", "Northern Ireland"):
      the words before it are read without it; a country's or continent's name is no given name
      either ("America Politics"), unless it is one in common use ("Jordan");
    - parts of places and buildings are no names: a given name after a compass word ("North
      Carolina"), a compass word after a word that is no given name ("Kowloon West"), an ordinary
      word before a surname that is an ordinary word too ("Constitution Hall");
    - a given name alone, or a full name, that spaCy reads as a place and that is a city of
      100,000 people or more or a country, with no word about a person in its clause ("Houston
      has closed its schools", "Los Angeles"): spaCy's place stands (``known_places``).
    Measured on make eval's sets (models/MODELS.md, ninth pass).
    """

    FULL, SINGLE, PROPER = 0.8, 0.55, 0.5
    NER_NOT_PERSON = {"ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "DATE", "TIME", "MONEY"}

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], name="NameLexiconRecognizer", supported_language=supported_language)

    def load(self) -> None:
        self._first = lexicon("first_names.txt") | name_lists.given_names()
        self._surnames = lexicon("surnames.txt") | name_lists.surnames()
        self._run = re.compile(NAME_WORD + r"(?:[ ]" + NAME_WORD + r")*")
        self._word = re.compile(NAME_WORD)
        self._org_words = name_lists.organisation_words()  # "Emma Hall" stays a name

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "PERSON" not in entities:
            return []
        if not hasattr(self, "_run"):
            self.load()
        proper = ProperNouns(nlp_artifacts, self.NER_NOT_PERSON)  # tagged only if a rule asks
        places = known_places(text, nlp_artifacts)
        camel = self._camel_case(text, proper, places)
        read_whole = {a for r in camel for a in range(r.start, r.end)}
        out = []
        for run in self._run.finditer(text):
            if run.start() and (text[run.start() - 1].isalnum() or text[run.start() - 1] in "@.'’"):
                continue
            words = [(m.start() + run.start(), m.end() + run.start(), m.group(0)) for m in self._word.finditer(run.group(0))]
            if text[run.end() : run.end() + 1].isupper() and words[-1][0] in read_whole:
                words.pop()  # "Tom La|Rue": the last word goes on with a capital inside, and ``_camel_case`` read it whole
            found = self._names_in_run(text, words, proper, places)
            if not found and len(words) == 1 and self._surname_reporting(text, *words[0]):
                found = [
                    result(
                        self, "PERSON", run.start(), run.end(), self.SINGLE, "surname, then a verb of saying", "surname (lexicon) reporting"
                    )
                ]
            if not found and 0 < len(words) <= 3 and (cue := self._news_cue(text, words, nlp_artifacts)):
                initials = _INITIALS_BEFORE.search(text, max(0, run.start() - 9), run.start())  # "K. Brathwell"
                first = initials.start() if initials else run.start()
                found = [result(self, "PERSON", first, run.end(), self.SINGLE, "name in a news cue", cue)]
            out += found
        return out + camel

    def _camel_case(self, text: str, proper: ProperNouns, places: set[tuple[int, int]]) -> list[RecognizerResult]:
        """Names with a word written with a capital inside, first or after a name word ("MacKenzie Hollis", "LaToya
        Price", "JoAnn", "Tom LaRue"), read whole: the runs above read "Jo" of "JoAnn" or stop at the inner capital. Not in a hashtag or handle
        ("#KevChat" is the tag's business, ``social.py``)."""
        out = []
        for run in _CAMEL_RUN.finditer(text):
            words = [(m.start() + run.start(), m.end() + run.start(), m.group(0)) for m in _CAMEL_WORD.finditer(run.group(0))]
            camel = [a for a, _, w in words if _CAMEL.fullmatch(w)]
            out += [r for r in self._names_in_run(text, words, proper, places) if any(r.start <= a < r.end for a in camel)]
        return out

    def _surname_reporting(self, text: str, start: int, end: int, word: str) -> bool:
        """A surname alone, as news writes a person on second mention: right before a verb of saying ("Rathbun wrote",
        "Wilkins observed", "Osborne promised"), or starting a sentence before a verb ("Montalvo had read", "Montalvo
        contacted"). A listed surname (the lists hold no ordinary words) that is no city, country, day or month and
        follows no article ("on Friday theorized", "the Sams continued" are no people)."""
        if word not in self._surnames or word in cities() or a_country(word) or word.lower() in CALENDAR_WORDS:
            return False
        if _DETERMINER_BEFORE.search(text, max(0, start - 8), start):
            return False
        return bool(_REPORTING.match(text, end) or (_sentence_start(text, start) and _VERB_AFTER.match(text, end)))

    def _news_cue(self, text: str, words: list[tuple[int, int, str]], nlp_artifacts: Any) -> str:
        """Why a run of one to three capitalised words that no list reads as a name is one, as news writes people
        (empty when it is not): a country in brackets after it, as results and tables give a player's ("Kovalenko
        ( Ukraine ) beat ...", "Pettersen (Denmark) 68"); an age between commas after it ("Berrocal , 26 , had
        beaten") or ", who" ("Kretschmer , who won"); a minute in brackets, as scorers are listed ("Okonkwo ( 12th
        minute )", or bare numbers when the line lists two or more: "Okonkwo ( 12 ) , Adeyemi ( 60 )"); after "c", "b"
        or "st", or a batsman before them, on a cricket scorecard's line ("Ashworth c Pellew b Drummond 12", "lbw b
        Drummond"; with the batsman's initials: "K. Brathwell c & b Tenneson 31"); a scorer in the bracketed list after
        a team's score, with the minute after it ("Vitesse 2 ( Kovalenko 35 , Marten 80 pen )"); a results row (``_results_row``: set
        scores after it or after the player it beat, "Kravetz beat Oluwadare 6-3 6-2"; a time or distance after it
        when it opens the row, "1. Valdrusk 2:10.45"; a golf leaderboard's row, "66 Kravetz , Makwana"). No word of the
        run is an ordinary English word no name list holds, a city, a country, a people or language, an organisation
        word, a day or a month, or ends as doctrines and towns do ("Scientology", "Evansville"), and spaCy reads no
        place there. (A verb of saying after an unlisted word was tried too: it took "Wikinews observed" on GUM and
        organisations' names in the negatives set, and found no name the surname rules miss.)"""
        start, end = words[0][0], words[-1][1]
        after = text[end : end + 40]
        country = _COUNTRY_AFTER.match(after)
        if country and not (a_country(country.group(1)) or country.group(1).lower() in name_lists.countries()):
            country = None
        age = _AGE_AFTER.match(after) or _WHO_AFTER.match(after)
        minute = _MINUTE_AFTER.match(after)
        if minute and not minute.group(1):  # a bare number in brackets: only in a list of them ("Okonkwo ( 12 ) , Adeyemi ( 60 )")
            minute = minute if len(_MINUTE_AFTER.findall(_line(text, start, end))) >= 2 else None
        card = (_SCORECARD_BEFORE.search(text, max(0, start - 4), start) or _BATSMAN_AFTER.match(after)) and _SCORECARD.search(
            _line(text, start, end)
        )
        row = _results_row(text, start, end)
        scorer = _scorer_in_brackets(text, start, end)
        if not (country or age or minute or card or row or scorer) or _DETERMINER_BEFORE.search(text, max(0, start - 8), start):
            return ""
        if not all(self._unlisted_name_word(w) for _, _, w in words) or _place_entity(nlp_artifacts, start, end):
            return ""
        if country:
            return "a country in brackets after a name (results and tables)"
        if age:
            return "an age between commas, or who, after a name"
        if minute:
            return "a minute in brackets after a name (scorers)"
        if row:
            return row
        if scorer:
            return "a scorer and a minute in the bracketed list after a team's score"
        return "a fielder or bowler in a cricket scorecard"

    def _unlisted_name_word(self, word: str) -> bool:
        low = word.lower()
        if low in COMMON_WORDS or low in NOT_NAMES or low in FORM_LABELS or low in self._org_words or low in CALENDAR_WORDS:
            return False
        if a_city(word) or a_country(word) or low in name_lists.countries() or low in name_lists.PEOPLES:
            return False
        if _NOT_A_NAME_ENDING.search(word):
            return False  # "Scientology", "Evansville"
        return not name_lists.is_english_word(word) or _in_a_name_list(word)

    @staticmethod
    def _part_of_a_name_of_a_thing(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
        """A given name alone after a compass word ("North Carolina") or an article ("the Mary Smith Museum", "a
        Christian denomination"): part of the name of a place or a thing, or a word of its own."""
        start = words[i][0]
        return bool(i and words[i - 1][2] in COMPASS) or bool(_DETERMINER_BEFORE.search(text, max(0, start - 8), start))

    def _given(self, word: str) -> bool:
        """A listed given name, also when written with accents the list does not have ("Siobhán" for "Siobhan"); not in
        short words, where the accent makes another word ("Não", "Aún" are no "Nao", "Aun"); not a people's or a
        language's name ("German": a given name in Spanish, written Germán)."""
        if word.lower() in name_lists.PEOPLES:
            return False  # "German air attacks", "German Enlightenment": a people or language first, never a given name here
        if word in self._first:
            return True
        if _CAMEL.fullmatch(word):  # "MacKenzie", "JoAnn", "LaRue": the listed name written with a capital inside
            return word[0] + word[1:].lower() in self._first
        return not word.isascii() and len(word) >= FOLDED_LENGTH and name_lists.fold_accents(word) in self._first

    def _is_plain(self, word: str) -> bool:
        return word.lower() not in COMMON_WORDS and word.lower() not in NOT_NAMES and word.lower() not in FORM_LABELS

    def _names_in_run(
        self, text: str, words: list[tuple[int, int, str]], proper: ProperNouns, places: set[tuple[int, int]]
    ) -> list[RecognizerResult]:
        out, i = [], 0
        while i < len(words):
            start, end, word = words[i]
            tail = []
            for s2, e2, w2 in words[i + 1 : i + 3]:
                if not self._is_plain(w2) or a_country(w2):  # "Environment Canada", "Northern Ireland": no surname
                    break
                tail.append((s2, e2, w2))
            if any(w.lower() in self._org_words for _, _, w in tail):  # "Clinton Foundation", "Clark Airbase Hospital"
                i += 1 + len(tail)
                continue
            if tail and _prefixed_given(word) and not any(w.lower() in self._org_words for _, _, w in tail):
                why = "given name written with a prefix (lexicon) and surname"  # "DeShawn Miller", "LaToya Price"
                out.append(result(self, "PERSON", start, tail[-1][1], self.FULL, "prefixed given name and surname", why))
                i += 1 + len(tail)
                continue
            if self._given(word) and (self._is_plain(word) or (tail and tail[0][2] in self._surnames)) and not a_country(word):
                if tail and (start, tail[-1][1]) in places:  # "Hong Kong": a city spaCy reads as a place
                    i += 1 + len(tail)
                    continue
                if tail:
                    out.append(
                        result(self, "PERSON", start, tail[-1][1], self.FULL, "given name and surname", "given name (lexicon) and surname")
                    )
                    i += 1 + len(tail)
                    continue
                if not _a_place(text, word, start) and (start, end) not in places and not self._part_of_a_name_of_a_thing(text, words, i):
                    out.append(result(self, "PERSON", start, end, self.SINGLE, "given name", "given name (lexicon)"))
            elif tail and self._is_plain(word) and (i + 1 >= len(words) or not self._given(words[i + 1][2])):
                nxt = tail[0]
                if (
                    (start, nxt[1]) in places
                    or _part_of_a_place_or_thing(word, nxt[2])
                    or _DETERMINER_BEFORE.search(text, max(0, start - 8), start)
                ):
                    i += 2  # "Los Angeles", "Kowloon West", "Constitution Hall", "Red Cross"
                    continue
                if nxt[2] in self._surnames or (not _english(word, nxt[2]) and start in proper and nxt[0] in proper):
                    rule = "name and surname (lexicon)" if nxt[2] in self._surnames else "two proper nouns"
                    out.append(result(self, "PERSON", start, nxt[1], self.PROPER, rule, rule))
                    i += 2
                    continue
            i += 1
        return out


# a name word with a capital inside after a short prefix ("LeBron", "DeShawn", "LaToya", "JoAnn", "MacKenzie", "DiMaggio"),
# or a name word of ``letters.NAME_WORD`` ("Okafor", "McAllister", "O'Neill")
_CAMEL = re.compile(rf"(?:{UPPER}{LOWER}{{1,2}}|Mac){UPPER}{LOWER}+")
_CAMEL_RUN = re.compile(
    rf"(?<![\w@#.'’-])(?:{NAME_WORD}[ ])?(?:{UPPER}{LOWER}{{1,2}}|Mac){UPPER}{LOWER}+(?![\w'’-])(?:[ ]{NAME_WORD}(?![\w'’-])){{0,2}}"
)
_CAMEL_WORD = re.compile(rf"(?:(?:{UPPER}{LOWER}{{1,2}}|Mac){UPPER}{LOWER}+(?![\w'’-])|{NAME_WORD})")
# the prefixes of given names made of a prefix and another given name ("DeShawn", "LaToya", "DeAndre", "JaMarcus");
# not "Mc", "Mac", "Di", "O'": surnames and brands ("McDonald", "MacBook", "DiGiorno")
GIVEN_PREFIXES = frozenset({"De", "Da", "Le", "La", "Ja", "Ke", "Ty", "Ra", "Ta", "Sha"})


def _prefixed_given(word: str) -> bool:
    """A camel-case given name: a prefix of ``GIVEN_PREFIXES`` and a listed given name ("De" + "Shawn", "La" + "Toya")."""
    m = _CAMEL.fullmatch(word)
    if m is None:
        return False
    cut = next((i for i in range(1, len(word)) if word[i].isupper()), 0)
    return word[:cut] in GIVEN_PREFIXES and word[cut:] in name_lists.given_names_raw()


# a verb of saying or reporting right after a word (news writes a person on second mention by the surname alone)
_REPORTING = re.compile(
    r"[ ]+(?:said|says|told|tells|wrote|writes|stated|states|added|adds|asserted|asserts|observed|explained|explains|noted|notes|"
    r"argued|argues|claimed|claims|insisted|insists|replied|warned|warns|promised|promises|admitted|admits|denied|denies|"
    r"confirmed|confirms|announced|announces|tweeted|urged|urges|revealed|reveals|responded|recalled|acknowledged)\b"
)


# news cues after a name: a country in brackets ("Kovalenko ( Ukraine )", "Pettersen (Denmark)"), an age between commas
# ("Berrocal , 26 ,", "Berrocal, aged 26,")
_COUNTRY_AFTER = re.compile(r"[ ]?\([ ]?([A-Z][A-Za-z]+(?:[ ][A-Z][A-Za-z]+){0,2})[ ]?\)")
_AGE_AFTER = re.compile(r"[ ]?,[ ](?:aged[ ])?\d{1,2}[ ]?,")
_WHO_AFTER = re.compile(r"[ ]?,[ ]who[ ]")
_SCORECARD_BEFORE = re.compile(r"(?:^|(?<=[ (]))(?:c|b|st)[ ]$")  # "c Pellew", "b Drummond", "st Pellew"
_INITIALS_BEFORE = re.compile(r"(?<![\w.'’-])(?:[A-Z]\.[ ]?){1,3}$")
_BATSMAN_AFTER = re.compile(r"[ ](?:c|b|st|lbw|run[ ]out|not[ ]out)[ ]")  # "K. Brathwell c & b Tenneson 31"
_SCORECARD = re.compile(r"(?:\bc[ ][A-Z][\w'’-]+[ ]b|\blbw[ ]b|\bc[ ]&[ ]b|\bst[ ][A-Z][\w'’-]+[ ]b)[ ][A-Z][\w'’-]+[ ]\d")
_MINUTE_AFTER = re.compile(r"[ ]?\([ ]?\d{1,3}(?:st|nd|rd|th)?((?:[ ]?(?:minute|mins?|pen|penalty|og|o\.g\.))*)[ ]?\)")
_PLACE_LABELS_NER = {"GPE", "LOC", "FAC"}
_NOT_A_NAME_ENDING = re.compile(r"(?i)\w\w(?:ology|ologist|ologists|ism|isms|phobia|ville)$")  # as ner.NOT_A_NAME_ENDING


# a results row's shapes (tennis, athletics, golf; written here): two set scores or more ("6-3 6-2", "7-6 ( 7-4 ) 6-4"), a
# player beaten before them ("Kravetz beat Oluwadare 6-3 6-2"), a time or a distance after a name that opens a row
# ("1. Oluwadare 2:10.45", "3. Tobrenko 8.12"), a golf score opening a row of names ("66 Kravetz , Makwana")
_SET = r"[0-7]-[0-7](?:[ ]?\([ ]?\d{1,2}(?:-\d{1,2})?[ ]?\))?"
_SETS_AFTER = re.compile(rf"[ ](?:{_SET}[ ]?,?[ ]){{1,4}}{_SET}(?![\w-])")
_BEATEN_AFTER = re.compile(
    rf"[ ](?:beat|beats|bt|def\.?|defeated)[ ](?:[A-Z][\w'’-]+[ ]){{1,3}}(?:\([^()\n]{{2,30}}\)[ ])?(?:{_SET}[ ]?,?[ ]){{1,4}}{_SET}(?![\w-])"
)
_ROW_START = re.compile(r"(?:^|\n)[ \t]*(?:\d{1,3}[.)]?[ ]+|[-–][ ]+)?\Z")
_TIME_AFTER = re.compile(r"[ ](?:\d{1,2}:)?\d{1,2}[:.]\d{2}(?:\.\d{1,3})?(?:[ ]+[\d:.,()+-]+)*[ ]*(?:\n|\Z)")
_GOLF_ROW = re.compile(
    r"[ \t]*(?:5[89]|[67]\d|8[0-5]|2\d\d)[ ]+[A-Z][\w'’.-]*(?:[ ][A-Z][\w'’.-]*){0,2}(?:[ ]?\([^()]{2,30}\))?"
    r"(?:[ ]?,[ ][A-Z][\w'’.-]*(?:[ ][A-Z][\w'’.-]*){0,2}(?:[ ]?\([^()]{2,30}\))?)*[ ]*"
)


def _results_row(text: str, start: int, end: int) -> str:
    """Why a run is a player's name in a results row ("" when it is not): set scores after it, or a name it beat before
    them; a time or distance after it when it opens the row; a golf score opening a row of names it is in."""
    after = text[end : end + 80]
    if _SETS_AFTER.match(after) or _BEATEN_AFTER.match(after):
        return "a player before set scores (results)"
    if _TIME_AFTER.match(text, end) and _ROW_START.search(text, max(0, start - 12), start):
        return "a name opening a results row before a time or distance"
    if _GOLF_ROW.fullmatch(_line(text, start, end)):
        return "a name in a golf leaderboard's row"
    return ""


# results written "Team 2 ( Scorer 35 , Scorer 80 pen ) Team 1 ( Scorer 12 )": inside the bracket opened after a team's
# score, a name opens the list or follows a comma, and a minute follows it (more than one: "Kovalenko 35 , 80")
_SCORERS_BEFORE = re.compile(r"\d[ ]?\([ ]?(?:[^()\n]*,[ ]?)?$")
_SCORER_MINUTE = re.compile(r"[ ]\d{1,3}(?:[ ]?(?:pen|penalty|og|o\.g\.))?[ ]?[,)]")


def _scorer_in_brackets(text: str, start: int, end: int) -> bool:
    """A scorer in the bracketed list after a team's score, with the minute after the name."""
    line_start = text.rfind("\n", 0, start) + 1
    return _SCORER_MINUTE.match(text, end) is not None and _SCORERS_BEFORE.search(text, line_start, start) is not None


def _line(text: str, start: int, end: int) -> str:
    """The line of ``text`` that holds ``start:end``."""
    return text[text.rfind("\n", 0, start) + 1 : (text.find("\n", end) + 1 or len(text) + 1) - 1]


def _place_entity(nlp_artifacts: Any, start: int, end: int) -> bool:
    """spaCy reads a place over any part of ``start:end``."""
    return any(
        e.label_ in _PLACE_LABELS_NER and e.start_char < end and start < e.end_char for e in getattr(nlp_artifacts, "entities", None) or ()
    )


# a verb right after the subject that starts a sentence: an auxiliary, or a past tense ("had", "was", "contacted")
_VERB_AFTER = re.compile(r"[ ]+(?:had|has|was|is|will|would|could|can|won|[a-z]{2,}ed)\b")
CALENDAR_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
                  "april", "may", "june", "july", "august", "september", "october", "november", "december"}  # fmt: skip


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip()
    return not before or before[-1] in '.!?"\n'


# compass words: after a capitalised word they name part of a place ("Kowloon West"); a given name after them is
# the rest of a place's name ("North Carolina", "New Caledonia")
COMPASS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower", "New"}


def _part_of_a_place_or_thing(word: str, surname: str) -> bool:
    """Two capitalised words the lexicon would read as a name and surname that name a place or a thing: a compass
    word after a word that is no given name ("Kowloon West"), or a surname that is also an ordinary word after an
    ordinary word that no name list holds ("Constitution Hall", "Red Cross"; not "Adam West", "Emma Hall")."""
    if surname in COMPASS:
        return True
    return surname.lower() in name_lists.ordinary_words() and name_lists.is_english_word(word) and not _in_a_name_list(word)


def _in_a_name_list(word: str) -> bool:
    """In any given-name or surname list, ordinary words included ("Trump", "Grace", "Bishop")."""
    return word in name_lists.given_names_raw() or word in lexicon("world_surnames.txt") or is_name_word(word)


def _a_place(text: str, word: str, start: int) -> bool:
    """A given name alone that names a place here: a country ("France", "Israel"; the scale is nam_dict.txt's,
    where 4 is a name in common use), or a word after a
    preposition of place ("in Sydney", "across Adelaide"; not "in Sophie's car")."""
    if a_country(word):
        return True  # not "Jordan", "Chad", "Georgia": given names in common use in Britain, Ireland, the USA
    return bool(PLACE_BEFORE.search(text, max(0, start - 12), start)) and text[start + len(word) : start + len(word) + 1] not in ("'", "’")


PLACE_LABELS = {"GPE", "LOC", "FAC", "LOCATION"}  # spaCy's labels of places, or Presidio's name for them


def known_places(text: str, nlp_artifacts: Any) -> set[tuple[int, int]]:
    """Where spaCy reads a place that is a city of 100,000 people or more or a country, with no word about a
    person in its clause ("Houston has played"; not "I got a text from Sydney") or with a region or country after it ("a boy from Irving,
    Texas"): a given name there is no guess of a person; spaCy's place stands. Both must agree (the small
    model also reads "Tamsin" in "Kez and Tamsin are coming" as a place), and a person's word keeps the name
    ("Paris claims that she ...")."""
    entities = getattr(nlp_artifacts, "entities", None) or ()
    places = [(e.start_char, e.end_char) for e in entities if e.label_ in PLACE_LABELS]
    known = [(a, b) for a, b in places if text[a:b] in cities() or a_country(text[a:b])]
    return {(a, b) for a, b in known if followed_by_a_place(text, b) or not _personal_near(text, a, b)}


def _personal_near(text: str, start: int, end: int) -> bool:
    left, right = clause(text, start, end)
    if text[end : end + 1] in ("'", "’"):
        return True
    return any(p.search(text, left, start) or p.search(text, end, right) for p in (THIRD_PERSON, PERSONAL))


def _english(*words: str) -> bool:
    """Any of the words an ordinary English word ("Nifty Gadgets", "Star Wars"), unless it is a listed name."""
    return any(name_lists.is_english_word(w) and not is_name_word(w) for w in words)
