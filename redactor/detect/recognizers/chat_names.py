"""Lower-case given names in chat ("ask sophie", "me and jack", "hey tymon").

spaCy's small model misses most lower-case names. A lower-case word that is a listed given name
is reported next to words that introduce a person in chat: after "ask", "tell", "hey", "me and",
"with", ... or before "and me", "said", "says". A name that is also an ordinary English word
("jack", "bill") counts only after the strongest cues ("me and", "ask", "tell", "hey", "hi");
stop words never count. Case people are matched in any case by ``known_people.py`` already. After the strongest cues a
lower-case surname that is no English word counts too ("ask kowalski"), and a two-letter given name
in English use ("tell mo", "ask jo": ``english_frequency``, less stop words and chat tokens).

Without a cue, a lower-case word is still reported, with a lower score, when it is a given name in
common use in Great Britain, Ireland or the U.S.A. (``name_lists.english_frequency`` at least
``BARE_FREQUENCY``) and neither an English word, a stop word, a month nor a day ("is emma coming",
"chloe's mum"): chat rarely capitalises names, and a name the reviewer sees is better than a leak.
A given name followed by a lower-case word that is a listed surname and no English word is one
name ("amy schumer", "Kylie minogue").
A lower-case word that no list holds (no given name, no surname, no English, stop or chat word: ``chat_words.txt``)
is a name by its place in the sentence: the subject of a verb at the start of a clause ("farage said", "hangwani is
slaying"), after a strong cue or "fan of", "voted for" ("thanks obama", "no fan of corbyn"), before a possessive
("corbyn's lot", not "the orbiter's last flight"), or after a title ("mr corbyn"); after a title written in lower case
a word a surname list holds is one too, English word or not ("president trump").
After the strongest cues a given name in everyday use in Britain, Ireland or the U.S.A. counts although it is also an
English word ("tell brad", "Hey tanner"; never a word of address: "thanks angel"); a cue may start with a capital.
A capitalised word in no list, first on a line and the subject of a verb ("Themba is obsessed", "Shaq had me weak"), is a
name: chat starts a message with the person it is about; not after a full stop, where news and reports start sentences
with organisations and teams, and no plural, English compound, country, city or organisation word.
A given name that is no English word is a name after words a name follows as often as any other ("call him horatio",
"as kind as marguerite", "not barnaby", "where's ottilie", "does lachlan"; ``LOOSE``: no day, month, country, city, faith or
chat word, not in code) and before a finite verb anywhere in a clause ("see cosima gave"; not after a determiner). A
given name in everyday use that is also a word is a name with its capital where it is addressed (", Heather ?",
"Happy birthday Holly", "Hunter why"); a capitalised word in no list is a name right after a greeting, a farewell or
thanks ("Hi Michter ,", "Bye Capwin !", "Thank you Hendo for ...": ``_GREETED``; no country, city, town, organisation
word, plural, or two long English words run together: "Bye Ibiza !", "Thanks Facebook"); and a capitalised surname
alone before a verb of saying ("..., Hedges pointed out"; not after a determiner or another capitalised word, no
organisation word, country or city).
A given name in common use and a listed surname run together with their capitals, alone or in a hashtag ("JohnSmith",
"#AlexandraRichards"), are a name, the whole word or tag (``_run_together``); a self-introduction ("My name is ...") is a
strong cue. A word of a name's prefix and a capitalised rest ("LeBron", "DeShawn") that no list holds is a name too.
Measured on WNUT-17 dev and the negatives set (``make eval``, models/MODELS.md).
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect import name_lists
from redactor.detect.known_people import STOP_WORDS
from redactor.detect.places import cities, towns
from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.names import lexicon
from redactor.detect.social import english_compound, given_in_use, venue

STRONG = (
    r"me[ ]and|ask|tell|told|hey|hi|hiya|heya|thanks|thx|ty|cheers|love[ ]you|miss[ ]you|dont[ ]tell|don't[ ]tell|"
    r"[Mm]y[ ]name[ ]is|[Mm]y[ ]name['’]s|[Mm]y[ ]names"  # a self-introduction in lower case ("My name is krithika")
)
WEAK = r"with|and|to|from|saw|seen|met|meet|call|ring|text|message|msg|like|love|miss|via|cc|is|was"
# words a person's name follows as often as any other word's: a given name that is no word, and no day, month, place,
# faith or chat word, outside code ("call him horatio", "as kind as marguerite", "not barnaby", "where's ottilie", "does
# lachlan afford")
LOOSE = r"him|her|as|than|not|does|did|where[ ]?['’][ ]?s|where[ ]is|about|for|vs"
FAITHS = {"islam", "christianity", "judaism", "hinduism", "buddhism", "sikhism", "jainism", "taoism", "shinto", "atheism"}
# the name in a look-ahead: a cue word can itself be the next match's cue ("to tell brad", "and ask jo")
_BEFORE = re.compile(
    rf"(?<![\w'])(?i:(?P<strong>{STRONG})|(?P<weak>{WEAK})|(?P<loose>{LOOSE}))[ ,]+(?=(?P<name>[a-zà-ÿā-ž][a-zà-ÿā-ž'-]{{2,}})(?![\w@]))"
)
# a bare word: not part of a handle, path, identifier or call ("len(x)", "val = 1", "obj.val")
_BARE = re.compile(r"(?<![\w@#'’./\\-])(?P<name>[a-z][a-z]{2,})(?=['’]s\b|(?![\w@'’/\\(\[=-]|\.\w|[ ]?=))")
# a given name (any case) and a lower-case surname after it ("amy schumer", "Kylie minogue")
_PAIR = re.compile(r"(?<![\w@#'’./\\-])(?P<first>[A-Za-z][a-z]{2,})(?=[ ](?P<last>[a-z][a-z]{2,})(?:['’]s\b|(?![\w@'’/\\(\[=-])))")
_CODE = re.compile(r"\w[(\[]|[=!<>]=|\)[:;]|^[ \t]*(?:def|class|import|return|elif|var|const|function)\b", re.M)
CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
            "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}  # fmt: skip
# a two-letter name ("tell mo", "ask jo") only after a strong cue, and only a name in English use
_SHORT = re.compile(rf"(?<![\w'])(?:{STRONG})[ ,]+(?P<name>[a-z]{{2}})(?![\w@'’])")
# laughter and noises: a syllable said again ("hahaha", "ahah", "jejeje", "lolol") or a letter held ("kkkkk", "aaaa", "xxx",
# "mmm"); not any word of those letters ("momo", "lola", "hala" are names)
_LAUGH = re.compile(r"a?(?:ha|he|hi|ja|je)+h?|lo(?:lo)*l?|(?:lo)?(?:ol)+|([a-z])\1+")
ENDEARMENTS = {"angel", "honey", "baby", "babe", "sugar", "sweetie", "darling", "dear", "love", "buddy", "bud", "mate", "pal",
               "chief", "boss", "sir", "madam", "doll", "sunshine", "princess", "prince", "king", "queen", "champ", "sweet",
               "dude", "bro", "sis", "man", "girl", "boy", "kid", "cutie", "precious", "treasure", "star", "hun", "hon"}  # fmt: skip
CHAT_TOKENS = {"ty", "ap", "ya", "yo", "ok", "xx", "kk", "np", "gg", "ur", "lo", "ha", "oh", "eh", "uh", "um", "mm", "hm"}
_AFTER = re.compile(r"(?<![\w'@.])(?P<name>[a-zà-ÿā-ž][a-zà-ÿā-ž'-]{2,})[ ](?:and[ ]me|said|says|told[ ]me|texted|rang|messaged)(?!\w)")
# A lower-case word in no list can still be a name by its place in the sentence ("hangwani is slaying", "thanks obama",
# "farage said", "corbyn's lot", "mr corbyn"): see ``_unlisted``.
_WORD = r"(?P<name>[a-z][a-z]{2,})"
# the subject of a verb: at the start of a clause, right before a finite verb or an adverb and one
_CLAUSE_START = r"(?:^|(?<=[.!?,:;)\n])[ ]?|(?<=[^\w\s'’])[ ]|(?<![\w'])(?:and|but|when|before|after|because|cuz|coz|that|if|so|then|until|while|where|why|how)[ ])"
_FINITE_VERBS = (
    "is was has had does did gets got gave makes made says said told tells wants wanted "
    "needs likes liked loves loved looks looked plays played wears wore went goes knows knew thinks thought tweeted tweets "
    "claims claimed announced admits admitted insists reckons replied asked posted wrote sings sang won wins lost scored "
    "scores keeps kept seems seemed became becomes came comes left leaves just never always really also still already"
).split()
_FINITE = "|".join(_FINITE_VERBS)
# the verbs a given name is the subject of anywhere in a clause (``_GIVEN_SUBJECT``)
_GIVEN_VERBS = (
    *_FINITE_VERBS,
    *"wakes woke gives better can could will would should hates cooks sings dances tries tried started starts says".split(),
)
_SUBJECT = re.compile(rf"{_CLAUSE_START}{_WORD}(?=[ ](?:{_FINITE})(?![\w'’]))", re.M)
# runs of lower-case letters: a verb after a space and before no letter, as the verb rules read it, is one of them whole
# (a cheap test that a text holds none, before the verb rules' scans)
_LOWER_RUN = re.compile(r"[a-z]+")
_FINITE_SET, _GIVEN_SET = frozenset(_FINITE_VERBS), frozenset(_GIVEN_VERBS)
# a capitalised word of three letters or more, which each rule on a capitalised word needs ("Themba", ", Heather ?")
_CAPITALISED = re.compile(r"[A-Z][a-z]{2}")
# "thanks obama", "hey hangwani", "no fan of corbyn", "voted for farage"
_CUED = re.compile(rf"(?<![\w'])(?:{STRONG}|(?:fans?|supporters?)[ ]of|vot(?:e|es|ed|ing)[ ]for)[ ,]+{_WORD}(?![\w@'’])")
_POSSESSIVE = re.compile(rf"(?<![\w@#'’./\\-]){_WORD}(?=[ ]?['’][ ]?s\b)")  # "kapil's", WNUT's "kapil ' s"
_TITLED = re.compile(
    rf"(?<![\w'])(?i:mr|mrs|dr|president|senator|chancellor|minister|mayor|governor|prince|princess|sir)\.?[ ](?-i:{_WORD})"
    rf"(?![\w@'’])"
)  # "mr corbyn", "president trump": after a title, a word a surname list holds is a name even when it is an English word
# a capitalised word first on a line, the subject of a verb ("Themba is obsessed", "Shaq had me weak"): not after a full
# stop, and not before a verb of winning or saying, which teams and organisations are the subject of as often as people
_OPENING_VERBS = (
    r"is|was|has|had|did|does|continues|knew|looks|seems|gets|got|makes|made|wants|needs|loves|likes|thinks|just|never|always|really"
)
_GIVEN_SUBJECT = re.compile(rf"(?<![\w@#'’./\\-]){_WORD}(?=[ ](?:{'|'.join(_GIVEN_VERBS)})(?![\w'’]))")
_OPENING = re.compile(rf"^[ \t]*(?P<name>[A-Z][a-z]{{2,}})(?=[ ](?:{_OPENING_VERBS})(?![\w'’]))", re.M)
# a capitalised given name that is also a word, addressed: after a comma before the sentence ends (", Heather ?"), first on
# a line before a question word ("Hunter why"; not "Hope you are well"), or after a greeting or wish ("Happy birthday Holly")
_ADDRESSED = re.compile(
    r"(?:(?<=[^\s,][ ],[ ])|(?<=[^\s,],[ ]))(?P<a>[A-Z][a-z]{2,})(?=[ ]?[?!]|[ ]?[.,]?[ ]*$)"
    r"|^[ \t]*(?P<b>[A-Z][a-z]{2,})(?=[ ,]+(?:what|why|how|when|where|who|pls|please)[ ])"
    r"|(?<![\w'])(?i:happy[ ]birthday|happy[ ]new[ ]year|merry[ ]christmas|good[ ]luck|well[ ]done|congrats|congratulations|"
    r"thank[ ]you|thanks|love[ ]you|miss[ ]you|good[ ]job|great[ ]job|morning|night)[ ,]+(?P<c>[A-Z][a-z]{2,})(?![\w@'’-])",
    re.M,
)
# a capitalised word right after a greeting, a farewell or thanks, the person greeted ("Hi Michter ,", "Bye Capwin !",
# "Thank you Hendo for"): not before another capitalised word (a longer name is spaCy's) or an apostrophe
_GREETED = re.compile(
    r"(?<![\w'])(?i:hi|hey|hello|hiya|heya|bye|goodbye|dear|thanks|thank[ ]you|thx|cheers|congrats|congratulations|"
    r"love[ ]you|miss[ ]you|much[ ]love|well[ ]done|good[ ]job|great[ ]job)[ ,]+(?P<name>[A-Z][a-z]{2,})(?![\w@'’-])(?![ ][A-Z])"
)
# a capitalised surname alone as the subject of a verb of saying ("..., Hedges pointed out", "Marsh said"): news and
# reports name a person in full once and then by surname; spaCy's small model misses a surname that is also a word
_SAID = re.compile(
    r"(?<![\w'’-])(?P<name>[A-Z][a-z]{2,})(?=[ ](?:said|says|stated|states|pointed[ ]out|added|explained|noted|argued|replied|"
    r"recalled|insisted|told|wrote|claimed|admitted|warned|conceded)(?![\w'’]))"
)
# a word of two to four parts, each a capital and lower-case letters, alone or as a hashtag ("JohnSmith", "#BobMarleyDay")
_RUN_TOGETHER = re.compile(r"(?<![\w@#'’./\\-])#?(?P<word>[A-Z][a-z]+(?:[A-Z][a-z]+){1,3})(?![\w@'’-])")
_CAPITAL_PARTS = re.compile(r"[A-Z][a-z]+")
# a name's prefix and a capitalised rest in one word ("LeBron", "DeShawn", "LaToya", "DiMarco"; not "Mc", "Mac": places and
# buildings take such names, "McMinnville", "the McCutchan Art Center")
_PREFIXED = re.compile(r"(?<![\w@#'’./\\-])(?:Le|La|De|Da|Di|Du)[A-Z][a-z]{2,}(?![\w@'’-])")
_NAME_BEFORE = re.compile(r"(?:(?i:the|a|an|this|that|its|their|our|his|her)|[A-Z][\w'’.-]*)[ ]$")
_DETERMINER_BEFORE = re.compile(r"(?i)(?<![\w'])(?:the|a|an|this|that|these|those|my|your|his|her|our|their|its)[ ](?:\w+[ ])?$")


class ChatNameRecognizer(EntityRecognizer):
    SCORE, BARE_SCORE = 0.5, 0.4
    BARE_FREQUENCY = 2  # nam_dict's log scale: 1 rare ... 13 very common
    RUN_TOGETHER_FREQUENCY = 8  # "John", "Tom", "Sarah" run together with a surname that is a word; not "May", "Rose"

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], name="ChatNameRecognizer", supported_language=supported_language)

    def load(self) -> None:
        self._common = {n.lower() for n in lexicon("first_names.txt")}  # names in everyday use here ("jack")
        self._chat = lexicon("chat_words.txt")  # "lol", "ppl", "bday", "dont": chat's own words, no names
        self._given = self._common | {n.lower() for n in name_lists.given_names_raw()}
        self._surnames = frozenset(
            w.lower() for w in lexicon("world_surnames.txt") if w.lower() not in STOP_WORDS and not name_lists.is_english_word(w)
        )
        frequent = {n for n, f in name_lists.english_frequency().items() if f >= self.BARE_FREQUENCY}
        self._short = frozenset(
            n for n in name_lists.english_frequency() if len(n) == 2 and n.isalpha() and n not in STOP_WORDS | CHAT_TOKENS
        )
        # after a strong cue, a given name in use in Britain, Ireland or the U.S.A. although it is also a word ("tell brad",
        # "hey tanner"), never a word a person is called by ("thanks angel", "hey buddy")
        self._cued = frozenset(n for n in frequent if n.isalpha() and n not in STOP_WORDS and n not in ENDEARMENTS and n not in self._chat)
        self._bare = frozenset(
            n for n in frequent | self._common if n not in STOP_WORDS and n not in CALENDAR and not name_lists.is_english_word(n)
        )

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "PERSON" not in entities:
            return []
        if not hasattr(self, "_given"):
            self.load()
        out = []
        code = _looks_like_code(text)
        for pattern in (_BEFORE, _AFTER):
            for m in pattern.finditer(text):
                word = m.group("name")
                strong = pattern is _BEFORE and m.group("strong") is not None
                if pattern is _BEFORE and m.group("loose") is not None and (code or not self._loosely_named(word)):
                    continue
                if self._is_name(word, strong):
                    why = "lower-case given name after a word that introduces a person in chat"
                    out.append(result(self, "PERSON", m.start("name"), m.end("name"), self.SCORE, "lower-case name in chat", why))
        for m in _SHORT.finditer(text):
            if m.group("name") in self._short:
                why = "two-letter given name after a word that introduces a person in chat"
                out.append(result(self, "PERSON", m.start("name"), m.end("name"), self.SCORE, "short name in chat", why))
        if code:
            return out
        cued = {r.start for r in out}
        for m in _BARE.finditer(text):
            if m.group("name") in self._bare and m.start() not in cued:
                why = "lower-case word that is a given name in common use (no cue)"
                out.append(result(self, "PERSON", m.start(), m.end(), self.BARE_SCORE, "lower-case given name", why))
        for m in _PAIR.finditer(text):
            if self._is_pair(m.group("first"), m.group("last")):
                why = "given name and a lower-case word that is a surname"
                out.append(result(self, "PERSON", m.start(), m.end("last"), self.BARE_SCORE, "name with lower-case surname", why))
        out += self._placed(text, {r.start for r in out})  # only where no rule above found the word
        if not _CAPITALISED.search(text):
            return out  # the rules below each read a capitalised word of three letters or more
        return (
            out
            + self._opening(text)
            + self._addressed(text)
            + self._said(text)
            + self._greeted(text)
            + self._run_together(text)
            + self._prefixed(text)
        )

    def _prefixed(self, text: str) -> list[RecognizerResult]:
        """A word of a name's prefix and a capitalised rest ("LeBron", "DeShawn", "DiMarco", ``_PREFIXED``) that
        no English, chat or organisation word is: names are the words written so (a brand named so is a surname's)."""
        out = []
        for m in _PREFIXED.finditer(text):
            low = m.group(0).lower()
            if name_lists.is_english_word(low) or low in self._chat or low in name_lists.organisation_words():
                continue
            why = "a name's prefix and a capitalised rest in one word"
            out.append(result(self, "PERSON", m.start(), m.end(), self.BARE_SCORE, "prefixed name", why))
        return out

    def _run_together(self, text: str) -> list[RecognizerResult]:
        """A given name in common use and a listed surname run together with their capitals, alone or in a word or
        hashtag ("JohnSmith", "#AlexandraRichards", "#BobMarleyDay"): the whole word or tag, "#" included, which says who
        it is as the name does. Not when both are ordinary English words and the given name is not far more often a
        name ("#MayDay", "#RoseGold", "RayBan"; ``RUN_TOGETHER_FREQUENCY``), nor a tag that ends in a place's or an
        organisation's word ("#BenPark" stays, "#FenwayPark" goes: ``social.py``)."""
        out = []
        for m in _RUN_TOGETHER.finditer(text):
            parts = _CAPITAL_PARTS.findall(m.group("word"))
            if any(self._given_and_surname(a, b) for a, b in itertools.pairwise(parts)) and not venue(parts):
                why = "given name and surname run together in one word or hashtag"
                out.append(result(self, "PERSON", m.start(), m.end(), self.BARE_SCORE, "name run together", why))
        return out

    def _given_and_surname(self, given: str, surname: str) -> bool:
        if given == surname or surname not in lexicon("world_surnames.txt") and surname not in lexicon("surnames.txt"):
            return False
        if not (given_in_use(given) or given in lexicon("first_names.txt")):
            return False
        both_words = name_lists.is_english_word(given) and name_lists.is_english_word(surname)
        return not both_words or name_lists.english_frequency().get(given.lower(), 0) >= self.RUN_TOGETHER_FREQUENCY

    def _greeted(self, text: str) -> list[RecognizerResult]:
        """A capitalised word in no list right after a greeting, a farewell or thanks (``_GREETED``): no English, stop or
        chat word, no plural, two long English words run together, country, city, town or organisation word."""
        out = []
        for m in _GREETED.finditer(text):
            word = m.group("name")
            low = word.lower()
            if low.endswith("s") or not self._unlisted(low) or _two_long_words(low) or low in name_lists.countries():
                continue
            if word in cities() or word in towns() or low in name_lists.organisation_words() or word in name_lists.given_names_raw():
                continue  # a listed given name is the lexicon's and spaCy's; "Bye Ibiza !" is a town
            why = "capitalised word in no list after a greeting, a farewell or thanks"
            out.append(result(self, "PERSON", m.start("name"), m.end("name"), self.BARE_SCORE, "name greeted", why))
        return out

    def _said(self, text: str) -> list[RecognizerResult]:
        """A capitalised word a surname list holds, alone before a verb of saying (``_SAID``): not after a determiner or
        another capitalised word (a longer name or an organisation is spaCy's), no country, city, organisation word or
        people ("Labour said", "Reuters said")."""
        out = []
        for m in _SAID.finditer(text):
            word, start = m.group("name"), m.start("name")
            if word not in lexicon("world_surnames.txt") and word not in lexicon("surnames.txt"):
                continue
            if word.lower() in name_lists.countries() or word in cities() or word.lower() in name_lists.organisation_words():
                continue
            if word.lower() in name_lists.PEOPLES or _NAME_BEFORE.search(text, max(0, start - 24), start):
                continue
            why = "capitalised surname alone before a verb of saying"
            out.append(result(self, "PERSON", start, m.end("name"), self.BARE_SCORE, "surname before a verb of saying", why))
        return out

    def _addressed(self, text: str) -> list[RecognizerResult]:
        """A capitalised given name in everyday use that is also a word, addressed (``_ADDRESSED``): "..., Heather ?"."""
        out = []
        for m in _ADDRESSED.finditer(text):
            group = next(g for g in ("a", "b", "c") if m.group(g))
            word = m.group(group)
            if word.lower() not in self._cued or not name_lists.is_english_word(word):
                continue  # a name that is no word is the lexicon's and spaCy's business
            why = "capitalised given name in everyday use, addressed"
            out.append(result(self, "PERSON", m.start(group), m.end(group), self.BARE_SCORE, "name addressed", why))
        return out

    def _opening(self, text: str) -> list[RecognizerResult]:
        """A capitalised word in no list, first on a line before a verb it is the subject of (``_OPENING``): no English,
        stop or chat word, no plural ("Mondays", "Neanderthals"), no English compound ("Gameplay"), country, city or
        organisation word."""
        out = []
        for m in _OPENING.finditer(text):
            word = m.group("name")
            low = word.lower()
            if low.endswith("s") or not self._unlisted(low) or english_compound(low) or low in name_lists.countries():
                continue
            if word in cities() or low in name_lists.organisation_words():
                continue
            why = "capitalised word in no list, first on a line and the subject of a verb"
            out.append(result(self, "PERSON", m.start("name"), m.end("name"), self.BARE_SCORE, "name opening a line", why))
        return out

    def _placed(self, text: str, found: set[int]) -> list[RecognizerResult]:
        """Lower-case words in no list that are names by their place: the subject of a verb at the start of a clause, after
        a strong cue, before a possessive (each a word that is no English word, stop word or chat word), or after a title."""
        out = []
        words = set(_LOWER_RUN.findall(text))  # a verb a rule reads after the name is one of these whole
        rules = (
            (_SUBJECT, "subject", not words.isdisjoint(_FINITE_SET)),
            (_CUED, "after a cue", True),
            (_POSSESSIVE, "possessive", "'" in text or "’" in text),
            (_TITLED, "after a title", True),
            (_GIVEN_SUBJECT, "given", not words.isdisjoint(_GIVEN_SET)),
        )
        for pattern, rule in (r[:2] for r in rules if r[2]):  # a rule whose verb or apostrophe the text lacks finds nothing
            for m in pattern.finditer(text):
                word, start = m.group("name"), m.start("name")
                listed = rule == "after a title" and m.group(0)[:1].islower() and self._listed_surname(word)  # "president trump"
                if rule == "given" and not self._given_subject(text, word, start):
                    continue
                if start in found or not (self._unlisted(word) or listed):
                    continue  # not "The President later said": in edited prose a name after a title has its capital
                if rule == "possessive" and _DETERMINER_BEFORE.search(text, max(0, start - 24), start):
                    continue  # "the orbiter's last flight", "the lead booker's name": a thing's or a role's possessive
                found.add(start)
                why = f"lower-case word in no list, a name by its place ({rule})"
                out.append(result(self, "PERSON", start, m.end("name"), self.BARE_SCORE, "lower-case name by its place", why))
        return out

    def _loosely_named(self, word: str) -> bool:
        """After a loose cue (``LOOSE``): a given name that is no word, day, month, country, city, faith or chat word."""
        if word in CALENDAR or word in self._chat or word in FAITHS or word in name_lists.countries():
            return False
        return word.capitalize() not in cities() and word in self._given and not name_lists.is_english_word(word)

    def _given_subject(self, text: str, word: str, start: int) -> bool:
        """A given name that no English word is, anywhere before a finite verb ("see cosima gave", "leopold likes")."""
        if word not in self._given or word in name_lists.countries() or word.capitalize() in cities():
            return False
        return not _DETERMINER_BEFORE.search(text, max(0, start - 24), start)

    def _listed_surname(self, word: str) -> bool:
        """A word a surname or given-name list holds, English word or not ("trump", "may", "brown")."""
        return word not in STOP_WORDS and (word in self._given or word.capitalize() in lexicon("world_surnames.txt"))

    def _unlisted(self, word: str) -> bool:
        """A word that could only be a name here: no stop word, English word, chat word, month or day."""
        return (
            word not in STOP_WORDS
            and word not in self._chat
            and word not in CALENDAR
            and not _LAUGH.fullmatch(word)
            and not name_lists.is_english_word(word)
        )

    def _is_pair(self, first: str, last: str) -> bool:
        if last not in self._surnames or first.lower() not in self._given or first.lower() in STOP_WORDS:
            return False
        return not name_lists.is_english_word(first) or first.lower() in self._bare

    def _is_name(self, word: str, strong: bool) -> bool:
        if strong and word in self._surnames:
            return True  # "ask kowalski", "tell okafor": a surname that is no English word, after a strong cue
        if word not in self._given or word in STOP_WORDS:
            return False
        if not name_lists.is_english_word(word):
            return True
        return strong and (word in self._common or word in self._cued)  # "me and jack", "tell brad", never "thanks mate"


def _two_long_words(word: str) -> bool:
    """Two English words of four letters or more run together ("Facebook", "Snapchat"): a coined brand, not a name;
    shorter pieces are in every name ("Hen|do", "Cap|win")."""
    return any(name_lists.is_english_word(word[:i]) and name_lists.is_english_word(word[i:]) for i in range(4, len(word) - 3))


def _looks_like_code(text: str) -> bool:
    """Source code ("len(row)", "if val == 1:"): its lower-case words are identifiers, not names."""
    return len(list(itertools.islice(_CODE.finditer(text), 2))) == 2
