"""Templates of the evaluation set: UK-style chat messages, witness statement paragraphs, officer notes, negatives.

Slots in braces become labelled spans (``{PHONE}``) or plain text (``{town}``, lower case). Written from domain
knowledge before the detector was tuned; the ``HELDOUT_*`` lists are only used for the held-out split.

Slots that produce a labelled span (label type in brackets):
  KNOWN_FULL, KNOWN_FIRST, KNOWN_FIRST_LC, KNOWN_ALIAS [person_known]  OTHER_FULL, OTHER_FIRST, OTHER_TITLED,
  OFFICER [person_other]  PHONE [phone]  EMAIL [email]  POSTCODE [postcode]  NINO [nino]  NHS [nhs]  CARD [card]
  SORT, ACCOUNT [bank]  REG [vehicle_reg]  IBAN [iban]  PASSPORT [passport]  DL [driving_licence]  PNC [pnc]
  CRO [cro]  IMEI [imei]  ICCID [iccid]  IP [ip]  MAC [mac]  URL [url]  HANDLE [handle]  DOB [dob]
  ADDRESS [address]  CRIMEREF, URN, CUSTODY, COURTREF [reference]  SC_* [special]
"""

CHAT = [
    "hey its {KNOWN_FIRST_LC} here, new number {PHONE} save it x",
    "{KNOWN_FIRST} said ur going to {OTHER_FULL}'s tonight?",
    "ring me on {PHONE} when ur free",
    "my email is {EMAIL} send me the pics from sat",
    "im at {ADDRESS} come round after 8",
    "did u tell {OTHER_FIRST} about the {SC_THERAPY} thing",
    "she's been on {SC_MEDS} since march and she's not herself",
    "add me on insta {HANDLE}",
    "this is him {URL}",
    "its a silver corsa {REG} parked outside",
    "sort code {SORT} acc {ACCOUNT} just send the 40 quid",
    "omg {OTHER_FULL} is {SC_PREGNANCY}!!",
    "meet at {POSTCODE} at 9",
    "{KNOWN_ALIAS} is doing my head in lol",
    "tell {known_first_lc} to stop messaging me",
    "why did {OTHER_FIRST} give my number to {OTHER_FIRST}",
    "u know {OTHER_FULL} from college? she lives near {POSTCODE}",
    "i told him im {SC_SEXUALITY} and he laughed",
    "mum found out about the {SC_ABORTION}. dont tell {KNOWN_FIRST}",
    "new number is {PHONE} delete the old one",
    "k see u at {KNOWN_FIRST}'s x",
]

HELDOUT_CHAT = [
    "babe its me {KNOWN_FIRST_LC}, phone died, use {PHONE}",
    "{OTHER_FIRST} keeps texting from {PHONE} wtf",
    "my new address is {ADDRESS}",
    "went to the {SC_CLINIC} today with {OTHER_FIRST}",
    "pay it into {SORT} {ACCOUNT} cheers",
    "his snap is {HANDLE} dont add him",
    "email me at {EMAIL} instead",
    "{KNOWN_ALIAS} and {OTHER_FIRST} are coming too",
    # added after the first tuning pass, for categories the held-out split lacked (structured identifiers)
    "postcode for the party is {POSTCODE} x",
    "whats ur ni no again?? {NINO}",
    "ur card is {CARD} lol u left it here",
    "link {URL}",
]

STATEMENT = [
    "My name is {KNOWN_FULL}. I was born on {DOB} and I live at {ADDRESS}.",
    "I have known {KNOWN_FULL} for about three years. We met through {OTHER_FULL} at college in {town}.",
    "{OFFICER} attended and seized my phone, a Samsung Galaxy A52 with IMEI {IMEI}.",
    "I was seen by {OTHER_TITLED} at the walk-in centre. My NHS number is {NHS}.",
    "My National Insurance number is {NINO}.",
    "I transferred the money from my account, sort code {SORT}, account number {ACCOUNT}.",
    "I gave him my bank card, number {CARD}, so he could buy food.",
    "At about 23:40 I received a text from {PHONE}, which I now know belongs to {OTHER_FULL}.",
    "The payment went to the IBAN {IBAN}.",
    "My passport number is {PASSPORT} and it is kept at my mum's house.",
    "I have been having {SC_THERAPY} with {OTHER_TITLED} since 2021 because of what happened.",
    "I am {SC_RELIGION} and I do not drink, so I was sober that night.",
    "He told me he was {SC_SEXUALITY} and that nobody knew.",
    "I later found out that {OTHER_FULL} has {SC_RECORD} for assault.",
    "{OTHER_FULL} told me that her family are {SC_ETHNIC} and that her dad would not approve.",
    "I was diagnosed with {SC_MENTAL} when I was sixteen and I take {SC_MEDS}.",
    "{KNOWN_FIRST} drove us there in a black Audi, registration {REG}.",
    "I would describe {OTHER_FULL} as white, about 5 foot 10, with short dark hair.",
    "On Saturday 14 October I went to {OTHER_FULL}'s flat at {ADDRESS} with {KNOWN_FIRST}.",
    "I have read this statement and I am willing to attend court. Signed {KNOWN_FULL}.",
    "He messaged me on Instagram from the account {HANDLE} and sent a link {URL}.",
    "My email address is {EMAIL} and my mobile is {PHONE}.",
    "I found out I was {SC_PREGNANCY} in January and told {KNOWN_FIRST} straight away.",
]

HELDOUT_STATEMENT = [
    "I am {KNOWN_FULL} and my date of birth is {DOB}. I live at {ADDRESS} with my two children.",
    "I went to my GP, {OTHER_TITLED}, and told her about the {SC_MENTAL}.",
    "The man I now know as {OTHER_FULL} was standing by a white van, {REG}.",
    "My new mobile number is {PHONE}; the police have it.",
    "He said that {OTHER_FULL} had {SC_IMMIGRATION} and was scared of being deported.",
    "I spoke to {OFFICER} on the phone the next morning.",
    "She has an NHS number of {NHS} on the letter from the hospital.",
    # added after the first tuning pass, for categories the held-out split lacked
    "The flat is in the {POSTCODE} area, above a takeaway.",
    "My national insurance number, {NINO}, was on the payslip he took.",
    "He had my debit card, {CARD}, for about a week.",
    "He kept my passport, number {PASSPORT}, in his car.",
]

NOTES = [
    "Suspect: {OTHER_FULL}, DOB {DOB}, of {ADDRESS}. PNC ID {PNC}.",
    "Device examined: iPhone 13, IMEI {IMEI}, SIM ICCID {ICCID}.",
    "Router MAC {MAC}; public IP address {IP} at the time of the upload.",
    "E-mail received from {EMAIL} at 21:14 on 03/02/2024.",
    "Vehicle {REG} captured on ANPR at junction 32 of the M62.",
    "{OFFICER} spoke to the complainant at her home address.",
    "Crime reference {CRIMEREF}. CPS URN {URN}.",
    "Custody record number {CUSTODY}. Case listed at Crown Court as {COURTREF}.",
    "Third party {OTHER_FULL} has a CRO number {CRO} and a PNC record {PNC}.",
    "Driving licence number {DL} produced at the roadside.",
    "Witness {OTHER_FULL} can be contacted on {PHONE} or at {EMAIL}.",
    "{OTHER_FULL}'s national insurance number {NINO} appears on the payslip at page 4.",
    "Complainant's card ending shown in full as {CARD} on the bank statement.",
]

HELDOUT_NOTES = [
    "Subject {OTHER_FULL} (DOB {DOB}), PNC {PNC}, CRO {CRO}.",
    "Handset IMEI {IMEI} with SIM {ICCID} seized by {OFFICER}.",
    "Account IBAN {IBAN} belongs to {OTHER_FULL}.",
    "Occurrence {CRIMEREF} refers; URN {URN}.",
    "Wi-Fi access point {MAC} associated with IP {IP}.",
    # added after the first tuning pass, for categories the held-out split lacked
    "DVLA check on licence {DL} returned a match; keeper at {POSTCODE}.",
    "Nominal's NI {NINO}; card {CARD} recovered from the vehicle {REG}.",
]

NEGATIVE = [
    "The hearing is listed for 14 March 2024 at Leeds Crown Court, Court 3.",
    "Section 41 of the Youth Justice and Criminal Evidence Act 1999 applies to this material.",
    "Pages 1 to 30 of bundle B were reviewed on Monday morning.",
    "Total cost £1,250.00 including VAT at 20%.",
    "The last train leaves Platform 4 at 17:45 on weekdays.",
    "Windows 10 build 19045 was installed on the laptop in 2022.",
    "lol see you at 7 x",
    "Happy Birthday!!! 21 today 🎉",
    "Order 4402 has been dispatched and should arrive by Friday.",
    "The meeting is at 10:30 in Conference Room B on the 3rd floor.",
    "Christmas Day falls on a Wednesday this year.",
    "Exhibit list updated: 12 items, 3 photographs, 1 disc.",
    "The film starts at 8.15 and finishes at 10.40.",
    "Chapter 7 covers the Criminal Procedure Rules 2020, Part 15.",
    "Scored 3-1 in the second half, what a game",
    "Version 2.3.1 of the app was released in June.",
    "Temperature was 14 degrees with light rain from the West.",
    "See paragraph 12.3 and Annex B of the MG6 guidance.",
    "The Royal Mail depot closes at 6pm on Saturdays.",
    "We ordered 2 large pizzas and a 1.5 litre bottle of Coke.",
    "ok ok I'll be there in 10 mins",
    "Interview commenced 14:02, concluded 14:47, tape reference counter 00:45:10.",
    "The Home Office Counting Rules were updated in April 2023.",
    "Good Morning Britain was on in the background.",
]

HELDOUT_NEGATIVE = [
    "The Crown Prosecution Service guidance was revised on 1 January 2024.",
    "Flight BA 1442 departs Terminal 5 at 06:20.",
    "It costs 4.99 a month after the 30 day trial.",
    "Question 5 of the MG11 form was left blank.",
    "The Premier League table has Arsenal on 45 points after 20 games.",
    "Open 9 till 5, Monday to Friday, except Bank Holidays.",
]

SPECIAL = {
    "SC_THERAPY": ["counselling", "therapy", "CBT", "counselling sessions", "trauma therapy", "ISVA support"],
    "SC_MEDS": ["antidepressants", "sertraline", "fluoxetine", "the pill", "methadone", "diazepam"],
    "SC_PREGNANCY": ["pregnant", "expecting"],
    "SC_ABORTION": ["abortion", "termination", "miscarriage"],
    "SC_SEXUALITY": ["gay", "bisexual", "a lesbian", "trans", "bi"],
    "SC_RELIGION": ["Muslim", "a practising Catholic", "Sikh", "Jewish", "a Jehovah's Witness", "Hindu"],
    "SC_RECORD": ["previous convictions", "a criminal record", "a caution", "a suspended sentence"],
    "SC_ETHNIC": ["Pakistani", "Traveller", "Gypsy", "Nigerian", "Bangladeshi", "Roma"],
    "SC_MENTAL": ["depression", "anxiety", "PTSD", "bipolar disorder", "an eating disorder", "self-harm"],
    "SC_CLINIC": ["sexual health clinic", "GUM clinic", "mental health team", "psychiatrist"],
    "SC_IMMIGRATION": ["no leave to remain", "an asylum claim", "overstayed his visa", "refugee status"],
}
