"""Phrase banks in the wording police forces use in FOI answers (see shared
FOI-FORMATS.md and published disclosure logs). Written from real FOI language, not
from the classifier's rules: the tests measure the rules against these."""

PERSONS = [
    "an ex-partner",
    "a neighbour",
    "a family member",
    "a colleague's partner",
    "a friend",
    "a local business owner",
    "a person known to them",
    "a new partner",
    "a celebrity",
    "a former school friend",
    "a relative",
    "an acquaintance",
    "a footballer",
    "a victim of crime",
]
SYSTEMS = [
    "force systems",
    "the crime recording system",
    "Niche RMS",
    "the intelligence database",
    "the command and control system",
    "the custody system",
    "Storm",
    "the force's records management system",
]
PNC_SYSTEMS = ["PNC", "the Police National Computer", "the PNC"]
INFO = [
    "an ongoing investigation",
    "a domestic incident",
    "a victim's address",
    "a custody record",
    "police intelligence",
    "a vehicle's registered keeper",
    "a crime report",
    "an arrest",
    "a planned operation",
    "a witness statement",
    "a sexual offence investigation",
    "an incident log",
]
RECIPIENTS = [
    "a family member",
    "a friend",
    "his partner",
    "her partner",
    "a member of the public",
    "a known criminal",
    "an associate",
    "a journalist",
    "a neighbour",
    "a relative",
    "a friend of the suspect",
]
DEVICES = [
    "an unencrypted memory stick",
    "a pocket notebook",
    "a force laptop",
    "case papers",
    "a folder of witness statements",
    "a USB stick",
    "a briefing document",
    "a prisoner handover sheet",
]

ACCESS = [
    "Accessed {system} for personal reasons regarding {person}",
    "Conducted checks on {person} on {system} without a policing purpose",
    "Unauthorised checks on {system} relating to {person}",
    "Viewed the incident log relating to {person} out of curiosity",
    "Searched {system} for details of {person}",
    "Carried out inappropriate checks of {person} on {system}",
    "Looked up the address of {person} on {system} with no legitimate policing purpose",
    "Member of staff browsed crime reports involving {person}",
    "Officer queried {system} about {person} for a non-policing purpose",
    "Alleged to have accessed records held about {person} on {system}",
]
ACCESS_PNC = [
    "Carried out a vehicle check on {pnc} for personal reasons",
    "Officer checked {person} on {pnc} without a policing purpose",
    "Unauthorised checks on {pnc} relating to {person}",
]
DISCLOSURE = [
    "Disclosed details of {info} to {recipient}",
    "Passed information about {info} to {recipient}",
    "Shared details of {info} with {recipient}",
    "Posted details of {info} on Facebook",
    "Revealed details of {info} to {recipient}",
    "Leaked information about {info} to the press",
    "Informed {recipient} about {info}",
    "Handed a copy of {info} to {recipient}",
    "Sent a photograph of {info} to {recipient} via WhatsApp",
    "Officer told {recipient} about {info}",
]
DISCLOSURE_PNC = [
    "Obtained details from {pnc} and passed them to {recipient}",
    "Disclosed {pnc} information about {person} to {recipient}",
]
OTHER = [
    "Lost {device} containing personal data",
    "Left {device} unsecured in a public place",
    "Email containing personal data sent to the wrong recipient in error",
    "Insecure disposal of {device}",
    "{Device} stolen from a vehicle",
    "Data Protection breach",
    "Documents containing personal data left in an unlocked office",
    "Fax containing sensitive data misdirected to another department",
]
# The force's label when it has a category column (headline class -> labels).
LABELS = {
    "unauthorised_access": [
        "Unauthorised/ unlawful Access/ Inappropriate check   ",
        "Misuse of Force systems",
        "Misuse of Police system",
        "Unauthorised Vehicle Check",
    ],
    "third_party_disclosure": [
        "Confidentiality: Improper disclosure",
        "Improper Disclosure of Information",
        "breach of confidentiality",
        "Unlawful Obtaining and Disclosure",
    ],
    "other": ["Data Protection Offences/Breach", "Information security", "Loss of data"],
}
MISLEADING_LABEL = "Improper disclosure of information"  # a force labels public complaints so, whatever happened
OUTCOMES = {
    "conviction_or_caution": [
        "Convicted",
        "Cautioned",
        "Convicted at court \u2013 dismissed",
        "Pleaded guilty at Magistrates\u2019 Court, fined",
        "Simple caution",
    ],
    "resignation": ["Resigned", "Resigned prior to hearing", "Retired", "Officer resigned during investigation"],
    "dismissal": ["Dismissed", "Dismissed without notice", "Would have been dismissed had they not resigned"],
    "written_or_verbal_warning": [
        "Written warning",
        "Final Written warning",
        "Final written warning",
        "Verbal warning",
        "First written warning",
    ],
    "no_formal_action": [
        "NFA",
        "No further action",
        "Management advice",
        "\u2018Management Action\u2019",
        "Words of advice",
        "Reflective practice",
        "No case to answer",
        "Not upheld",
        "Advice and guidance given",
        "Dealt with locally by line manager",
    ],
    "other_or_unknown": ["Ongoing", "Pending", "Not recorded", "", "Awaiting misconduct hearing"],
}
ROLES = [
    "PC",
    "SGT",
    "INSP & Above",
    "PCSO",
    "SC",
    "Police Staff",
    "Police officer",
    "civilian employee",
    "Officer/Staff",
    "DC",
    "Police Staff",
    "PC",
]
