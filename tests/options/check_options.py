#!/usr/bin/python3
"""check_options.py - every option of a program is in its --help and its
man page, and both name no option the program lacks.

    check_options.py BIN PROG
    check_options.py --list PROG     (the options of PROG's source, one a line)

The options are read from the program's source, cmd/PROG/PROG.c: the
long options of its getopt_long table and the letters of the short-option
string given to getopt_long.  --help is the built program's (BIN/PROG);
the man page is cmd/PROG/PROG.1.  Speaks TAP: one test per direction and
document, the differences named.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def source_options(prog):
    src = open(os.path.join(ROOT, "cmd", prog, prog + ".c"), encoding="utf-8").read()
    longs = {"--" + m for m in re.findall(
        r'\{\s*"([a-z][a-z0-9-]*)",\s*(?:no|required|optional)_argument', src)}
    m = re.search(r'getopt_long\(\s*argc,\s*argv,\s*"([^"]*)"', src)
    if not m:
        sys.exit("%s: no getopt_long call found" % prog)
    shorts = {"-" + c for c in m.group(1) if c.isalnum()}
    return longs, shorts


def help_options(binary):
    out = subprocess.run([binary, "--help"], capture_output=True, text=True,
                         check=True).stdout
    longs, shorts = set(), set()
    for line in out.splitlines():
        longs |= set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", line))
        if line.startswith("usage:") or line.startswith(" " * 10) and "[" in line:
            # usage lines: [-ehqV] groups and [-o file]
            for g in re.findall(r"\[-([A-Za-z]+)\]", line):
                shorts |= {"-" + c for c in g}
            shorts |= set(re.findall(r"\[(-[A-Za-z])[ \]]", line))
        if re.match(r"\s+-", line):
            shorts |= set(re.findall(r"(?<![\w-])-[A-Za-z](?![\w-])", line))
    return longs, shorts


def man_tokens(text):
    """The options an mdoc text names with Fl: ("--x", "-a", ...)."""
    longs, shorts = set(), set()
    for t in re.findall(r"\bFl\s+(\S+)", text):
        # Fl puts the first dash: "Fl \-by" is --by, "Fl ehV" is -e -h -V.
        t = t.replace("\\-", "-").rstrip(".,;:)")
        if re.fullmatch(r"-[a-z][a-z0-9-]*", t):
            longs.add("-" + t)
        elif re.fullmatch(r"[A-Za-z]+", t):
            shorts |= {"-" + c for c in t}
    return longs, shorts


def man_options(prog):
    text = open(os.path.join(ROOT, "cmd", prog, prog + ".1"), encoding="utf-8").read()
    anywhere = man_tokens(text)
    # What the page lists as the program's own: SYNOPSIS and the .It lines
    # of OPTIONS (elsewhere it may name other programs' options).
    own = "\n".join(l for l in text.splitlines()
                    if l.startswith(".Op ") or l.startswith(".It "))
    return anywhere, man_tokens(own)


def main():
    binary, prog = sys.argv[1], sys.argv[2]
    src_long, src_short = source_options(prog)
    if binary == "--list":
        print("\n".join(sorted(src_long | src_short)))
        return 0
    src = src_long | src_short
    h_long, h_short = help_options(os.path.join(binary, prog))
    (m_long, m_short), (o_long, o_short) = man_options(prog)
    checks = [
        ("every option is in --help", src - (h_long | h_short)),
        ("--help names no option the program lacks", (h_long | h_short) - src),
        ("every option is in the man page", src - (m_long | m_short)),
        ("the man page's synopsis and options list name no option the program lacks",
         (o_long | o_short) - src),
    ]
    print("1..%d" % len(checks))
    bad = 0
    for i, (name, diff) in enumerate(checks, 1):
        if diff:
            bad += 1
            print("not ok %d - %s %s: %s" % (i, prog, name, " ".join(sorted(diff))))
        else:
            print("ok %d - %s %s" % (i, prog, name))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
