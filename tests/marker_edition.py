"""The marker edition: a small edition written from code in which every text a response
carries (cells, paragraphs, file and sheet names, an e-mail's subject and attachment name),
every line of the request and the register's free text hold a marker of their own, so a
test can say where each one went. Only the markers inside approved text (a case study's
approved quote, the public request) may reach a public output."""

from __future__ import annotations

import csv
import io
from email.message import EmailMessage
from pathlib import Path

from policebreaches.edition import write_manifest

from editions import docx_bytes, make_edition, xlsx_bytes


class Markers:
    """Hands out unique markers ('zqm' and three digits: no name, number or formula to any
    detector, and words to no codebook rule) and remembers them."""

    def __init__(self):
        self.all: list[str] = []

    def __call__(self) -> str:
        marker = f"zqm{len(self.all) + 1:03d}"
        self.all.append(marker)
        return marker


HEADER = ["Date", "Rank", "Nature of breach", "Outcome"]
INCIDENTS = [
    ("2013-04-02", "PC", "Accessed PNC to check a neighbour's vehicle", "Written warning"),
    ("2013-09-15", "Sergeant", "Disclosed a victim's address to a relative", "Dismissed"),
    ("2014-02-01", "Police staff", "Viewed a crime report without a policing purpose", "No further action"),
    ("2014-06-20", "Detective Constable", "Passed details of an investigation to a journalist", "Resigned"),
]


def incident_rows(mark: Markers) -> list[list[str]]:
    return [
        [date, f"{rank} {mark()}", f"{what} {mark()}", f"{outcome} {mark()}"] for date, rank, what, outcome in INCIDENTS
    ]


def make_marker_edition(tmp: Path, root: Path) -> tuple[Path, Markers, set[str]]:
    """(the edition folder, every marker, the markers a person approved for print)."""
    mark = Markers()
    names = {force: f"{force}/{mark()} response" for force in ("kent", "essex", "surrey", "durham")}
    kent_rows = incident_rows(mark)
    essex_rows = incident_rows(mark)
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([HEADER, *essex_rows])
    surrey = docx_bytes(tmp, [[HEADER, *incident_rows(mark)]], paragraphs=[f"Dear requester {mark()}"])
    mail = EmailMessage()
    mail["From"], mail["Subject"] = "foi@durham.example", f"RE: FOI {mark()}"
    mail.set_content(f"Please find the figures attached. {mark()}")
    attached = io.StringIO()
    csv.writer(attached, lineterminator="\n").writerows([HEADER, *incident_rows(mark)])
    mail.add_attachment(attached.getvalue().encode(), maintype="text", subtype="csv", filename=f"{mark()}.csv")
    rows = [
        {
            "force": "Kent",
            "status": "disclosed",
            "files": f"{names['kent']}.xlsx",
            "reference": mark(),
            "notes": mark(),
        },
        {
            "force": "Essex",
            "status": "disclosed",
            "files": f"{names['essex']}.csv",
            "reference": mark(),
            "notes": mark(),
        },
        {"force": "Surrey", "status": "disclosed", "files": f"{names['surrey']}.docx", "notes": mark()},
        {"force": "Durham", "status": "disclosed", "files": f"{names['durham']}.eml", "notes": mark()},
        {"force": "Sussex", "status": "refused", "exemption": "Section 12 (cost)", "notes": mark()},
    ]
    files = {
        f"{names['kent']}.xlsx": xlsx_bytes(tmp, {f"Data {mark()}": [HEADER, *kent_rows]}),
        f"{names['essex']}.csv": text.getvalue(),
        f"{names['surrey']}.docx": surrey,
        f"{names['durham']}.eml": mail.as_bytes(),
    }
    root = make_edition(root, rows, files, bless=False)
    public_line, quote = f"The number of data protection breaches, please {mark()}.", kent_rows[0][2]
    request = (
        f"Dear FOI officer {mark()},\n\n{public_line}\n\nA second question {mark()}.\n\n"
        f"Yours faithfully,\nA requester {mark()}\n1 High Street {mark()}\n"
    )
    (root / "request.txt").write_text(request, encoding="utf-8")
    with open(root / "edition.yaml", "a", encoding="utf-8") as fh:
        fh.write(f"request_public: |\n  {public_line}\n")
        fh.write("case_studies:\n")
        fh.write(f'  - {{force: Kent, contains: "{quote}", quote: "{quote}", approved_by: "a test"}}\n')
        fh.write(f'  - {{force: Essex, contains: "{essex_rows[1][2]}"}}\n')  # no quote approved: none printed
    write_manifest(root)
    approved = {public_line.split()[-1].rstrip("."), quote.split()[-1]}
    return root, mark, approved
