#!/usr/bin/env python3
"""Word drafts made by other tools, for vanban's DOCX import (issue 15).

A clerk's draft of a real plan as Word users type it: the agency and the
Quốc hiệu in a borderless two-column table, the number and the day left
blank for the e-office system, the section headings numbered by hand, one
run of items in Word's automatic numbering (style "List Number"), the dashes
as Word bullets (style "List Bullet"), tables in "Table Grid", and the
recipients and the signer in a second borderless table.

    python3 scripts/make_drafts.py            # writes fixtures/drafts/*.docx

For each plan it writes NAME.python-docx.docx (python-docx) and, when
LibreOffice is installed, NAME.libreoffice.docx: the same draft opened and
saved again by LibreOffice (`soffice --convert-to docx`), which rewrites
every part in its own way. tests/import.rs reads both and checks that they
import to the plan as issued.

Needs: pip install python-docx (1.x); LibreOffice for the second file.
"""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "drafts"

# (name, the plan as issued in the plain-text format)
PLANS = [
    ("000-svhttdl-daknong", ROOT / "fixtures/text/000_b9e7d6f373767c93.txt"),
    ("dongthap-thpt-sinhhoat", ROOT / "fixtures/real/dongthap-thpt-docbinhkieu-sinhhoat-2026.txt"),
]

FONT = "Times New Roman"


def front_matter(text):
    m = re.match(r"\+\+\+\n(.*?)\n\+\+\+\n", text, re.S)
    fm = {}
    for line in m.group(1).splitlines():
        kv = re.match(r'(\w+) = "(.*)"$', line)
        if kv:
            fm[kv.group(1)] = kv.group(2).replace("\\n", "\n")
    return fm, text[m.end():]


def paragraphs(body):
    """Blank-line separated paragraphs; a run of `- ` lines is one line each."""
    out = []
    for block in re.split(r"\n\s*\n", body.strip()):
        lines = block.splitlines()
        if lines[0].startswith("Nơi nhận") or lines[0].isupper():
            out.extend([l] for l in lines)
        elif all(l.startswith("- ") for l in lines) or all(l.startswith("|") for l in lines):
            out.extend([lines] if lines[0].startswith("|") else [[l] for l in lines])
        else:
            out.append([" ".join(lines)])
    return out


def style_font(doc):
    st = doc.styles["Normal"]
    st.font.name = FONT
    st.font.size = Pt(14)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for s in ("List Number", "List Bullet", "Table Grid"):
        doc.styles[s].font.name = FONT


def para(cell_or_doc, text, bold=False, italic=False, size=None, align=None, style=None):
    p = cell_or_doc.add_paragraph(style=style)
    # markup: *italic* and **bold** runs, as a clerk sets them
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if not part:
            continue
        b, i = bold, italic
        if part.startswith("**"):
            part, b = part[2:-2], True
        elif part.startswith("*"):
            part, i = part[1:-1], True
        r = p.add_run(part)
        r.bold, r.italic = b, i
        if size:
            r.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(6)
    return p


def borderless(table):
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.makeelement(qn("w:tblBorders"), {})
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(borders.makeelement(qn(f"w:{side}"), {qn("w:val"): "nil"}))
    tbl_pr.append(borders)


def cell_text(cell, lines, **kw):
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for l in lines:
        para(cell, l, **kw)


def draft(src: Path, dst: Path):
    fm, body = front_matter(src.read_text(encoding="utf-8"))
    paras = paragraphs(body)
    doc = Document()
    style_font(doc)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Mm(30), Mm(15), Mm(20), Mm(20)

    # the header: agency | Quốc hiệu, the Số line and the blank date
    k = 0
    numline = paras[k][0]
    k += 1
    code = re.sub(r"\s+", "", numline.split("/", 1)[1])
    vv = None
    if paras[k][0].startswith("V/v"):
        vv = paras[k][0]
        k += 1
    dateline = paras[k][0]
    k += 1
    place = dateline.split(",")[0]
    year = re.search(r"năm (\d{4})", dateline).group(1)
    month = re.search(r"tháng (\d+)", dateline).group(1)
    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    borderless(head)
    left, right = head.rows[0].cells
    cell_text(left, fm.get("parent", "").split("\n") if fm.get("parent") else [], size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    for l in fm["name"].split("\n"):
        para(left, l, bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(left, f"Số:        /{code}", size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    if vv:
        para(left, vv, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(right, [], size=13)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    # the day left blank for the e-office system; a month the plan gives stays
    day_month = f"ngày      tháng {month}" if "..." in dateline else "ngày      tháng      "
    para(right, f"{place}, {day_month} năm {year}", italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    # the title
    para(doc, paras[k][0], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, paras[k + 1][0], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    k += 2

    # the body up to Nơi nhận
    auto_used = False
    in_auto = False
    section = 0
    while k < len(paras) and not paras[k][0].startswith("Nơi nhận"):
        lines = paras[k]
        t = lines[0]
        k += 1
        if t.startswith("|"):
            rows = [[c.strip() for c in l.strip().strip("|").split("|")] for l in lines]
            ncols = max(len(r) for r in rows)
            table = doc.add_table(rows=0, cols=ncols)
            table.style = doc.styles["Table Grid"]
            for r, cells in enumerate(rows):
                row = table.add_row().cells
                if len(cells) == 1 and ncols > 1:
                    merged = row[0].merge(row[ncols - 1])
                    cell_text(merged, [cells[0]], bold=True, size=12)
                    continue
                for c, text in enumerate(cells):
                    cell_text(row[c], [x.strip() for x in text.split("<br>")], bold=(r == 0), size=12)
            continue
        roman = re.match(r"^([IVX]+)\. ", t)
        item = re.match(r"^(\d+)\. (.*)$", t)
        if roman:
            section += 1
            # Word numbering for the items of the second section only, as a
            # clerk who pressed the toolbar button once would
            in_auto = section == 2 and not auto_used
            para(doc, t, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        elif item and in_auto:
            auto_used = True
            para(doc, item.group(2), style="List Number", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        elif item:
            para(doc, t, bold=len(t) < 80, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        elif t.startswith("- "):
            para(doc, t[2:], style="List Bullet", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        elif re.match(r"^[a-zđ]\) ", t) or t.startswith("+ "):
            para(doc, t, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        else:
            para(doc, t, bold=t.isupper(), align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    # Nơi nhận | signer
    rest = [l for p in paras[k:] for l in p]
    split = next(i for i, l in enumerate(rest) if not l.startswith("-") and i > 0)
    recipients, signer = rest[1:split], rest[split:]
    foot = doc.add_table(rows=1, cols=2)
    borderless(foot)
    left, right = foot.rows[0].cells
    cell_text(left, ["Nơi nhận:"], bold=True, italic=True, size=12)
    for r in recipients:
        para(left, r, size=11)
    cell_text(right, signer[:-1], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(3):
        para(right, "")
    para(right, signer[-1], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    dst.parent.mkdir(parents=True, exist_ok=True)
    doc.core_properties.author = "văn thư"
    doc.save(dst)


def libreoffice_copy(src: Path, dst: Path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print(f"LibreOffice not installed: {dst.name} not written", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        # a docx → docx conversion needs the source under another name
        staged = Path(tmp) / "in" / src.name
        staged.parent.mkdir()
        shutil.copy(src, staged)
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(staged)],
            check=True, capture_output=True,
        )
        shutil.copy(Path(tmp) / src.name, dst)


def main():
    for name, src in PLANS:
        a = OUT / f"{name}.python-docx.docx"
        draft(src, a)
        libreoffice_copy(a, OUT / f"{name}.libreoffice.docx")
        print("wrote", a.relative_to(ROOT))


if __name__ == "__main__":
    main()
