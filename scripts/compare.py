#!/usr/bin/env python3
"""vanban against the tools a user would pick instead, on the same plan, in
one run on one machine (issue 14).

    python3 scripts/compare.py [PLAN.txt] [N]

- vanban: `examples/throughput` (in-process, median per plan; each iteration
  a different variant of the plan);
- Typst (the `typst` Python package, compiler reused): the same plan laid out
  as Decree 30 asks (`examples/typst_source`: page, margins, font, sizes,
  weights, indents, justification, header and signature grids), each compile
  with a different number (`sys.inputs`);
- python-docx: the plan's paragraphs with their font, size, indent and
  justification, DOCX only.

Installs `typst` and `python-docx` with pip when they are missing. Prints a
Markdown table, the one in the README's performance section.
"""

import importlib
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "fixtures/text/000_b9e7d6f373767c93.txt")
N = int(sys.argv[2]) if len(sys.argv) > 2 else 200


def need(module, package):
    try:
        return importlib.import_module(module)
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", package], check=True)
        return importlib.import_module(module)


def cargo_example(name, *args):
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "--example", name, "--", *args],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )
    return out.stdout


def median_ms(f, n):
    times = []
    for i in range(n):
        t = time.perf_counter()
        f(i)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def vanban():
    out = cargo_example("throughput", PLAN, str(N))
    figures = {}
    for line in out.splitlines():
        if line.startswith(("docx:", "pdf:")):
            name, value = line.split(":", 1)
            figures[name] = float(value.split()[0]) / 1000
    return figures


def typst_pdf():
    typst = need("typst", "typst")
    source = os.path.join(ROOT, "target", "compare-plan.typ")
    with open(source, "w", encoding="utf-8") as f:
        f.write(cargo_example("typst_source", PLAN))
    compiler = typst.Compiler(source, font_paths=[os.path.join(ROOT, "fonts")])
    compiler.compile(format="pdf", sys_inputs={"n": "0"})  # warm up: fonts
    return median_ms(lambda i: compiler.compile(format="pdf", sys_inputs={"n": str(i % 64)}), max(N // 4, 20))


def python_docx():
    docx = need("docx", "python-docx")
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    with open(PLAN, encoding="utf-8") as f:
        lines = [l.strip() for l in f.read().split("+++")[-1].splitlines() if l.strip()]

    def build(i):
        d = docx.Document()
        s = d.sections[0]
        s.page_width, s.page_height = Mm(210), Mm(297)
        s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
        for k, line in enumerate(lines):
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            p.paragraph_format.first_line_indent = Mm(10)
            p.paragraph_format.space_before = Pt(6)
            r = p.add_run(line + (f" (bản {i})" if k == 0 else ""))
            r.font.name, r.font.size = "Times New Roman", Pt(14)
        out = os.path.join(ROOT, "target", "compare-python-docx.docx")
        d.save(out)

    return median_ms(build, max(N // 4, 20))


def main():
    v = vanban()
    t = typst_pdf()
    p = python_docx()
    print(f"plan: {os.path.relpath(PLAN, ROOT)}; median per plan on this machine")
    print()
    print("| | DOCX | PDF |")
    print("|---|---|---|")
    print(f"| vanban | {v['docx']:.2f} ms | {v['pdf']:.2f} ms |")
    print(f"| Typst (compiler reused) | | {t:.2f} ms |")
    print(f"| python-docx | {p:.2f} ms | |")
    print()
    print(f"vanban's PDF is {t / v['pdf']:.1f}x Typst's speed; its DOCX {p / v['docx']:.0f}x python-docx's.")


if __name__ == "__main__":
    main()
