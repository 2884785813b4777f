"""Street addresses in international shapes (UK shapes stay with ``address.StreetAddressRecognizer``).

- a street named after a person may have its given name in lower case ("Juhász gyula út 507"), and a Czech or
  Slovak street a preposition and no street word ("U Obory 5163", "K Červenému Kopci 4958", after a cue
  or with a postcode and town or a flat);
- the house number before or after the street, after the street with a house word ("ул. Ленина, д. 5"):
  "590 Edington Drive", "Rua do Arenque 1634",
  "376 Rákóczi út 13.", "Hauptstraße 5", "ul. Długa 5/7", "5 rue de la Paix";
- street words (``street_words.py``) in the common European languages, Turkish, Azerbaijani,
  Russian, Ukrainian and Greek, before the name (rua, calle, ulica/ul., вул., ...) or after it,
  alone or joined (straße/str., gatan, vej, út/utca, caddesi, ...);
- flat, apartment, suite, unit and PO box in the same languages, and a following town with a
  foreign postcode and state ("Suite 104 Veszprém", ", Goiânia", "Toronto, ON M4C 1A1", "00-950 Warszawa");
- after an address cue ("lives at", "moved to", "my address is", "ship it to"; in Russian, Ukrainian,
  Bulgarian, Greek and Polish too: "по адресу", "живу на", "μένει στην", "mieszka na"), a house number and
  capitalised words make an address without a street word ("280 Normannsgata", "Αγάπης 54");
- with no street word and no cue, a name and house number (or a house number and name) followed by a
  postcode and town, or by a flat ("Ερμού 25, 105 63 Αθήνα", "Ленина 5, кв. 12, Москва 101000", "Хрещатик 22,
  кв. 5", "58 Solbakken, Etasje 2, 0450 Oslo", Iceland's three-digit postcodes: "210 Kolgröf, 992 Djúpivogur"): the
  shape of an address line in any script. A four-digit
  year is no postcode ("Round 5, 2019 Final"), and a capitalised English word makes it no address;
- with no street word and no cue, a house, plot or block (or a house number and a name) and two parts or more, the
  last of them a city of 100,000 people or more ("House 8, Street 22, F-7/2, Islamabad", "Plot 9, Sector 18,
  Gurugram", "25 Le Loi, Ben Nghe, District 1, Ho Chi Minh City"), no part made only of ordinary English words but
  the words of an address ("Street", "Sector", "District"; "Round 5, Group 2, Madrid" is no address); a Turkish door after the house number ("Atatürk Cd. No: 15 D: 4").

- Chinese, Japanese and Korean addresses, from the province or prefecture to the road and its number or the block
  numbers, with or without spaces ("北京市朝阳区建国路88号", "東京都渋谷区神南1-2-3", "서울특별시 강남구 테헤란로 152");
- an address in Arabic script: a street word (شارع, طريق, ...), the name, a number, the town and postcode after commas or on
  the lines under it, with a digit or on lines of its own; a street with no number alone on its line over a line that is
  only its town ("Cheapside Road\nBridgetown"); the house number alone on the line under the street before a postcode
  ("C. de Atocha\n12, 28012 Madrid"); a Russian town with its mark written first ("197198, г. Санкт-Петербург, ул. ...");
  a country on the last line, in English or its own language ("Deutschland", "Polska"), is no part of the address;
- a line written all in capitals is read as if written with capitals ("HAUPTSTRASSE 5, 10115 BERLIN"; a street with no
  number there is a heading, not an address); the town and postcode after the sentence's full stop or on the lines under
  the street, each line ending in a comma or a full stop, are part of it ("5 Park Street. Bristol BS1 5AB.").

A street needs a house number, or an address cue before it. Labelled addresses in forms
("Address: ...", a heading "Delivery address" and the lines under it) are ``address_label.py``'s.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor.detect.name_lists import countries, is_english_word, is_name_word
from redactor.detect.places import cities
from redactor.detect.recognizers.base import result
from redactor.detect.recognizers.letters import LOWER, NAME_WORD, UPPER
from redactor.detect.recognizers.street_words import (
    AFTER,
    BEFORE,
    CUE,
    INSTITUTION,
    JOINED,
    PHRASE_WORDS,
    UNIT,
    capitals_folded,
    is_country,
    keeps_full_stop,
    next_sentence,
)

# the months, in the languages whose streets are named after a date: "Avenida 4 de Fevereiro", "ul. 3 Maja", "aleja 29
# listopada", "Rue du 4 Septembre", "str. 31 August 1989", "19 Mayıs Caddesi", "ул. 8 Марта"
MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|enero|febrero|marzo|abril|mayo|junio|"
    r"julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|"
    r"novembro|dezembro|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|gennaio|febbraio|"
    r"aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januar|februar|märz|juni|juli|oktober|dezember|stycznia|lutego|marca|"
    r"kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia|ianuarie|februarie|martie|aprilie|iunie|iulie|"
    r"septembrie|octombrie|noiembrie|decembrie|ledna|února|března|dubna|května|června|července|srpna|září|října|listopadu|prosince|"
    r"ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık|января|февраля|марта|апреля|мая|июня|июля|"
    r"августа|сентября|октября|ноября|декабря|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня"
)
# the small words inside a street's or a town's name; a number only with an ordinal's ending ("ul. 1-go Maja") or as a date's
# day before "de" or a month (a street named after a date): a bare number before another name is the house number ("Calle
# Principal 20 Barcelona", "Calea Victoriei 54 Bucharest": the town follows it)
LINK = (
    r"(?:do|da|dos|das|de|del|della|degli|di|la|las|los|le|les|du|des|von|van|der|den|y|e|i|í|al|el|lui|nad|pod|od|à|an|am|im|bei|sur|"
    rf"upon|en|\d{{1,2}}(?:-?(?:go|ego|ma|th|st|nd|rd|я|й)|(?=[ ](?:de|del|do|da|di|(?i:{MONTHS}))(?![\w]))))"
)
NOT_UNIT = (
    rf"(?!(?i:{UNIT})\.?(?:[ ]\d|[ ]?[A-Z]\b|[ ][A-Z]\d))"  # "Hazenpad| Verdieping 2", "Dago Asri| Blok C29": a flat word ends the name
)
# a word of a street's name; not the house mark after it ("Jalan Sultan No. 4"); a roman numeral ("Rue Mohammed V")
WORD = rf"(?:{NOT_UNIT}(?!No[.:°º])(?:{NAME_WORD})|{UPPER}\.|[IVX]{{1,4}}(?=[ ,]))"
NAME = rf"(?!No[.:°º]){NAME_WORD}(?:[ ](?:{LINK}[ ]){{0,2}}{WORD}){{0,3}}"
# the endings of the adjectives that name streets in Czech, Slovak, Polish and the South Slavic languages, with no street word
# ("Korunní", "Divadelná", "Kájovská", "Beethovenova", "Szewska", "Grodzka", "Marszałkowska", "Zadarska", "Kneza Miloša"'s
# "Miloševa"): the street word (ulice, ulica) is left out, the adjective agreeing with it
ADJECTIVE_END = r"ní|ná|ská|cká|čka|ška|dzka|ska|cka|owa|ova|eva|ovo"
# Czech and Slovak streets named with a preposition and no street word: "U Obory 5", "K Ozvěně 9", "Na Příkopě 12"
PREPOSITION = r"(?:(?:K|Ke|U|V|Ve|Z|Ze|Na|Nad|Pod|Před|Pred|Při|Pri|Za|Mezi)[ ])"
# "14 B, 411 38 Göteborg", Finnish "12 B 7," (stair and flat), Dutch "123-II" and "12-hs" (floor, ground floor), "12 bis"
HOUSE = r"\d{1,5}(?:½|[ ]1/2(?=[ ]))?[A-Za-z]?(?:[/-]\d{1,4}[A-Za-z]?(?:-\d{1,4}(?![\w/-]))?|-(?:I{1,3}|IV|hs|huis|bis|ter|[A-Z])(?![\w]))?(?:[ ](?:bis|ter)(?![\w]))?(?:[ ][A-Z](?:[ ]\d{1,3})?(?=,))?\.?"
# "16 1/2 Windward Road", "16½ Windward Road": half a house number (above)
# a direction between the house number and the street's name, the North American way: "2120 E Hill Street", "444 South 5th St",
# "18312 SE Brooklyn Ct" (the name's own words are read by STREET)
DIRECTION = r"(?:[NSEW]|NE|NW|SE|SW|North|South|East|West)\.?(?=[ ])"
# a state written with full stops: "Brooklyn, N.Y. 11211", "Washington, D.C 20500"
DOTTED_STATE = r"[A-Z]\.[A-Z](?:\.|(?![\w]))"
# "ул. Ленина, д. 5", "Αγάπης αρ. 54", "Cd. No: 15", "Jalan Sultan No. 4", "Calle 9 N° 412", Colombian "Calle 45 # 12-30"
HOUSE_MARK = r"(?:(?i:д|дом|буд|будинок|αρ|č\.p|čp|nr)\.?[ ]?|№[ ]?|No[:.][ ]?|N[°º][ ]?|[Nn]\.[º°][ ]?|\#[ ]?)"  # Portuguese "n.º 67"
# a side or part of a street after its name: Norwegian "Tindvegen nedre 44B" (lower), Dutch "Oranjelaan Westzijde 41" (the west side)
SIDE = r"(?:[ ](?:nedre|øvre|søndre|nordre|vestre|østre|ytre|indre|midtre|(?:Noord|Oost|Zuid|West)zijde)(?![\w]))"
# lower-case words of a street named after a person ("Juhász gyula út", written so in chat): none an English word (checked in code)
LOWER_WORDS = rf"(?P<lower>(?:[ ]{LOWER}{{3,}}){{1,2}})"
# what the first three shapes of STREET start with, looked for once before them: the same matches, the long case-insensitive
# alternation read once where no street word stands instead of three times
BEFORE_GUARD = rf"(?=(?i:{BEFORE})[ ])"
STREET = (
    # the three shapes that open with a street word before the name are tried only where one stands (``BEFORE_GUARD``)
    rf"(?:{BEFORE_GUARD}(?:"
    # a street named after a date with its year, the house number after a comma: "str. 31 August 1989, 121a"
    rf"(?i:{BEFORE})[ ]\d{{1,2}}[ ](?i:{MONTHS})[ ](?:1[89]|20)\d\d(?=,[ ]\d)"
    rf"|(?i:{BEFORE})[ ][„“\"«]?(?:{LINK}[ ]|[dl]['’]|\d{{1,3}}[ ](?={NAME_WORD})){{0,2}}{NAME}[“”\"»]?"  # Rua do Arenque, ul. Długa, ул. „Граф Игнатиев“, Bd d'Avroy
    rf"|(?i:{BEFORE})[ ](?:\d{{1,2}}[ ](?=(?i:{MONTHS})[ ]))?(?P<lower_name>{LOWER}{{3,}}(?:[ ](?:{LINK}[ ])?{LOWER}{{3,}}){{0,2}})(?:[ ]{NAME})?(?=[ ]\d))"  # Bulevar oslobođenja 14, Улица краља Милана 9
    rf"|(?i:calle|carrera|cra\.?|cl\.?|cll\.?|kr\.?|av\.|avenida|diagonal|transversal|tv\.)[ ]\d{{1,3}}[A-Z]?(?:[ ]Bis)?(?=[ ]?(?:\#|N[°º]|No\.))"  # Calle 45 # 12-30, Cra 18#63-64
    rf"|{NAME}{LOWER_WORDS}?[ ](?i:{AFTER})(?!{LOWER})"  # Edington Drive, Rákóczi út, Juhász gyula út
    rf"|\d{{1,3}}(?:st|nd|rd|th)(?:[ ]{NAME})?[ ](?i:street|st\.?|avenue|ave\.?|road|rd\.?|lane|drive|boulevard|blvd\.?)(?!{LOWER})"  # 11th Avenue, 1st Main Road
    # a numbered street after the house number, written without its ordinal as in chat and on envelopes: "921 83 street",
    # "30 w 26 st" (a direction in lower case too); a numbered highway or route: "US Highway 431", "Route 118", "State Road 7"
    rf"|(?<=\d[ ])(?:(?i:[nsew])\.?[ ])?\d{{1,3}}[ ](?i:street|st|avenue|ave|road|rd|place|pl|drive|dr|boulevard|blvd)\.?(?![\w]|[ ]\d{{1,2}}[ ]?(?i:lb|lbs|pounds)(?![\w]))"
    rf"|(?:(?:US|U\.S\.|State|County|Interstate|SR|CR)[ ])?(?:Highway|Hwy\.?|Route|Rte\.?|State[ ]Road)[ ]\d{{1,4}}[A-Z]?(?![\w])"
    rf"|(?:{NAME_WORD}[ -](?:{LINK}[ -])?){{0,2}}{UPPER}{LOWER}*-?(?i:{JOINED})(?!{LOWER}){SIDE}?"  # Hauptstraße, Alter Kirchenweg, Maria-Theresien-Str.
    # a Norwegian or Swedish street named by a place's word after its position ("Vestre Haugen", "Øvste Skogen", "Gamla
    # Kyrkvägen"; a house number needed, checked in code)
    rf"|(?:Vestre|Østre|Søndre|Nordre|Øvre|Nedre|Øvste|Midtre|Indre|Ytre|Gamle|Lille|Gamla|Stora|Lilla|Norra|Södra|Östra|Västra|Övre)[ ]{NAME_WORD}(?![\w'’-])"
    # a street named by its street word alone, with a house number (checked in code) before or after: "Esplanade 17", "17
    # Esplanade", "Broadway 24", "The Strand 5"
    rf"|(?:The[ ])?(?:Esplanade|Promenade|Broadway|Strand|Parade|Embankment|Boardwalk|Corniche|Malecón|Malecon)(?![\w'’-])"
    # a British development named by its buildings or its trees, with a house number (checked in code): "16 The Stables", "3
    # The Maltings", "12 The Paddocks", "7 The Laurels"
    rf"|The[ ](?P<estate>Stables|Maltings|Paddocks|Orchards|Granary|Cloisters|Courtyard|Sidings|Coppice|Spinney|Laurels|Limes|"
    rf"Beeches|Poplars|Willows|Hollies|Chestnuts|Rowans|Larches|Cedars|Firs|Elms|Pines|Birches|Hawthorns|Sycamores|Oaks)(?![\w'’-])"
    # a numbered street: its street word alone and its number, after the house number ("25 Straße 50", "25 Strada 50", Berlin's
    # and Romania's streets never named; "12 Street 5"), or the house number after it on the next line or after a comma
    rf"|(?<=\d[ ])(?i:straße|strasse|str\.|strada|street|calle|rua|ulica|utca|sokak|cadde)(?:,?[ ]|[ ]*\r?\n)\d{{1,4}}(?![\w/.,-]|[.,]\d)"
    # a street written in lower case after its house number, ending in an unambiguous street word: "22024 main st", "14 old
    # mill lane" (no word of a phrase: "5 blocks down the street")
    rf"|(?<=\d[ ])(?P<lower_street>[a-z]{{3,}}(?:[ ][a-z]{{3,}}){{0,2}})[ ]"
    rf"(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|crescent|terrace|close|court|ct|place|pl)\.?(?![\w])"
    # a lettered street of a North American grid, after its house number and direction: "1900 SE A St", "500 B Street"
    rf"|(?<=\d[ ])(?:{DIRECTION}[ ])?[A-Z][ ](?:ST|St|Street|AVE|Ave|Avenue|PL|Pl|Place|CT|Ct|Court|RD|Rd|Road|DR|Dr|Drive)\.?(?![\w])"
    rf"|(?i:jalan|jln\.|jl\.|lorong|lrg\.)[ ][A-Z]{{1,4}}[ ]?\d{{1,3}}[A-Z]?(?:/\d{{1,3}}[A-Z]?)?(?![\w/])"  # Malaysian "Jalan SS 2/24", "Jalan PJU 1A/3"
    rf"|{UPPER}{LOWER}+-(?:daero|ro|gil)(?:[ ]\d{{1,4}}(?:beon-gil|-gil|gil))?(?![\w-]))"  # Korean: Teheran-ro 14-gil
)
# "ap. 14", "Flat B", "bl. A3" (a letter and digits only after a space: "MG5 4HT" is a postcode, not "m" and "G5")
UNIT_NO = rf"(?:(?i:{UNIT})(?:\.?[ ]?(?:No\.?[ ]?)?(?:\d{{1,4}}[A-Za-z]?|[A-Z](?![\w]))|\.?[ ][A-Z]\d{{1,3}}(?![\w])))"
# what every UNIT_NO starts with: a flat's word is letters (UNIT), then a digit or a capital, after a full stop, a space or
# "No." or not; looked for first, a lower-case word costs one pass over its letters instead of a try of every flat word
UNIT_GUARD = r"(?=[^\W\d_]+\.?[ ]?(?:No\.?[ ]?)?[\dA-Z])"
POSTCODE = (
    r"(?:[A-Z]{2}\d{3,4}(?![\w-])|\d{2}-\d{3}|\d{5}-\d{3}|\d{4}-\d{3}(?![\d-])|\d{5}(?:-\d{4})?|\d{6}|\d{4}(?:[ ]?[A-Z]{2})?|\d{3}[ ]\d{2}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d"
    r"|(?:[A-Z]{1,2}-)(?:\d{4,5}|\d{3}[ ]\d{2})|[A-Z]{2,3}[ ]\d{4,5}|[A-Z]{1,2}\d[A-Z\d]?[ ]\d[A-Z]{2}|〒?\d{3}-\d{4}"
    r"|[AC-FHKNPRTV-Y]\d[\dW][ ]?[AC-FHKNPRTV-Y\d]{4}|[A-HJ-NP-Z]\d{4}(?:[A-Z]{3})?|\d{7})"
)
# a Korean or Japanese district's ending: "Gangnam-gu", "Chuo-ku", "Tokyo-to"
WARD = r"(?:-(?:gu|si|do|dong|eup|myeon|ku|shi|cho|machi|mura|ken|to|fu)(?![\w-]))"
TOWN = rf"(?:{UPPER}{LOWER}{{0,2}}\.[ ]|(?:Fracc|Brgy)\.[ ])?{NAME_WORD}(?:(?:[ -](?:{LINK}[ -]){{0,2}}){NAME_WORD}){{0,2}}{WARD}?"  # St. Veit an der Glan
# on a line of its own, a town's word may be a possessive, the town named after a saint or a person: "St. John's", "King's
# Lynn", "Bishop's Stortford" (in a sentence, "5 Mill Road, John's place" is no town)
_TOWN_WORD = rf"{NAME_WORD}(?:['’]s(?![\w]))?"
LINE_TOWN = rf"(?:{UPPER}{LOWER}{{0,2}}\.[ ])?{_TOWN_WORD}(?:(?:[ -](?:{LINK}[ -]){{0,2}}){_TOWN_WORD}){{0,2}}{WARD}?"
# unit, postcode, town, state (ON, NSW) on the same line; or a next line that is only a town and postcode
# ("Rua Portelinha 74\n4144 Évora", "199 Maxime Drive\nLorain, NL O2I 5K6")
# a floor and door in the European way: "2. tv" (Danish), "2. em. 7" (Hungarian), "3. OG", "4º B", "3º izq"
FLOOR = (
    r"(?:(?:\d{1,2}|[IVX]{1,4})\.[ ]?(?:tv|th|mf|st|sal|em(?:elet)?|et|ét(?:age)?|OG|UG|EG|DG|Stock|piso|andar|kat|p)\.?(?:[ ]\d{1,3}[A-Za-z]?\.?(?![\w]))?"
    r"|\d{1,2}[ºª°][ ]?(?:[A-Z](?![\w])|(?i:izq|izda|dcha|der|esq|dto))?\.?|fszt?\.?[ ]?\d{1,3}\.?|\d{1,2}[ ]tr(?:appor)?\.?(?![\w])"
    r"|\d{1,2}\.?[ ](?:t\.v|t\.h|m\.f)\.(?![\w])|st\.?[ ]?(?:th|tv|mf)\.?(?![\w])|\#\d{1,3}-\d{1,4}(?![\w-])"  # Danish ground floor "st. th.", Singapore "#12-05"
    # a floor the English way: "6th Floor", "6th Fl", "Sixth Floor", "Ground floor"
    r"|\d{1,2}(?:st|nd|rd|th)[ ](?i:floor|fl)\.?(?![\w])"
    r"|(?i:ground|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)[ ](?i:floor)(?![\w]))"
)
# a town's district after it: "5000 Odense C", "100 00 Praha 10", "Dublin 4"
DISTRICT = rf"(?:[ ](?:{UPPER}|\d{{1,2}})(?![\w]|[ ]?\d))"  # not the start of a phone: "Amarante. Ring 90 1778 3241"
DOOR = r"(?:(?:D|K|Daire|Kat):[ ]?\d{1,3}(?![\w]))"  # Turkish door and floor after the house number: "No: 15 D: 4", "K: 2"
SAME_LINE = rf"(?:[ ][-–][ ]{FLOOR}|,?[ ](?:{POSTCODE}(?![\w])|{UNIT_NO}|{FLOOR}|{DOOR}|\d{{3}}(?=[ ]{UPPER})|{TOWN}{DISTRICT}?|[A-Z]{{2,3}}(?![A-Za-z])|{DOTTED_STATE}|[NSEW](?=,|[ ]*(?:\r?\n|$))))"
# a postcode that is no year (a "2019 Final" after a number is no town), before or after a town
STRONG_POSTCODE = r"(?:\d{3}-\d{4}|\d{2}-\d{3}|\d{5}-\d{3}|\d{4}-\d{3}(?![\d-])|\d{3}[ ]\d{2}|\d{5,6}|(?!19\d\d|20\d\d)\d{4})(?!\d)"
MILITARY = r"(?:APO|FPO|DPO)[ ]A[AEP](?=[ ]\d{5})"
# (the town line ends the line, or ends in a postcode and a sentence goes on: "...Apt. 373\nLake Marisa, AR 28934 and ...";
# a US military post office is the town: "Unit 8612 Box 1432\nDPO AE 30612")
NEXT_LINE = (
    rf"(?:,?[ ]?\n(?:{POSTCODE}[ ])?(?:{TOWN}{DISTRICT}?|{LINE_TOWN}|{MILITARY})(?:(?:,?[ ](?:{POSTCODE}|[A-Z]{{2,3}}|{DOTTED_STATE})|[ ]?[-–][ ]?[A-Z]{{2}}(?![\w]))*(?=[ ]*(?:\r?\n|$))"
    rf"|(?:,?[ ][A-Z]{{2,3}})?,?[ ](?:{STRONG_POSTCODE}|[A-Z]{{1,2}}\d[A-Z\d]?[ ]\d[A-Z]{{2}}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d)(?![\w-]))"
    # or a postcode alone on its line over a line that is only the town: "Am Bürgerpark 15-18\n13156\nBerlin"
    rf"|,?[ ]?\n(?:{STRONG_POSTCODE}|\d{{4}}[ ]?[A-Z]{{2}})[ \t]*\r?\n{TOWN}(?=[ ]*(?:\r?\n|$))"
    # or a line that starts with a flat, suite or floor: "44 Court St\n6th Floor\nBrooklyn 11201", "222 Lenox Road\nSte 1 Brooklyn"
    rf"|,?[ ]?\n(?:{UNIT_NO}|{FLOOR})(?=[ ,]|[ ]*(?:\r?\n|$)))"
)
REST = rf"(?:{SAME_LINE}|{NEXT_LINE})"
# the house number alone at the start of the line under the street, before a postcode on its line or the next ("C. de
# Atocha\n12, 28012 Madrid", "Дворцовая наб.\n34 191186", "Kazinczy utca\n14\n1075 Budapest"); a year is none
NEXT_LINE_HOUSE = (
    rf"[ ]*\r?\n(?!(?:19|20)\d\d(?!\d)){HOUSE}(?=,?[ ]{STRONG_POSTCODE}(?![\w-])|[ \t]*\r?\n[ \t]*{STRONG_POSTCODE}[ ]{NAME_WORD}"
    # or the town and its state on the line under it, the postcode on the next, as Brazil writes it ("Rua Raul Leite
    # Magalhães\n65\nTapiraí - SP\n18180-000")
    rf"|[ \t]*\r?\n[ \t]*{TOWN}(?:[ ]?[-–/][ ]?[A-Z]{{2}})?[ \t]*\r?\n[ \t]*{STRONG_POSTCODE}[ \t]*(?:\r?\n|$))"
)
# a flat written after the house number: "Хрещатик 22, кв. 5", "Ερμού 25, διαμέρισμα 3"
FLAT = (
    r"(?:flat|apartment|apt|suite|кв|квартира|офис|офіс|διαμέρισμα|διαμ|mieszkanie|wohnung|whg|apto|apartamento|appartamento|"
    r"lakás|byt|daire|mənzil|lejlighed|leilighet|lägenhet|asunto|korter|kv)\.?[ ]?\d{1,4}[A-Za-zА-Яа-я]?"
)
# an address line that names a house, a plot or a block, then a sector, ward or district, and ends in a known city, with
# no street word and no cue ("House 8, Street 22, F-7/2, Islamabad", "Plot 9, Sector 18, Gurugram", "25 Le Loi, Ben Nghe,
# District 1, Ho Chi Minh City"): the way addresses are written in South Asia and Vietnam
# (a Bangladeshi holding number: "Holding 112, Ward 5, ..."; Hyderabad's house numbers in three parts: "H.No. 12-3-456")
PLOT = r"(?i:house|plot|flat|apt|apartment|block|blk|lot|building|bldg|villa|shop|office|unit|suite|room|kebele|holding|h\.?[ ]?no)\.?[ ]?(?i:no\.?[ ]?)?\d{1,5}[A-Za-z]?(?:[/-]\d{1,4}[A-Za-z]?){0,2}"
SECTOR = r"[A-Z]{1,3}-\d{1,3}(?:/\d{1,2})?"  # "F-7/2", "G-9/1", "DHA-2"
PART = rf"(?:{NAME_WORD}|{SECTOR})(?:[ ](?:{NAME_WORD}|\d{{1,4}}[A-Za-z]?(?![\w/])|{SECTOR}|[IVX]{{1,4}}(?![\w])|[A-Z](?![\w]))){{0,3}}"  # "Gulberg III", "Block C"
AREA_WORDS = {"house", "plot", "blk", "lot", "flat", "apt", "apartment", "block", "building", "bldg", "villa", "shop", "office", "unit", "suite", "room",
              "street", "road", "lane", "sector", "phase", "district", "ward", "zone", "town", "colony", "village", "society", "estate",
              "market", "avenue", "area", "city", "commune", "quarter", "precinct", "community", "kebele", "woreda", "barangay",
              "brgy", "purok", "subdivision", "sub-city", "soi", "moo", "holding"}  # fmt: skip
# South Asian address lines: a door or house number, then cross and main roads, stages, blocks and a locality, each after a
# comma ("12, 3rd Cross, 4th Main, Indiranagar", "No. 7, 2nd Stage, Koramangala", "BTM Layout"), to a city and PIN where
# they follow
ORDINAL = r"\d{1,2}(?:st|nd|rd|th)"
SA_HOUSE = r"(?:(?i:no|door[ ]no|h[ ]?no|house[ ]no|plot[ ]no)\.?[ ]?|#[ ]?)?\d{1,5}[A-Za-z]?(?:[/-]\d{1,4}[A-Za-z]?)?"
SA_TOKEN = rf"(?:{NAME_WORD}|{ORDINAL}(?![\w])|[A-Z]{{2,4}}(?![\w])|\d{{1,4}}[A-Za-z]?(?![\w/])|{SECTOR})"
SA_PART = rf"{SA_TOKEN}(?:[ ]{SA_TOKEN}){{0,3}}"
# a part that only South Asian addresses have: "3rd Cross", "4th Main", "2nd Stage", "1st Block", or a locality word
SA_ROAD = re.compile(
    rf"^(?:(?:.*[ ])?{ORDINAL}[ ](?:Cross|Main|Stage|Phase|Block|Sector|Layout)(?:[ ]Road)?|.*(?:[ ](?:Layout|Nagar|Colony|Marg|Vihar|Enclave|"
    rf"Chowk|Bagh|Puram|Extension|Cross|Main[ ]Road)|[a-z](?:nagar|puram|halli|palya|abad|pet|wadi|ganj)))$"
)
PIN = re.compile(r"(?:,?[ ]|[ ]?[-–][ ]?)(?:\d{6}|\d{3}[ ]\d{3})(?![\w])")  # "Bengaluru 560038", "Bangalore - 560 001"
# a post-office box: "PO Box 4471", "Postfach 240", "Caixa Postal 12", "Skrytka pocztowa 5"; a bare "Box", "BP" (boîte postale)
# or "CP" only with a postcode and town after it ("Box 5520, 114 85 Stockholm", "BP 214, 13002 Marseille")
PO_BOX = (
    r"\b(?:P\.?[ ]?O\.?|post[ ]office)[ ]?Box|\bPostfach|\bPostbus|\bPostboks|\bCaixa[ ]Postal|\bApartado(?:[ ]de[ ]Correos|[ ]Postal)?|"
    r"\bCasilla(?:[ ]de[ ]Correo|[ ]Postal)?|\bCase[ ]postale|\bCasella[ ]postale|\bSkrytka[ ]pocztowa|\bP\.K\.|\bB\.P\.|"
    # "Apdo. 123", "Apdo. Postal 45" (Spanish, Mexican), "Boîte postale 45", "skr. poczt. 12", Russian "а/я 15", Arabic "ص.ب 1234"
    r"\bApdo\.(?:[ ]Postal)?|\bBo[îi]te[ ]postale|\bskr\.[ ]poczt\.|(?<![\w])а/я|(?<![\w])ص\.?[ ]?ب\.?"
)
BARE_BOX = r"\b(?:Box|BP|CP)"
CUE_BEFORE = re.compile(rf"(?i)(?<![\w])(?:{CUE}|at)\W{{0,3}}$")  # with a street word, "at" is cue enough
CUE_ONLY = re.compile(rf"(?i)(?<![\w])(?:{CUE})[:,]?(?:[ ]|[ ]?\n)$")  # no street word: only a real address cue right before
_DIGIT = re.compile(r"\d")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_NOT_LATIN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff가-힣]")  # Han, kana or Hangul
_CODE_AFTER = re.compile(rf",?[ ]{STRONG_POSTCODE}(?![\w])")  # a postcode after the city that ends a line
_YEAR = re.compile(
    r"(?i)(?:in|since|by|until|from|before|after|of|during|around|circa|year|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*\.?)[ ](?:19|20)\d\d[,.]?[ ]$"
)  # a year, not a house number: "in 2019 Oxford Street", "on 2 December 2002. The Court"
# a number that counts the word before it, not a house: "Chapter 4 The Way Home", "Season 2 Park Lane", "Track 7 Abbey Road"
_COUNTED = re.compile(
    r"(?<![\w])(?:Chapter|Page|Part|Section|Episode|Season|Series|Volume|Vol\.|Book|Act|Scene|Step|Level|Round|Week|Day|Year|Grade|"
    r"Class|Table|Figure|Fig\.|Question|Lesson|Track|Game|Match|Stage|Verse|Psalm|Article|Clause|Paragraph|Line|Platform|Exit|"
    r"Junction|Gate)[ ]\d{1,4}[A-Za-z]?[ ]$"
)


def _not_a_house(text: str, start: int, number_end: int) -> bool:
    """The number before the street is a year's or counts the word before it, not a house's."""
    return bool(number_end) and (
        _YEAR.search(text, max(0, start - 12), number_end) is not None or _COUNTED.search(text, max(0, start - 16), number_end) is not None
    )


class WorldAddressRecognizer(EntityRecognizer):
    FULL, CONTEXT = 0.7, 0.6

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["STREET_ADDRESS"], name="WorldAddressRecognizer", supported_language=supported_language)

    def load(self) -> None:
        lead = rf"(?<![\w£$€/])(?P<lead>(?:{UNIT_GUARD}{UNIT_NO}|{POSTCODE}),?[ ])?"  # not inside a date: "On 12/05/2019 Mill Lane"
        self._street = re.compile(
            rf"{lead}(?P<pre>{HOUSE},?[ ](?:{DIRECTION}[ ]|[A-Z][ ](?={NAME_WORD}[ ]))?)?(?P<street>{STREET})(?P<post>,?[ ](?:\d{{1,4}}(?:/\d{{1,4}}){{2}}(?![\w/])|{HOUSE_MARK}?{HOUSE}|(?i:s/n)(?![\w]))|\#{HOUSE}|[ ]*\r?\n{HOUSE_MARK}{HOUSE}|{NEXT_LINE_HOUSE})?"
            rf"(?:{REST}){{0,5}}(?![\w])"  # "s/n": sin número, sem número
        )
        plain = rf"(?:{HOUSE}[ ]{NAME}|{PREPOSITION}?{NAME},?[ ]{HOUSE})"  # "280 Normannsgata", "Αγάπης 54", "U Obory 5": after a cue
        self._plain = re.compile(rf"(?<![\w£$€])(?P<plain>{plain})(?:{REST}){{0,5}}(?![\w])")
        # no street word and no cue: a house number with a postcode and town, or with a flat, after it
        # ("Ερμού 25, 105 63 Αθήνα", "Ленина 5, кв. 12, Москва 101000", "Хрещатик 22, кв. 5")
        house = rf"(?:{PREPOSITION}?{NAME},?[ ]{HOUSE_MARK}?{HOUSE}|{HOUSE}[ ]{NAME})"  # "Ερμού 25", "77 Mølleparken"
        town = rf"(?:{UPPER}{LOWER}{{0,2}}\.[ ])?{TOWN}{DISTRICT}?"  # "г. Москва", "м. Київ", "Praha 10"
        # "Chuo-ku, Osaka 542-0081"; Iceland: "992 Djúpivogur"; Mexico's fields: "López Mateos, 106, 21840, Mexicali"
        posted = rf",[ ](?:{STRONG_POSTCODE},?[ ]{town}|\d{{3}}[ ]{town}|(?:{town},[ ])?{town},?[ ]{STRONG_POSTCODE})"
        # or the postcode and town on the next line, ending it: "Mostowa 19\n33-106 Tarnów", "Hlavná 12\n040 01 Košice"
        posted = rf"(?:{posted}|[ ]?\n{STRONG_POSTCODE}[ ]{town}(?=[ \t]*(?:\r?\n|$)))"
        self._posted = re.compile(
            rf"(?<![\w£$€])(?P<plain>{house}(?:,?[ ](?i:{FLAT}|{UNIT_NO}))?(?:{posted}|,?[ ](?i:{FLAT})))(?:{REST}){{0,3}}(?![\w])"
        )
        # a street with no street word (a Central European one named by an adjective), its house number, then its town or
        # postcode after a comma or on the next line ("Korunní 810, Praha", "Beethovenova 641/9\nBrno", "Żorska 11, 47-400",
        # "Perseverancia 209\nHavana"; ``_adjectival_street``)
        adjectival = rf"{PREPOSITION}?(?:{NAME_WORD}[ ])?(?P<adjective>{UPPER}{LOWER}+)[ ](?!(?:19|20)\d\d(?!\d)){HOUSE}"  # no year
        self._adjectival = re.compile(
            rf"(?<![\w£$€/-]){adjectival}(?:,[ ]|[ ]*\r?\n)(?:(?P<code>{STRONG_POSTCODE})(?![\w-])(?:,?[ ]{TOWN})?|(?P<town>{TOWN}))(?![\w-])"
        )
        first = rf"(?:{PLOT}(?:[ ]{PLOT})?|{SECTOR}|(?!(?:19|20)\d\d[ ])\d{{1,4}}[A-Za-z]?(?:/\d{{1,4}})?[ ]{NAME}|\d{{1,4}}-?[A-Z](?=,))"  # "House 8", "25 Le Loi" (no year), "220-B, Gulberg III, Lahore"
        self._city_line = re.compile(rf"(?<![\w£$€/-]){first}(?:,[ ]{PART}){{2,6}}")
        self._south_asian = re.compile(rf"(?<![\w£$€/-])(?:{PLOT}|{SA_HOUSE}),[ ]{SA_PART}(?:,[ ]{SA_PART}){{1,6}}")
        box_no = r"\d{1,6}(?:[ ]\d{2,3}){0,2}(?:-\d{3,5})?"  # "Postfach 10 22 45", "P.O. Box 40123-00100"
        town = rf"(?:,?[ ](?:{STRONG_POSTCODE}[ ])?{TOWN}(?:,?[ ]{STRONG_POSTCODE})?)"
        self._po_box = re.compile(
            rf"(?<![\w])(?:(?i:{PO_BOX})[ ]?(?:No\.?[ ]?)?{box_no}{town}?|(?:{BARE_BOX})[ ]{box_no},?[ ]{STRONG_POSTCODE}[ ]{TOWN})"
        )

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "STREET_ADDRESS" not in entities:
            return []
        if not hasattr(self, "_street"):
            self.load()
        written, text = text, capitals_folded(text)  # "14 MILL ROAD": read as "14 Mill Road" (same offsets)
        out, taken = [], bytearray(len(text))
        pos = 0
        while (m := self._street.search(text, pos)) is not None:
            pos = m.end()
            numbered = (
                m.group("pre") or m.group("post") or (m.group("lead") and any(c.isdigit() for c in m.group("lead"))) or _placed(text, m)
            )
            number_end = m.end("pre") if m.group("pre") else m.end("lead") if m.group("lead") else 0
            if INSTITUTION.search(m.group("street")) or _not_a_house(text, m.start(), number_end):
                continue  # "Leeds Crown Court": nobody's address; "In 2019 Oxford Street": a year; "Chapter 4 The Way": a chapter
            lower = f"{m.group('lower') or ''} {m.group('lower_name') or ''}".split()
            if lower and any(is_english_word(w) for w in lower):
                continue  # "Anna went home way 5": lower-case English words are no part of a street's name
            if m.group("lower_street") and PHRASE_WORDS.intersection(m.group("lower_street").split()):
                continue  # "5 blocks down the street": a phrase, not a street's name
            if m.group("estate") and not (m.group("pre") or m.group("post")):
                continue  # "meet at The Stables": a pub's name as well; a development's needs its house number
            placed = not numbered and _over_a_town(text, m)  # "Cheapside Road\nBridgetown": a street's line over its town's
            lines_end = _over_place_lines(text, m) if not numbered and not placed else None
            placed = placed or lines_end is not None
            if (
                not numbered
                and not placed
                and (not CUE_BEFORE.search(text[max(0, m.start() - 32) : m.start()]) or _numbered_inside(self._street, text, m))
            ):
                pos = m.end("street")  # a numbered street may follow this one ("Kızılay Mah. Gazi Mustafa Kemal Blv. No:21")
                continue
            if not numbered and written[m.start() : m.end()] != text[m.start() : m.end()]:
                continue  # a line in capitals needs a number: a heading ("SHOOTS FOR HIGH STREET")
            rule = "street and house number" if numbered else "street over its town" if placed else "street after an address word"
            end = lines_end if lines_end is not None else m.end()
            out.append(self._found(text, m.start(), end, self.FULL if numbered else self.CONTEXT, rule, taken))
        for m in self._plain.finditer(text):
            if any(taken[m.start() : m.end()]) or not CUE_ONLY.search(text[max(0, m.start() - 32) : m.start()]):
                continue
            stop = _HOUSE_STOP.match(text, m.start())
            if stop is not None and next_sentence(text, stop.end()):
                continue  # "the flat at 9. Her mum came round": a number, then the next sentence
            out.append(self._found(text, m.start(), m.end(), self.CONTEXT, "house number after an address cue", taken))
        for m in self._posted.finditer(text) if _DIGIT.search(text) else ():
            if not any(taken[m.start() : m.end()]) and not _english_words(m.group(0)):
                out.append(self._found(text, m.start(), m.end(), self.CONTEXT, "house number with a postcode and town or a flat", taken))
        for m in self._adjectival.finditer(text) if _DIGIT.search(text) else ():
            if not any(taken[m.start() : m.end()]) and _adjectival_street(text, m):
                out.append(self._found(text, m.start(), m.end(), self.CONTEXT, "street, house number and town", taken))
        for m in self._city_line.finditer(text) if _DIGIT.search(text) else ():
            end = _city_end(m.group(0))
            if end and not all(taken[m.start() : m.start() + end]):
                code = _CODE_AFTER.match(text, m.start() + end)  # "..., New Delhi 110075", "..., Islamabad 44000"
                end = code.end() - m.start() if code else end
                out = _instead(out, self._found(text, m.start(), m.start() + end, self.CONTEXT, "numbered parts ending in a city", taken))
        for m in self._south_asian.finditer(text) if _DIGIT.search(text) else ():
            end = _south_asian_end(m.group(0))
            if end and not any(taken[m.start() : m.start() + end]):
                code = PIN.match(text, m.start() + end)  # "..., Bengaluru 560038"
                end = code.end() - m.start() if code else end
                out.append(self._found(text, m.start(), m.start() + end, self.CONTEXT, "house number, cross and main roads", taken))
        for m in _JAPAN.finditer(text) if _DIGIT.search(text) else ():
            if not all(taken[m.start() : m.end()]):
                out = _instead(out, self._found(text, m.start(), m.end(), self.FULL, "Japanese postcode, prefecture and ward", taken))
        for pattern in _CJK if _DIGIT.search(text) and _NOT_LATIN.search(text) else ():
            for m in pattern.finditer(text):
                start = _cjk_start(text, m.start(), m.end())  # "寄到北京市...": "send to" is no part of it
                if start < m.end() and not all(taken[start : m.end()]):
                    out = _instead(out, self._found(text, start, m.end(), self.FULL, "East Asian address", taken))
        for m in _ARABIC.finditer(text) if _ARABIC_LETTER.search(text) else ():
            line_start = text.rfind("\n", 0, m.start()) + 1
            own_lines = "\n" in m.group("parts") and not text[line_start : m.start()].strip()
            if (_DIGIT.search(m.group(0)) or own_lines) and not all(taken[m.start() : m.end()]):
                out = _instead(out, self._found(text, m.start(), m.end(), self.CONTEXT, "Arabic street and town", taken))
        for m in _MILITARY_ADDRESS.finditer(text):
            out.append(result(self, "STREET_ADDRESS", m.start(), m.end(), self.FULL, "military post", "street address (US military post)"))
        for m in self._po_box.finditer(text):
            start, end = grow(text, m.start(), _trim(text, m.start(), m.end()))
            out.append(result(self, "STREET_ADDRESS", start, end, self.FULL, "PO box", "street address (PO box)"))
        return out

    def _found(self, text: str, start: int, end: int, score: float, rule: str, taken: bytearray) -> RecognizerResult:
        start, end = grow(text, start, _trim(text, start, end))
        taken[start:end] = b"\x01" * (end - start)
        return result(self, "STREET_ADDRESS", start, end, score, rule, f"street address ({rule})")


def _instead(out: list[RecognizerResult], found: RecognizerResult) -> list[RecognizerResult]:
    """``found`` instead of the addresses inside it ("House 5, Street 2" inside "House 5, Street 2, F-7/2, Islamabad")."""
    return [r for r in out if not (found.start <= r.start and r.end <= found.end)] + [found]


_HOUSE_STOP = re.compile(r"\d{1,5}[A-Za-z]?\.")  # a house number that ends in a full stop
_HELD_AFTER = re.compile(rf"(?i:{UNIT})\.?[ ]?(?:No\.?[ ]?)?[A-Z]?\d|(?<![\d-])\d{{5,7}}(?![\d-])|\#\d")


def _placed(text: str, m: re.Match[str]) -> bool:
    """A street with no house number that a flat, unit or named building before it ("Unit 12, Marina Tower, 5th Avenue"),
    or a flat or a postcode of five digits or more after it ("Jl. Dago Asri Blok C2, Bandung 40135"), places at an address."""
    before = text[max(0, m.start() - 48) : m.start()]
    return bool(_LEFT_UNIT.search(before) or _LEFT_BUILDING.search(before) or _HELD_AFTER.search(text, m.end("street"), m.end()))


_TOWN_LINE = re.compile(
    rf"[ \t]*,?[ \t]*\r?\n[ \t]*(?P<town>(?:{STRONG_POSTCODE}[ ])?(?:{TOWN}|{LINE_TOWN}))(?:{DISTRICT}|,?[ ](?:{POSTCODE}|[A-Z]{{2,3}}))*[ \t]*(?=\r?\n|$)"
)


def _over_a_town(text: str, m: re.Match[str]) -> bool:
    """A street with no number alone on its line (at a line's start, nothing after it) over a line that is only its town,
    the last of the block but for a country's line ("Cheapside Road\nBridgetown", "Bridge Street\nCastries 12", "Vaiaku
    Road\nFunafuti\nTuvalu"): an address's last lines. Not a
    town of ordinary English words ("Abbey Road\nThe End"), nor a street in a sentence."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    if text[line_start : m.start()].strip() or m.group("lead"):
        return False
    town = _TOWN_LINE.match(text, m.end("street"))
    if town is None or text[town.end() :].strip(" \t\r")[:1] not in ("", "\n"):
        return False
    if town.end() < m.end() and not is_country(text[town.end() : m.end()].strip()):
        return False  # the block goes on after the town's line with more than its country ("...\nBridgetown\nBarbados")
    words = re.findall(r"[^\W\d_]+", town.group("town"))
    return not all(is_english_word(w) and not is_name_word(w) for w in words) or known_city(town.group("town"))


# a line under a street with no number that names where it is: a district, a town with its postcode, state or district, a
# postcode alone or joined to its town ("Centre", "Sofia 1000", "7600-Praia", "98800 Nouméa", "Devonshire FL 04", "13156")
_PLACE_LINE = re.compile(
    rf"[ \t]*,?[ \t]*\r?\n[ \t]*(?:(?P<code>{STRONG_POSTCODE})(?![\w])(?:[ ]?[-–][ ]?|[ ])?)?(?P<town>{TOWN})?"
    rf"(?:{DISTRICT}|,?[ ](?P<code2>{POSTCODE})(?![\w-])|,?[ ][A-Z]{{2,3}}(?![\w]))*[ \t]*(?=\r?\n|$)"
)


def _over_place_lines(text: str, m: re.Match[str]) -> int | None:
    """Where a street with no number alone on its line ends with the lines under it that say where it is: up to three lines
    of districts, towns and postcodes, one of them a postcode or a known city ("Georgi Sava Rakovski St.\nCentre\nSofia 1000",
    "Avenida Amilcar Cabral\n7600-Praia", "Rue Ange M'ba\nNombakele\nLibreville"); None when there are none. A line of
    ordinary English words names no place ("Abbey Road\nThe End")."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    if text[line_start : m.start()].strip() or m.group("lead"):
        return None
    pos, end, strong = m.end("street"), None, False
    for _ in range(3):
        line = _PLACE_LINE.match(text, pos)
        if line is None or line.end() == pos or not (line.group("town") or line.group("code")):
            break
        town = line.group("town")
        words = re.findall(r"[^\W\d_]+", town or "")
        if town and not known_city(town) and (all(is_english_word(w) and not is_name_word(w) for w in words) or is_country(town)):
            break
        strong = strong or bool(line.group("code") or line.group("code2") or (town and known_city(town)))
        pos = end = line.end()
    return end if strong else None


def _numbered_inside(street: re.Pattern[str], text: str, m: re.Match[str]) -> bool:
    """A street with a house number starts inside this match, after its street (a neighbourhood, then the street)."""
    inner = street.search(text, m.end("street"), m.end() + 64)
    return inner is not None and inner.start() < m.end() and bool(inner.group("pre") or inner.group("post"))


_TAIL = re.compile(
    r"[,.]?[ ](?:I|We|He|She|They|It|The|This|That|And|But|On|At|In|My|His|Her|Our|Their|With|When|Then|For|From|To|"
    r"Call|Ring|Text|Phone|Tel|Email|Please|Thanks|Regards|Questions|Contact)$"
)


def _city_end(line: str) -> int:
    """Where the last part that starts with a city of 100,000 people or more ends (counted from the line's start), when
    a part comes between it and the first and no part before it is made of ordinary English words that are no address
    words ("Round 5, Group 2, Madrid", "House 2, Season 3, London" are no addresses); 0 when there is none."""
    parts = line.split(", ")
    for i in range(len(parts) - 1, 1, -1):
        words = parts[i].split(" ")
        city = next((n for n in range(len(words), 0, -1) if known_city(" ".join(words[:n]))), 0)
        if city:
            if any(_ordinary_part(p) for p in parts[:i]):
                return 0
            return len(", ".join(parts[:i])) + 2 + len(" ".join(words[:city]))
    return 0


def _south_asian_end(line: str) -> int:
    """Where a South Asian address line ends (counted from its start): after its last part that is no ordinary English
    words ("..., Indiranagar, Thanks" ends before "Thanks"), when two parts or more are left and one of them is a cross
    or main road, a stage, a block or a locality ("3rd Cross", "4th Main", "Indiranagar"); 0 when it is none."""
    parts = line.split(", ")
    while len(parts) > 2 and _ordinary_part(parts[-1], SA_WORDS):
        parts.pop()
    if len(parts) < 3 or not any(SA_ROAD.match(p) for p in parts[1:]) or any(_ordinary_part(p, SA_WORDS) for p in parts[1:]):
        return 0
    return len(", ".join(parts))


SA_WORDS = AREA_WORDS | {"cross", "main", "stage", "phase", "layout", "extension"}


def _ordinary_part(part: str, address_words: set[str] = AREA_WORDS) -> bool:
    """A part whose capitalised words are all ordinary English words that are no address words ("Round 5", "Part 2";
    not "Hang Bai", where one word is no English word, nor "Sector 18")."""
    words = [w for w in re.findall(r"[^\W\d_]+", part) if w[:1].isupper() and w.lower() not in address_words]
    return bool(words) and all(is_english_word(w) and not is_name_word(w) for w in words)


_FLAT_WORD = re.compile(rf"(?i){FLAT}")


_ADJECTIVE = re.compile(rf"[^\W\d_]+(?:{ADJECTIVE_END})")
_SCORE_AFTER = re.compile(r"[ ]\d")


def _adjectival_street(text: str, m: re.Match[str]) -> bool:
    """The street's word is no English word, no name ("Jana 32, Praha" is a woman's age and town) and no place; with an
    adjective's ending (``ADJECTIVE_END``) the town is a known city or no English word and no name ("Praha", "Český
    Krumlov", "Trnava"), or a postcode stands in its place ("Żorska 11, 47-400"); any other word needs a known city with no
    number after it ("Perseverancia 209, Havana"; not a score, "Juventus 1, Roma 0")."""
    word, town = m.group("adjective"), m.group("town")
    if is_english_word(word) or is_english_word(word.lower()) or is_name_word(word) or _country_or_city(word):
        return False
    if _ADJECTIVE.fullmatch(word):
        return town is None or known_city(town) or _unknown_town(town)
    return town is not None and known_city(town) and _SCORE_AFTER.match(text, m.end()) is None


def _english_words(value: str) -> bool:
    """A capitalised ordinary English word in it ("Chapter 12, 1000 Words", "Windows 10, 12345 Users"):
    such a line is no address of this shape (an English street has a street word, read by the other rules)."""
    value = _FLAT_WORD.sub(" ", value)
    return any(is_english_word(w) for w in re.findall(r"(?<!\w)[A-Z][a-z]+(?!\w)", value))


def _trim(text: str, start: int, end: int) -> int:
    """Drop trailing words that start the next clause rather than name the town."""
    while (m := _TAIL.search(text, start, end)) is not None and m.end() == end:
        end = m.start()
    return end


# a US military address: a unit and box or a ship, then APO/FPO/DPO, AA/AE/AP and a ZIP code (USPS Publication 28)
_MILITARY_ADDRESS = re.compile(
    rf"(?<![\w])(?:(?:PSC|CMR|Unit)[ ]\d{{1,5}},?[ ]Box[ ]\d{{1,5}}|(?:USNS|USS|USCGC)[ ]{NAME_WORD}(?:[ ]{NAME_WORD})?)"
    r"(?:,?[ ]|,?[ ]?\n)(?:APO|FPO|DPO)[ ]A[AEP][ ]\d{5}(?:-\d{4})?(?![\w-])"
)
# a Japanese address written in Latin letters from its postcode: "〒150-0002 Tokyo-to, Shibuya-ku, Shibuya 2-21-1", "530-0001
# Osaka-fu, Kita-ku, Umeda 3-1-1": the postcode, the prefecture, the ward or city, the district and its block numbers
_JP_PART = rf"{NAME_WORD}(?:-(?:to|fu|ken|do|ku|shi|cho|machi|mura|gun))?"
_JAPAN = re.compile(
    rf"(?<![\w-])(?:〒[ ]?\d{{3}}-\d{{4}}|\d{{3}}-\d{{4}}(?=,?[ ]{NAME_WORD}-(?:to|fu|ken|do|ku|shi)(?![\w-])))"
    rf"(?:,?[ ]{_JP_PART}){{1,4}}(?:[ ]\d{{1,2}}(?:-\d{{1,4}}){{1,2}}(?![\w-]))?"
)
# Chinese, Japanese and Korean addresses, written from the largest part to the smallest and in Chinese and Japanese without
# spaces: a province, a city, a district, a road and its number ("北京市朝阳区建国路88号", "上海市 徐汇区 漕溪北路 1200号 3号楼
# 502室"), a prefecture, a city or ward, a district and its block numbers ("東京都渋谷区神南1-2-3", "大阪市北区梅田3丁目1番3号"), a
# Korean city, district, road and building number ("서울특별시 강남구 테헤란로 152"). A road or block numbers are needed.
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff]"
_JA = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"
_CN_NUMBER = r"(?:\d{1,5}|[一二三四五六七八九十百零]{1,4})"
_CN_UNIT = r"(?:[ ,，、]?[ \t]*\r?\n?[ \t]*(?:\d{1,4}[A-Z]?|[A-Z]|[一二三四五六七八九十]{1,3})(?:号楼|號樓|号室|號室|栋|棟|幢|座|单元|單元|楼|樓|层|層|室|号|號)(?![\u4e00-\u9fff]))"
_CHINA = re.compile(
    rf"(?:{_HAN}{{2,7}}(?:省|自治区|特别行政区)[ ]?)?(?:{_HAN}{{1,7}}(?:市|州|盟)[ ]?)?(?:{_HAN}{{1,7}}(?:区|區|县|縣|旗|镇|鎮|乡)[ ]?)?"
    rf"{_HAN}{{1,10}}(?:路|街|道|巷|弄|胡同|大道|大街|里)[ ]?{_CN_NUMBER}(?:号|號)"
    rf"(?:[ ,，]?{_HAN}{{1,8}}?(?:广场|廣場|大厦|大廈|中心|花园|花園|公寓|小区|社区|新村|苑)(?=[ ,，]?[A-Z\d一二三四五六七八九十]))?(?:{_CN_UNIT}){{0,4}}"
)
_JAPAN_BLOCKS = (
    r"(?:\d{1,2}丁目[ ]?\d{1,4}(?:番地?|-|−)?(?:\d{1,4}号?)?|\d{1,4}(?:[-−]\d{1,4}){1,2}(?![\d-])|\d{1,4}番地?(?:[ ]?\d{1,4}号)?)"
)
_JAPAN_CJK = re.compile(
    rf"(?:〒[ ]?\d{{3}}-\d{{4}}[ ]?|\d{{3}}-\d{{4}}[ ](?={_JA}))?(?:{_JA}{{1,4}}(?:都|道|府|県)[ ]?)?(?:{_JA}{{1,8}}?(?:市|区|郡|町|村)[ ]?){{1,3}}"
    rf"{_JA}{{0,8}}?{_JAPAN_BLOCKS}(?:[ ]?{_JA}{{1,12}}?(?:ビル|マンション|ハイツ|タワー|\d{{1,4}}(?:階|号室))(?:[ ]?\d{{1,4}}(?:階|号室|号))?)?"
)
_KOREA = re.compile(
    r"(?<![가-힣])(?:[가-힣]{1,6}(?:특별시|광역시|특별자치시|특별자치도|도|시)[ ])?(?:[가-힣]{1,6}(?:시|군|구)[ ]){0,2}"
    r"(?:[가-힣]{1,6}(?:읍|면|동)[ ])?[가-힣0-9]{1,10}(?:대로|로|길)(?:[ ]?\d{1,3}(?:번길|길))?[ ]\d{1,5}(?:-\d{1,4})?(?![\d])"
    r"(?:,?[ ]\d{1,4}(?:동|층|호))*"
)
_CJK = (_CHINA, _JAPAN_CJK, _KOREA)
# an address in Arabic script: a street word (street, road, avenue, square, lane, quarter), the street's name, a house number
# perhaps, then its district, town and postcode after commas or on the lines under it ("شارع النزهة 12\n700074 رام الله",
# "طريق المطار, 11183 عمان"); with a digit in it, or written on lines of its own (not a street named in a sentence)
_AR = r"[\u0621-\u064a\u066e-\u06d3]+"
_ARABIC = re.compile(
    rf"(?<![\u0600-\u06ff])(?:شارع|طريق|جادة|ساحة|زقاق|حي)[ ]{_AR}(?:[ ]{_AR}){{0,3}}(?P<house>[ ]\d{{1,5}})?"
    rf"(?P<parts>(?:(?:(?:[ ]*[,،][ ]*|[ \t]*\r?\n[ \t]*)\u200f?(?:\d{{4,6}}[ ])?(?:{_AR}(?:[ ]{_AR}){{0,2}}|{TOWN})(?:[ ]\d{{4,6}})?"
    rf"|[ \t]*\r?\n[ \t]*\d{{4,6}})(?=[ \t]*(?:[,،]|\r?\n|$))){{0,4}})"
)
# words before a Chinese or Japanese address that run into it without a space: "send to", "lives in", "address", "at", "is"
_CJK_CUE = re.compile(r"(?:寄到|寄往|送到|送往|发到|發到|住在|住于|位于|位於|地址|住所|在|到|是|は|に|へ|で|[:：])")
_CJK_LEVEL = re.compile(r"[省市区區县縣都道府県]")


def _cjk_start(text: str, start: int, end: int) -> int:
    """Where a Chinese or Japanese address starts: after the last cue word before its first province, city or district
    ("他住在南京市...": "he lives in" is no part of it)."""
    level = _CJK_LEVEL.search(text, start, end)
    for cue in _CJK_CUE.finditer(text, start, level.start() if level else start):
        start = cue.end()
    return start


# The parts an address line has around what the rules above read, in the orders countries write them.
# Before it: a flat, room, building, house or plot with its number ("Room 1706, Building 3, 88 Century Avenue",
# "Apartment 12, Riverside Quay"), a unit word before a house number ("Unit 4/18 Bellevue Terrace", "No. 7 Ogui Road",
# "House 5, Gana Street"), a Turkish neighbourhood ("Kızılay Mah. Gazi Mustafa Kemal Blv."), a town (and postcode) written
# first, the Hungarian way, when the town is a known city ("6720 Szeged, Kárász utca 9.", "Budapest, Váci út 76.").
_LINE_UNIT_WORDS = r"flat|apartment|appartement|apartamento|apt|suite|unit|room|floor|villa|house|plot"
_UNIT_WORDS = (
    r"flat|apartment|appartement|apartamento|apt|suite|unit|room|building|bldg|block|blk|lot|house|villa|office|floor|plot|"
    r"door|tower|shop|no|nr|int|interior|holding|lagjja|lagja|số"  # Albanian "Lagjja 13, Rruga ...", Vietnamese "Số 18, Ngõ ..."
)
_LEFT_UNIT = re.compile(
    rf"(?:(?i:{_UNIT_WORDS})\.?[ ]?(?:(?i:no)\.?[ ]?)?\d{{1,5}}[A-Za-z]?(?:[/-]\d{{1,4}}[A-Za-z]?)?,?[ ]"
    rf"|(?<![\w])(?i:{_LINE_UNIT_WORDS})\.?[ ]?(?:(?i:no)\.?[ ]?)?\d{{1,5}}[A-Za-z]?,?[ ]*\r?\n)$"
)  # on the line above: "Flat 14\nZiggurat Building\n60-66 Saffron Hill" (not "Invoice no. 2025-118")
_LEFT_WORD = re.compile(
    rf"(?<![\w])(?:(?i:door|house|plot|flat|h)\.?[ ])?(?i:{_UNIT_WORDS})\.?[ ]$"
)  # only before a house number: "Door No 5"
# a house number's letter written before it with a dash, the South Asian way: "P-28, Peoples Colony", "C-40, ...", "B-17"
_LEFT_LETTER = re.compile(r"(?<![\w-])[A-Z]{1,2}-$")
# a named building: "The Old Mill, Bramley Lane", "Sakura Mansion 305, 1-4-7 Nishiki"
_LEFT_BUILDING = re.compile(
    rf"(?:^|(?<=[\s,:;(|\"]))(?:The[ ])?(?:{NAME_WORD}[ ]){{1,3}}(?:Mill|Cottage|Barn|House|Lodge|Farm|Grange|Manor|Hall|Tower|Mansions?|"
    rf"Apartments|Residences?|Heights|Plaza|Court|Building)(?:[ ]\d{{1,5}}[A-Za-z]?)?(?:,[ ]|,?[ ]*\r?\n)$"
)
# a Russian, Ukrainian or Belarusian town written first with its mark, after its postcode: "197198, г. Санкт-Петербург, "
_LEFT_MARKED_TOWN = re.compile(rf"(?:^|(?<=[\s,:;(|\"]))(?:\d{{6}},?[ ])?(?:г|гор|м|пгт|смт|с|п)\.[ ]?{NAME_WORD}(?:[ ]{NAME_WORD})?,[ ]$")
_LEFT_AREA = re.compile(rf"{NAME_WORD}(?:[ ]{NAME_WORD}){{0,2}}[ ](?:Mah\.|Mh\.|Mahallesi)[ ]$")
_LEFT_TOWN = re.compile(rf"(?:^|(?<=[\s,:;(|\"]))(?:{STRONG_POSTCODE}[ ])?(?P<town>{NAME_WORD}(?:[ ]{NAME_WORD})?),[ ]$")
# After it: a state or province, a country, a county, a postcode with its word, a district written with a dash or a
# slash, a French CEDEX, a Saudi additional number ("Riyadh 12214 - 3541", "Konak/İzmir", "Salvador/BA", "Goiânia - GO",
# ", CEP 40015-160", ", jud. Timiș", ", Co. Tipperary E91 X2K7", ", Uttar Pradesh 201301", ", CDMX", ", Jal.", " FCT").
_CODE = rf"(?!(?:19|20)\d\d(?![\d-]))(?:{POSTCODE})(?![\w-])"  # a postcode, not a year ("Leeds 2019")
_STATE_ABBR = rf"(?:[A-Z]{{2,4}}|(?!(?:Mr|Mrs|Ms|Dr|Sr|St|No|Tel|Fax)\.)[A-Z][a-z]{{1,3}}\.|{DOTTED_STATE})(?![\w])"
_RIGHT = re.compile(
    rf"(?:[ ]?[-–][ ]?(?:\d{{4}}|\d{{6}}|[A-Z]{{2}})(?![\w-])"  # "12214 - 3541", "Goiânia - GO", "Hyderabad - 500028" (a PIN)
    rf"|/(?:[A-Z]{{2}}(?![\w])|{NAME_WORD})"  # "Salvador/BA", "Konak/İzmir"
    rf"|,?[ ](?i:CEP|PLZ|ZIP|PIN|CP|C\.P\.|Postcode|Post[ ]code)[: ]?[ ]?{_CODE}"
    rf"|,?[ ](?i:jud|Co|County|Prov|Province|Dist|District|Pref|Prefecture|woj|Kraj|State[ ]of)\.?[ ]{NAME_WORD}(?:[ ]{NAME_WORD})?"
    rf"|,?[ ]{NAME_WORD}(?:[ ]{NAME_WORD})?[ ]State(?![\w])"  # a Nigerian state: ", Oyo State", ", Cross River State"
    rf"|[ ]Cedex(?:[ ]\d{{1,2}})?(?![\w])|(?<=Cedex)[ ]\d{{1,2}}(?![\w])"
    rf"|,[ ](?:{NAME_WORD}[ ])?{NAME_WORD}[ ]{_CODE}"  # ", Uttar Pradesh 201301", ", Cavite 4102"
    rf"|,?[ ][A-Z]{{2}}[ ]\d{{5}}(?:-\d{{4}})?(?![\w-])"  # ", MT 59771"
    rf"|,?[ ]{_CODE}"  # ", 01311-940", " E91 X2K7"
    rf"|,?[ ]{_STATE_ABBR}"  # ", CDMX", ", Jal.", " FCT"
    rf"|,?[ ](?:{HOUSE_MARK}|(?i:house|h)\.?[ ]?(?i:no)\.?[ ]?)\d{{1,5}}[A-Za-z]?(?:[/-]\d{{1,4}})?(?![\w/-])"  # ", House No. 21"
    rf"|,[ ](?P<country>{NAME_WORD}(?:[ ]{NAME_WORD}){{0,2}})(?![\w]))"  # ", Qatar", ", Addis Ababa" (a country or a city only)
)
# a line under the town that holds only its state (or province) and postcode, or its postcode alone, or a state line and a
# postcode line: "Bainbridge Island\nWA 98110", "Victoria\nBC V8V 2G9", "Fayetteville\nAR\n72704"; a postcode is needed
_CODE_LINE = re.compile(
    rf",?[ ]*\r?\n(?:(?:[A-Z]{{2}}|{DOTTED_STATE})(?:,?[ ]|,?[ ]*\r?\n))?(?:\d{{5}}-\d{{4}}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d|{STRONG_POSTCODE})"
    rf"(?=[ \t]*(?:\r?\n|$))"
)
_TOWN_WORDS = rf"{NAME_WORD}(?:[ ](?:{LINK}[ ])?{NAME_WORD}){{0,2}}"
# a town between two parts of an address: "Av. Paulista, 2073 - Bela Vista, São Paulo - SP, 01311-940"
_RIGHT_TOWN = re.compile(
    rf"(?:,[ ]|[ ][-–][ ])(?P<town>{_TOWN_WORDS})(?=(?:,[ ]{_TOWN_WORDS})?(?:(?:[ ]?[-–/][ ]?[A-Z]{{2}}(?![\w]))?,?[ ]{_CODE}|[ ]?[-–/][ ]?[A-Z]{{2}}(?![\w])))"
)


_FOLD = str.maketrans("ĐđØøŁłıĦħ", "DdOoLliHh")


def _folded(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.translate(_FOLD)) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _folded_cities() -> frozenset[str]:
    return frozenset(_folded(name) for name in cities())


def known_city(name: str) -> bool:
    """A city of 100,000 people or more, written with or without its accents ("Đà Nẵng", "Da Nang"; "Zürich", "Zurich")."""
    return name in cities() or _folded(name) in _folded_cities()


def _country_or_city(name: str) -> bool:
    return name.lower() in countries() or known_city(name)


def grow(text: str, start: int, end: int) -> tuple[int, int]:
    """The address around ``start:end`` with the parts written before and after it (see the patterns above)."""
    for _ in range(4):
        before = text[max(0, start - 48) : start]
        m = _LEFT_UNIT.search(before) or _LEFT_AREA.search(before) or _LEFT_BUILDING.search(before) or _LEFT_MARKED_TOWN.search(before)
        if m is None and start < len(text) and text[start].isdigit():
            m = _LEFT_WORD.search(before) or _LEFT_LETTER.search(before)
        if m is None and (t := _LEFT_TOWN.search(before)) is not None and t.group("town") in cities():
            m = t
        if m is None:
            break
        start -= len(before) - m.start()
    for _ in range(6):
        m = _RIGHT.match(text, end)
        place = m.group("country") if m is not None else None
        if place:
            words = place.split(" ")
            n = next((n for n in range(len(words), 0, -1) if _country_or_city(" ".join(words[:n]))), 0)
            if n:
                end = m.start("country") + len(" ".join(words[:n]))
                continue
            m = None
        m = m or _RIGHT_TOWN.match(text, end)
        if m is None or "\n" in m.group(0):
            break
        end = m.end()
    if (m := _CODE_LINE.match(text, end)) is not None and (text[end:].lstrip(" ,")[:1] in ("\r", "\n")):
        end = m.end()
    end = _cut_off_lines(text, end)
    end = _without_country_line(text, start, end)
    if end < len(text) and keeps_full_stop(text, start, end + 1):
        end += 1  # "Guadalajara, Jal.": an abbreviation's full stop
    return start, end


# The town, county and postcode of an address after the sentence's full stop or on the lines under it, each line ending
# in a comma or a full stop the way letters write them ("5 Park Street. Bristol BS1 5AB.", "44 Elm Grove,\nWetherby,\nLS22
# 6AB", "5 Park Street.\nWetherby.\nWest Yorkshire\nLS22 6AB"): cut off there, the town is a leak. Taken up to a postcode;
# with no postcode, only a city of 100,000 people or more alone before the sentence's or the line's end ("..., Leeds.\nBristol.").
_TAIL_CODE = rf"(?:[A-Z]{{1,2}}\d[A-Z\d]?[ ]\d[A-Z]{{2}}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d|\d{{5}}-\d{{4}}|{STRONG_POSTCODE})(?![\w-])"
_TAIL_PART = re.compile(
    rf"(?:[.,]?[ \t]*\r?\n[ \t]*|[.,][ ]+)"  # a line break (after a comma or a full stop), or a full stop or comma and a space
    rf"(?:(?P<lead>{_TAIL_CODE})[ ](?P<town1>{_TOWN_WORDS})|(?P<town>{_TOWN_WORDS})(?:,?[ ][A-Z]{{2}}(?![\w]))?(?:,?[ ](?P<code>{_TAIL_CODE}))?"
    rf"|(?:[A-Z]{{2}}[ ])?(?P<alone>{_TAIL_CODE}))"
)
_ENDS_IN_CODE = re.compile(rf"(?<![\w-]){_TAIL_CODE}$")
_PART_END = re.compile(r"[.,]?(?:[ \t]*(?:\r?\n|$)|(?<=[.,])[ ])")
_NOT_A_TOWN = re.compile(
    r"(?:I|We|He|She|They|It|You|The|This|That|Then|And|But|So|My|His|Her|Our|Their|Thanks|Thank|Regards|Kind|Best|Yours|"
    r"Cheers|Love|Sincerely|Please|Tel|Phone|Mobile|Email|Fax|Call|Ring|Text|Contact|Order|Invoice|Ref|Reference|Total|Date|"
    r"Flight|Booking|Ticket|Room|Gate|Seat|Tracking|Parcel|Item|Case|Page|Account|Amount|Due|Paid|Batch|Version)(?![\w])"
)


def _without_country_line(text: str, start: int, end: int) -> int:
    """The end of an address written on lines without its last line when that line is only a country, in English or in its
    own language, under a town's line ("...\n10115 Berlin\nDeutschland", "...\n00-238 Warszawa\nPolska"): a person's country
    is no personal data."""
    cut = text.rfind("\n", start, end)
    if cut <= start or "\n" not in text[start:cut] or not is_country(text[cut + 1 : end]):
        return end  # right under the street, the country is the town: "18 Main Street\nGibraltar", "...\nMonaco"
    return start + len(text[start:cut].rstrip(" \t\r,"))


def _cut_off_lines(text: str, end: int) -> int:
    """Where an address ends with its town, county and postcode written after a full stop or on the lines under it."""
    if end < len(text) and text[end] == "." and keeps_full_stop(text, 0, end + 1):
        return end  # an abbreviation's full stop: "Jal." is read by grow
    if _ENDS_IN_CODE.search(text, max(0, end - 12), end):
        return end  # the address ends in its postcode already: "..., NL Y7U 8Z2. Flight BA 2490" goes on with something else
    pos, towns = end, []
    for _ in range(4):
        m = _TAIL_PART.match(text, pos)
        if m is None:
            break
        town = m.group("town") or m.group("town1")
        if town and _NOT_A_TOWN.match(town):
            break
        if m.group("code") or m.group("lead") or m.group("alone"):
            return m.end()  # up to the postcode
        if _PART_END.match(text, m.end()) is None:
            break  # "5 Park Street. London is great": a sentence goes on
        towns.append(town)
        pos = m.end()
    if len(towns) == 1 and known_city(towns[0]):
        return pos  # a known city alone: "5 Park Street. Bristol."
    return end


# a postcode of a shape that is no year, no amount and no time: "26133", "100 00", "00-950", "1250-096", "40301-110",
# "154-0023", "AD100", "LV-1073", "KY1-1702", "VG1110", "1234 AB", "H3Z 2Y7", "STHL 1ZZ" (UK shapes are the UK recognizers':
# "Tesco, Leeds LS1 1AA" is a shop's postcode, no address)
_ZIP_DIGITS = r"(?:\d{3}[ ]\d{2}|\d{2}-\d{3}|\d{5}-\d{3,4}|\d{4}-\d{3}|\d{3}-\d{4}|(?!(?:19|20)\d\d(?!\d))\d{4,6})"
# (Argentina's "C1070AAM", Ecuador's "EC090112")
_ZIP_LETTERS = (
    r"(?:[A-Z]{2}-?\d{3,5}|[A-Z]{2}\d-\d{4}|[A-Z]{2}\d{4}(?:\d{2})?|\d{4}[ ][A-Z]{2}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d|[A-Z]{4}[ ]1ZZ"
    r"|[A-Z]\d{4}[A-Z]{3})"
)
_PLACE_WORDS = rf"{NAME_WORD}(?:[ -](?:{LINK}[ -])?{NAME_WORD}){{0,2}}"
# what a number after one of these words is: an order, an invoice, a room, a flight, a version ("order 44812 Paris")
_NOT_A_POSTCODE = re.compile(
    r"(?i)(?:order|invoice|inv|ticket|booking|ref|reference|tx|id|no|nr|number|room|flight|page|version|build|model|item|case|"
    r"account|acct|tracking|parcel|batch|serial|code|pin|#|x)\W{0,3}$"
)


# what stands before a number that is a house number after its street, not a postcode before its town: a word with a
# capital or a digit ("Cerrito 1250, Retiro", "Calle 9 1250, ..."); a word in lower case is the sentence's ("for 375010, Yerevan")
_HOUSE_BEFORE = re.compile(r"(?:[^\W\d_]*[^\W\d_a-z][^\W_]*|[^\W_]*\d[^\W_]*)[.]?[ ]$")


class PostcodeTownRecognizer(EntityRecognizer):
    """A postcode with its town, on one line, in either order and with no street: "26133 Berlin", "Amman 11190",
    "Riga, LV-1073", "00-950 Warszawa", "1234 AB Amsterdam". Alone on a line, in a CSV row or a sentence, a postcode
    and town still say where a person lives or receives post. Taken when the town is a city of 100,000 people or more
    (``places.txt``, with or without its accents); a town the list lacks ("3900 Nuuk", "Bermuda HM 12") when it is no
    English word and no name, and stands after the postcode or before one with a country's letters ("Model XR-693" is
    no town and postcode); never a number that is an order's, a room's or a version's ("order 44812 Paris")."""

    SCORE = 0.6

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=["STREET_ADDRESS"], name="PostcodeTownRecognizer", supported_language=supported_language)

    def load(self) -> None:
        code = rf"(?P<code>{_ZIP_LETTERS}|{_ZIP_DIGITS})"
        left = r"(?<![\w£$€#/.:+-])(?<!\d[ ])"
        self._before = re.compile(rf"{left}{code}(?P<comma>,)?[ ](?P<town>{_PLACE_WORDS})(?![\w-])")
        # the town, then a comma, a space or a spaced dash ("Dhaka - 1340"), then the code (not a phone's start)
        self._after = re.compile(rf"(?<![\w-])(?P<town>{_PLACE_WORDS})(?:,?[ ]|[ ][-–][ ]){code}(?![\w]|[.,]\d|-\d|[ ]\d)")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if "STREET_ADDRESS" not in entities:
            return []
        if not hasattr(self, "_before"):
            self.load()
        text = capitals_folded(text)  # "10115 BERLIN": read as "10115 Berlin" (same offsets)
        out = []
        for pattern, first in ((self._before, "code"), (self._after, "town")):
            for m in pattern.finditer(text):
                town = _town(m.group("town"), first == "town")
                if town is None or _NOT_A_POSTCODE.search(text, max(0, m.start() - 12), m.start()):
                    continue
                lettered = not m.group("code")[0].isdigit() or not m.group("code")[-1].isdigit()
                comma = m.groupdict().get("comma")
                if comma and _HOUSE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                    continue  # "Cerrito 1250, Retiro": a house number, then the town (not "for 375010, Yerevan")
                # an unknown town then a postcode of five digits or more ("Majuro, 96960", "Pago Pago 96799"): no year, no order
                town_start = m.end("town") - len(town)
                long_code = (
                    first == "town"
                    and sum(c.isdigit() for c in m.group("code")) >= 5
                    and _NOT_A_POSTCODE.search(text, max(0, town_start - 12), town_start) is None
                )
                unknown = _unknown_town(town) and (first == "code" or lettered or long_code) and not comma
                city = known_city(town) and (lettered or not is_english_word(town))  # "Mobile 0444 309 521" is a phone
                if not (city or unknown):
                    continue
                if first == "code":
                    start, end = m.start(), m.start("town") + len(town)
                    state = _STATE_AFTER_TOWN.match(text, end)  # "01304-001 São Paulo - SP", "20121 Milano MI"
                    end = state.end() if state else end
                else:
                    start, end = m.end("town") - len(town), m.end()
                out.append(result(self, "STREET_ADDRESS", start, end, self.SCORE, "postcode and town", "postcode with its town"))
        return out


# a state's or province's two letters after the postcode and town, the Brazilian and Italian way: "São Paulo - SP", "Curitiba/PR",
# "Milano MI" (then a comma, the line's end or a bracket)
_STATE_AFTER_TOWN = re.compile(r"(?:[ ]?[-–/][ ]?[A-Z]{2}(?![\w])|[ ][A-Z]{2}(?=[ ]*(?:[,(]|\r?\n|$)))")


def _town(words: str, last: bool) -> str | None:
    """The town in the capitalised words next to a postcode: the longest run of them from the postcode's side that is a
    known city, else all of them."""
    parts = words.split(" ")
    for n in range(len(parts), 0, -1):
        town = " ".join(parts[-n:] if last else parts[:n])
        if known_city(town):
            return town
    return " ".join(parts[-1:] if last else parts)


def _unknown_town(town: str) -> bool:
    words = town.replace("-", " ").split()
    return all(len(w) >= 4 and not is_english_word(w) and not is_name_word(w) for w in words if w[:1].isupper())
