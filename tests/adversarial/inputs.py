#!/usr/bin/python3
"""inputs.py - writes the adversarial inputs into DIR, one file per class.

usage: inputs.py DIR

Each is a variant of one small samples file (base.csv, the first 40 rows
of tests/fixtures/bottleneck/cpu-saturated.csv) with one thing wrong or
odd, or a broken JSON document.  tests/adversarial/expect says what each
program must do with each; tests/adversarial.bats runs them."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(ROOT, "tests", "fixtures", "bottleneck", "cpu-saturated.csv")


def main():
    d = sys.argv[1]
    with open(SRC, "rb") as f:
        lines = f.read().split(b"\n")[:41]
    header, rows = lines[0], lines[1:]
    ncols = header.count(b",") + 1
    base = b"\n".join(lines) + b"\n"

    def body(rs):
        return header + b"\n" + b"\n".join(rs) + b"\n"

    def cell(i, col, value):
        """base with row i's field col replaced by value."""
        rs = list(rows)
        f = rs[i].split(b",")
        f[col] = value
        rs[i] = b",".join(f)
        return body(rs)

    out = {
        "base.csv": base,
        "empty.csv": b"",
        "header-only.csv": header + b"\n",
        "no-final-newline.csv": base[:-1],
        "crlf.csv": base.replace(b"\n", b"\r\n"),
        "cr-only.csv": base.replace(b"\n", b"\r"),
        "bom.csv": b"\xef\xbb\xbf" + base,
        "invalid-utf8.csv": cell(5, 1, b"web\xff\xfe1"),
        "nul.csv": cell(5, 1, b"we\x00b1"),
        "unterminated-quote.csv": cell(5, 3, b'"12'),
        "ragged-short.csv": body(rows[:5] + [b",".join(rows[5].split(b",")[:-1])] + rows[6:]),
        "ragged-long.csv": body(rows[:5] + [rows[5] + b",7"] + rows[6:]),
        "duplicate-column.csv": header.replace(b"cpu0_busy_pct", b"cpu_busy_pct") + b"\n" + b"\n".join(rows) + b"\n",
        "empty-column-name.csv": header.replace(b",cpu0_busy_pct,", b",,") + b"\n" + b"\n".join(rows) + b"\n",
        "field-1mib.csv": cell(5, 1, b"w" * (1 << 20)),
        "columns-100k.csv": b",".join(b"c%d" % i for i in range(100000)) + b"\n" + b",".join(b"1" for i in range(100000)) + b"\n",
        "nan.csv": cell(5, 3, b"NaN"),
        "inf.csv": cell(5, 3, b"inf"),
        "1e400.csv": cell(5, 3, b"1e400"),
        "hex.csv": cell(5, 3, b"0x1A"),
        "comma-decimal.csv": cell(5, 3, b'"12,5"'),
        "time-backwards.csv": cell(20, 0, b"1767225500"),
        "truncated.json": b'{\n  "format": "perf-trend/1",\n  "groups": [\n    {"host": "a", "n": 1',
        "nested-deep.json": b"[" * 100000 + b"]" * 100000 + b"\n",
        "nested-deep-object.json": b'{"format": "perf-validate/1", "a": ' + b'{"a": ' * 100000 + b"1" + b"}" * 100001 + b"\n",
    }
    assert len(rows[5].split(b",")) == ncols
    for name, data in out.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


main()
