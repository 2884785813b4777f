"""Build ``data/blind.jsonl``: a mixed-PII set written by hand in session 14, before reading any detector.

    python -m benchmarks.eval.blind_build       # rewrites benchmarks/eval/data/blind.jsonl (deterministic)

Every name, street, town pairing and phone shape below was typed here from general knowledge of how each
country writes them (no Faker, no mimesis, no presidio-research, no detector code was read first). Cards are
made Luhn-valid and IBANs mod-97-valid by code; digits are drawn from a seeded generator. Texts are written
with inline markers ``⟦kind|value⟧`` and the gold offsets are computed by stripping them. See ``BLIND.md``.
"""

from __future__ import annotations

import json
import random
import string
import unicodedata
from collections.abc import Callable
from pathlib import Path

from benchmarks.eval.marked import strip, write

OUT = Path(__file__).resolve().parent / "data" / "blind.jsonl"

# country: names (first, last), addresses (as written locally), phone shapes (# = random digit),
# e-mail domains, IBAN (country code, BBAN shape: 9 digit, A letter, X alphanumeric)
C: dict[str, dict] = {
    "GB": dict(
        first=["Harriet", "Callum", "Siobhan", "Declan", "Priyanka", "Tomasz"],
        last=["Ashworth", "McBride", "Fairweather", "Okafor", "Pennington", "Rowley"],
        addr=[
            "Flat 3, 27 Kingsmere Road, Leeds LS6 2QT",
            "14 Aldgate Close, Stockport SK4 3EW",
            "Unit 9, Harbour Court, 112 Dock Street, Dundee DD1 4BX",
            "The Old Mill, Bramley Lane, Thirsk YO7 1PL",
        ],
        phone=["07### ######", "+44 7### ######", "+44 (0)20 #### ####", "0161 ### ####", "(0113) ### ####"],
        mail=["btinternet.com", "outlook.com", "gmail.com"],
        iban=("GB", "AAAA99999999999999"),
    ),
    "IE": dict(
        first=["Aoife", "Cathal", "Niamh", "Ruairí"],
        last=["Ó Briain", "Fitzgerald", "Mulcahy", "Doherty"],
        addr=["Apartment 12, Riverside Quay, Clonmel, Co. Tipperary E91 X2K7", "48 Sycamore Drive, Ballincollig, Cork P31 HW63"],
        phone=["+353 8# ### ####", "08# ### ####", "(01) ### ####"],
        mail=["eircom.net", "gmail.com"],
        iban=("IE", "AAAA99999999999999"),
    ),
    "US": dict(
        first=["Brandon", "Latoya", "Megan", "Dwayne", "Rosalind"],
        last=["Kowalczyk", "Hendricks", "Villanueva", "Whitfield"],
        addr=[
            "4417 Larkspur Ave Apt 2B, Columbus, OH 43214",
            "902 W Magnolia St, Suite 310, Tampa, FL 33604",
            "PO Box 1182, Bozeman, MT 59771",
            "77 Cranberry Hill Rd, Nashua, NH 03062",
        ],
        phone=["(614) ###-####", "813-###-####", "+1 212 ### ####", "406.###.####", "(603) ###-#### ext. 2#"],
        mail=["yahoo.com", "gmail.com", "comcast.net"],
        iban=None,
    ),
    "CA": dict(
        first=["Geneviève", "Marc-André", "Keisha", "Harpreet"],
        last=["Tremblay", "Gagnon", "Sandhu", "MacLeod"],
        addr=[
            "590 Westmount Crescent, Toronto, ON M6H 2R8",
            "1203-455 rue Saint-Denis, Montréal QC H2J 2L4",
            "38 Birchwood Bay, Winnipeg, Manitoba R3T 4K1",
            "Box 77, Canmore, AB T1W 1P2",
        ],
        phone=["(416) ###-####", "+1 604-###-####", "514.###.####", "1 (204) ### ####"],
        mail=["videotron.ca", "shaw.ca", "gmail.com"],
        iban=None,
    ),
    "PL": dict(
        first=["Zbigniew", "Agnieszka", "Bartłomiej", "Małgorzata", "Kacper"],
        last=["Wróblewski", "Szczepańska", "Nowakowski", "Dąbrowska"],
        addr=[
            "ul. Kwiatowa 12/4, 00-521 Warszawa",
            "ul. Słoneczna 7 m. 3, 31-042 Kraków",
            "al. Grunwaldzka 145, 80-264 Gdańsk",
            "os. Piastowskie 23/118, 61-166 Poznań",
        ],
        phone=["+48 6## ### ###", "5## ### ###", "+48 22 ### ## ##", "(22) ### ## ##", "7##-###-###"],
        mail=["wp.pl", "onet.pl", "o2.pl", "interia.pl"],
        iban=("PL", "999999999999999999999999"),
    ),
    "RO": dict(
        first=["Ioana", "Mihai", "Andreea", "Florin"],
        last=["Dumitrescu", "Popescu", "Constantinescu", "Munteanu"],
        addr=[
            "Str. Mihai Eminescu nr. 14, bl. B2, sc. 1, ap. 9, 400117 Cluj-Napoca",
            "Bd. Unirii 32, sector 3, 030833 București",
            "Strada Florilor 5, 300254 Timișoara, jud. Timiș",
        ],
        phone=["+40 7## ### ###", "07##.###.###", "021 ### ####", "+40 (0)21 ### ####"],
        mail=["yahoo.ro", "gmail.com"],
        iban=("RO", "AAAAXXXXXXXXXXXXXXXX"),
    ),
    "LT": dict(
        first=["Rūta", "Mantas", "Gintarė", "Darius"],
        last=["Žemaitienė", "Kazlauskas", "Petrauskaitė", "Jankauskas"],
        addr=["Gedimino pr. 27-5, LT-01104 Vilnius", "Savanorių g. 118, LT-44150 Kaunas", "Taikos pr. 60-12, Klaipėda LT-94140"],
        phone=["+370 6## #####", "8 6## #####", "+370 5 ### ####", "8-5-### ####"],
        mail=["gmail.com", "inbox.lt"],
        iban=("LT", "9999999999999999"),
    ),
    "NG": dict(
        first=["Chukwuemeka", "Folasade", "Babatunde", "Ngozi", "Aminu"],
        last=["Okonkwo", "Adeyemi", "Balogun", "Eze", "Bello"],
        addr=[
            "Plot 14, Adeola Odeku Street, Victoria Island, Lagos",
            "No. 7 Ogui Road, Enugu, Enugu State",
            "23B Kofo Abayomi Crescent, Apapa, Lagos 102272",
            "House 5, Gana Street, Maitama, Abuja FCT",
        ],
        phone=["+234 80# ### ####", "080# ### ####", "0803-###-####", "+234 (0) 70# ### ####"],
        mail=["yahoo.com", "gmail.com"],
        iban=None,
    ),
    "PK": dict(
        first=["Ayesha", "Imran", "Sana", "Bilal"],
        last=["Siddiqui", "Qureshi", "Chaudhry", "Malik"],
        addr=[
            "House No. 42, Street 9, F-7/2, Islamabad 44000",
            "Flat 3-C, Block 13-D, Gulshan-e-Iqbal, Karachi 75300",
            "89-A, Main Boulevard, Gulberg III, Lahore",
        ],
        phone=["+92 300 #######", "0300-#######", "+92 321 ### ####", "042-3#######", "(051) #######"],
        mail=["gmail.com", "hotmail.com"],
        iban=("PK", "AAAA9999999999999999"),
    ),
    "IN": dict(
        first=["Priya", "Vikram", "Lakshmi", "Arjun", "Sunita"],
        last=["Raghunathan", "Desai", "Iyer", "Banerjee", "Kulkarni"],
        addr=[
            "Flat 402, Sai Krupa Apartments, 14th Cross, Malleswaram, Bengaluru 560003",
            "B-27, Sector 62, Noida, Uttar Pradesh 201301",
            "12/3 Gariahat Road, Kolkata - 700019",
            "Plot No. 88, Jubilee Hills, Hyderabad, Telangana 500033",
        ],
        phone=["+91 98### #####", "098### #####", "+91-22-####-####", "9#########", "+91 (80) #### ####"],
        mail=["rediffmail.com", "gmail.com", "yahoo.co.in"],
        iban=None,
    ),
    "BR": dict(
        first=["João", "Mariana", "Thiago", "Fernanda"],
        last=["Pereira da Silva", "Oliveira", "Carvalho", "Nascimento"],
        addr=[
            "Rua das Acácias, 1634, apto 52, Goiânia - GO, 74810-100",
            "Av. Paulista, 2073 - Bela Vista, São Paulo - SP, 01311-940",
            "Travessa do Comércio 18, Salvador/BA, CEP 40015-160",
        ],
        phone=["(11) 9####-####", "+55 21 9####-####", "(71) ####-####", "+55 (62) 3###-####"],
        mail=["uol.com.br", "bol.com.br", "gmail.com"],
        iban=("BR", "99999999999999999999999AX"),
    ),
    "HU": dict(
        first=["Eszter", "Gábor", "Zsófia", "Levente"],
        last=["Kovács", "Szabó", "Földvári", "Németh"],
        addr=["Budapest, Váci út 76. II. em. 4., 1133", "Rákóczi út 13. fsz. 2, 8200 Veszprém", "6720 Szeged, Kárász utca 9."],
        phone=["+36 30 ### ####", "06 1 ### ####", "06-20-###-####", "+36 (1) ### ####"],
        mail=["freemail.hu", "citromail.hu"],
        iban=("HU", "999999999999999999999999"),
    ),
    "CH": dict(
        first=["Reto", "Corinne", "Luca", "Mirjam"],
        last=["Brunner", "Zürcher", "Bernasconi", "Gerber"],
        addr=[
            "Seefeldstrasse 112, 8008 Zürich",
            "Rue du Marché 6, CH-1204 Genève",
            "Via Nassa 21, 6900 Lugano",
            "Postfach 240, 3000 Bern 7",
        ],
        phone=["+41 (0)44 ### ## ##", "044 ### ## ##", "+41 79 ### ## ##", "079/### ## ##"],
        mail=["bluewin.ch", "gmx.ch"],
        iban=("CH", "99999XXXXXXXXXXXX"),
    ),
    "JP": dict(
        first=["Haruki", "Yui", "Kenta", "Aiko"],
        last=["Tanaka", "Watanabe", "Kobayashi", "Yamamoto"],
        addr=[
            "〒150-0002 Tokyo-to, Shibuya-ku, Shibuya 2-21-1",
            "3-5-12 Minami-Senba, Chuo-ku, Osaka 542-0081",
            "Sakura Mansion 305, 1-4-7 Nishiki, Naka-ku, Nagoya 460-0003",
        ],
        phone=["03-####-####", "+81 90-####-####", "090-####-####", "(06) ####-####"],
        mail=["docomo.ne.jp", "yahoo.co.jp"],
        iban=None,
    ),
    "KR": dict(
        first=["Min-jun", "Seo-yeon", "Ji-hoon", "Ha-eun"],
        last=["Kim", "Park", "Choi", "Jung"],
        addr=["Apt 1102, 45 Teheran-ro 14-gil, Gangnam-gu, Seoul 06234", "22 Haeundae-ro 570beon-gil, Haeundae-gu, Busan 48094"],
        phone=["010-####-####", "+82 10-####-####", "02-###-####", "+82 (0)2 ### ####"],
        mail=["naver.com", "daum.net"],
        iban=None,
    ),
    "CN": dict(
        first=["Xiaoming", "Li Na", "Jianguo", "Meiling"],
        last=["Wang", "Zhang", "Chen", "Liu"],
        addr=[
            "Room 1706, Building 3, 88 Century Avenue, Pudong New District, Shanghai 200120",
            "No. 15 Zhongguancun East Road, Haidian District, Beijing 100190",
        ],
        phone=["+86 138 #### ####", "139########", "(010) ########", "021-########"],
        mail=["163.com", "qq.com"],
        iban=None,
    ),
    "TR": dict(
        first=["Emre", "Zeynep", "Burak", "Elif"],
        last=["Yıldırım", "Öztürk", "Çelik", "Aydın"],
        addr=[
            "Atatürk Cad. No: 45 D: 7, 35220 Konak/İzmir",
            "Bağdat Caddesi No:312/4, Kadıköy, 34728 İstanbul",
            "Kızılay Mah. Gazi Mustafa Kemal Blv. No:21 Çankaya/Ankara",
        ],
        phone=["+90 5## ### ## ##", "0 (5##) ### ## ##", "0212 ### ## ##"],
        mail=["hotmail.com", "gmail.com"],
        iban=("TR", "99999X9999999999999999"),
    ),
    "AE": dict(
        first=["Khalid", "Fatima", "Omar", "Mariam"],
        last=["Al-Mansouri", "Al Hashimi", "Al Suwaidi", "Al Nuaimi"],
        addr=[
            "Villa 17, Street 24, Al Barsha 2, Dubai",
            "Apartment 2304, Marina Heights Tower, Dubai Marina, PO Box 113455, Dubai",
            "Office 7, Al Wahda Commercial Tower, Hazza Bin Zayed St, Abu Dhabi",
        ],
        phone=["+971 50 ### ####", "050 ### ####", "04 ### ####", "+971 (0)2 ### ####"],
        mail=["emirates.net.ae", "gmail.com"],
        iban=("AE", "9999999999999999999"),
    ),
    "SA": dict(
        first=["Abdullah", "Nouf", "Faisal", "Reem"],
        last=["Al-Qahtani", "Al-Otaibi", "Al-Ghamdi", "Al-Shehri"],
        addr=["8228 King Fahd Road, Al Olaya, Riyadh 12214 - 3541", "Building 14, Prince Sultan St, Al Rawdah, Jeddah 23434"],
        phone=["+966 5# ### ####", "05# ### ####", "011 ### ####"],
        mail=["gmail.com", "hotmail.com"],
        iban=("SA", "99XXXXXXXXXXXXXXXXXX"),
    ),
    "QA": dict(
        first=["Hamad", "Aisha"],
        last=["Al-Thani", "Al-Kuwari"],
        addr=["Building 33, Street 820, Zone 56, Al Sadd, Doha", "PO Box 22871, Doha, Qatar"],
        phone=["+974 3### ####", "+974 5###-####", "4### ####"],
        mail=["qatar.net.qa", "gmail.com"],
        iban=("QA", "AAAAXXXXXXXXXXXXXXXXXXXXX"),
    ),
    "ZA": dict(
        first=["Thabo", "Annelie", "Sipho", "Nomvula"],
        last=["Mokoena", "van der Merwe", "Dlamini", "Botha"],
        addr=[
            "14 Jacaranda Street, Brooklyn, Pretoria, 0181",
            "Unit 6, Seaview Gardens, 21 Beach Road, Sea Point, Cape Town 8005",
            "PO Box 4410, Rivonia, 2128",
        ],
        phone=["+27 82 ### ####", "082 ### ####", "(021) ### ####", "011-###-####"],
        mail=["mweb.co.za", "gmail.com"],
        iban=None,
    ),
    "DE": dict(
        first=["Jürgen", "Katrin", "Maximilian", "Sabine"],
        last=["Müller-Lüdenscheidt", "Schröder", "Hoffmann", "Weißenborn"],
        addr=[
            "Hauptstraße 45, 69117 Heidelberg",
            "Lindenallee 7a, 3. OG, 50968 Köln",
            "Am Rosengarten 12, 04109 Leipzig",
            "Postfach 10 22 45, 20015 Hamburg",
        ],
        phone=["+49 30 ########", "030/########", "0171 #######", "+49 (0)89 ### ####-##", "0621-######"],
        mail=["web.de", "gmx.de", "t-online.de"],
        iban=("DE", "999999999999999999"),
    ),
    "FR": dict(
        first=["Sébastien", "Élodie", "Théo", "Camille"],
        last=["Lefèvre", "Girard", "Moreau", "Dubois-Martin"],
        addr=[
            "12 bis, rue des Lilas, 69003 Lyon",
            "Appartement 5, 48 avenue Jean Jaurès, 31000 Toulouse",
            "BP 214, 13002 Marseille Cedex 02",
        ],
        phone=["+33 6 ## ## ## ##", "06.##.##.##.##", "01 ## ## ## ##", "+33 (0)1 ## ## ## ##"],
        mail=["orange.fr", "free.fr", "laposte.net"],
        iban=("FR", "9999999999XXXXXXXXXXX99"),
    ),
    "ES": dict(
        first=["Álvaro", "Lucía", "Javier", "Nerea"],
        last=["García Fernández", "Ruiz", "Etxeberria", "Morales"],
        addr=["Calle de Alcalá 123, 3º izq., 28009 Madrid", "C/ Mayor, 8, 2ºB, 46001 Valencia", "Avda. Diagonal 640, 08017 Barcelona"],
        phone=["+34 6## ### ###", "91 ### ## ##", "6## ## ## ##"],
        mail=["telefonica.net", "gmail.com"],
        iban=("ES", "99999999999999999999"),
    ),
    "IT": dict(
        first=["Giulia", "Alessandro", "Chiara", "Matteo"],
        last=["Bianchi", "Esposito", "De Luca", "Romano"],
        addr=[
            "Via Garibaldi 27, 10122 Torino TO",
            "Piazza della Repubblica 3, int. 6, 50123 Firenze",
            "Corso Buenos Aires 54, 20124 Milano",
        ],
        phone=["+39 3## ### ####", "06 #### ####", "3##/#######"],
        mail=["libero.it", "tiscali.it"],
        iban=("IT", "A9999999999XXXXXXXXXXXX"),
    ),
    "NL": dict(
        first=["Sanne", "Joris", "Femke", "Bram"],
        last=["de Vries", "van den Berg", "Bakker", "Visser"],
        addr=["Prinsengracht 263-II, 1016 GV Amsterdam", "Stationsweg 14, 2515 BN Den Haag", "Oudegracht 199 bis, 3511 NH Utrecht"],
        phone=["+31 6 ########", "06-########", "020-### ####", "+31 (0)20 ### ####"],
        mail=["ziggo.nl", "kpnmail.nl"],
        iban=("NL", "AAAA9999999999"),
    ),
    "PT": dict(
        first=["Inês", "Rui", "Beatriz"],
        last=["Gonçalves", "Ferreira", "Sousa"],
        addr=["Rua Augusta 274, 2º Esq., 1100-053 Lisboa", "Avenida da Boavista 1203, 4100-130 Porto"],
        phone=["+351 9## ### ###", "21# ### ###"],
        mail=["sapo.pt", "gmail.com"],
        iban=("PT", "999999999999999999999"),
    ),
    "SE": dict(
        first=["Linnea", "Oskar", "Astrid"],
        last=["Lindqvist", "Bergström", "Åkesson"],
        addr=["Storgatan 14, 1 tr, 411 38 Göteborg", "Kungsgatan 8B, SE-111 43 Stockholm", "Box 5520, 114 85 Stockholm"],
        phone=["+46 70-### ## ##", "08-### ### ##", "070 ### ## ##"],
        mail=["telia.com", "hotmail.se"],
        iban=("SE", "99999999999999999999"),
    ),
    "DK": dict(
        first=["Mette", "Rasmus"],
        last=["Sørensen", "Kjærgaard"],
        addr=["Nørrebrogade 44, 2. tv., 2200 København N", "Vestergade 9, 8000 Aarhus C"],
        phone=["+45 ## ## ## ##", "## ## ## ##"],
        mail=["mail.dk", "gmail.com"],
        iban=("DK", "99999999999999"),
    ),
    "CZ": dict(
        first=["Jiří", "Tereza", "Ondřej"],
        last=["Dvořák", "Novotná", "Procházka"],
        addr=["Vinohradská 1511/230, 100 00 Praha 10", "Masarykova 27, 602 00 Brno"],
        phone=["+420 6## ### ###", "7## ### ###"],
        mail=["seznam.cz", "email.cz"],
        iban=("CZ", "99999999999999999999"),
    ),
    "AU": dict(
        first=["Lachlan", "Chloe", "Mitchell"],
        last=["O'Sullivan", "Nguyen", "Thompson"],
        addr=["Unit 4/18 Bellevue Terrace, Fortitude Valley QLD 4006", "27 Wattle Grove, Fremantle WA 6160", "PO Box 352, Darwin NT 0801"],
        phone=["+61 4## ### ###", "04## ### ###", "(02) #### ####"],
        mail=["bigpond.com", "optusnet.com.au"],
        iban=None,
    ),
    "MX": dict(
        first=["Guadalupe", "Alejandro", "Ximena"],
        last=["Hernández López", "Ramírez", "Castañeda"],
        addr=[
            "Av. Insurgentes Sur 1457, Int. 302, Col. Insurgentes Mixcoac, 03920 Ciudad de México, CDMX",
            "Calle Morelos 88, Centro, 44100 Guadalajara, Jal.",
        ],
        phone=["+52 55 #### ####", "(55) ####-####", "+52 1 33 #### ####"],
        mail=["prodigy.net.mx", "hotmail.com"],
        iban=None,
    ),
    "KE": dict(
        first=["Wanjiru", "Otieno", "Kiprono"],
        last=["Kamau", "Odhiambo", "Mutai"],
        addr=["P.O. Box 40123-00100, Nairobi", "Apartment C4, Riverside Drive, Westlands, Nairobi"],
        phone=["+254 7## ######", "07## ######", "+254 (0)20 #######"],
        mail=["gmail.com", "yahoo.com"],
        iban=None,
    ),
    "PH": dict(
        first=["Maricel", "Jose Miguel", "Kristine"],
        last=["Dela Cruz", "Santos", "Bautista"],
        addr=[
            "Unit 1208, One Serendra Tower, 11th Avenue, Bonifacio Global City, Taguig 1634",
            "Blk 12 Lot 7, Phase 2, Camella Homes, Bacoor, Cavite 4102",
        ],
        phone=["+63 917 ### ####", "0917-###-####", "(02) 8###-####"],
        mail=["yahoo.com.ph", "gmail.com"],
        iban=None,
    ),
    "UA": dict(
        first=["Oleksandr", "Iryna", "Dmytro"],
        last=["Shevchenko", "Kovalenko", "Bondarenko"],
        addr=["vul. Khreshchatyk 22, kv. 15, Kyiv 01001", "prosp. Nauky 14, Kharkiv 61166"],
        phone=["+380 67 ### ## ##", "067 ###-##-##", "(044) ###-##-##"],
        mail=["ukr.net", "i.ua"],
        iban=("UA", "9999999999999999999999999"),
    ),
    "GR": dict(
        first=["Eleni", "Giorgos", "Dimitra"],
        last=["Papadopoulou", "Georgiou", "Konstantinidis"],
        addr=["Ermou 56, 105 63 Athens", "Tsimiski 41, 546 23 Thessaloniki"],
        phone=["+30 69# ### ####", "210 ### ####", "+30 2310 ######"],
        mail=["otenet.gr", "yahoo.gr"],
        iban=("GR", "9999999XXXXXXXXXXXXXXXX"),
    ),
}


class Pick:
    """Values for one text: one person of the country, their address, phone, mail, card, IBAN, IP."""

    def __init__(self, rng: random.Random, code: str) -> None:
        c = C[code]
        self.rng, self.code, self.c = rng, code, c
        self.first, self.last = rng.choice(c["first"]), rng.choice(c["last"])
        family_first = code in ("HU", "CN", "JP", "KR") and rng.random() < 0.6
        self.name = f"{self.last} {self.first}" if family_first else f"{self.first} {self.last}"
        self.addr = rng.choice(c["addr"])

    def phone(self) -> str:
        shape = self.rng.choice(self.c["phone"])
        return "".join(str(self.rng.randint(0, 9)) if ch == "#" else ch for ch in shape)

    def mail(self) -> str:
        f, la = _ascii(self.first).lower().replace(" ", ""), _ascii(self.last).lower().replace(" ", "").replace("'", "")
        local = self.rng.choice([f"{f}.{la}", f"{f[0]}{la}", f"{f}{self.rng.randint(1, 99)}", f"{la}.{f[0]}", f"{f}_{la}"])
        return f"{local}@{self.rng.choice(self.c['mail'])}"

    def other(self) -> str:
        return f"{self.rng.choice(self.c['first'])} {self.rng.choice(self.c['last'])}"


def _ascii(s: str) -> str:
    s = s.translate(str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE", "-": ""}))
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


def luhn_card(rng: random.Random) -> str:
    kind = rng.choice(["visa", "mc", "amex", "visa", "mc", "disc"])
    prefix, length = {
        "visa": ("4", 16),
        "mc": (str(rng.randint(51, 55)), 16),
        "amex": (rng.choice(["34", "37"]), 15),
        "disc": ("6011", 16),
    }[kind]
    digits = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    number = digits + str((10 - total % 10) % 10)
    if kind == "amex":
        return rng.choice([f"{number[:4]} {number[4:10]} {number[10:]}", number, f"{number[:4]}-{number[4:10]}-{number[10:]}"])
    groups = [number[i : i + 4] for i in range(0, 16, 4)]
    return rng.choice([" ".join(groups), "-".join(groups), number, " ".join(groups)])


def iban(rng: random.Random, code: str) -> str:
    cc, shape = C[code]["iban"]
    pool = {"9": string.digits, "A": string.ascii_uppercase, "X": string.ascii_uppercase + string.digits}
    bban = "".join(rng.choice(pool[ch]) for ch in shape)
    numeric = "".join(str(int(ch, 36)) for ch in bban + cc + "00")
    check = 98 - int(numeric) % 97
    value = f"{cc}{check:02d}{bban}"
    if rng.random() < 0.6:
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value


def ipv4(rng: random.Random) -> str:
    return ".".join(
        str(x)
        for x in (rng.choice([31, 46, 81, 88, 109, 151, 176, 185, 203, 212]), rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))
    )


def ipv6(rng: random.Random) -> str:
    groups = [f"{rng.randint(0, 0xFFFF):x}" for _ in range(8)]
    groups[0] = rng.choice(["2001", "2a02", "2a00", "2c0f", "2400"])
    form = rng.choice(["full", "compressed", "compressed"])
    if form == "full":
        return ":".join(groups)
    return ":".join(groups[:3]) + "::" + ":".join(groups[6:])


def D(rng: random.Random) -> dict[str, str]:
    """Distractors: numbers and capitals that are no one's personal data."""
    return {
        "order": rng.choice(
            [
                f"#{rng.randint(100000, 999999)}",
                f"ORD-{rng.randint(2020, 2026)}-{rng.randint(10000, 99999)}",
                f"A{rng.randint(1000, 9999)}-{rng.choice('BKXZ')}{rng.randint(10, 99)}",
            ]
        ),
        "amount": rng.choice(
            [
                f"€{rng.randint(10, 4999)},{rng.randint(10, 99)}",
                f"${rng.randint(10, 9999)}.{rng.randint(10, 99)}",
                f"{rng.randint(100, 90000):,} PLN",
                f"R {rng.randint(100, 9999)}.00",
                f"₹{rng.randint(1, 99)},{rng.randint(100, 999)}",
                f"CHF {rng.randint(20, 900)}.–",
            ]
        ),
        "time": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        "date": rng.choice(
            [
                f"{rng.randint(1, 28)}/{rng.randint(1, 12):02d}/2025",
                f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                f"{rng.randint(1, 28)} {rng.choice(['March', 'June', 'October', 'January'])} 2025",
            ]
        ),
        "version": rng.choice(
            [
                f"v{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}",
                f"build {rng.randint(1000, 9999)}",
                f"{rng.randint(10, 17)}.{rng.randint(0, 6)}",
            ]
        ),
        "sku": rng.choice(
            [
                f"SKU {rng.randint(1000, 9999)}-BX-{rng.randint(10, 99)}",
                f"Model XR-{rng.randint(100, 990)}",
                f"part no. {rng.randint(10, 99)}-{rng.randint(1000, 9999)}-{rng.choice('ABC')}",
            ]
        ),
        "qty": str(rng.randint(2, 48)),
        "ticket": f"{rng.choice(['INC', 'CS', 'TKT'])}{rng.randint(1000000, 9999999)}",
        "room": str(rng.randint(101, 1420)),
        "flight": f"{rng.choice(['LO', 'RO', 'TK', 'EK', 'QR', 'LH', 'BA'])} {rng.randint(100, 1999)}",
    }


# --- templates: each takes (p: Pick, d: distractors, rng) and returns text with markers -------------------------
def P(kind: str, value: str) -> str:
    return f"⟦{kind}|{value}⟧"


def t_chat(p, d, r):
    return (
        f"Agent: Thanks for contacting us about order {d['order']}. Can I take the name on the account?\n"
        f"Customer: {P('person', p.name)}\nAgent: And the best number to reach you?\nCustomer: {P('phone', p.phone())}\n"
        f"Agent: Great, the refund of {d['amount']} will go back to your card within 5 working days."
    )


def t_crm(p, d, r):
    return (
        f"CRM note {d['date']} {d['time']} – spoke to {P('person', p.name)} ({P('email', p.mail())}). "
        f"Wants the delivery address changed to {P('address', p.addr)}. Ticket {d['ticket']}, priority 2."
    )


def t_label(p, d, r):
    return (
        f"SHIP TO:\n{P('person', p.name.upper() if r.random() < 0.3 else p.name)}\n{P('address', p.addr)}\n"
        f"Tel: {P('phone', p.phone())}\nWeight: {r.randint(1, 30)}.{r.randint(0, 9)} kg   Pieces: {d['qty']}   Ref: {d['order']}"
    )


def pay(p: Pick, r: random.Random) -> str:
    """IBAN where the country has them, else a card number, each with its word."""
    return f"IBAN {P('iban', iban(r, p.code))}" if p.c["iban"] else f"card {P('card', luhn_card(r))}"


def t_transfer(p, d, r):
    return (
        f"Please transfer {d['amount']} to {P('person', p.name)}, {pay(p, r)}, "
        f"reference {d['order']}. Confirm by e-mail to {P('email', p.mail())}."
    )


def t_hr(p, d, r):
    return (
        f"Employee record\nName: {P('person', p.name)}\nHome address: {P('address', p.addr)}\n"
        f"Mobile: {P('phone', p.phone())}\nPersonal e-mail: {P('email', p.mail())}\nGrade: B{r.randint(1, 7)}   Start date: {d['date']}"
    )


def t_hotel(p, d, r):
    return (
        f"Booking confirmed for {P('person', p.name)}: {r.randint(1, 9)} nights from {d['date']}, room {d['room']}, "
        f"total {d['amount']}. Guaranteed with card {P('card', luhn_card(r))}. Arrival by flight {d['flight']} at {d['time']}. "
        f"Contact: {P('phone', p.phone())}"
    )


def t_signature(p, d, r):
    return (
        f"Kind regards,\n\n{P('person', p.name)}\nAccounts Payable\n{P('address', p.addr)}\n"
        f"T {P('phone', p.phone())} | M {P('phone', p.phone())}\n{P('email', p.mail())}"
    )


def t_form(p, d, r):
    return (
        f"Full name: {P('person', p.name)}; Date of application: {d['date']}; Address: {P('address', p.addr)}; "
        f"Phone: {P('phone', p.phone())}; Email: {P('email', p.mail())}; Plan: Premium {d['version']}"
    )


def t_letter(p, d, r):
    return (
        f"Dear {P('person', p.name)},\n\nWe write regarding your claim {d['ticket']}. Our records show your address as "
        f"{P('address', p.addr)}. If this is wrong, please call us on {P('phone', p.phone())} between 9:00 and 17:30.\n\n"
        f"Yours sincerely,\n{P('person', p.other())}\nClaims Team"
    )


def t_log(p, d, r):
    ip = ipv4(r) if r.random() < 0.6 else ipv6(r)
    return (
        f"2026-03-{r.randint(10, 28)}T{d['time']}:{r.randint(10, 59)}Z WARN auth: failed login for user "
        f"{P('email', p.mail())} from {P('ip', ip)} (attempt {r.randint(2, 9)}/10, client {d['version']})"
    )


def t_json(p, d, r):
    return (
        json.dumps(
            {
                "id": r.randint(10000, 99999),
                "customer": "@@N",
                "phone": "@@T",
                "email": "@@E",
                "ip": "@@I",
                "amount": d["amount"],
                "sku": d["sku"],
            },
            ensure_ascii=False,
        )
        .replace('"@@N"', f'"{P("person", p.name)}"')
        .replace('"@@T"', f'"{P("phone", p.phone())}"')
        .replace('"@@E"', f'"{P("email", p.mail())}"')
        .replace('"@@I"', f'"{P("ip", ipv4(r))}"')
    )


def t_csv(p, d, r):
    return (
        f'id,name,street_address,phone,iban\n{r.randint(1, 999)},{P("person", p.name)},"{P("address", p.addr)}",'
        f"{P('phone', p.phone())},{P('iban', iban(r, p.code)) if p.c['iban'] else P('card', luhn_card(r))}"
    )


def t_oneliner(p, d, r):
    return r.choice(
        [
            f"My number is {P('phone', p.phone())}, text me after {d['time']}.",
            f"Send the parcel to {P('address', p.addr)} please.",
            f"{P('person', p.name)} lives at {P('address', p.addr)}.",
            f"You can reach {P('person', p.first)} at {P('email', p.mail())}.",
            f"card: {P('card', luhn_card(r))} exp {r.randint(1, 12):02d}/{r.randint(27, 31)} cvv {r.randint(100, 999)}",
            f"Call me on {P('phone', p.phone())} or WhatsApp {P('phone', p.phone())}",
            f"Fax: {P('phone', p.phone())}",
            f"The server at {P('ip', ipv4(r))} belongs to {P('person', p.name)}.",
        ]
    )


def t_whatsapp(p, d, r):
    return (
        f"[{d['date']}, {d['time']}] {P('person', p.first)}: hiya its {P('person', p.first)} from the gym, new number "
        f"{P('phone', p.phone())}\n[{d['date']}, {d['time']}] Me: ok saved x\n"
        f"[{d['date']}, {d['time']}] {P('person', p.first)}: im at {P('address', p.addr)} if u want to drop it round"
    )


def t_invoice(p, d, r):
    return (
        f"INVOICE {d['order']}\nBill to: {P('person', p.name)}, {P('address', p.addr)}\n"
        f"{d['qty']} x {d['sku']} @ {d['amount']}\nPay to {pay(p, r)}\nQueries: {P('email', p.mail())}"
    )


def t_police(p, d, r):
    return (
        f"Witness {P('person', p.name)} (dob withheld) of {P('address', p.addr)} gave a statement at {d['time']}. "
        f"Contact no. {P('phone', p.phone())}. She described a dark {r.choice(['Ford Focus', 'VW Golf', 'Toyota Yaris'])}."
    )


def t_card_dispute(p, d, r):
    return (
        f"Cardholder {P('person', p.name)} disputes a charge of {d['amount']} on {P('card', luhn_card(r))} made on {d['date']} "
        f"from IP {P('ip', ipv4(r) if r.random() < 0.5 else ipv6(r))}. Merchant ref {d['order']}."
    )


def t_emailhead(p, d, r):
    return (
        f"From: {P('person', p.name)} <{P('email', p.mail())}>\nTo: {P('email', 'support@shop-example.com')}\nSubject: Order {d['order']} not delivered\n\n"
        f"Hi, I still have not received my {d['sku']}. My address is {P('address', p.addr)}. "
        f"Phone {P('phone', p.phone())}."
    )


def t_pipe(p, d, r):
    return (
        f"{P('person', p.last.upper())}, {P('person', p.first)} | {P('phone', p.phone())} | {P('email', p.mail())} | {P('address', p.addr)}"
    )


TEMPLATES: list[Callable] = [
    t_chat,
    t_crm,
    t_label,
    t_transfer,
    t_hr,
    t_hotel,
    t_signature,
    t_form,
    t_letter,
    t_log,
    t_json,
    t_csv,
    t_oneliner,
    t_whatsapp,
    t_invoice,
    t_police,
    t_card_dispute,
    t_emailhead,
    t_pipe,
    t_oneliner,
]

NEGATIVE = [
    "Your order {order} has shipped and should arrive by {date}. Total charged: {amount}.",
    "Release {version} fixes the crash on startup; upgrade from {version2} is recommended.",
    "Meeting moved to {time} in Room {room}. Please bring the Q3 figures.",
    "{sku} is back in stock: {qty} units at {amount} each.",
    "Flight {flight} departs at {time} from Gate B{qty}. Boarding closes 20 minutes before.",
    "Ticket {ticket} closed: Customer Satisfaction Survey sent. Resolution time {qty} hours.",
    "ERROR 500 at {time}: upstream timeout after 30000 ms (worker {qty}, build {room})",
    "The Annual General Meeting of the Board will take place on {date} at the Head Office.",
    "Step 3: tighten the M{qty} bolts to 25 Nm and reconnect the 12 V supply.",
    "Invoice total {amount} incl. VAT 23%. Payment terms: 30 days net. PO {order}.",
    "Population of the district rose by {qty}% between 2011 and 2021, to 1,284,330.",
    "New Year Sale: Up To 70% Off All Winter Coats, {date} Only!",
    "Temperature {qty}°C, wind 14 km/h NW, humidity 63%, pressure 1013 hPa.",
    "Table 4 shows results for n = {room} participants (p < 0.05, 95% CI 1.2-3.4).",
    "Tracking: parcel {ticket} left the sorting centre at {time} and is In Transit.",
]


def build(seed: int = 15) -> list[dict]:
    rng = random.Random(seed)
    records = []
    codes = list(C)
    i = 0
    for round_ in range(11):
        for code in codes:
            template = TEMPLATES[(i * 7 + round_) % len(TEMPLATES)]
            p = Pick(rng, code)
            marked = template(p, D(rng), rng)
            text, labels = strip(marked)
            records.append(
                {"doc_id": f"blind-{len(records):04d}", "country": code, "frame": template.__name__[2:], "text": text, "entities": labels}
            )
            i += 1
    for k in range(30):
        d = D(rng)
        d["version2"] = D(rng)["version"]
        text = NEGATIVE[k % len(NEGATIVE)].format(**d)
        records.append({"doc_id": f"blind-{len(records):04d}", "country": "", "frame": "negative", "text": text, "entities": []})
    rng.shuffle(records)
    return records


def main() -> int:
    return write(build(), OUT)


if __name__ == "__main__":
    raise SystemExit(main())
