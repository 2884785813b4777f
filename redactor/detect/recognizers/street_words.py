"""Words that make a street address in the languages of people in UK downloads (``world_address.py``).

Written for redactor from general knowledge of address conventions (Universal Postal Union style
guides, USPS Publication 28 street suffixes, national usage); no list was copied from a data set.
Each constant is a regular-expression alternation; matching is case-insensitive where used.
"""

from __future__ import annotations

import re
from functools import lru_cache

from redactor import paths
from redactor.detect.name_lists import countries, is_english_word
from redactor.detect.places import cities
from redactor.detect.recognizers.letters import UPPER

# street words written before the street's name: "Rua do Arenque", "ul. Długa", "вул. Соборна"
BEFORE = "|".join(
    (
        r"rua|avenida|av\.|avda\.|travessa|praça|alameda|estrada|rodovia|largo|calle|c/|carrer|avinguda|paseo|plaza|camino|carretera|"
        r"ronda|pasaje|glorieta|via|viale|piazza|piazzale|corso|vicolo|contrada|strada|str\.|bulevardul|bd\.|calea|aleea|ulica|ul\.|"
        r"aleja|al\.|plac|pl\.|osiedle|os\.|rue|boulevard|bd|avenue|av|place|chemin|allée|impasse|quai|cours|square|ulitsa|ul|"
        r"prospekt|rruga|odos|leoforos|cesta|ulice|náměstí|nám\.|třída|tř\.|nábřeží|nábř\.|avenija|trg|gatvė|iela|bulevar|bulevard|"
        r"bulevardi|privada|callejón|cjon\.|andador|cerrada|circuito|retorno|boulevard|"
        # Spanish "C. de Ruiz de Alarcón" (calle; only before "de", not an initial), Portuguese "Pç. Ramos de Azevedo" (praça)
        r"c\.(?=[ ]de[l ])|pç\.|pça\.|"
        # Ukrainian and Russian streets written in Latin letters: "vul. Khreshchatyk 22", "pr. Mira 5" is left out (a prefix)
        r"vul\.|vulytsia|vulitsa|prosp\.|provulok|pereulok|per\.|ploshcha|ploshchad|naberezhna|naberezhnaya|shosse|bulvar",
        # Malay and Indonesian, Spanish America (Peru's jirón, Mexico's privada, Colombia's carrera), Slovak, Bulgarian
        # housing estates, Vietnamese: "Jalan Ampang", "Jl. Gatot Subroto", "Lorong Maarof", "Jr. Huallaga", "Priv. Ciprés",
        # "Cra. 15", "Námestie slobody", "zh.k. Lyulin", "Phố Hàng Bạc"
        r"jalan|jln\.|jl\.|lorong|lrg\.|jirón|jr\.|priv\.|prolongación|prol\.|carrera|cra\.|kr\.|diagonal|transversal|"
        r"námestie|zh\.k\.|ж\.к\.|phố|đường|ngõ|hẻm",
        # Romanian "Bdul Iuliu Maniu", "B-dul Unirii", "Splaiul Independenței", "Șoseaua Kiseleff", "Intrarea ...", "Piața ...";
        # French "Cité Roland Garros"; Portuguese "Tv. da Horta" (travessa, only before "da", "do", "dos", "das", "de")
        r"bdul\.?|b-dul\.?|bd-ul|splaiul|șoseaua|şoseaua|soseaua|intrarea|piața|piaţa|piata|cité|tv\.(?=[ ]d[aoe]s?[ ])|"
        # Romanian "Șos. Pantelimon" (șoseaua), Bulgarian "bul. Vitosha" (bulevard)
        r"șos\.|şos\.|sos\.|bul\.",
        r"улица|ул\.|вулиця|вул\.|проспект|просп\.|пр-т|пр\.|переулок|пер\.|провулок|пров\.|бульвар|бул\.|бульв\.|шоссе|площадь|пл\.|"
        r"набережная|наб\.|аллея|алея|тупик|проезд|οδός|οδ\.|λεωφόρος|λεωφ\.",
    )
)
# street words after the name: "Edington Drive", "Rákóczi út", "Bilgekan Caddesi", "Abbas Səhhət Küçəsi"
AFTER = "|".join(
    (
        r"street|st\.?|road|rd\.?|avenue|ave\.?|av|drive|dr\.?|boulevard|blvd\.?|lane|ln\.?|way|court|ct\.?|place|pl\.?|terrace|"
        r"crescent|close|parkway|pkwy|highway|hwy|circle|cir\.?|trail|alley|arcade|bend|bridge|brook|bypass|center|centre|cove|"
        r"creek|crossing|estate|expressway|extension|freeway|gardens?|gateway|glen|green|grove|harbou?r|heights|hills?|hollow|"
        r"junction|landing|loop|mall|manor|meadows?|mews|motorway|orchard|oval|park|pass|path|pike|plaza|point|ridge|row|run|"
        r"spur|square|sq\.?|summit|trace|turnpike|viaduct|view|vista|walk|wharf|wynd|bay|"
        # the rest of USPS Publication 28's street suffixes (a house number before them is required)
        r"annex|bayou|beach|bluffs?|bottom|branch|burgs?|camp|canyon|cape|causeway|cliffs?|club|commons?|corners?|course|"
        r"crest|crossroads?|curve|dale|dam|divide|falls|fields?|flats?|fords?|forest|forges?|forks?|fort|haven|inlet|islands?|"
        r"isle|keys?|knolls?|lakes?|lights?|loaf|locks?|lodge|mills?|mission|mount|mountains?|neck|overpass|passage|pines?|"
        r"plains?|ports?|prairie|radial|ramp|ranch|rapids?|rest|river|route|shoals?|shores?|skyway|springs?|station|stravenue|"
        r"stream|throughway|track|trafficway|trailer|tunnel|underpass|unions?|valleys?|villages?|ville|wall|wells?|ferry",
        r"út|útja|utca|u\.|körút|krt\.|köz|tér|sor|sétány|dűlő|ulica|ulice|třída|náměstí|nám\.|nábřeží|námestie|trieda|cesta|trg|"
        r"iela|gatvė|g\.|al\.|alėja|pr\.|prospektas|pr-tas|skg\.|skersgatvis|aikštė|tänav|tn\.|puiestee|pst\.|maantee|mnt\.|põik|tee|katu|tie|kuja|polku|väylä|straße|strasse|str\.|gasse|"
        r"weg|allee|platz|damm|ring|ufer|graben|gatan|vägen|gata|väg|gade|vej|allé|vei|veien|vegen|gate|gaten|vegur|stræti|braut|"
        r"plass|plads|torg|torv|torget|"  # a Norwegian or Danish square: "Henrik Walters plass 3"
        r"straat|laan|plein|gracht|kade|singel|dreef|sokak|sokağı|caddesi|cad\.|cd\.|bulvarı|blv\.|bulv\.|mahallesi|mah\.|küçəsi|prospekti|"
        r"döngəsi|küç\.|улица|проспект|шоссе|бульвар|переулок|вулиця|провулок|"
        # Russian and Ukrainian abbreviations after the name: "Дворцовая наб.", "Невский пр-т", "Кривоколенный пер."
        r"наб\.|пр-т|просп\.|пер\.|ш\.|б-р|пл\.|вул\.|"
        # South Asian road and locality words: "12/3 Lajpat Nagar", "5 Janpath Marg", "House 4, Shanti Vihar"
        r"marg|nagar|vihar|enclave|colony|chowk|bagh|puram|"
        # a Thai lane off a main road: "Sukhumvit Soi 11" (its number follows)
        r"soi",
    )
)
# street words joined to the name: "Hauptstraße", "Kungsgatan", "Gulnarevej", "Hirschengraben"
JOINED = (
    r"(?:straße|strasse|str\.|gasse|gässli|weg|allee|platz|damm|graben|ufer|pfad|steig|gatan|vägen|gata|gate|gaten|veien|vegen|vei|"
    r"vegur|stræti|braut|gade|vejen|vej|vænget|stien|alle|straat|laan|plein|gracht|kade|singel|dreef|brug|katu|tie|kuja|polku|tänav|"
    # Norwegian and Danish squares ("Skredderplassen"), a Dutch dike ("Haarlemmerdijk"), Swedish "vägen" written without its
    # diaeresis ("Varmdovagen"), German "Pl." and "-park" ("Am Falkpl.", "Am Bürgerpark")
    r"plassen|plass|pladsen|plads|torget|dijk|vagen|pl\.|(?-i:park)|"  # (not "#FenwayPark", a name run together)
    # Norwegian streets named by a place's word in its definite form, a forest, a hill, a slope, a ridge, a field, a yard, a
    # hamlet, a bend: "Epleskogen", "Granhaugen", "Solbakken", "Furuåsen" (after a compound's first part only)
    r"skogen|haugen|bakken|åsen|jordet|løkka|tunet|grenda|kroken|svingen|toppen)"
)
# the words of a phrase, that no street's name in lower case holds ("5 blocks down the street")
PHRASE_WORDS = frozenset(
    "the a an my his her our their your this that these those down up along across from to of in on at by near past round around "
    "off into onto over behind opposite and or more other same next last first few many blocks miles minutes mins metres meters "
    "yards houses doors times".split()
)
# a flat, apartment, suite, floor or unit, in the same languages
UNIT = (
    r"flat|apartment|apt|suite|ste|unit|room|floor|fl|bureau|porte|étage|bâtiment|bât|app|appartamento|interno|int|scala|piano|"
    r"apto|apartamento|depto|departamento|piso|oficina|local|andar|fração|sala|wohnung|whg|etage|einheit|stock|stiege|tür|top|"
    r"verdieping|kamer|bus|lgh|lägenhet|våning|trappa|lejl|lejlighed|sal|leil|leilighet|etasje|asunto|as|huone|kerros|korter|íbúð|"
    r"hæð|lakás|ajtó|emelet|stan|kat|zgrada|byt|patro|poschodie|vchod|mieszkanie|m|lok|daire|blok|mənzil|mərtəbə|bloc|bl|sc|et|ap|"
    r"sector|sektor|dto|dpto|vh|вх|moo|mz|lt|butas|dz|"  # Lithuanian "butas 14", Latvian "dz. 4" (dzīvoklis)
    r"unidad|edificio|torre|portal|escalera|esc|puerta|pta|bloco|bloque|conjunto|casa|lote|quadra|haus|lokal|épület|maja|block|"
    r"building|bldg|plot|house|"
    r"kv|korp|кв|квартира|корпус|офис|офіс|поверх|этаж|пәтер|қабат|διαμέρισμα|όροφος"
)
# words before an address in a sentence: "lives at", "moved to", "ship it to", "my address is"
CUE = (
    r"(?:address(?:[ ]is)?|adres|adresse|dirección|direccion|indirizzo|endereço|anschrift|lives?[ ](?:at|in|on)|living[ ](?:at|in|on)|"
    r"stay(?:s|ed|ing)?[ ]at|moved[ ]to|move[ ]to|moving[ ]to|deliver(?:ed|y)?[ ]to|ship(?:ped)?[ ](?:it[ ])?to|sen[dt][ ](?:it[ ])?to|"
    r"post(?:ed)?[ ](?:it[ ])?to|write[ ]to|(?:flat|house|home|place|office|address)[ ](?:at|is)|round[ ]to|meet[ ](?:me[ ])?at|"
    r"wohnt[ ]in|mieszka(?:m)?[ ](?:na|przy|w)|"
    # Russian, Ukrainian, Bulgarian, Greek: "по адресу", "проживает", "живу на", "за адресою", "μένει στην", "διεύθυνση"
    r"(?:по|на)[ ]адрес[ау]?|за[ ]адресою|адрес[ау]?|адреса|проживае?т?|проживаю|проживає|мешкає|мешкаю|живу[ ](?:на|в|у)|"
    r"жив[её]т[ ](?:на|в)|живе[ ](?:на|в|у)|живее[ ](?:на|в)|διεύθυνση|μέν(?:ω|ει|ουν)[ ](?:στην|στη|στον|στο|επί)|κατοικ(?:ώ|εί)[ ](?:στην|στη|στον|στο))"
)
# Courts and other institutions named like streets ("Leeds Crown Court", "the Regional Court", "the Istanbul Assize Court")
# are not anyone's address.
INSTITUTION = re.compile(
    r"\b(?:Crown|County|Magistrates['’]?|High|Family|Youth|Coroner['’]?s|Supreme|Appeal|Appeals|Combined|Police|Royal|European|"
    r"Regional|District|Constitutional|Administrative|Federal|Circuit|Criminal|Civil|Military|Municipal|Provincial|Cantonal|"
    r"Disciplinary|Arbitration|International|Employment|Sheriff['’]?s?|Cassation|Higher|Juvenile|Labour|Tax|Trial|Assize|Assizes|Penal)[ ]Court\b|\bHouse of\b"
)

_STREET_OR_UNIT = re.compile(rf"(?i)(?:{AFTER}|{BEFORE}|{JOINED}|{UNIT})")
# a street word's abbreviation with its full stop, in lower case, ending an address: "küç.", "u.", "g.", "nám.", "krt."
_STREET_ABBREVIATION_END = re.compile(rf"(?<![\w.])(?:{AFTER}|{BEFORE})(?<=[^\W\d_]\.)$")

# an address that ends in an abbreviation or a house number written with a full stop keeps it: "Guadalajara, Jal.",
# "Morelia, Mich.", "Monterrey, N.L.", "Kárász utca 9." (a sentence's own full stop after a town or a street, "... Leeds
# LS6 1AP.", "5 Elm Road.", is no part of it)
_FULL_STOP_END = re.compile(r"(?<![\w.])(?:[A-Z][a-z]{0,2}\.|(?:[A-Z]\.){1,3}|\d{1,4}\.|(?P<word>[A-Z][a-z]{3,4})\.)$")


def keeps_full_stop(text: str, start: int, end: int) -> bool:
    """The full stop ending ``text[start:end]`` belongs to the address (an abbreviation's or a house number's). A word of
    four or five letters is an abbreviation when it ends in a consonant and is no English word and no city ("Mich.",
    "Coah."; not "Road.", "Praha.", "Graz."); a street word's abbreviation in lower case is one ("Nizami küç.", "Kossuth
    u.", "Gedimino g.")."""
    if end <= start or text[end - 1] != ".":
        return False
    if _STREET_ABBREVIATION_END.search(text, max(start, end - 12), end) is not None:
        return True
    m = _FULL_STOP_END.search(text, start, end)
    if m is None or not (word := m.group("word")):
        return m is not None
    return word[-1] not in "aeiouy" and not is_english_word(word) and word not in cities()


# the words a sentence starts with that no address has after a house number's or an abbreviation's full stop: "the flat at 9.
# Her mum ...", "the house at 12. It was cold" ("Andrássy út 45. 2. em.", "Kárász utca 9. Szeged", "Rd. Albany" go on)
_SENTENCE_START = re.compile(
    r"[ ]+(?:I|We|He|She|They|It|You|The|This|That|These|Those|There|Then|And|But|So|Or|If|When|While|After|Before|Since|"
    r"On|At|In|My|His|Her|Our|Their|Its|Your|With|For|From|To|As|A|An|Please|Thanks|Anyway|Also|Yes|No|Ok|OK|Not)(?![\w.'’])"
)
_NEXT_WORDS = re.compile(r"[ ]+(?P<first>[A-Z][a-z]+)[ ]+(?P<second>[a-z]+)(?![\w])")


def next_sentence(text: str, pos: int) -> bool:
    """A new sentence starts at ``pos``, after a full stop that may be a house number's or an abbreviation's: a word only a
    sentence starts with ("9. Her mum came", "12. It was cold"), or a capitalised English word and a lower-case English
    word, neither a street word ("9. Mum came round"; not "Rd. Albany", "45. 2. em.", "9. Szeged", "5. Mill lane")."""
    if _SENTENCE_START.match(text, pos):
        return True
    m = _NEXT_WORDS.match(text, pos)
    if m is None:
        return False
    words = (m.group("first"), m.group("second"))
    return all(is_english_word(w) and _STREET_OR_UNIT.fullmatch(w) is None for w in words)


# a business or public body named on the line (or in the part) before its street: a shop, a bank, an embassy, a hotel,
# a school. Its name is nobody's personal data, so it is no part of a person's address; a home's name is, and stays:
# a care home, a refuge, a shelter, a hostel, a house's name ("Old Mill", "Rose Cottage").
BUSINESS = re.compile(
    r"(?i)(?<![\w])(?:bank|banco|banca|banque|bancă|hotel|hôtel|motel|resort|school|école|escuela|escola|schule|university|universidad|"
    r"université|universität|college|academy|library|biblioteca|bibliothèque|museum|musée|museo|post[ ]office|la[ ]poste|posten|"
    r"supermarket|supermercado|embassy|embajada|embaixada|ambassade|botschaft|consulate|consulado|clinic|clínica|pharmacy|farmacia|"
    r"pharmacie|cinema|cinéma|theatre|théâtre|theater|teatro|restaurant|restaurante|ristorante|ravintola|bar|café|cafe|coffee|bakery|"
    r"pizza|club|archives|ministry|ministère|ministerio|parliament|police|court|tribunal|tribunales|mosque|mosquée|church|cathedral|"
    r"airport|aeropuerto|aéroport|gallery|galería|agency|company|corporation|limited|ltd|llc|plc|inc|gmbh|ag|s\.a\.|sarl|srl|"
    r"shop|store|boutique|mall|salon|groceries|grocery|casino|discoteca|optician|hospital|hôpital|hospital|market|institute|"
    r"headquarters)(?![\w])"
)
HOME = re.compile(
    r"(?i)(?<![\w])(?:care[ ]home|nursing[ ]home|residential[ ]home|refuge|shelter|hostel|safe[ ]house|hospice|supported[ ]housing)(?![\w])"
)


def business_name(part: str) -> bool:
    """A business's or public body's name ("Raiffeisen Bank", "Embassy of ...", "CWE Hotel"): a business word, no digit, no
    home's word ("St Anne's Care Home", "Women's Refuge"), and no street word ("Bank Lane", "Hotel Street", "Calle del
    Hotel" are streets), unless the business word ends the name: "Supreme Court", "Crowne Plaza Hotel", "St. Jude's Primary
    School", "Christmas Island Supermarket" name a court, a hotel, a school and a shop."""
    if BUSINESS.search(part) is None or any(c.isdigit() for c in part) or HOME.search(part) is not None:
        return False
    words = [w for w in (w.strip("()[]{},;:'’\"") for w in part.split()) if w]
    first_street = len(words) > 1 and re.fullmatch(rf"(?i)(?:{BEFORE})", words[0]) is not None and words[1].lower() in _LINKS
    if words and BUSINESS.fullmatch(words[-1]) is not None and not first_street:
        # a last word that is a street word too names a building after another business word ("Embassy Court", "Bank Mall")
        return re.fullmatch(rf"(?i)(?:{AFTER})", words[-1]) is None or len(BUSINESS.findall(part)) == 1
    return re.search(rf"(?i)(?<![\w])(?:{AFTER}|{BEFORE})(?![\w])", part) is None


# the small words between a street word and a street's name: "Calle del Hotel", "Rue de la Banque", "Via della Posta"
_LINKS = {"de", "del", "de la", "la", "do", "da", "dos", "das", "della", "dei", "delle", "di", "du", "des", "of", "the"}


# the small words of street and town names that stay in lower case in a line written in capitals ("RUA DO ARENQUE")
_SMALL = frozenset({"do", "da", "dos", "das", "de", "del", "di", "la", "le", "les", "los", "las", "du", "des", "von", "van", "der",
                    "den", "al", "el", "of", "upon", "am", "an", "im", "on", "en", "y", "e", "i"})  # fmt: skip
_CAPITALS_LINE = re.compile(r"(?m)^[^\S\n]*(?=[^\n]*[^\W\d_]{3})[^\n]*$")
_CAPITAL_WORD = re.compile(r"(?<![\w'’])[^\W\d_]+(?:['’][^\W\d_]+)?(?![\w])")
_CAPITAL_ORDINAL = re.compile(r"(?<![\w])\d{1,3}(ST|ND|RD|TH)(?![\w])")  # "8TH ST": "8th ST"


@lru_cache(maxsize=4)
def capitals_folded(text: str) -> str:
    """``text`` with each line written all in capitals ("14 MILL ROAD", "HAUPTSTRASSE 5, 10115 BERLIN") as a person would
    write it in lower case with capitals ("14 Mill Road", "Hauptstrasse 5, 10115 Berlin"), so the address rules read it;
    same length, same offsets. A word of two letters stays in capitals (a state: "NY", "ON"), but a street's or town's
    small word ("DE", "DO", "OF"); a word with a digit stays as it is (a postcode: "LS6 2AB"), but an ordinal ("8TH": "8th"). Lines with a lower-case
    letter are left alone ("Jalan PJU 1A/3"), but for a run in them of capitalised words and numbers
    (``_capitals_runs``: "Went past 912-914 8TH ST, CLARKSTON, WA 99403 yesterday").

    A run written all in lower case after an address cue ("the address is 40 awolowo road, ibadan", "movin to ul. długa
    64, 15-886 białystok"; ``_fold_lower_after_cues``) is read the same way, capitalised.

    Three recognizers read the same text folded (``address.py``, ``world_address.py`` twice): it is worked out once a
    text and shared (the last few texts are remembered; Presidio hands each recognizer the same string object, whose
    hash Python keeps)."""
    # "the address is 14 mill lane, leeds ls6 2ab": read as "14 Mill Lane, Leeds LS6 2AB"
    out = _fold_lower_after_cues(text) if _CUE_STEM.search(text) else None
    if not any(c.isupper() for c in text):
        return text if out is None else "".join(out)
    out = out or list(text)
    for line in _CAPITALS_LINE.finditer(text):
        value = line.group(0)
        if not any(c.islower() for c in value):
            _fold(value, line.start(), out)
            continue
        for start, end in _capitals_runs(value) if _MAYBE_RUN.search(value) and _DIGIT.search(value) else ():
            _fold(value[start:end], line.start() + start, out)
    return "".join(out)


# the words of a US military post address, written in capitals ("PSC 2031, Box 4410, APO AE 09012"): kept so
_MILITARY_POST = frozenset({"APO", "FPO", "DPO", "PSC", "CMR"})


def _fold(value: str, offset: int, out: list[str]) -> None:
    """Write ``value`` (at ``offset`` of the text) folded into ``out``: each word with a capital and lower case letters."""
    for word in _CAPITAL_WORD.finditer(value):
        w = word.group(0)
        if (len(w) == 2 and w.lower() not in _SMALL) or w in _MILITARY_POST:
            continue
        folded = w.lower() if (w.lower() in _SMALL and word.start() > 0) else w[:1] + w[1:].lower()
        if len(folded) == len(w):
            start = offset + word.start()
            out[start : start + len(w)] = folded
    for ordinal in _CAPITAL_ORDINAL.finditer(value):
        start = offset + ordinal.start(1)
        out[start : start + 2] = ordinal.group(1).lower()


_DELIMITER = r"[\s,;()\[\]\"]"
# a word in capitals ("CLARKSTON", "ST.", "LÓPEZ") or a house or street number ("106", "8TH", "912-914", "2455-B"), whole
_RUN_TOKEN = rf"(?:{UPPER}[{UPPER[1:-1]}.'’-]*|\d{{1,5}}(?:[A-Z]{{1,2}})?(?:-\d{{1,5}}|-[A-Z])?)(?!(?!{_DELIMITER}).)"
_RUN = re.compile(rf"(?:^|(?<={_DELIMITER})){_RUN_TOKEN}(?:[ ]?,?[ ]?{_RUN_TOKEN}){{2,}}")
_MAYBE_RUN = re.compile(r"[A-Z]{3}|[^\x00-\x7f]")  # three capitals in a row, or letters outside ASCII: a run may be there
_DIGIT = re.compile(r"\d")


def _capitals_runs(line: str) -> list[tuple[int, int]]:
    """Where a line that has lower-case letters holds an address written in capitals: a run of words in capitals and numbers
    joined only by spaces and commas, with a house or street number and two words in capitals or more, one of three letters
    or more ("912-914 8TH ST, CLARKSTON, WA 99403", "LÓPEZ MATEOS, 106, 21840, MEXICALI"): the way address labels and
    forms print addresses, pasted into a sentence. Offsets in ``line``."""
    runs = []
    for m in _RUN.finditer(line):
        tokens = re.split(r"[ ,]+", m.group(0))
        words = [t for t in tokens if not t[0].isdigit()]
        if len(words) >= 2 and len(words) < len(tokens) and any(sum(c.isalpha() for c in w) >= 3 for w in words):
            runs.append((m.start(), m.end()))
    return runs


@lru_cache(maxsize=1)
def _native_countries() -> frozenset[str]:
    text = (paths.models_dir() / "lexicons" / "countries_native.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def is_country(name: str) -> bool:
    """A country's name in English ("Germany", ``countries.txt``) or as its own people write it on an address's last line
    ("Deutschland", "España", "Polska", "Österreich", "Россия", ``countries_native.txt``); case and a full stop aside."""
    name = name.strip(" \t,.").lower()
    return name in countries() or name in _native_countries()


# An address typed in lower case after a cue, as chat and voicemail transcripts write it: "can u send it to my cousins 40
# awolowo road, ibadan", "the address is flat 2 41 mill lane sheffield s6 3gt". Read as if written with capitals, up to the
# end of its clause (a line's end, a question or an exclamation, or a word that starts another clause: "ok", "thx", "on the
# 12th", "in 2 weeks"; a full stop only before an ordinary word, as house numbers and street words carry them: "út 31.",
# "cad."), so
# the address rules read it as they read a capitalised one: each word capitalised (a street's or town's small word stays:
# "rua de santa catarina"), a word with a digit in capitals (a postcode: "sg11 1rn", "lv-5478"). The rules still need what
# they always need (a house number, a street word, a postcode): the cue only says how to read the case.
_CUE_STEM = re.compile(
    r"(?i)address|adres|mov(?:e|ed|ing|in)[ ]to|send|sent|ship|post|deliver|liv(?:e|es|ing)[ ](?:at|in|on)|stay|round[ ]to|meet|flat[ ]at|house[ ]at"
)
_LOWER_AFTER_CUE = re.compile(
    rf"(?i)(?<![\w])(?:{CUE}|movin[ ]to|my[ ](?:\w+[ ])?(?:is|at))(?:[ ]is)?[:,]?[ ](?:my[ ]\w+[ ]|(?:at|to)[ ])?(?=[^\n]*\d)"
)
_CLAUSE_END = re.compile(
    r"[.!?]$|\?|!|\n|[ ](?:ok|okay|thx|thanks|ta|tmrw|tomorrow|tonight|today|on[ ]the|and|but|if|when|then|so|cos|because|lol|pls|please|"
    r"asap|x{1,3}|by|before|after|at|from|for|since|until|til|in|with|next|this|last|to|is|was|will|now|soon|later|yet)(?![\w])"
)
_FULL_STOP = re.compile(r"\.[ ]+(?P<word>[a-z]+)(?![\w:.])")


def _clause_end(text: str, pos: int) -> int:
    """Where the clause from ``pos`` ends (``_CLAUSE_END``), or at a full stop before an ordinary English word that is no
    street or flat word ("ls6 2ab. also ..."; not "út 31. fszt. 13", "cad. no:14")."""
    m = _CLAUSE_END.search(text, pos)
    stop = m.start() if m else len(text)
    for dot in _FULL_STOP.finditer(text, pos, stop):
        word = dot.group("word")
        if is_english_word(word) and _STREET_OR_UNIT.fullmatch(word) is None and word not in ("no", "nr"):
            return dot.start()
    return stop


_LOWER_WORD = re.compile(r"[^\W_][\w'’.-]*")


def _fold_lower_after_cues(text: str) -> list[str] | None:
    """``text`` as a list of characters with each run written all in lower case after an address cue capitalised (see
    above; same length), or None when there is none."""
    out = None
    for cue in _LOWER_AFTER_CUE.finditer(text):
        stop = _clause_end(text, cue.end())
        run = text[cue.end() : stop]
        if not run or any(c.isupper() for c in run):
            continue
        words = list(_LOWER_WORD.finditer(run))
        for i, word in enumerate(words):
            w = word.group(0)
            folded = w.upper() if any(c.isdigit() for c in w) else w[:1].upper() + w[1:] if _capitalised(w, words[i + 1 : i + 2]) else w
            if len(folded) == len(w) and folded != w:
                out = out or list(text)
                start = cue.end() + word.start()
                out[start : start + len(w)] = folded
    return out


_AFTER_WORD = re.compile(rf"(?:{AFTER})")


def _capitalised(word: str, following: list[re.Match[str]]) -> bool:
    """A word of a lower-case address that its writer would have capitalised: a street or flat word ("road", "ul.", "flat"),
    a word no English dictionary holds (a name: "awolowo", "lublin"), or an English word naming its street ("mill" of "mill
    lane"); not a street's or town's small word ("de", "do"), nor an English word in a phrase ("5 more people")."""
    if word in _SMALL:
        return False
    bare = word.rstrip(".")
    if _STREET_OR_UNIT.fullmatch(word) or _STREET_OR_UNIT.fullmatch(bare) or not is_english_word(bare):
        return True
    return bool(following) and _AFTER_WORD.fullmatch(following[0].group(0)) is not None
