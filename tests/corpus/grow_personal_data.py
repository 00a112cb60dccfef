"""Issue 23: the rows added to personal_data.csv after its 176 hand-written ones, written once
from these lists (names of eleven origins crossed with sentence shapes of FOI answers, plus
addresses, written-out e-mails and phones, and near misses). Kept so the added rows can be
read as what they are: template-made, by the same session that widened the patterns (so the
scores on them are development scores, not a held-out measure). Run once; the CSV is the record."""

import csv
import sys
from pathlib import Path

NAMES = {  # origin: (given name, surname) pairs
    "Welsh": [
        ("Siân", "Llewelyn-Jones"),
        ("Rhys", "ap Gwilym"),
        ("Dafydd", "Prydderch"),
        ("Gwenllian", "Thomas"),
        ("Eleri", "Pugh"),
        ("Iolo", "ab Iorwerth"),
        ("Cerys", "Bowen"),
        ("Aled", "Rhydderch"),
    ],
    "Irish": [
        ("Siobhán", "Ó Súilleabháin"),
        ("Niamh", "O'Sullivan"),
        ("Aoife", "Ní Bhriain"),
        ("Seán", "Mac Giolla"),
        ("Caoimhe", "McCarthy"),
        ("Oisín", "Ó Briain"),
        ("Róisín", "Kavanagh"),
        ("Pádraig", "Ó Néill"),
    ],
    "Scottish Gaelic": [
        ("Mairead", "NicLeòid"),
        ("Eilidh", "MacLeod"),
        ("Calum", "MacAoidh"),
        ("Iain", "MacDhòmhnaill"),
        ("Seònaid", "Caimbeul"),
        ("Ruairidh", "Mackenzie"),
        ("Catrìona", "Moireasdan"),
        ("Alasdair", "MacIllEathain"),
    ],
    "Polish": [
        ("Łukasz", "Wiśniewski"),
        ("Małgorzata", "Kowalczyk"),
        ("Zbigniew", "Wójcik"),
        ("Agnieszka", "Dąbrowska"),
        ("Paweł", "Lewandowski"),
        ("Krzysztof", "Zieliński"),
        ("Katarzyna", "Szymańska"),
        ("Wojciech", "Woźniak"),
    ],
    "Urdu/Punjabi": [
        ("Muhammad", "Iqbal"),
        ("Nasreen", "Akhtar"),
        ("Gurpreet", "Sandhu"),
        ("Harjit", "Kaur"),
        ("Rizwan", "Chaudhry"),
        ("Shabana", "Qureshi"),
        ("Manpreet", "Gill"),
        ("Tariq", "Mahmood"),
    ],
    "Somali": [
        ("Abdirahman", "Warsame"),
        ("Hodan", "Farah"),
        ("Fadumo", "Duale"),
        ("Mohamed", "Abdi"),
        ("Ayaan", "Hirsi"),
        ("Khadar", "Jama"),
        ("Sahra", "Egal"),
        ("Abdullahi", "Nur"),
    ],
    "Nigerian": [
        ("Oluwaseun", "Adeyemi"),
        ("Chukwuemeka", "Okafor"),
        ("Ngozi", "Eze"),
        ("Babatunde", "Adebayo"),
        ("Adaeze", "Nwosu"),
        ("Folasade", "Ogunleye"),
        ("Emeka", "Obi"),
        ("Aminu", "Bello"),
    ],
    "Chinese": [
        ("Wei", "Zhang"),
        ("Xiaoming", "Li"),
        ("Mei", "Chen"),
        ("Jun", "Wang"),
        ("Yan", "Liu"),
        ("Hui", "Huang"),
        ("Jing", "Zhou"),
        ("Lei", "Wu"),
    ],
    "Greek": [
        ("Dimitrios", "Papadopoulos"),
        ("Eleni", "Georgiou"),
        ("Konstantinos", "Nikolaidis"),
        ("Sofia", "Papadaki"),
        ("Ioannis", "Christodoulou"),
        ("Anastasia", "Vlachou"),
        ("Γιώργος", "Παπαδόπουλος"),
        ("Katerina", "Alexiou"),
    ],
    "Turkish": [
        ("Mehmet", "Yılmaz"),
        ("Ayşe", "Demir"),
        ("Mustafa", "Çelik"),
        ("Fatma", "Şahin"),
        ("Emre", "Öztürk"),
        ("Zeynep", "Kaya"),
        ("Hüseyin", "Arslan"),
        ("Elif", "Doğan"),
    ],
    "other European": [
        ("João", "Gonçalves"),
        ("Ionuț", "Popescu"),
        ("Žydrūnas", "Kazlauskas"),
        ("Zoë", "Brontë-Smith"),
        ("Björn", "Åström"),
        ("Chloé", "Lefèvre"),
        ("Jiří", "Dvořák"),
        ("Anikó", "Szűcs"),
    ],
}
TITLED = [  # (template, note): {rank} {given} {surname}, a rank/title before the name
    ("{title} {given} {surname} accessed the custody record of a neighbour", "rank + full name"),
    ("Allegation that {title} {surname} disclosed a victim's address to a relative", "rank + surname"),
    ("Misconduct meeting: {title} {caps} – final written warning", "rank + surname in capitals"),
    ("Officer {surname} viewed a crime report about his own street", "'Officer' + surname"),
]
TITLES = ["PC", "Sgt", "DC", "Insp", "PCSO", "DS", "Ch Insp", "Mr", "Ms", "Dr", "Detective Sergeant", "Supt"]
FULL = [
    ("{given} {caps} (police staff) resigned before the hearing", "given name + surname in capitals"),
    ("A letter meant for {given} {surname} was sent to another address", "full name, no title"),
]
LOWER = [("Outcome for {lower_title} {lower}: management advice", "lower-case rank + lower-case surname")]
ADDRESSES = [
    "Papers were left at 14 Acacia Avenue, the home of a witness",
    "The officer visited 3 Heol y Bont without a policing purpose",
    "Details of 221B Baker Street were passed to a neighbour",
    "Victim's address (27 Mill Lane) disclosed to the suspect",
    "Flat 2, 118 Victoria Road was named in an email to the press",
    "The address 9 Sràid na h-Eaglais was read out at the hearing",
    "Checks on the occupants of 41 Park View Crescent",
    "Officer drove past 6 Church Close twice to look at the house",
    "A file with the address 72 Ffordd Penrhos was left in a café",
    "The address of 15 Bóthar na Trá was given to the caller",
    "Intelligence about 5 Manor Farm Road passed to a relative",
    "The complainant lives at 88 Queen's Gardens",
]
EMAILS = [
    "Statement sent to jo dot bloggs at example dot com by mistake",
    "Emailed the file to sian.lj at example.co.uk from a private account",
    "Forwarded to j . smith @ example . org in error",
    "The officer used bob_1978 at hotmail dot co dot uk",
    "Sent to nasreen.akhtar AT example DOT com",
    "Copy of the log emailed to lukasz{at}example{dot}pl",
    "Reply went to m.iqbal at nhs.net instead of the force mailbox",
    "Photograph emailed to aoife dot ni dot bhriain at example dot ie",
]
PHONES = [
    "Caller gave her mobile as zero seven seven zero zero nine zero zero one two three",
    "Number passed on: oh seven nine one one, double two three, four five six",
    "The suspect's number 0 7 7 0 0 9 0 0 4 5 6 was texted to a friend",
    "Landline written as zero one two three four, five six seven eight nine zero",
    "He rang 07700 900 789 from a force phone",
    "Number: +44 7700 900 321 shared on social media",
]
NEAR = [
    "Heddlu Dyfed-Powys disclosed the figures on time",
    "Police Scotland refused under section 12",
    "Heddlu Gogledd Cymru answered in Welsh and English",
    "Gwent Police: no further action",
    "The breach happened at Llandrindod Wells police station",
    "Ynys Môn neighbourhood team",
    "Data Protection Act 2018 section 170 offence",
    "Computer Misuse Act 1990, s.1",
    "Regulation 4 of the Police (Conduct) Regulations 2012",
    "Section 55 of the Data Protection Act 1998",
    "Officer A and Officer B were both given advice",
    "A PC World receipt was found in the vehicle",
    "Chief Constable's Office reviewed the decision",
    "Officer safety training was given to all staff",
    "The PC monitor was left unlocked in the front office",
    "High Street station front counter",
    "Acacia Avenue was closed during the incident",
    "Papers found on Station Road near the custody suite",
    "Patrol along Heol y Bont and Ffordd Penrhos",
    "Sgt (3), PC (12), staff (4)",
    "Data Protection Officer reviewed the breach",
    "Officer in charge of the case was spoken to",
    "The officer said he had a policing purpose",
    "pc was left logged in overnight",
    "sgt checked the log and found no misuse",
    "The Information Commissioner's Office was told",
    "Professional Standards Department: written warning",
    "IOPC independent investigation, no case to answer",
    "12 Road traffic collisions were logged that week",
    "Misuse of the PNC at 3 separate stations",
    "Welsh Language Standards complaint, not a data breach",
    "The Welsh Government was copied in",
    "Mac and PC laptops were both encrypted",
    "At 10.30 the officer logged in",
    "The incident was reported at 9 am",
    "Sent to the force's FOI mailbox",
    "Emailed to the wrong department at headquarters",
    "Phone number withheld",
    "Officer: PC; outcome: NFA",
    "Rank: Sergeant. Outcome: written warning",
    "Detective Constable (DC) role",
    "Police Staff Investigator",
    "Greek Street, London W1 was the location",
    "Turkish translation of the letter was sent",
    "Polish interpreter present at the interview",
    "Somali community liaison meeting",
    "Chinese New Year event on Gerrard Street",
    "Irish Sea crossing records",
    "Scottish Gaelic signage",
    "The Nigerian High Commission was informed",
    "St David's Day duty rota",
    "Canary Wharf office",
    "one officer, two staff and three specials",
    "Zero tolerance approach to misuse",
]


def rows():
    out = []
    for origin, names in NAMES.items():
        for number, (given, surname) in enumerate(names):
            title = TITLES[number % len(TITLES)]
            shape, note = TITLED[number % len(TITLED)]
            caps = surname.upper()
            values = {"title": title, "given": given, "surname": surname, "caps": caps}
            out.append((shape.format(**values), "name_after_title", "flag", note, origin))
            full, note = FULL[number % len(FULL)]
            out.append((full.format(**values), "person_name", "flag", note, origin))
            if " " not in surname and surname.isascii():
                lower_title = ["pc", "sgt", "ds", "dc"][number % 4]
                text = LOWER[0][0].format(lower_title=lower_title, lower=surname.lower())
                out.append((text, "name_after_title", "flag", LOWER[0][1], origin))
    out += [(t, "address", "flag", "house number and street", "") for t in ADDRESSES]
    out += [(t, "email", "flag", "e-mail written out or spaced", "") for t in EMAILS]
    out += [(t, "phone_uk", "flag", "phone in words or spaced", "") for t in PHONES]
    out += [(t, "near_miss", "keep", "issue 23 near miss", "") for t in NEAR]
    return out


if __name__ == "__main__":
    path = Path(sys.argv[1])
    table = list(csv.DictReader(path.open(encoding="utf-8")))
    table = [r | {"origin": r.get("origin", "")} for r in table][:176]
    table += [dict(zip(("text", "kind", "expect", "note", "origin"), row)) for row in rows()]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["text", "kind", "expect", "note", "origin"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
