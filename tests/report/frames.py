"""frames.py PAGE: checks each chart frame of an --interactive page.

Each <iframe srcdoc> must hold, once its attribute is unescaped, the
chart's SVG as gnuplot wrote it: well-formed XML, its lines intact (the
mouse script's `//` comments end at them), every path's data made of
path commands and numbers only (a line end written as the two characters
backslash and n left the plot area empty), and the frame shaped as the
chart.  Prints the number of frames checked; exits 1 on the first that
fails.
"""
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

PATHDATA = re.compile(r"^[MLHVCSQTAZmlhvcsqtaz0-9.,eE+\-\s]*$")
SVGNS = "{http://www.w3.org/2000/svg}"


class Frames(HTMLParser):
    def __init__(self):
        super().__init__()
        self.frames = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "iframe" and "srcdoc" in a:
            self.frames.append(a)


def fail(i, why):
    print(f"frame {i}: {why}", file=sys.stderr)
    sys.exit(1)


p = Frames()
with open(sys.argv[1], encoding="utf-8") as f:
    p.feed(f.read())
for i, a in enumerate(p.frames):
    doc = a["srcdoc"]
    if "<svg" not in doc:
        fail(i, "no <svg>")
    svg = doc[doc.index("<svg"):]
    if svg.count("\n") < 100:
        fail(i, f"{svg.count(chr(10))} line ends: the lines were not kept")
    root = ET.fromstring(svg)
    w, h = map(float, root.get("viewBox").split()[2:])
    if not re.search(r"aspect-ratio:%g/%g" % (w, h), a.get("style", "")):
        fail(i, f"frame not shaped {w:g}/{h:g}: {a.get('style')}")
    paths = [e.get("d") for e in root.iter(SVGNS + "path") if e.get("d")]
    if not paths:
        fail(i, "no path")
    for d in paths:
        if not PATHDATA.match(d):
            fail(i, f"path data not numbers: {d[:60]!r}")
    if not any(s.text and "gnuplot_svg" in s.text for s in root.iter(SVGNS + "script")):
        fail(i, "no mouse script")
print(len(p.frames))
