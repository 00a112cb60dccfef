"""Build the labelled development corpus: tests/corpus/incidents.csv and outcomes.csv.

Every row below was written by hand, paraphrasing the wording of public UK police FOI
disclosure logs, misconduct outcome notices, ICO enforcement notices and court reports
(see README.md for the sources). Labels follow the DEFINITIONS in
policebreaches/resources/codebook.yaml, not what the regex rules currently do.

Run: .venv/bin/python tests/corpus/build_split.py
Rows are shuffled and given ids with random.Random(2016); the dev/test split (about
60/40) is then drawn with the same generator, stratified by label and by hard-case kind.
The test split is frozen: never tune rules on it.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 2016
TEST_SHARE = 0.4
SRC = {"dl": "disclosure_log", "mo": "misconduct_outcome", "ico": "ico_notice", "cr": "court_report"}

INCIDENTS: list[dict] = []


def _add(label, desc, kind, src, why, pnc, cat):
    INCIDENTS.append(
        dict(force_category=cat, description=desc, breach_type=label, pnc=pnc, why=why, source_kind=SRC[src], kind=kind)
    )


def ua(desc, kind="easy", src="dl", why="", pnc=False, cat=""):
    _add("unauthorised_access", desc, kind, src, why, pnc, cat)


def td(desc, kind="easy", src="dl", why="", pnc=False, cat=""):
    _add("third_party_disclosure", desc, kind, src, why, pnc, cat)


def ot(desc, kind="easy", src="dl", why="", pnc=False, cat=""):
    _add("other", desc, kind, src, why, pnc, cat)


UNAUTH = "Unauthorised/ unlawful Access/ Inappropriate check  "
IMPROPER = "Improper disclosure of information"

# ---------------------------------------------------------------- unauthorised access
ua("PC viewed the Niche record of a road death involving a family friend")
ua("Officer opened a STORM log about a disturbance in his own street with no policing reason")
ua("Member of police staff searched Athena for her own name and address")
ua("Accesed crime report relating to ex-wife's new partner", kind="typo")
ua("Checked the intel system for details of daughter's boyfriend")
ua("Staff member looked up a colleague's home address on the duties system")
ua("PCSO browsed custody records of people from her estate")
ua("Sgt ran a name check on a prospective tenant")
ua("Officer used force systems to find out where an ex-girlfriend now lives")
ua("Repeated searches of Niche nominal records for a former partner over 18 months")
ua("Unauthorised checks against the force intelligence system on neighours in a parking dispute", kind="typo")
ua("Viewed STORM incident involving a local footballer – curiosity")
ua("Officer interrogated the crime system about an assault on his brother")
ua("Call handler opened command and control logs relating to a celebrity arrest")
ua("Audit flagged searches on the custody system of a man she had met online")
ua("Staff member looked at the domestic abuse history of her sister's partner")
ua("Audit identified 212 inappropriate searches by the officer over three years")
ua("Accessed the record of a high-profile murder although not part of the enquiry team")
ua("PC researched a new partner on force databases at the start of the relationship")
ua(
    "Officer checked own crime report to see how the investigation was progressing",
    why="looking at one's own case without a policing purpose is still unauthorised access",
)
ua("Viewed intelligence held on himself", why="own record, no policing purpose")
ua("Member of staff accessed records of a child in her son's class")
ua("Special constable viewed an incident log about his employer")
ua("Looked at the log for a sudden death at her neighbour's address")
ua(
    "Searched for the vehicle of a man who had cut him up on the motorway",
    kind="not_pnc",
    why="vehicle search but the PNC is not named",
)
ua(
    "Vehicle check carried out without authorisation on a car parked outside her home",
    kind="not_pnc",
    why="vehicle check; PNC not named, so pnc=false",
)
ua("PNC check on ex-partner's car", kind="pnc", pnc=True)
ua(
    "Used the PNC to trace the current address of a man who owed him money",
    kind="pnc",
    pnc=True,
    why="traced but nothing passed on",
)
ua("Ran daughter's new boyfriend through PNC", kind="pnc", pnc=True)
ua("Officer carried out a P.N.C. check on the previous keeper of his own car", kind="pnc", pnc=True)
ua("Conducted Police National Computer checks on two men he had argued with in a pub", kind="pnc", pnc=True)
ua("Pnc searches on family members, no policing purpose identified", kind="pnc", pnc=True)
ua("Used the police national computer to see whether a new colleague had previous convictions", kind="pnc", pnc=True)
ua("Checked the PNC and force intelligence for a man his sister was dating", kind="pnc", pnc=True)
ua("PNC bureau operator made unauthorised enquiries about a television personality on the PNC", kind="pnc", pnc=True)
ua("Accessed PND to look up an ex-partner", kind="not_pnc", why="PND (Police National Database) is not the PNC")
ua(
    "Searched the Police National Database for a friend's new husband",
    kind="not_pnc",
    why="Police National Database, not the Police National Computer",
)
ua("ANPR records searched to track the movements of her husband's car", kind="not_pnc", why="ANPR is not the PNC")
ua(
    "Member of the PNC bureau looked up a neighbour on Niche",
    kind="not_pnc",
    why="PNC named only as the person's unit; the check was on Niche",
)
ua("Officer viewed BWV footage of the arrest of a well known local man for no policing purpose")
ua("Looked at images attached to a sexual offence report he was not involved in")
ua("Accessed the child protection database regarding grandchildren")
ua("Checked on the progress of a burglary at his parents' house")
ua("Conducted multiple checks on his own name on Niche prior to vetting")
ua("Opened the missing person report of a school friend")
ua("Staff member queried the firearms licensing system about a neighbour's certificate")
ua("Looked up details of a member of the public who had complained about him")
ua("Viewed log of incident at pub where she had been drinking the night before")
ua("Read the intelligence on a man who had assaulted her son")
ua("Searching of systems to monitor an investigation into his own conduct")
ua(
    "It is alleged that between March and August the officer made numerous checks on force systems relating to"
    " a woman he had met whilst on duty, without a policing purpose.",
    src="mo",
)
ua(
    "The officer accepted that he had viewed the crime report concerning his partner\u2019s ex-husband, stating he "
    "was worried for her safety. No policing purpose was identified.",
    src="mo",
)
ua(
    "On several occasions PC B searched police computer systems for their own details and for records of co-workers.",
    src="mo",
)
ua(
    "Having met a person through work and formed a relationship, the staff member went on to view that "
    "person\u2019s charge sheet, licence conditions and offender registration details.",
    src="mo",
)
ua(
    "Officer opened a log about image-based abuse reported by a woman he had dealt with before, ahead of it "
    "being allocated; none of the material went any further",
    kind="negation",
    src="mo",
    why="viewing only; explicitly not shared",
)
ua(
    "The staff member viewed a domestic incident log concerning her own family and then told supervision she "
    "had never searched it.",
    src="mo",
)
ua(
    "Sgt accessed the STORM log of an incident involving his son, claiming welfare concerns; gross misconduct found.",
    src="mo",
)
ua("Alleged to have conducted \u2018nosey\u2019 checks on a fatal stabbing while on restricted duties", src="mo")
ua(
    "The officer used the intelligence system to view information on associates of a suspected drug dealer "
    "with whom she was in a relationship",
    src="mo",
    why="access only; no onward disclosure stated",
)
ua("Special Constable made enquiries on force systems about a person who had reported her partner to police", src="mo")
ua(
    "The court heard the constable had run checks on the PNC against his girlfriend\u2019s former partners",
    kind="pnc",
    src="cr",
    pnc=True,
)
ua(
    "Pleaded guilty to seven counts of causing a computer to perform a function to secure unauthorised access,"
    " having searched Niche on partners and their exes",
    src="cr",
)
ua(
    "Magistrates were told the civilian call handler used control room computers to look into her friends "
    "during quiet periods",
    src="cr",
)
ua(
    "Admitted three offences under the Computer Misuse Act after checking the criminal record of a woman he was seeing",
    src="cr",
)
ua(
    "The special constable used the police criminal records database to check the backgrounds of two "
    "workmates at her second job whom she suspected of stealing",
    src="cr",
)
ua(
    "Sergeant trawled the database to follow the criminal enquiry into himself and e-mailed documents to his "
    "own account",
    kind="internal_sharing",
    src="cr",
    why="sent to himself, not to a third party",
)
ua(
    "The court was told the officer searched for his ex-wife\u2019s address on the PNC on 14 occasions",
    kind="pnc",
    src="cr",
    pnc=True,
)
ua(
    "He admitted unlawfully obtaining personal data, having checked on people he knew using police systems",
    src="cr",
    why="s55 'obtaining' = access; no disclosure stated",
)
ua(
    "Jailed after admitting Computer Misuse Act offences for searching police records about women he had met on duty",
    src="cr",
)
ua("The court heard the detective made over 300 database searches unconnected to any investigation", src="cr")
ua(
    "Prosecutor said the former PC went into police systems to find the new address of a woman who had ended "
    "their relationship",
    src="cr",
)
ua("ICO prosecution: a former civilian employee viewed the records of family and friends without authority", src="ico")
# negations: the access happened, the disclosure did not (or was not shown)
ua(
    "Officer viewed a crime report concerning his neighbour. No evidence he told anyone about its contents",
    kind="negation",
    why="negated disclosure; access admitted",
)
ua(
    "Staff member accessed the log of her cousin's arrest; allegation that details were passed on NOT substantiated",
    kind="negation",
    why="negated disclosure; access happened",
)
ua(
    "Viewed intelligence on a local family \u2013 there is nothing to show the information was shared",
    kind="negation",
    why="negated disclosure",
)
ua(
    "Checked PNC for her brother-in-law. It could not be shown that she disclosed the result to her sister",
    kind="negation",
    pnc=True,
    why="disclosure not proven; PNC access happened",
)
ua(
    "PC researched a suspect in his brother's assault; no evidence of disclosure to the family",
    kind="negation",
    why="negated disclosure",
)
ua(
    "Accessed records relating to a friend's son \u2013 did not pass any information on",
    kind="negation",
    why="negated disclosure",
)
ua(
    "Looked up the address of a witness; investigation found it was never given to the defendant",
    kind="negation",
    why="negated disclosure",
)
ua(
    "Viewed STORM logs relating to her ex. Alleged disclosure to his new partner unproven",
    kind="negation",
    why="disclosure unproven; access happened",
)
ua(
    "No evidence he told his sister; he admitted opening the custody record",
    kind="negation",
    why="negation comes first; access admitted",
)
ua(
    "Niche searches on a celebrity staying at a local hotel, not leaked to the press as alleged",
    kind="negation",
    why="negated leak",
)
ua(
    "Staff member opened her own intelligence record; the complaint that she had informed her partner was not upheld",
    kind="negation",
    why="disclosure allegation not upheld",
)
ua(
    "Complainant believed the PCSO had shared his conviction with neighbours; audit showed only that she had viewed it",
    kind="negation",
    why="audit shows viewing only",
)
ua(
    "Accessed details of the victim in a case at her son's school but did not discuss them with other parents",
    kind="negation",
    why="negated disclosure",
)
ua(
    "Looked at a domestic log about his brother-in-law \u2013 no onward sharing found",
    kind="negation",
    why="negated disclosure",
)
# force label says disclosure; description says only viewing
ua(
    "Looked at an incident record about a boundary dispute next door",
    kind="label_conflict",
    cat=IMPROPER,
    why="label says disclosure, description says viewing only",
)
ua(
    "Viewed the crime report about a theft from his father's van",
    kind="label_conflict",
    cat="Improper Disclosure of Information",
    why="label misleading: viewing only",
)
ua(
    "Member of the public alleges officer looked at her records",
    kind="label_conflict",
    cat=IMPROPER,
    why="public-complaint label; description is access",
)
ua(
    "Staff checked own address history on Niche",
    kind="label_conflict",
    cat="breach of confidentiality",
    why="label says confidentiality; description is access",
)
ua(
    "Opened the log of an RTC involving her son",
    kind="label_conflict",
    cat="Confidentiality: Improper disclosure",
    why="label misleading: viewing only",
)
ua(
    "Obtained details of a vehicle's keeper on the PNC for personal use; no onward disclosure",
    kind="label_conflict",
    cat="Unlawful Obtaining and Disclosure",
    pnc=True,
    why="label says disclosure but description negates it",
)
ua(
    "Complainant alleges PC accessed her details following a custody dispute",
    kind="label_conflict",
    cat=IMPROPER,
    why="label misleading: access only",
)
ua(
    "Browsed a domestic log involving a colleague",
    kind="label_conflict",
    cat="Improper disclosure of information ",
    why="label misleading: viewing only",
)
ua(
    "Searched for the details of his landlord",
    kind="label_conflict",
    cat="Breach of Confidentiality",
    why="label says confidentiality; description is a search",
)
ua(
    "PCSO checked the warning markers on a relative's address",
    kind="label_conflict",
    cat="Improper Disclosure of Information",
    why="label misleading: check only",
)
ua(
    "Allegation from the public: officer looked into complainant's previous calls to police",
    kind="label_conflict",
    cat=IMPROPER,
    why="label misleading: access only",
)
ua(
    "Unauthorised search of custody imaging for a school friend's photo",
    kind="label_conflict",
    cat="Disclosure of information",
    why="label says disclosure; description is a search",
)
ua(
    "View of log \u2013 nil disclosure",
    kind="label_conflict",
    cat="breach of confidentiality",
    why="explicitly no disclosure",
)
ua(
    "Accessed STORM re: a fight outside his local pub, nothing passed on",
    kind="label_conflict",
    cat=IMPROPER,
    why="label misleading; negated disclosure",
)
ua(
    "Looked up a member of the public who had made a complaint against her",
    kind="label_conflict",
    cat="Improper Disclosure of Information",
    why="label misleading: look-up only",
)
ua(
    "Queried Athena for a victim's details after an incident he was not assigned to",
    kind="label_conflict",
    cat=IMPROPER,
    why="label misleading: query only",
)
ua(
    "Looked at the file of a high-profile rape case out of interest",
    kind="label_conflict",
    cat="Leak of information",
    why="label says leak; description is viewing",
)
ua(
    "Viewed the intelligence report on an associate; not passed to anyone",
    kind="label_conflict",
    cat=IMPROPER,
    why="label misleading; negated disclosure",
)
ua(
    "Read a restricted report on a fellow officer's misconduct case",
    kind="label_conflict",
    cat="Confidentiality: disclosure",
    why="label says disclosure; description is reading",
)
ua("ran name check on his tenant", kind="label_conflict", cat=IMPROPER, why="label misleading: check only")
ua(
    "Confidentiality: viewed a log about a collision involving a relative",
    kind="label_conflict",
    why="force label words inside the description; the act is viewing",
)
ua(
    "Improper Disclosure of Inf.: viewed a record of an argument between neighbours",
    kind="label_conflict",
    why="label prefix says disclosure; the act is viewing",
)
ua(
    "Improper disclosure of info \u2013 complainant says officer viewed her son\u2019s file",
    kind="label_conflict",
    why="label prefix misleading; the act is viewing",
)
ua(
    "PNC checked for personal reasons",
    kind="label_conflict",
    cat="Unlawful Obtaining and Disclosure",
    pnc=True,
    why="description speaks (access); label ignored",
)
ua(
    "Viewed a crime report concerning an ex-colleague",
    kind="label_conflict",
    cat="Passing information",
    why="label says passing; description is viewing",
)
# more access, varied verbs and systems
ua("Pulled up the Niche occurrence for a stabbing near her home")
ua(
    "Printed off a copy of an intelligence log concerning her ex-husband and kept it at home",
    why="obtained and kept; not passed to anyone",
)
ua("Perused custody records of prisoners from his home village")
ua("Made enquiries on PNC and Niche about the man who bought his car", kind="pnc", pnc=True)
ua("PNC vehicle enquiry on a car belonging to a parent at his children's school", kind="pnc", pnc=True)
ua("Several unauthorised Pnc checks on a number plate seen near his house", kind="pnc", pnc=True)
ua("Multiple checks of PNC - ex partner", kind="pnc", pnc=True)
ua("Interrogated the Police National Computer for details of his wife's ex", kind="pnc", pnc=True)
ua("Officer undertook PNC checks on himself prior to applying for a firearms certificate", kind="pnc", pnc=True)
ua("Conducted PNC & PND searches on a neighbour", kind="pnc", pnc=True, why="PNC named alongside PND")
ua("Searched the PNC for his brother's conviction history", kind="pnc", pnc=True)
ua("Looked at STORM for details of a call made by her mother")
ua("Accessing the intelligence database to check whether a friend was under investigation", why="no tip-off stated")
ua("Staff accessed record of a sexual assault on a colleague")
ua("Viewing of a domestic violence record relating to her own relationship")
ua("Inappropriate check on ex-partner's new girlfriend")
ua("Unauthorised access \u2013 Niche \u2013 nominal relating to step-son")
ua("Unathorised access of a colleague's personnel file", kind="typo")
ua("Officer looked into an incident involving his wife at work")
ua("Enquiries on force systems in relation to a property she intended to buy")
ua("Used police systems to find out whether the driver who hit her car was insured")
ua("Call taker viewed the 999 call record of a friend's overdose")
ua("Researched the man who had been harassing his daughter instead of reporting it")
ua("Officer kept track of a crime his son was suspected of by opening the report daily")
ua("Investigator viewed a file restricted to the major incident team")
ua("Examined custody CCTV of a detainee known to her")
ua("Repeated access to the log of a missing teenager from her street")
ua("Member of staff looked through old crime reports involving her family to \u201csee what was there\u201d")
ua("Checked the records of a man who had made a complaint about a friend")
ua("Officer conducted an address check on a woman he'd met on a dating app")
ua("Searched systems for a man she had met on a night out")
ua("Looked up a delivery driver after a dispute over a parcel")
ua("Accessed Athena for information on a person who had borrowed money from his partner")
ua("Unauthorised access to the intelligence database; subject is a relative")
ua(
    "Multiple views of a fatal collision log by staff in the control room",
    kind="multi_incident",
    why="several people, all viewing",
)
ua(
    "Nine officers viewed the report of a celebrity's arrest without any involvement",
    kind="multi_incident",
    why="nine separate accesses, none disclosed",
)
ua(
    "Viewed ex-partner's record and also researched her new boyfriend on the same shift",
    kind="multi_incident",
    why="two accesses",
)
ua(
    "Checked the address of an ex, then the address of her new partner, then her parents",
    kind="multi_incident",
    why="three look-ups, no disclosure",
)
ua(
    "Viewed records of a drugs operation whilst not part of the team; also looked up the target's family",
    kind="multi_incident",
    why="two accesses, no disclosure",
)
ua("Unauthorised look-ups (x14) of celebrities' custody photos")
ua("Officer viewed several logs involving a local councillor")
ua("Viewed incident log for a domestic at her brother's house; welfare reason not accepted")
ua("Checked systems for her own son after he failed to come home", why="personal reason even if well-meant")
ua("Misused force systems to get hold of a former partner's new address")
ua("Looked up the home address of a referee after a Sunday league match")
ua("Conducted a check on a resident of a traveller site who had been rude to her")
ua("Checks completed on a woman who had reported him for careless driving")
ua("PCSO checked her own address for any warning markers")
ua("OFFICER CONDUCTED CHECKS ON HIS EX PARTNER")
ua("Viewd occurrence relating to her landlord", kind="typo")
ua(
    "Officer accessed  Niche  for information about his daughter\u2019s school friend",
    kind="typo",
    why="doubled spaces",
)
ua("Staff member searched for herself and her husband on the force\u00a0system", kind="typo", why="non-breaking space")
ua("Inappropriate use of STORM \u2013 viewed incidents at her own address")
ua("Accessed the crime system re a case involving her nephew \u2013 no policing purpose")
ua("Sergeant looked into intelligence about the new partner of his ex-wife")
ua("PC looked into the background of a man who had been seeing his daughter")
ua("Used work systems to check on a man who had been in a fight with her brother")
ua("Staff member checked the address of a woman who had sold her a car")
ua("Officer made a search of Athena in relation to a family feud")
ua("Viewing records on a member of a local football club for personal reasons")
ua("Two checks on the custody system for a prisoner who was a friend", kind="multi_incident", why="two accesses")
ua("Detective searched for files on an investigation at his wife's employer")
ua("Staff member accessed an incident involving her neighbour's dog")
ua(
    "Officer ran the registration of a car that had blocked his drive through force systems",
    kind="not_pnc",
    why="registration check; PNC not named",
)
ua("Read the file of an ongoing child abuse case because he knew the family")
ua("Looked up a partner's previous domestic incidents before moving in together")
ua("Accessed log relating to a disturbance at a wedding she had attended")
ua("PCSO used the briefing system to look at intelligence on her own relatives")
ua("Officer browsed the custody system to find out why a friend had been arrested")
ua("Senior officer accessed the complaint file about himself", why="own record, no policing purpose")
ua("Control room supervisor viewed the transcript of a 999 call from her daughter")
ua("Staff member reviewed vetting records of a colleague she was in dispute with")
ua("Looked at crime scene photos of a fatal fire out of curiosity")
ua("Access to a sexual offences file by an officer with no role in the enquiry")
ua("Officer queried the missing persons database about an old flame")
# label only: the description is silent, the force's label speaks
ua("", kind="label_only", cat=UNAUTH, why="description blank; label says access")
ua(
    "see category column",
    kind="label_only",
    cat="Unauthorised/ unlawful Access/ Inappropriate check ",
    why="description silent; label says access",
)
ua("", kind="label_only", cat="Misuse of Police system", why="description blank; label says system misuse")
ua("--", kind="label_only", cat="Misuse of Force systems", why="description empty; label says system misuse")
ua("", kind="label_only", cat="Unauthorised Vehicle Check", why="label only; PNC not named so pnc=false")
ua(
    "Details not recorded",
    kind="label_only",
    cat="Unauthorised Vehicle Check",
    why="description silent; label says vehicle check",
)
ua("", kind="label_only", cat="PNC misuse", pnc=True, why="label only; names the PNC")
ua("N/A", kind="label_only", cat="Computer misuse", why="description silent; label says computer misuse")
ua("As per category", kind="label_only", cat="Inappropriate access to records", why="label only")
ua(
    "Redacted - s40(2)",
    kind="label_only",
    cat="Unauthorised access to police systems",
    why="description withheld; label says access",
)
ua("", kind="label_only", cat="Misuse of PNC/Force intelligence systems", pnc=True, why="label only; names the PNC")
ua("As above", kind="label_only", cat="Accessing information for personal interest", why="label only")
ua("No further details held", kind="label_only", cat="Unauthorised search", why="label only")
ua(
    "Breach of DPA \u2013 circumstances not held",
    kind="label_only",
    cat="Misuse of Force systems",
    why="description does not say what happened, so the label decides",
)
ua(
    "",
    kind="label_only",
    cat="Access and/or disclosure of information",
    why="UNSURE: label says access and/or disclosure; only access is certain",
)

# ---------------------------------------------------------------- third-party disclosure
td("Told a friend that her partner was about to be arrested")
td("Gave the address of a victim to the suspect's mother")
td("Passed vehicle keeper details to a friend involved in a parking dispute")
td("Disclosed a neighbour's conviction to other residents of the street")
td("Let his brother know there was a warrant out for a mutual friend")
td("Member of staff let her husband know a colleague was under investigation")
td("PCSO revealed the name of a caller to the person they had reported")
td("Officer discussed details of a sudden death with people in a pub")
td("Showed a custody photograph on her phone to friends at a party")
td("Read out extracts from a domestic log to her sister over the phone")
td(
    "Circulated a screenshot of a wanted appeal, with personal comments about the man, to a WhatsApp group of friends",
    kind="social_media",
)
td("Sold information from police systems to a private investigator")
td("Supplied details of police operations to an organised crime group")
td("Tipped off a relative about a forthcoming search warrant")
td("Gave a journalist information about a high-profile arrest")
td("Forwarded a crime report to a friend via Snapchat", kind="social_media")
td("Provided a debt collector with the new address of a former tenant")
td("Confirmed to a caller that a named person was in custody")
td("Let slip to a local shopkeeper who had been arrested for the burglary")
td("Identified the witness to the suspect")
td(
    "E-mailed a witness statement to his personal account and from there to the defendant's family",
    kind="access_then_disclosure",
    why="the onward send to the family is the disclosure",
)
td("Took a photograph of a PNC screen and sent it to a friend", kind="pnc", pnc=True)
td("Passed PNC results about a man to his ex-wife", kind="pnc", pnc=True)
td(
    "Obtained a vehicle owner's address from the Police National Computer for a friend who then visited the house",
    kind="access_then_disclosure",
    pnc=True,
    why="obtained for a friend: passed on",
)
td("Ran checks on PNC for an associate and relayed the results by text", kind="access_then_disclosure", pnc=True)
td("Provided criminal record information from the PNC to a prospective employer", kind="pnc", pnc=True)
td(
    "Used PNC to find out the registered owner of a car and told the neighbour who owned it",
    kind="access_then_disclosure",
    pnc=True,
    why="access then passed on",
)
td(
    "Checked a friend's boyfriend on P.N.C and told her he had convictions for violence",
    kind="access_then_disclosure",
    pnc=True,
    why="access then passed on",
)
td("Disclosed the outcome of PNC enquiries to a family member", kind="pnc", pnc=True)
td(
    "Officer accessed records about a local man and then warned his own family to avoid him, describing his "
    "previous offences",
    kind="access_then_disclosure",
    why="access then passed on",
)
td(
    "Looked up her ex on Niche and passed his new address to his former partner",
    kind="access_then_disclosure",
    why="access then passed on",
)
td(
    "Searched for the address of a witness and gave it to the defendant's cousin",
    kind="access_then_disclosure",
    why="access then passed on",
)
td(
    "Viewed a crime report and talked through its contents with the suspect's mother",
    kind="access_then_disclosure",
    why="access then passed on",
)
td(
    "Researched a man on force systems and told his employer about his arrest",
    kind="access_then_disclosure",
    why="access then passed on",
)
td(
    "Accessed the incident log, then repeated what it said to neighbours in a residents' group chat",
    kind="access_then_disclosure",
    why="access then passed on",
)
td(
    "Checked intelligence and tipped off a drug dealer that he was under surveillance",
    kind="access_then_disclosure",
    why="access then tip-off",
)
td(
    "Viewed a sex offender record and informed parents at her child's school",
    kind="access_then_disclosure",
    why="access then passed on",
)
td(
    "Made checks on Athena and shared the findings with his girlfriend",
    kind="access_then_disclosure",
    why="access then passed on",
)
td(
    "Found the address of a woman via Niche and gave it to his friend, who had been told to stay away from her",
    kind="access_then_disclosure",
    why="access then passed on",
)
td(
    "Posted on her personal Facebook page, in a lengthy rant about anti-social youths on the estate, the names "
    "of two juveniles arrested that night",
    kind="social_media",
    why="long phrase between verb and platform",
)
td("Uploaded a picture of a crime scene, showing the victim's car and registration, to Instagram", kind="social_media")
td(
    "Put a comment under a local news article on Facebook which, by mentioning that \u2018the lady at number 4 saw "
    "it all\u2019, identified a witness",
    kind="social_media",
    why="identifying a witness in a public comment",
)
td(
    "Tweeted, from an account that followers knew to be his, about a prisoner's behaviour in custody including "
    "his first name",
    kind="social_media",
)
td(
    "Shared on a Facebook community group, after several posts about burglaries in the area and a still from "
    "CCTV, the suspect's name and street",
    kind="social_media",
    why="long phrase between verb and object",
)
td("Posted a screenshot of the control room screen showing caller details on Snapchat", kind="social_media")
td(
    "Wrote on Twitter, replying to a journalist's thread about the incident, that the arrested man was known to "
    "police for domestic abuse",
    kind="social_media",
)
td("Messaged details of a stop search to a friend on Facebook Messenger", kind="social_media")
td("Uploaded BWV footage of a disorderly woman to TikTok", kind="social_media")
td("Posted in a parents' WhatsApp group that a named man was being investigated", kind="social_media")
td(
    "Made a post on social media, which she later deleted after colleagues saw it and raised concerns with a "
    "supervisor, giving the location of a safe house",
    kind="social_media",
    why="disclosure despite deletion",
)
td(
    "Letter containing victim's personal details sent to the suspect's address in error",
    kind="misdirected_external",
    why="misdirected to the suspect: outside the force",
)
td(
    "Email with witness contact details sent to the wrong firm of solicitors",
    kind="misdirected_external",
    why="misdirected to an outside firm",
)
td(
    "Text message meant for a colleague sent to a member of the public",
    kind="misdirected_external",
    why="outside recipient",
)
td(
    "Prosecution file disclosed to the defence without redacting the victim's new address",
    kind="misdirected_external",
    why="failure to redact: data reached the defence",
)
td(
    "Bulk email to victims sent using the To field so all recipients could see each other's addresses",
    kind="misdirected_external",
    why="failure to use bcc: addresses disclosed to outsiders",
)
td("Safeguarding referral e-mailed to the wrong local authority", kind="misdirected_external", why="outside agency")
td(
    "Firearms licence renewal letter posted to the previous occupier of the address",
    kind="misdirected_external",
    why="outside recipient",
)
td(
    "Officer replied-all to an email chain that included a member of the public, attaching a crime summary",
    kind="misdirected_external",
    why="outside recipient",
)
td(
    "The force reported that an update listing eight registered sex offenders was sent to a community contact "
    "saved in an officer\u2019s Outlook address book",
    kind="misdirected_external",
    src="ico",
    why="member of the public received it",
)
td(
    "Copy of a domestic abuse risk assessment handed to the perpetrator instead of the victim",
    kind="misdirected_external",
    why="outside recipient (the perpetrator)",
)
td(
    "Custody record given to the wrong detainee on release",
    kind="misdirected_external",
    why="a detainee is outside the force (heldout_wordings labels a similar row 'other')",
)
td(
    "Voicemail with details of the investigation left on the suspect's phone instead of the victim's",
    kind="misdirected_external",
    why="outside recipient",
)
td(
    "MG11 statements sent to the wrong CPS unit",
    kind="misdirected_external",
    why="UNSURE: CPS is an outside agency, though a criminal-justice partner",
)
td("Disclosure bundle posted to a defendant in another case", kind="misdirected_external", why="outside recipient")
td(
    "Spreadsheet with hidden tab of personal data published in an FOI response",
    kind="misdirected_external",
    why="released to the public",
)
td(
    "Intelligence report faxed to a solicitor's office instead of a neighbouring station",
    kind="misdirected_external",
    why="meant to stay internal but reached an outside firm",
)
td(
    "Letter to a complainant enclosed another complainant's correspondence",
    kind="misdirected_external",
    why="outside recipient",
)
td("Child protection minutes sent by post to the wrong parent", kind="misdirected_external", why="outside recipient")
td(
    "Crime reference letter addressed to the victim was delivered to the offender who lives at the same address",
    kind="misdirected_external",
    why="offender received it",
)
td("Victim's statement emailed to a journalist in error", kind="misdirected_external", why="outside recipient")
td(
    "Police information viewed by an unconnected member of the public in error",
    kind="misdirected_external",
    why="UNSURE: an outsider saw it, so treated as disclosure; the force logged it as a security incident",
)
td(
    "Names and ranks of staff published on the force website by mistake",
    kind="misdirected_external",
    why="published to the public",
)
td("Email to a partner agency copied in the suspect", kind="misdirected_external", why="suspect received it")
td(
    "Sent an SMS update about a harassment case to the harasser's number",
    kind="misdirected_external",
    why="outside recipient",
)
td(
    "Fax intended for the custody suite sent to a local garage",
    kind="misdirected_external",
    why="meant to be internal but reached an outsider",
)
td(
    "Officer rang the wrong number and left a detailed message about a rape investigation with a stranger",
    kind="misdirected_external",
    why="outside recipient",
)
td("Victim's home address included in a press release", kind="misdirected_external", why="published")
td(
    "Crime report sent to an insurance company for the wrong claimant",
    kind="misdirected_external",
    why="outside recipient",
)
td(
    "Enhanced certificate included another person's conviction because they shared a name",
    kind="misdirected_external",
    why="person B's data sent to person A",
)
td(
    "It is alleged that PC C told a member of the public that a named man had been arrested, and that this "
    "reached the suspect",
    src="mo",
)
td(
    "The police staff member took information from force systems and provided it to a person outside the force.",
    kind="access_then_disclosure",
    src="mo",
    why="access then passed on",
)
td(
    "The officer gave a vulnerable woman's mother confidential details about the woman's partner, "
    "with no policing purpose",
    src="mo",
)
td("Former officer sent thousands of pages of force documents to a journalist via his personal email", src="mo")
td(
    "PCSO passed information gleaned from force computers to a news agency",
    kind="access_then_disclosure",
    src="cr",
    why="access then passed on",
)
td(
    "Officer discussed a sensitive investigation with his father, a retired officer",
    why="a retired officer is outside the force",
)
td(
    "Discussed a missing person enquiry with a friend at the council, outside any sharing agreement",
    why="no agreement: third party",
)
td("Told the complainant's employer about her involvement in an incident")
td("Disclosed a registered sex offender's address to a vigilante group")
td("Revealed to the press the name of a rape victim entitled to anonymity")
td("Provided a criminal associate with the registration numbers of unmarked police cars")
td("Warned a friend that his phone was being monitored")
td("Handed a printout from the intelligence system to a private detective for cash")
td("Described to friends, in detail, the injuries of a child victim")
td(
    "Allowed her boyfriend to read the briefing on her work laptop at home",
    why="shown to a third party (not merely insecure)",
)
td("Let a member of the public view the CCTV of an incident on his work phone")
td("Informed the perpetrator's relatives of what the victim had said in her 999 call")
td("Gave a friend who sells cars details of whether vehicles had been reported stolen")
td("Officer showed his girlfriend the intelligence entry about her ex")
td("Sent photos of a prisoner in the cell to his mates")
td("Shared body-worn footage of an arrest with friends outside work")
td("Told the landlord of a pub that one of his regulars was a registered sex offender")
td("Divulged to a suspect's girlfriend that he was wanted")
td("Released a victim's phone number to the accused's solicitor without consent", why="solicitor is outside")
td(
    "Gave out the home address of a colleague to a caller claiming to be a relative",
    why="blagged: disclosed to an outsider",
)
td("Confirmed over the phone to a blagger that a person lived at an address")
td("Discussed a live investigation at a family barbecue")
td("Passed on to his partner details of a child protection case she had no right to know")
td(
    "Allowed a friend to sit in the patrol car and view the MDT screen showing PNC results",
    kind="pnc",
    pnc=True,
    why="shown to a third party",
)
td("Disclosed PNC markers to a door supervisor at a nightclub", kind="pnc", pnc=True)
td("Read out a man's PNC record to his ex-partner over the phone", kind="pnc", pnc=True)
td(
    "Obtained the registered keeper of a vehicle from the PNC and supplied it to a car park enforcement firm",
    kind="access_then_disclosure",
    pnc=True,
    why="access then passed on",
)
td("Gave a copy of a Police National Computer printout to a defendant's relative", kind="pnc", pnc=True)
td("Printed PNC antecedents and handed them to a landlord vetting a tenant", kind="pnc", pnc=True)
td(
    "The jury heard she passed details of police inquiries to a news agency journalist, who sold them on to "
    "national newspapers",
    src="cr",
)
td(
    "The court was told the officer downloaded records on three people and handed them to a friend who wanted revenge",
    kind="access_then_disclosure",
    src="cr",
    why="access then passed on",
)
td("Jailed for selling information from thousands of police cases to a claims firm", src="cr")
td("Admitted misconduct in public office after passing intelligence on planned raids to a drugs gang", src="cr")
td("The former PCSO was found to have given a reporter the name of an attempted-murder victim", src="cr")
td(
    "Pleaded guilty to unlawfully disclosing personal data after telling her partner about his ex's criminal record",
    src="cr",
)
td(
    "ICO monetary penalty: email about non-recent abuse sent to 56 people without using BCC, revealing their names",
    kind="misdirected_external",
    src="ico",
    why="recipients outside the force saw each other",
)
td(
    "ICO reprimand: victim's new address disclosed to the perpetrator in case papers",
    kind="misdirected_external",
    src="ico",
)
td(
    "Personal data of victims and witnesses left in hidden cells of spreadsheets released under FOI",
    kind="misdirected_external",
    src="ico",
    why="released to requesters",
)
td(
    "Surnames, ranks and units of every officer and staff member published online in a FOI reply",
    kind="misdirected_external",
    src="ico",
    why="published to the public",
)
td(
    "Two staff viewed the log of a fatal collision; one of them then told her husband the name of the deceased "
    "before the family had been informed",
    kind="multi_incident",
    why="one disclosure outweighs the viewing",
)
td(
    "Officer checked his friend's ex on Niche, ran her car on PNC and texted the friend her new address",
    kind="multi_incident",
    pnc=True,
    why="access then passed on",
)
td(
    "Accessed intelligence on three occasions and on the third occasion warned the subject",
    kind="multi_incident",
    why="access then tip-off",
)
td(
    "Lost his pocket notebook and, in a separate matter, told a neighbour about an arrest",
    kind="multi_incident",
    why="UNSURE: two incidents in one row; the disclosure is taken as the headline",
)
td(
    "Staff member looked at her ex's record, then another staff member told him she had done so",
    kind="multi_incident",
    why="second act is a disclosure to an outsider",
)
# force label says access or other; description says disclosure
td(
    "Looked up a man's address on Niche and gave it to his estranged wife",
    kind="label_conflict",
    cat="Misuse of Force systems",
    why="label says system misuse; description says passed on",
)
td(
    "Checked a car on PNC and told the owner's neighbour who it belonged to",
    kind="label_conflict",
    cat="Unauthorised Vehicle Check",
    pnc=True,
    why="label says vehicle check; description says passed on",
)
td(
    "Told a friend her son had been arrested",
    kind="label_conflict",
    cat="Data Protection Offences/Breach",
    why="vague label; description is a disclosure",
)
td(
    "Referral containing a child's details emailed to an incorrect external address",
    kind="label_conflict",
    cat="Loss of data",
    why="label says loss; misdirected outside the force",
)
td(
    "Posted a suspect's custody image on Facebook with comments",
    kind="label_conflict",
    cat="Information security",
    why="label vague; description is a social media disclosure",
)
td(
    "Checked a neighbour on systems then told other neighbours he was \u2018known to police\u2019",
    kind="label_conflict",
    cat=UNAUTH,
    why="label says access; description says passed on",
)
td(
    "Supplied a relative with the location of a police vehicle tracker",
    kind="label_conflict",
    cat="Misuse of Police system",
    why="label says system misuse; description says supplied",
)
td(
    "Provided a drugs gang with information on planned police operations",
    kind="label_conflict",
    cat="Misconduct in a Public Office",
    why="label vague; description is a disclosure",
)
td(
    "Emailed crime data to a private company he was setting up",
    kind="label_conflict",
    cat="Computer misuse",
    why="label says computer misuse; sent outside the force",
)
td(
    "Sent a friend a picture of a witness statement",
    kind="label_conflict",
    cat="Data Protection Offences/Breach",
    why="vague label; description is a disclosure",
)
td(
    "Letter to a victim posted to the suspect",
    kind="label_conflict",
    cat="Information Security Incident",
    why="label vague; misdirected to an outsider",
)
td(
    "Gave ex-wife the address of her new husband's former partner",
    kind="label_conflict",
    cat="Unauthorised access",
    why="label says access; description says gave",
)
td(
    "Searched Athena for a caller and passed her number to a friend",
    kind="label_conflict",
    cat="Inappropriate check",
    why="label says check; description says passed",
)
td(
    "Viewed a colleague's sickness record and told others on the shift's social media chat",
    kind="label_conflict",
    cat="Misuse of Force systems",
    why="UNSURE: the chat is social media with colleagues; treated as sent outside the workplace system",
)
# more plain disclosures with typos and typography
td("Dislcosed a victim's address to her estranged husband", kind="typo")
td("Officer gave informaton about a custody detainee to the detainee's associates", kind="typo")
td("Passed  details of an RTC casualty to a local radio station", kind="typo", why="doubled space")
td("Told her mum that the man next door had been charged \u2013 \u201cjust so she\u2019d be careful\u201d")
td("Disclosed to a friend\u2019s ex-husband that a non-molestation order had been breached")
td("Provided her son with the name of the girl who had reported him")
td("Leaked a restricted briefing to a campaigner")
td(
    "Officer\u2019s partner was given access to his work emails about a live case",
    why="a partner reading live-case emails: third party",
)
td("Spoke to the media without authority about an ongoing murder enquiry")
td("Told a tenant\u2019s landlord about a cannabis warrant at the address")
td("Informed the local newspaper of the identity of a man questioned over an assault")
td("Revealed an informant\u2019s identity to the subject of the intelligence")
td("Passed a copy of the crime report to the insurance company of a friend")
td("Gave her boyfriend the names of people who had been stopped on the estate")
td("Sent a relative a screenshot of a STORM log describing a road crash", kind="social_media")
td(
    "Posted a selfie on Instagram with the whiteboard of suspects\u2019 names visible behind him",
    kind="social_media",
    why="disclosure via photo background",
)
td(
    "Shared a video of a man being restrained, recorded on her phone, in a group chat of non-police friends",
    kind="social_media",
)
td("A member of staff sold details of road traffic collisions to an accident claims company")
td("Supplied vehicle information to a car repossession agent")
td("Told the victim\u2019s ex-partner that she had moved to a refuge")
td("Gave details about the arrest of a footballer to a national newspaper")
td("Let a relative of a prisoner know when he would be transferred to court")
# label only
td("", kind="label_only", cat="Unlawful Obtaining and Disclosure", why="description blank; label says disclosure")
td("", kind="label_only", cat="Confidentiality: Improper disclosure", why="label only")
td(
    "See Category.",
    kind="label_only",
    cat="Improper Disclosure of Information",
    why="description silent; label says disclosure",
)
td("", kind="label_only", cat="breach of confidentiality", why="label only")
td("\u2014", kind="label_only", cat="Disclosure of information to third parties", why="label only")
td("N/K", kind="label_only", cat="Leaking information", why="label only")
td("No details recorded", kind="label_only", cat="Unauthorised disclosure", why="label only")
td("", kind="label_only", cat="Passing information to criminals", why="label only")
td("See above", kind="label_only", cat="Divulging information", why="label only")
td("[redacted s40(2)]", kind="label_only", cat="Inappropriate disclosure to a third party", why="label only")
td("Nature not recorded", kind="label_only", cat="Improper disclosure of information", why="label only")
td("", kind="label_only", cat="Disclosure of PNC information", pnc=True, why="label only; names the PNC")

# ---------------------------------------------------------------- other
ot("Pocket notebook mislaid during a foot chase, not recovered", kind="loss_theft")
ot(
    "Officer left his daybook at a member of the public's home after a visit",
    kind="loss_theft",
    why="loss, not a deliberate disclosure",
)
ot("Encrypted memory stick went missing from the CID office", kind="loss_theft")
ot("Force BlackBerry lost on a night out", kind="loss_theft")
ot("Three DVDs of a victim's ABE interview could not be found after an office move", kind="loss_theft")
ot(
    "Interview DVDs sent by recorded delivery never arrived at the receiving unit",
    kind="loss_theft",
    why="lost in transit, not disclosed",
)
ot("Bag containing prisoner handover paperwork taken from a patrol car overnight", kind="loss_theft")
ot("Laptop taken in a burglary at the officer's home; device encrypted", kind="loss_theft")
ot("Warrant card and notebook stolen from gym locker", kind="loss_theft")
ot(
    "PNC printout dropped in the station car park and found by a visitor",
    kind="loss_theft",
    pnc=True,
    why="loss; the finder is incidental",
)
ot("Three pages of operational data lost in the station yard", kind="loss_theft")
ot("Case conference paperwork found in the street and returned to the force", kind="loss_theft")
ot("Unencrypted USB stick with custody images misplaced", kind="loss_theft")
ot("Police radio and briefing sheet left on a bus", kind="loss_theft")
ot("Misplaced a folder of MG forms somewhere between court and the station", kind="loss_theft")
ot("Body-worn camera lost at a football match with footage still on it", kind="loss_theft")
ot("Mobile data terminal stolen from an unmarked car", kind="loss_theft")
ot("Missing exhibits bag containing seized phones", kind="loss_theft")
ot("Daybook handed in to a different force by a member of the public", kind="loss_theft")
ot("Work phone holding emails lost while on holiday abroad", kind="loss_theft")
ot(
    "Case file containing a child's medical records went missing after being lent to a partner agency",
    kind="loss_theft",
)
ot("Loss of police data held by the local authority", kind="loss_theft")
ot("Briefcase containing court papers stolen from a train luggage rack", kind="loss_theft")
ot("Camera with crime-scene photographs left at the scene", kind="loss_theft")
ot("Officer's personal phone, used to photograph evidence, stolen in a street robbery", kind="loss_theft")
ot("Encrypted laptop stolen during a break-in at a station", kind="loss_theft")
ot("Tablet device lost - remotely wiped", kind="loss_theft")
ot("Force PDA lost and recovered \u2013 no data loss", kind="loss_theft")
ot("Interview tape went missing between the custody suite and the CPS", kind="loss_theft")
ot("Rucksack with statements left in a taxi", kind="loss_theft")
ot("Paperwork blew out of an open vehicle window on the motorway", kind="loss_theft")
ot(
    "Printout of a PNC record left in a hire car returned to the company",
    kind="loss_theft",
    pnc=True,
    why="loss of a PNC printout",
)
ot("Lost warrant paperwork with the addresses of targets", kind="loss_theft")
ot("Statement folder went missing from the boot of a CID car", kind="loss_theft")
ot("Loss of a DVD of a 999 call sent for transcription", kind="loss_theft")
ot("Exhibit laptop mislaid in the property store", kind="loss_theft")
ot("Confidential waste sacks put out with the general rubbish behind the station", kind="insecure")
ot("Case papers stored in an unlocked drawer in an open-plan area used by contractors", kind="insecure")
ot(
    "Old interview videotapes left in the basement of a police station after it was sold",
    kind="insecure",
    src="ico",
    why="insecure disposal; the buyer found them",
)
ot("Computer hard drives sold at auction without being wiped", kind="insecure")
ot("Printouts of intelligence reports found in a recycling bin rather than the confidential waste", kind="insecure")
ot("Files kept in a shared drive folder open to all staff without restriction", kind="insecure")
ot("Custody records boxed in a corridor awaiting archive, accessible to visitors", kind="insecure")
ot("Sensitive documents shredded incorrectly \u2013 strips still legible", kind="insecure")
ot("Officer took case files home and kept them in his garage", kind="insecure")
ot("Work laptop left unlocked and logged in at a public event", kind="insecure")
ot("Password written on a sticky note on the monitor in the front office", kind="insecure")
ot("Filing cabinet with vetting files found unlocked over a weekend", kind="insecure")
ot(
    "PNC printouts for a shift briefing found in a public bin",
    kind="insecure",
    pnc=True,
    why="insecure disposal of PNC data",
)
ot(
    "Police National Computer terminal left logged on with nobody at the front desk",
    kind="insecure",
    pnc=True,
    why="insecure, no look-up or disclosure",
)
ot("Insecure storage of firearms licensing files in a corridor", kind="insecure")
ot("Statements left on the photocopier overnight in the station", kind="insecure")
ot("Confidential waste bin found unlocked and overflowing in a public reception", kind="insecure")
ot(
    "Unencrypted e-mail of a case file to his own Hotmail account",
    kind="insecure",
    why="sent to himself: insecure, not a third party",
)
ot("MAPPA minutes saved to an unrestricted shared folder", kind="insecure")
ot("Printed antecedents left in the interview room after the suspect had been in there", kind="insecure")
ot("Photos on a work phone not deleted after upload to the evidence system", kind="insecure")
ot(
    "Email with a complainant's details sent to the wrong team within the force",
    kind="misdirected_internal",
    why="internal misdirection",
)
ot(
    "Intelligence report disseminated to the wrong internal distribution list",
    kind="misdirected_internal",
    why="internal misdirection",
)
ot(
    "Restricted HR letter sent via internal post to a different member of staff with the same surname",
    kind="misdirected_internal",
    why="internal misdirection",
)
ot(
    "Occupational health referral copied to the officer's whole shift by mistake",
    kind="misdirected_internal",
    why="internal recipients only",
)
ot("Vetting outcome emailed to the wrong department", kind="misdirected_internal", why="internal misdirection")
ot(
    "Duty rota containing home addresses circulated force-wide in error",
    kind="misdirected_internal",
    why="internal circulation",
)
ot(
    "Officer sent CCTV stills and log entries about a murder enquiry to a colleague over WhatsApp on his "
    "personal phone",
    kind="internal_sharing",
    src="mo",
    why="sent to a colleague: insecure internal sharing, not a third party",
)
ot(
    "Took photographs of a deceased person on his personal phone and sent them to another officer",
    kind="internal_sharing",
    src="mo",
    why="recipient is another officer: internal",
)
ot(
    "Failure to redact the name of an informant in an internal report",
    kind="misdirected_internal",
    why="internal document",
)
ot(
    "Internal memo about a staff grievance sent to the wrong inspector",
    kind="misdirected_internal",
    why="internal misdirection",
)
ot(
    "Wrong date of birth entered on Niche, linking a victim to another person's offending history",
    kind="integrity_availability",
    why="integrity: wrong data entered",
)
ot(
    "Officer altered the details of a crime report after it had been closed, without authority",
    kind="integrity_availability",
    why="integrity: record altered",
)
ot("Intelligence log deleted without authority", kind="integrity_availability", why="integrity: record deleted")
ot(
    "Incorrect warning marker placed on an address led to armed officers attending the wrong house",
    kind="integrity_availability",
    why="integrity: wrong data entered",
)
ot(
    "Court result not updated on PNC, so a man appeared to be wanted",
    kind="integrity_availability",
    pnc=True,
    why="integrity of a PNC record",
)
ot(
    "Two nominal records wrongly merged so that one man's convictions show on another's record",
    kind="integrity_availability",
    why="integrity",
)
ot(
    "Wrong person's details added to a PNC record following an arrest",
    kind="integrity_availability",
    pnc=True,
    why="integrity of a PNC record",
)
ot(
    "False entries made on policing systems to close crime reports",
    kind="integrity_availability",
    src="mo",
    why="integrity: false data entered",
)
ot("Victim's contact details overwritten with the suspect's", kind="integrity_availability", why="integrity")
ot(
    "Body-worn video of the arrest was not uploaded and has been lost",
    kind="integrity_availability",
    why="availability: footage not retained",
)
ot(
    "CCTV from the custody suite overwritten before it could be reviewed for a complaint",
    kind="integrity_availability",
    why="availability: recording overwritten",
)
ot(
    "Over 96,000 items of body-worn footage deleted during a system migration",
    kind="integrity_availability",
    src="ico",
    why="availability",
)
ot("999 call recordings not retained for the required period", kind="integrity_availability", why="availability")
ot(
    "Evidential footage deleted by an officer who believed the case was finished",
    kind="integrity_availability",
    why="availability",
)
ot(
    "Records retained beyond the review date set under MoPI",
    kind="integrity_availability",
    why="retention beyond review date",
)
ot(
    "Custody images kept long after release without charge with no review carried out",
    kind="integrity_availability",
    why="retention beyond review",
)
ot(
    "Records of a complaint destroyed before the retention period expired",
    kind="integrity_availability",
    why="availability",
)
ot(
    "Address for a high-risk victim recorded incorrectly, delaying a response",
    kind="integrity_availability",
    why="integrity",
)
ot(
    "Wrong suspect's photograph attached to an internal wanted briefing",
    kind="integrity_availability",
    why="integrity; internal",
)
ot(
    "An officer amended a witness statement on the system after it had been signed",
    kind="integrity_availability",
    why="integrity",
)
ot("Interview recordings not saved due to equipment fault", kind="integrity_availability", why="availability")
ot("DPA \u2013 principle 5, kept longer than necessary", kind="integrity_availability", why="retention")
ot("Retention of biometric data beyond the permitted period", kind="integrity_availability", why="retention")
ot(
    "Server failure meant a week's intelligence submissions could not be recovered",
    kind="technical",
    why="technical failure",
)
ot("System upgrade made crime reports inaccessible for several days", kind="technical", why="technical failure")
ot("Ransomware attempt detected on a force workstation; no data taken", kind="technical", why="cyber/technical")
ot(
    "Phishing email led to a staff member's account being compromised",
    kind="technical",
    why="cyber incident, not a staff look-up",
)
ot("Access rights not removed when staff moved department", kind="technical", why="organisational/technical")
ot("Leaver's account remained active for six months", kind="technical", why="organisational/technical")
ot("Door access logs lost when the system crashed", kind="technical", why="technical")
ot("DPA breach - circumstances not recorded", kind="vague", why="nature not stated")
ot("Breach of the DPA (no further details)", kind="vague", why="nature not stated")
ot("Data protection issue", kind="vague", why="nature not stated")
ot("InfoSec incident", kind="vague", why="nature not stated")
ot(
    "Breach of standards of professional behaviour - confidentiality",
    kind="vague",
    why="the standard is named, not what happened",
)
ot("Misconduct in public office", kind="vague", why="offence named, nature of breach not stated")
ot("Unknown", kind="vague", why="nature not stated")
ot("Breach of force IT security policy", kind="vague", why="nature not stated")
ot("DP incident \u2013 details held by PSD only", kind="vague", why="nature not stated")
ot("Failed to comply with data protection policy", kind="vague", why="nature not stated")
ot("Data breach", kind="vague", why="nature not stated")
ot("Inappropriate handling of personal data", kind="vague", why="nature not stated")
ot("Not stated in record", kind="vague", why="nature not stated")
ot("Information management failure", kind="vague", why="nature not stated")
ot("DATA PROTECTION ACT 1998", kind="vague", why="nature not stated")
ot("Breach of Data Protection Act \u2013 see PSD file", kind="vague", why="nature not stated")
# force label says disclosure or access; description says loss, internal or integrity
ot(
    "Left a folder of witness details on the roof of a patrol car and drove off",
    kind="label_conflict",
    cat=IMPROPER,
    why="label says disclosure; description is a loss",
)
ot(
    "Email about a grievance sent to the wrong internal department",
    kind="label_conflict",
    cat="breach of confidentiality",
    why="label says confidentiality; internal misdirection",
)
ot(
    "Notebook lost while on patrol in the town centre",
    kind="label_conflict",
    cat=UNAUTH,
    why="label says access; description is a loss",
)
ot(
    "Incorrect details entered on the custody system",
    kind="label_conflict",
    cat="Misuse of Force systems",
    why="label says misuse; integrity error",
)
ot(
    "Documents found in a skip behind the station",
    kind="label_conflict",
    cat="Confidentiality: Improper disclosure",
    why="label says disclosure; insecure disposal",
)
ot(
    "Memory stick with statements stolen from his car",
    kind="label_conflict",
    cat="Unlawful Obtaining and Disclosure",
    why="label says disclosure; theft",
)
ot(
    "Body-worn footage not retained and later requested by the complainant",
    kind="label_conflict",
    cat="Improper Disclosure of Information",
    why="label misleading; availability failure",
)
ot(
    "Crime report deleted without authority",
    kind="label_conflict",
    cat="Misuse of Police system",
    why="label says misuse; integrity",
)
ot(
    "Briefing document left on a printer in a building shared with the council",
    kind="label_conflict",
    cat="Leak of information",
    why="label says leak; insecure, no disclosure shown",
)
ot(
    "Internal email about a colleague's sickness forwarded to the wrong sergeant",
    kind="label_conflict",
    cat=IMPROPER,
    why="label misleading; internal misdirection",
)
ot(
    "Handbag containing her notebook snatched in the street",
    kind="label_conflict",
    cat="Unauthorised Vehicle Check",
    why="label unrelated; theft",
)
ot(
    "Rota with staff phone numbers sent to every station by mistake",
    kind="label_conflict",
    cat="Unlawful Obtaining and Disclosure",
    why="label says disclosure; internal circulation",
)
# label only
ot("", kind="label_only", cat="Data Protection Offences/Breach", why="label vague: nature not stated")
ot("", kind="label_only", cat="Loss of data", why="label only: loss")
ot("---", kind="label_only", cat="Information security", why="label only")
ot("", kind="label_only", cat="Misconduct in a Public Office", why="label names an offence, not the breach")
ot("See category", kind="label_only", cat="Theft of equipment", why="label only: theft")
ot("", kind="label_only", cat="Lost property - force documents", why="label only: loss")
ot("n/a.", kind="label_only", cat="Insecure storage", why="label only")
ot("", kind="label_only", cat="Sent in error", why="recipient not stated; cannot tell internal from external")
ot("Details not held", kind="label_only", cat="Data Protection Act", why="label vague")
ot("", kind="label_only", cat="Disposal", why="label only: disposal")
ot("", kind="label_only", cat="", why="nothing stated at all")
ot("xxxxx (redacted)", kind="label_only", cat="Breach of DPA", why="label vague")
ot("***", kind="label_only", cat="Information Security Incident", why="label vague")
ot("Not known", kind="label_only", cat="Data protection", why="label vague")
ot("See attached", kind="label_only", cat="", why="nothing stated in the row")

# ================================================================= outcomes
OUTCOMES: list[dict] = []


def oc(outcome, group, kind="easy", src="dl", why=""):
    OUTCOMES.append(dict(outcome=outcome, outcome_group=group, why=why, source_kind=SRC[src], kind=kind))


C, R, W, N, U = (
    "conviction_or_caution",
    "resignation_or_dismissal",
    "written_or_verbal_warning",
    "no_formal_action",
    "other_or_unknown",
)

oc("Convicted s55 DPA - fined \u00a3500", C, src="cr")
oc("Convicted \u2013 s55 Data Protection Act 1998, fined \u00a3750 plus costs", C, src="cr")
oc("Pleaded guilty CMA s1 at Magistrates \u2013 conditional discharge 12 months", C, src="cr")
oc("Conditional caution", C)
oc("Simple Caution administered", C)
oc("Cautioned for s55 DPA offence", C)
oc("Cautioned and resigned", C, kind="combo", why="caution outranks resignation")
oc(
    "Convicted of MIPO \u2013 18 months imprisonment. Dismissed",
    C,
    kind="combo",
    src="cr",
    why="conviction outranks dismissal",
)
oc("Found guilty of misconduct in public office, 2 years\u2019 custody", C, src="cr")
oc("Guilty plea \u2013 6 months suspended for 12 months, 150 hrs unpaid work", C, src="cr")
oc("Sentenced to 12 months' imprisonment", C, src="cr")
oc(
    "Convicted at Crown Court; special case hearing \u2013 dismissed without notice",
    C,
    kind="combo",
    src="mo",
    why="conviction outranks dismissal",
)
oc("Community order & fined", C, src="cr")
oc("Fined \u00a3400 at Magistrates' Court", C, src="cr")
oc("Received a police caution and final written warning", C, kind="combo", why="caution outranks warning")
oc("Jailed 3\u00bd years", C, src="cr")
oc(
    "Convicted \u2013 suspended sentence. Would have been dismissed (resigned)",
    C,
    kind="combo",
    src="mo",
    why="conviction outranks resignation",
)
oc(
    "Pleaded guilty to 9 offences (CMA/DPA); resigned before sentence",
    C,
    kind="combo",
    src="cr",
    why="conviction outranks resignation",
)
oc("S55 conviction \u2013 \u00a31,000 fine", C)
oc("Absolute discharge following guilty plea", C, src="cr", why="a guilty plea is a conviction")
oc("Charged and convicted (DPA)", C)
oc("Prosecuted \u2013 guilty", C)
oc("Convicted; barred list", C, kind="combo", why="conviction outranks barring")
oc("Convicted under Computer Misuse Act s1, 150 hrs community service", C, src="cr")
oc("Adult caution", C)
oc("Caution (DPA s55)", C)
oc("Guilty \u2013 9 months suspended, 200 hrs unpaid work", C, src="cr")
oc(
    "Court conviction, then dismissed at a special case hearing",
    C,
    kind="combo",
    src="mo",
    why="conviction outranks dismissal",
)
oc("Found guilty at trial; FWW", C, kind="combo", why="criminal conviction outranks warning")
oc("Conditional discharge", C, src="cr", why="a court disposal following conviction")
oc("Formally cautioned", C)
oc("Received a simple caution \u2013 s55", C)
oc("Convicted in his absence \u2013 fined", C, src="cr")
oc("Guilty \u2013 MIPO. Imprisoned 16 months", C, src="cr")
oc("Pleaded guilty \u2013 sentenced to 8 months imprisonment", C, src="cr")

oc("Dismissed without notice", R, src="mo")
oc("Dismissed w/o notice", R)
oc("Gross misconduct - would have been dismissed had they not resigned", R, kind="would_have_been", src="mo")
oc("Would have been dismissed if still serving", R, kind="would_have_been", src="mo")
oc("Resigned", R)
oc("resigned prior to misconduct hearing", R)
oc("Resigned whilst under investigation", R)
oc("Retired before proceedings", R)
oc("Retired prior to hearing \u2013 placed on barred list", R)
oc("Removed from the Special Constabulary", R, kind="special_constable", why="a special constable removed = dismissal")
oc("Special Constable \u2013 services dispensed with", R, kind="special_constable")
oc("Contract terminated", R)
oc("Employment terminated (police staff)", R)
oc("Dismissed at Accelerated Misconduct Hearing", R, src="mo")
oc("Special case hearing \u2013 dismissed", R, src="mo")
oc("GM proven \u2013 dismissal without notice", R, src="mo")
oc("Dismissal (police staff)", R)
oc("Left the force before the investigation concluded", R)
oc("Staff member left the organisation", R)
oc("Resgined", R, kind="typo")
oc("Dismised without notice", R, kind="typo")
oc("Officer resigned \u2013 added to College of Policing barred list", R)
oc("Barred list", R, why="only former officers are barred")
oc("Added to the Barred List (former officer)", R)
oc("Resigned. Case to answer for gross misconduct.", R, src="mo")
oc("Retired \u2013 no further action possible", R, kind="combo", why="retirement outranks NFA")
oc("PCSO dismissed", R)
oc("Written warning; later resigned", R, kind="combo", why="resignation outranks warning")
oc("FWW, then dismissed after a second breach", R, kind="combo", why="dismissal outranks warning")
oc("Probationer \u2013 services dispensed with under Reg 13", R)
oc(
    "Dismissed (appeal dismissed)",
    R,
    kind="case_dismissed",
    why="dismissed from the force; the appeal being dismissed does not undo it",
)
oc("Appeal dismissed \u2013 dismissal upheld", R, kind="case_dismissed", why="dismissal stands")
oc("Dismissed - PAT appeal unsuccessful", R, src="mo")
oc("Sacked", R)
oc("Resigned during PSD investigation - GM case to answer", R)
oc("Misconduct hearing: dismissed with notice", R, src="mo")
oc("Retired on ill-health grounds before misconduct meeting", R)
oc("Resigned (not dismissed)", R, kind="negation", why="'not dismissed' but did resign")
oc("Resigned before discipline \u2013 would have faced GM hearing", R)
oc("Would have been dismissed (former officer) \u2013 barred", R, kind="would_have_been", src="mo")
oc("Volunteer role ended", R, why="police support volunteer removed")
oc("Left employment prior to outcome", R)
oc(
    "Words of advice; subsequently retired",
    R,
    kind="combo",
    why="UNSURE: retirement may post-date the matter; most severe mentioned wins",
)
oc("Dismissed \u2013 gross misconduct", R, src="mo")
oc("Summary dismissal (police staff gross misconduct)", R)
oc("RESIGNED - PRIOR TO MISCONDUCT MEETING", R)
oc("Resigned 2 days before hearing", R)
oc("Reduction in rank; later resigned", R, kind="combo", why="resignation outranks the rest")
oc("Special case hearing \u2013 former PC would have been dismissed", R, kind="would_have_been", src="mo")
oc(
    "Dismissed \u2013 case dismissed at court but gross misconduct proven",
    R,
    kind="case_dismissed",
    why="court case dismissed, but dismissed from the force too",
)
oc(
    "Employment ended \u2013 fixed-term contract not renewed",
    R,
    why="UNSURE: left the organisation; may not be because of the breach",
)

oc("FWW", W)
oc("Written Warning ", W, why="trailing space")
oc("WW", W, why="abbreviation: written warning")
oc("Final Written Warning \u2013 2 years", W)
oc("final written warning (18 months)", W)
oc("Final writen warning", W, kind="typo")
oc("Verbal Warning given", W)
oc("1st Written Warning", W)
oc("Written warning issued at misconduct meeting", W, src="mo")
oc("Misconduct meeting \u2013 written warning", W, src="mo")
oc("Misconduct hearing - final written warning", W, src="mo")
oc("charged s55 - acquitted; written warning", W, kind="acquittal", why="acquittal is not a conviction")
oc("Not guilty at court \u2013 FWW at misconduct hearing", W, kind="acquittal", why="acquitted; internal warning")
oc(
    "Case dismissed at Magistrates; final written warning",
    W,
    kind="case_dismissed",
    why="court case dismissed is not a dismissal from the force",
)
oc("CPS \u2013 no charge. Written warning", W, kind="acquittal", why="no prosecution; warning")
oc("Gross misconduct found \u2013 FWW", W, src="mo")
oc("GM proven - final written warning extended by 18 months", W, src="mo")
oc("Formal written warning", W)
oc("Written warning + management advice", W, kind="combo", why="warning outranks advice")
oc("Verbal warning & training", W, kind="combo", why="warning outranks training")
oc("Oral warning", W)
oc(
    "Reduction in rank and FWW",
    W,
    kind="combo",
    why="UNSURE: reduction in rank has no group of its own; the warning decides",
)
oc("Final Written Warning (Police Staff disciplinary)", W)
oc("Police staff \u2013 first written warning", W)
oc("Stage 2 written warning (staff)", W)
oc("Given a written warning & advice re: use of systems", W, kind="combo")
oc("FWW (2yrs) \u2013 not dismissed", W, kind="negation", why="'not dismissed'")
oc("Misconduct proven, written warning", W, src="mo")
oc("Written Warnings x2", W)
oc("Final written warning (3 yrs)", W)
oc(
    "Found guilty at misconduct meeting \u2013 written warning",
    W,
    kind="acquittal",
    why="'found guilty' of misconduct, not of a crime",
)
oc(
    "Found guilty of misconduct at hearing \u2013 FWW",
    W,
    kind="acquittal",
    why="'found guilty' of misconduct, not of a crime",
)
oc("Written warning (appeal pending)", W)
oc("WW - expired", W)
oc(
    "Acquitted at Crown Court. Misconduct meeting \u2013 written warning",
    W,
    kind="acquittal",
    why="acquittal is not a conviction",
)
oc("No prosecution (CPS); final written warning", W, kind="acquittal", why="no prosecution")
oc("F.W.W.", W)
oc("Final Written Warning issued by LQC panel", W, src="mo")
oc("Verbal warning given by Supt", W)
oc("Management advice and a written warning", W, kind="combo", why="warning outranks advice")
oc("Prosecution discontinued \u2013 FWW", W, kind="acquittal", why="no conviction")

oc("NFA - insufficient evidence", N)
oc("'Management Action'", N, why="quoted label")
oc("Management action \u2013 line manager", N)
oc("Words of advice given", N)
oc("RPRP", N, why="reflective practice review process")
oc("Reflective Practice Review Process", N)
oc("Practice requiring improvement \u2013 RPRP", N)
oc("No case to answer (misconduct)", N)
oc("Case to answer \u2013 misconduct not proven at meeting", N)
oc("Misconduct not proven", N)
oc("Complaint not upheld", N)
oc("Allegation unsubstantiated", N)
oc("No individual action", N)
oc("Mgmt advice", N)
oc("Management Advice given by Inspector", N)
oc("Advice & guidance", N)
oc("Learning", N)
oc("Individual learning identified", N)
oc("Organisational learning only", N)
oc("Refresher data protection training", N)
oc("Dealt with by way of UPP", N, why="unsatisfactory performance procedures: not a sanction")
oc("Unsatisfactory performance procedures \u2013 first stage meeting", N)
oc("Local resolution", N)
oc("Resolved locally with the complainant", N)
oc("Informal action by supervisor", N)
oc("Debriefed", N)
oc("Apology provided to complainant", N)
oc("Service recovery", N)
oc("No misconduct \u2013 performance matter", N)
oc("Acquitted at court; no misconduct action", N, kind="acquittal", why="acquittal, then nothing")
oc("Not guilty \u2013 NFA", N, kind="acquittal", why="acquittal is not a conviction")
oc("CPS advised no further action; management action", N, kind="acquittal")
oc("No criminal case; words of advice", N, kind="acquittal")
oc(
    "Case dismissed at court \u2013 no further action",
    N,
    kind="case_dismissed",
    why="court case dismissed is not a dismissal from the force",
)
oc("Charges dismissed \u2013 management advice", N, kind="case_dismissed", why="charges dismissed at court")
oc("Withdrawn", N)
oc("Complaint withdrawn", N)
oc("Discontinued", N)
oc("NFA \u2013 officer's explanation accepted", N)
oc("No action \u2013 policing purpose established", N)
oc("Suitably dealt with by line manager", N)
oc("Advised", N)
oc("Words of Advice (WoA)", N)
oc("MA", N, why="UNSURE: abbreviation read as management action/advice")
oc("NCTA", N, why="abbreviation: no case to answer")
oc("Informal resolution", N)
oc("Advice given re: data protection policy", N)
oc("Reflective practice \u2013 RPRP completed", N)
oc("No breach of standards found", N)
oc("Filed \u2013 no further action", N)
oc("Counselled by line manager", N)
oc("Action plan agreed", N)
oc("Not proven at hearing", N, src="mo")
oc("Misconduct meeting \u2013 no action", N, src="mo")
oc("Misconduct found \u2013 no further action", N, src="mo")
oc("Retrained on Niche", N)
oc("No sanction (first offence)", N)
oc("Advice; not dismissed", N, kind="negation", why="'not dismissed' is not a dismissal")
oc("Did not resign \u2013 words of advice", N, kind="negation", why="'did not resign' is not a resignation")
oc("Exonerated \u2013 no case to answer", N)
oc("N.F.A.", N)
oc("nfa - closed", N)
oc("No Further Action.", N)
oc("\u2018Management advice\u2019", N, why="curly quotes")
oc("Words of advice re use of systems", N)
oc("No individual action \u2013 ICO informed", N, kind="force_level", src="ico")
oc("Self-referred to the ICO; no further action by the ICO", N, kind="force_level", src="ico")
oc(
    "ICO monetary penalty on the force; no individual action",
    N,
    kind="force_level",
    src="ico",
    why="a fine on the force is not an individual sanction",
)
oc("Not upheld \u2013 learning for the team", N)
oc(
    "ICO reprimand to the force; officer given words of advice",
    N,
    kind="force_level",
    src="ico",
    why="reprimand is against the force; the individual got advice",
)
oc("Case to answer \u2013 referred to RPRP", N, src="mo")
oc("NFA (CPS) \u2013 not charged", N, kind="acquittal", why="'not charged' is not a conviction")
oc("Management Action.", N)
oc("No further action required", N)
oc("Advice from supervisor; no formal action", N)
oc(
    "Found not guilty at court",
    N,
    kind="acquittal",
    why="UNSURE: acquittal with no later action stated; read as no sanction",
)

oc("Ongoing", U)
oc("On-going investigation", U)
oc("Awaiting hearing", U)
oc("No cases.", U, why="no outcome given")
oc("", U, why="blank")
oc("Not recorded", U)
oc("File submitted to CPS", U, kind="cps_pending", why="no result given")
oc("File with CPS \u2013 awaiting decision", U, kind="cps_pending")
oc("Sub judice", U)
oc("Sub-judice \u2013 trial listed", U)
oc("Under investigation", U)
oc("Live PSD investigation", U)
oc("Currently being investigated", U, kind="pending_stock")
oc("Staff currently being investigated = 4", U, kind="pending_stock", why="a pending stock, not an outcome")
oc("3 staff currently under investigation", U, kind="pending_stock", why="a pending stock")
oc("Pending \u2013 misconduct meeting listed for May", U)
oc("Pending outcome", U)
oc("TBC", U)
oc("Unknown", U)
oc("N/A", U)
oc("-", U)
oc("Outcome not held on system", U)
oc("Information not held", U)
oc("Not known", U)
oc("Suspended pending outcome", U, why="suspension is not an outcome")
oc("Charged \u2013 awaiting trial", U, kind="cps_pending", why="charged is not convicted")
oc("Charged with s55 offence, trial date set", U, kind="cps_pending", why="charged, no verdict")
oc("Arrested & bailed", U)
oc("Referred to IOPC", U)
oc("Referred to the IPCC \u2013 independent investigation", U)
oc("Adjourned", U)
oc("Awaiting CPS charging decision", U, kind="cps_pending")
oc("Hearing scheduled", U)
oc("Outcome to be confirmed", U)
oc("See note 3", U)
oc("Redacted", U)
oc("Open", U)
oc("Awaiting outcome of criminal proceedings", U)
oc("Not yet finalised", U)
oc("n/k", U)
oc("s40(2) \u2013 withheld", U)
oc("Gross misconduct notice served \u2013 awaiting hearing", U, why="no result yet")
oc("Under investigation by PSD; officer on restricted duties", U)
oc("Awaiting special case hearing", U, why="pending, even if dismissal is likely")
oc("Currently under investigation (2 officers, 1 staff)", U, kind="pending_stock")
oc("Resignation pending \u2013 investigation continuing", U, why="UNSURE: the resignation has not happened yet")
oc("\u2013", U)
oc("Misconduct hearing to be arranged", U)
oc(" ", U, why="whitespace only")
oc("Result awaited", U)


# ================================================================= split and write
def _assign(rows: list[dict], key: str, prefix: str, rng: random.Random) -> None:
    rng.shuffle(rows)
    for i, row in enumerate(rows, 1):
        row["id"] = f"{prefix}{i:04d}"
    strata: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        strata[(row[key], row["kind"])].append(row)
    for stratum in sorted(strata):
        members = sorted(strata[stratum], key=lambda r: r["id"])
        rng.shuffle(members)
        n = len(members)
        n_test = round(n * TEST_SHARE)
        if n >= 2:
            n_test = min(max(n_test, 1), n - 1)
        elif rng.random() < TEST_SHARE:
            n_test = 1
        for j, row in enumerate(members):
            row["split"] = "test" if j < n_test else "dev"
    rows.sort(key=lambda r: r["id"])


def _write(path: Path, rows: list[dict], columns: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: (("true" if row[c] else "false") if c == "pnc" else row[c]) for c in columns})


def main() -> None:
    rng = random.Random(SEED)
    incidents = [dict(r) for r in INCIDENTS]
    outcomes = [dict(r) for r in OUTCOMES]
    _assign(incidents, "breach_type", "I", rng)
    _assign(outcomes, "outcome_group", "O", rng)
    _write(
        HERE / "incidents.csv",
        incidents,
        ["id", "split", "force_category", "description", "breach_type", "pnc", "why", "source_kind"],
    )
    _write(HERE / "outcomes.csv", outcomes, ["id", "split", "outcome", "outcome_group", "why", "source_kind"])
    print(f"incidents: {len(incidents)}  outcomes: {len(outcomes)}")


if __name__ == "__main__":
    main()
