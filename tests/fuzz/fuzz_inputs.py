#!/usr/bin/python3
"""fuzz_inputs.py - seeded mutation fuzzer for perfpipe's input parsers.

usage: fuzz_inputs.py [-b BUILDDIR] [-t TARGET,...] [-n CASES] [-s SEED]
                      [-c CASE] [-T SECONDS] [-k KEEPDIR] [-v]

Targets:
  csv     perf-trend on one or more mutated CSV files (the CSV reader, the
          number parser, column roles, the statistics behind them)
  trend   perf-trend with hostile options (--by, --metric, --compare,
          --forecast, --baseline, --complexity, --x, -o) on mutated CSV
  sample  perf-sample --root on mutated copies of tests/fixtures/proc-*
          (truncated, empty, missing files, garbage and huge numbers,
          extra fields, NUL bytes, long lines)
  time    perf-time with hostile arguments (tiny runs only)

Case I of target T under seed S is generated from Random("S:T:I") alone,
so `-t T -s S -c I -k DIR` reproduces it and keeps its files in DIR.

Each case runs under a timeout and is classified.  Good outcomes: exit 0
with valid output (JSON that parses strictly and keeps its schema, CSV
that keeps its Table Schema, a file given to -o written), or exit 2 with
one message line "prog: ..." on stderr (after any "prog: " warnings and
the usage of a misuse), naming FILE:LINE when it names an input file,
with no result on stdout and no output file left behind.  Anything else
- a signal, a sanitizer report, a timeout, another exit status, an empty
message, a result on exit 2 - is a finding; each is printed with the
command that reproduces it.  Exit 0 when there were no findings, 1 when
there were, 2 on bad usage."""
import argparse
import csv
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CASES = os.path.join(ROOT, "tests", "cases")
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
SCHEMAS = os.path.join(ROOT, "schemas")
TARGETS = ("csv", "trend", "sample", "time")

# Numbers a hostile file or argument holds.
NUMS = [
    "1e309", "-1e309", "1.7976931348623157e308", "-1.7976931348623157e308",
    "1e308", "-1e308", "4.9e-324", "1e-400", "-0", "+0", "0x10", "nan",
    "NaN", "-nan", "inf", "-inf", "Infinity", "1e", "e5", ".", "-", "+",
    "+1", "1.", ".5", "00001", "1e0000000009", "1e99999999999",
    "123456789012345678901234567890", "9" * 200, "0." + "0" * 150 + "1",
    "1,5", " 1", "1 ", "1_000", "", "\"1\"", "18446744073709551616",
    "-9223372036854775809", "9223372036854775807", "0", "1", "-1",
    "2.5", "1e-300", "3e300", "\u0661", "1\u00a0", "0.1x3",
]
BYTES = [b",", b"\"", b"\n", b"\r", b"\r\n", b"\0", b"\xff", b"\xef\xbb\xbf",
         b"\"\"", b",,", b"\n\n", b" ", b"\t", b"\\", b"'", b"%s%n"]


def load_checkers():
    """The project's own schema checkers, without their main()."""
    ns = {}
    for name in ("check_json.py", "check_table.py"):
        path = os.path.join(ROOT, "tests", "schema", name)
        with open(path, encoding="utf-8") as f:
            src = f.read()
        src = src[:src.rindex("\nmain()")]
        exec(compile(src, path, "exec"), ns)     # noqa: S102 (our own file)
    return ns


CHECK = load_checkers()
csv.field_size_limit(1 << 30)
_validators = {}


def json_errors(schema_name, text):
    """'' when text is one strict JSON document keeping the schema."""
    try:
        doc = CHECK["parse"](text)
    except ValueError as e:
        return f"not strict JSON: {e}"
    if schema_name not in _validators:
        path = os.path.join(SCHEMAS, schema_name)
        with open(path, encoding="utf-8") as f:
            schema = json.load(f)
        _validators[schema_name] = CHECK["make_validator"](path, schema)[0]
    errs = CHECK["errors_of"](_validators[schema_name], doc)
    if errs:
        e = errs[0]
        return "schema: /%s: %s" % ("/".join(map(str, e.absolute_path)),
                                    e.message[:200])
    return ""


def table_errors(schema_name, text):
    """'' when text keeps the Table Schema."""
    with open(os.path.join(SCHEMAS, schema_name), encoding="utf-8") as f:
        schema = json.load(f)
    errs = []
    if "\r\n" in text:
        errs.append("CRLF line ends")
    CHECK["check_rows"](schema, text, errs)
    return ("schema: " + errs[0][:200]) if errs else ""


def csv_shape_errors(text):
    """'' when text is CSV with a header and rows as long as it."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as e:
        return f"bad CSV output: {e}"
    if not rows:
        return "empty CSV output"
    for i, r in enumerate(rows[1:], start=2):
        if len(r) != len(rows[0]):
            return f"CSV output line {i}: {len(r)} fields, header has " \
                   f"{len(rows[0])}"
    return ""


# ---------------------------------------------------------------- CSV ---

def csv_seeds():
    seeds = []
    d = os.path.join(CASES, "perf-trend")
    for name in sorted(os.listdir(d)):
        if name.endswith(".csv"):
            with open(os.path.join(d, name), "rb") as f:
                seeds.append((name, f.read()))
    return seeds


def split_lines(data):
    return data.split(b"\n")


def mutate_csv(rng, data):
    """One to four mutations of CSV bytes, byte-level or field-level."""
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
        data = rng.choice(CSV_MUTATORS)(rng, data)
    return data


def m_bitflip(rng, d):
    if not d:
        return d
    b = bytearray(d)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def m_insert(rng, d):
    i = rng.randint(0, len(d))
    ins = rng.choice(BYTES) if rng.random() < 0.7 else \
        bytes([rng.randrange(256)])
    return d[:i] + ins + d[i:]


def m_delete(rng, d):
    if not d:
        return d
    i = rng.randrange(len(d))
    return d[:i] + d[i + rng.randint(1, 16):]


def m_truncate(rng, d):
    return d[:rng.randint(0, len(d))]


def m_duprange(rng, d):
    if not d:
        return d
    i = rng.randrange(len(d))
    j = min(len(d), i + rng.randint(1, 64))
    return d[:j] + d[i:j] * rng.randint(1, 8) + d[j:]


def fields_op(rng, d, op):
    lines = split_lines(d)
    if not lines:
        return d
    li = rng.randrange(len(lines))
    f = lines[li].split(b",")
    f = op(f)
    lines[li] = b",".join(f)
    return b"\n".join(lines)


def m_field_num(rng, d):
    def op(f):
        f[rng.randrange(len(f))] = rng.choice(NUMS).encode()
        return f
    return fields_op(rng, d, op)


def m_field_swap(rng, d):
    def op(f):
        i, j = rng.randrange(len(f)), rng.randrange(len(f))
        f[i], f[j] = f[j], f[i]
        return f
    return fields_op(rng, d, op)


def m_field_drop(rng, d):
    def op(f):
        if len(f) > 1:
            del f[rng.randrange(len(f))]
        return f
    return fields_op(rng, d, op)


def m_field_add(rng, d):
    def op(f):
        f.insert(rng.randint(0, len(f)), rng.choice(NUMS).encode())
        return f
    return fields_op(rng, d, op)


def m_quote(rng, d):
    def op(f):
        i = rng.randrange(len(f))
        f[i] = rng.choice([b'"' + f[i] + b'"', b'"' + f[i],
                           f[i] + b'"', b'"a""b"', b'"a\nb"', b'"a,b"',
                           b'x"y', b'"' + f[i] + b'"x', b'"\r\n"',
                           b'""', b'"\0"'])
        return f
    return fields_op(rng, d, op)


def m_header(rng, d):
    lines = split_lines(d)
    h = lines[0].split(b",")
    k = rng.randrange(5)
    if k == 0:                          # a repeated name
        h.append(rng.choice(h))
    elif k == 1:                        # an empty name
        h[rng.randrange(len(h))] = b""
    elif k == 2:                        # names that look like values
        h[rng.randrange(len(h))] = rng.choice(NUMS).encode()
    elif k == 3:                        # a known key name on a metric
        h[rng.randrange(len(h))] = rng.choice(
            [b"time", b"host", b"name", b"command", b"param_n", b"commit",
             b"run", b"pid", b"interval_s", b"wall_s"])
    else:                               # no header at all
        return b"\n".join(lines[1:])
    lines[0] = b",".join(h)
    return b"\n".join(lines)


def m_lines(rng, d):
    lines = split_lines(d)
    k = rng.randrange(4)
    i = rng.randrange(len(lines))
    if k == 0:
        lines.insert(i, lines[rng.randrange(len(lines))])
    elif k == 1 and len(lines) > 1:
        del lines[i]
    elif k == 2:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i:i] = [lines[-2] if len(lines) > 1 else lines[0]] * \
            rng.choice((50, 500))
    return b"\n".join(lines)


def m_crlf(rng, d):
    k = rng.randrange(4)
    if k == 0:
        return d.replace(b"\n", b"\r\n")
    if k == 1:
        return d.replace(b"\n", b"\r")
    if k == 2:
        return d.rstrip(b"\n")
    return d + b"\n\n\n"


def m_long(rng, d):
    n = rng.choice((4096, 65535, 65536, 65537, 200000))
    def op(f):
        f[rng.randrange(len(f))] = rng.choice([b"x", b"1", b"\"", b"9."]) * n
        return f
    return fields_op(rng, d, op)


def m_wide(rng, d):
    n = rng.choice((300, 5000, 70000))
    lines = split_lines(d)
    if rng.random() < 0.5:
        lines[0] += b"".join(b",c%d" % i for i in range(n))
        for i in range(1, len(lines)):
            if lines[i]:
                lines[i] += b",1" * n
    else:
        lines[0] += b"".join(b",c%d" % i for i in range(n))
    return b"\n".join(lines)


def m_nul(rng, d):
    i = rng.randint(0, len(d))
    return d[:i] + b"\0" * rng.randint(1, 3) + d[i:]


def m_empty(rng, d):
    return rng.choice([b"", b"\n", b"\xef\xbb\xbf", b"a", b"a\n", b"a,b\n",
                       b"\"", b",\n,\n", b"time\n1\n", b"v\n1\n"])


CSV_MUTATORS = [m_bitflip, m_insert, m_delete, m_truncate, m_duprange,
                m_field_num, m_field_num, m_field_num, m_field_swap,
                m_field_drop, m_field_add, m_quote, m_quote, m_header,
                m_lines, m_crlf, m_long, m_wide, m_nul, m_empty]


def header_names(data):
    line = data.split(b"\n", 1)[0].decode("utf-8", "replace")
    return [n for n in line.strip("\r\ufeff").split(",") if n] or ["x"]


def column_values(data, name):
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8", "replace"),
                                           newline="")))
        i = rows[0].index(name)
        return [r[i] for r in rows[1:] if len(r) > i and r[i]]
    except (csv.Error, ValueError, IndexError):
        return []


# -------------------------------------------------------------- cases ---

class Case:
    """One run: argv, stdin bytes, the input files (for messages), what a
    good result looks like."""

    def __init__(self, prog, argv, stdin=b"", inputs=(), kind="json",
                 outfile=None, streams=False):
        self.prog, self.argv, self.stdin = prog, argv, stdin
        self.inputs = list(inputs)
        self.kind = kind            # json, csv-tidy, text, samples, prom, runs
        self.outfile = outfile      # -o FILE: the file written whole
        self.streams = streams      # rows may precede an error


def gen_csv(rng, tmp):
    seeds = csv_seeds()
    n = 1 if rng.random() < 0.8 else rng.randint(2, 3)
    paths = []
    for i in range(n):
        name, data = rng.choice(seeds)
        data = mutate_csv(rng, data)
        p = os.path.join(tmp, f"in{i}.csv")
        with open(p, "wb") as f:
            f.write(data)
        paths.append(p)
    argv = ["-f", rng.choice(["json", "json", "csv", "text"])]
    if rng.random() < 0.2:
        with open(paths[0], "rb") as f:
            stdin = f.read()
        return Case("perf-trend", argv + ["-"] + paths[1:], stdin,
                    ["<stdin>"] + paths[1:], kind=kind_of(argv[1]))
    return Case("perf-trend", argv + paths, b"", paths, kind=kind_of(argv[1]))


def kind_of(fmt):
    return {"json": "json", "csv": "csv-tidy", "text": "text"}[fmt]


def names_arg(rng, names):
    k = rng.randrange(10)
    if k < 5:   # at most 50 names: argv has a size limit (E2BIG)
        return ",".join(rng.sample(names, rng.randint(1, min(50,
                                                              len(names)))))
    return rng.choice(["", ",", "nope", names[0] + ",," + names[-1],
                       names[0] + "," + names[0], names[0] + ",",
                       "," + names[0], "a" * 5000, "time", "\n",
                       " " + names[0]])


def gen_trend(rng, tmp):
    seeds = csv_seeds()
    name, data = rng.choice(seeds)
    if rng.random() < 0.6:
        data = mutate_csv(rng, data)
    p = os.path.join(tmp, "in.csv")
    with open(p, "wb") as f:
        f.write(data)
    names = header_names(data)
    argv, inputs, stdin = [], [p], b""
    fmt = rng.choice(["json", "json", "csv", "text"])
    argv += ["-f", fmt]
    for _ in range(rng.randint(1, 4)):
        k = rng.randrange(14)
        if k == 0:
            argv += ["--by", names_arg(rng, names)]
        elif k == 1:
            argv += ["-m", names_arg(rng, names)]
        elif k == 2:
            col = rng.choice(names + ["", "nope"])
            vals = column_values(data, col) or ["a", "b"]
            a, b = rng.choice(vals), rng.choice(vals)
            argv += ["--compare", rng.choice([
                f"{col}={a},{b}", f"{col}={a},{a}", f"{col}=,{b}",
                f"{col}={a},", f"={a},{b}", f"{col}={a},{b},c", "=,",
                f"{col}={a}", f"{col}=={a},{b}", f"{col}={a},{b}"])]
        elif k == 3:
            m = rng.choice(names + ["", "nope"])
            argv += ["--forecast", rng.choice([
                f"{m}={rng.choice(NUMS)}", f"{m}=", f"={rng.choice(NUMS)}",
                m, f"{m}=1=2", f"{m}={rng.choice(NUMS)}"])]
        elif k == 4:
            bd = mutate_csv(rng, data) if rng.random() < 0.5 else \
                rng.choice(seeds)[1]
            bp = os.path.join(tmp, "base.csv")
            with open(bp, "wb") as f:
                f.write(bd)
            which = rng.randrange(8)
            if which == 0:
                argv += ["-b", p]
            elif which == 1:
                argv += ["-b", "/dev/null"]
            elif which == 2:
                argv += ["-b", tmp]
            elif which == 3:
                argv += ["-b", os.path.join(tmp, "missing.csv")]
            elif which == 4:
                argv += ["-b", "-"]
                stdin = bd
                inputs.append("<stdin>")
            else:
                argv += ["-b", bp]
                inputs.append(bp)
        elif k == 5:
            argv.append(rng.choice(["--complexity", "--complexity=" +
                                    rng.choice(names + ["", "nope"])]))
        elif k == 6:
            argv += ["--x", rng.choice(names + ["", "nope"])]
        elif k == 7:
            argv.append("--changepoints")
        elif k == 8:
            argv += ["--confidence", rng.choice(
                ["95%", "50%", "99.9%", "0.999", "0.5", "1e-300", "nan",
                 "-0", "99.99%", "1e309%", ""])]
        elif k == 9:
            argv += ["-t", rng.choice(["0", "0%", "100%", "1", "-0",
                                       "1e-320", "nan%", "5%%"])]
        elif k == 10:
            argv += ["--memory", rng.choice(["1", "1048576", "0",
                                             "1048577", "-1", "0x10"])]
        elif k == 11:
            argv.append("-e")
        elif k == 12:
            argv += ["--higher-is-better", names_arg(rng, names)]
        else:
            argv += ["--seed", rng.choice(["0", "9007199254740992",
                                           "9007199254740993", "-1",
                                           "18446744073709551615"])]
    if rng.random() < 0.15 and ("-b" in argv or "--compare" in argv):
        argv += ["--fail-on", "regression"]
    outfile = None
    if rng.random() < 0.2:
        outfile = os.path.join(tmp, "out.file")
        argv += ["-o", outfile]
    use_stdin = "-" not in argv and rng.random() < 0.1
    if use_stdin:
        argv.append("-")
        inputs.append("<stdin>")
        stdin = data
    if not use_stdin or rng.random() < 0.5:
        argv.append(p)
    return Case("perf-trend", argv, stdin, inputs, kind=kind_of(fmt),
                outfile=outfile)


# ------------------------------------------------------------- sample ---

SAMPLE_SETS = [
    ("proc-live", [[], ["--per-cpu", "--per-disk", "--per-net"],
                   ["-p", "28505"], ["-p", "28505", "--per-process"],
                   ["--cgroup", "/"]]),
    ("proc-vanish", [[], ["--per-cpu", "--per-disk", "--per-net"]]),
    ("proc-cgroup", [["--cgroup", "test.slice"],
                     ["-c", "/sys/fs/cgroup/test.slice/"]]),
    ("proc-64cpu", [["--per-cpu"], []]),
    ("proc-nopsi", [[], ["--per-disk", "--per-net"]]),
]


def tree_files(root):
    out = []
    for d, _, fs in os.walk(root):
        for f in fs:
            p = os.path.join(d, f)
            if "/fd/" in p and not p.endswith("/fd/0"):
                continue
            out.append(p)
    return sorted(out)


def mutate_text(rng, data):
    """A mutation of a /proc or /sys file."""
    k = rng.randrange(16)
    lines = data.split(b"\n")
    li = rng.randrange(len(lines))
    words = lines[li].split(b" ")
    wi = rng.randrange(len(words))
    if k == 0:
        return data[:rng.randint(0, len(data))]
    if k == 1:
        return b""
    if k == 2:                                  # a garbage number
        words[wi] = rng.choice([b"x", b"-1", b"1.5", b"0x10", b"nan",
                                b"1e9", b"-", b"", b"+3", b"12abc"])
    elif k == 3:                                # a huge number
        words[wi] = rng.choice([b"18446744073709551615",
                                b"18446744073709551616",
                                b"99999999999999999999999999",
                                b"9" * 300, b"4294967296",
                                b"9223372036854775808"])
    elif k == 4:                                # extra fields
        words += [b"123", b"456", b"x"] * rng.randint(1, 30)
    elif k == 5:                                # fewer fields
        words = words[:wi]
    elif k == 6:
        return data + b"\0" * rng.randint(1, 5)
    elif k == 7:
        i = rng.randint(0, len(data))
        return data[:i] + b"\0" + data[i:]
    elif k == 8:                                # a very long line
        words[wi] = rng.choice([b"1", b"a", b" "]) * rng.choice(
            (4095, 4096, 70000))
    elif k == 9:
        return m_bitflip(rng, data)
    elif k == 10:
        lines.insert(li, lines[rng.randrange(len(lines))])
        return b"\n".join(lines)
    elif k == 11:
        del lines[li]
        return b"\n".join(lines)
    elif k == 12:
        return data.replace(b"\n", b"\r\n") if rng.random() < 0.5 else \
            data.rstrip(b"\n")
    elif k == 13:
        words[wi] = words[wi].replace(b"\t", b" ") + b"\t"
    elif k == 14:                               # a digit changed
        m = list(re.finditer(rb"[0-9]+", data))
        if m:
            x = rng.choice(m)
            v = int(x.group()) + rng.choice((-1, 1, 10 ** 6, -10 ** 6))
            return data[:x.start()] + str(max(v, 0)).encode() + \
                data[x.end():]
    else:
        lines = [b" ".join(reversed(lines[li].split(b" ")))] + lines
        return b"\n".join(lines)
    lines[li] = b" ".join(words)
    return b"\n".join(lines)


def gen_sample(rng, tmp):
    name, modes = rng.choice(SAMPLE_SETS)
    src = os.path.join(FIXTURES, name)
    roots = []
    for r in ("0", "1"):
        dst = os.path.join(tmp, r)
        shutil.copytree(os.path.join(src, r), dst, symlinks=True)
        roots.append(dst)
    if rng.random() < 0.15:                     # a third sample
        dst = os.path.join(tmp, "2")
        shutil.copytree(roots[1], dst, symlinks=True)
        tf = os.path.join(dst, "perfpipe-time")
        if os.path.exists(tf):
            with open(tf, "rb") as f:
                t = f.read().strip()
            with open(tf, "wb") as f:
                f.write(t + b"9\n")
        roots.append(dst)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        root = rng.choice(roots)
        files = tree_files(root)
        p = rng.choice(files)
        if rng.random() < 0.12:
            os.unlink(p)
            continue
        with open(p, "rb") as f:
            data = f.read()
        data = mutate_text(rng, data)
        os.unlink(p)
        with open(p, "wb") as f:
            f.write(data)
    argv = []
    for r in roots:
        argv += ["--root", r]
    argv += rng.choice(modes)
    if rng.random() < 0.2:
        argv += ["--host", rng.choice(["", "a,b", "\"q\"", "h\nx", "x" * 300])]
    kind, outfile = "samples", None
    k = rng.random()
    if k < 0.1:
        outfile = os.path.join(tmp, "out.prom")
        argv += ["-f", "prometheus", outfile]
        kind = "prom"
    elif k < 0.15:
        outfile = os.path.join(tmp, "out.csv")
        argv += ["-o", outfile]
    return Case("perf-sample", argv, b"", roots, kind=kind, outfile=outfile,
                streams=True)


# --------------------------------------------------------------- time ---

TIME_ARGS = [
    ["-r", "0", "--", "true"], ["-r", "-1", "--", "true"],
    ["-r", "99999999999999999999", "--", "true"],
    ["-r", "100000001", "--", "true"], ["-r", "1e3", "--", "true"],
    ["-r", "1", "--", ""], ["-r", "1", ""], ["-r", "1", "--"],
    ["-r", "1", "-N", ""], ["-r", "1", "-N", "   "], ["-r", "1", " "],
    ["-r", "1", "--param", "n=1,2", "echo {m}"],
    ["-r", "1", "--param", "n=1,2", "echo {n"],
    ["-r", "1", "--param", "n=1,2", "echo {}"],
    ["-r", "1", "--param", "n=1,2", "echo {{n}}"],
    ["-r", "1", "--param", "=1", "true"], ["-r", "1", "--param", "n=", "true"],
    ["-r", "1", "--param", "n", "true"], ["-r", "1", "--param", "n=1:0", "true"],
    ["-r", "1", "--param", "n=0:1e9", "true"],
    ["-r", "1", "--param", "n=0:10:0", "true"],
    ["-r", "1", "--param", "n=0:10:-1", "true"],
    ["-r", "1", "--param", "n=1e309:2", "true"],
    ["-r", "1", "--param", "n=nan:2", "true"],
    ["-r", "1", "--param", "n=0:1:1e-300", "true"],
    ["-r", "1", "--param", "n=a,b", "--param", "n=c", "true"],
    ["-r", "1", "-P", "n", "1", "3", "-D", "0", "true"],
    ["-r", "1", "-P", "n", "1"], ["-r", "1", "-L", "n"],
    ["-r", "1", "-L", "n", ",,", "echo {n}"],
    ["-r", "1", "-P", "n", "3", "1", "true"],
    ["-r", "1", "-P", "n", "1", "99999999999999999999", "true"],
    ["-r", "1", "--timeout", "0", "--", "true"],
    ["-r", "1", "--timeout", "-1s", "--", "true"],
    ["-r", "1", "--timeout", "1e309s", "--", "true"],
    ["-r", "1", "--timeout", "nan", "--", "true"],
    ["-r", "1", "--timeout", "0x10", "--", "true"],
    ["-r", "1", "--timeout", "1sec", "--", "true"],
    ["-r", "1", "--timeout", "-0", "--", "true"],
    ["-r", "1", "--timeout", "1e-300s", "--", "true"],
    ["-r", "1", "--timeout", "10ms", "--", "sleep", "5"],
    ["--min-time", "1e309", "-M", "2", "--", "true"],
    ["--min-time", "-0", "-M", "2", "--", "true"],
    ["--min-time", "0", "-m", "1", "-M", "1", "--", "true"],
    ["-m", "5", "-M", "2", "--", "true"], ["-M", "0", "--", "true"],
    ["-w", "-1", "--", "true"], ["-w", "1e2", "--", "true"],
    ["--precision", "0", "--", "true"], ["--precision", "nan%", "--", "true"],
    ["--precision", "1e-320", "--", "true"],
    ["-r", "1", "--cpu", "", "--", "true"],
    ["-r", "1", "--cpu", "99999", "--", "true"],
    ["-r", "1", "--cpu", "3-1", "--", "true"],
    ["-r", "1", "--cpu", "0-99999999999", "--", "true"],
    ["-r", "1", "--cpu", "a", "--", "true"],
    ["-r", "1", "--input", "/nonexistent", "--", "true"],
    ["-r", "1", "--input", "/", "--", "true"],
    ["-r", "1", "--output", "/nonexistent/x", "--", "true"],
    ["-r", "1", "--output", "", "--", "true"],
    ["-r", "1", "-i", "256", "--", "false"], ["-r", "1", "-i", "", "--", "false"],
    ["-r", "1", "-i", ",", "--", "false"],
    ["-r", "1", "--interleave=x", "true", "true"],
    ["-r", "1", "--measure", "x", "--", "true"],
    ["-r", "1", "--seed", "-1", "--interleave=shuffle", "true", "true"],
    ["-r", "1", "-n", "a", "-n", "b", "true"], ["-r", "1", "-n", "", "true"],
    ["-r", "1", "-n", "--", "true"], ["-r", "1", "-p", "", "true"],
    ["-r", "1", "-s", "exit 3", "true"], ["-r", "1", "-c", "kill -9 $$", "true"],
    ["-r", "1", "--", "/"], ["-r", "1", "--", "/dev/null"],
    ["-r", "1", "--", "\x01"], ["-r", "1", "-N", "'unterminated"],
    ["-r", "1", "-N", "a\\"], ["-r", "1", "-N", "\"\"", ],
    ["-r", "1", "-N", "true {n}"], ["-r", "1", "--", "sh", "-c", "kill -SEGV $$"],
    ["-r", "2", "--", "sh", "-c", "exit 7"],
    ["-r", "1", "x" * 100000],
]


def gen_time(rng, tmp, i):
    argv = list(TIME_ARGS[i % len(TIME_ARGS)])
    if i >= len(TIME_ARGS):
        # Random combinations: an odd value put in place of another, the
        # runs kept few and short whatever it replaced.
        j = rng.randrange(len(argv))
        argv[j] = rng.choice(NUMS + ["", "--", "-", "{n}", "x" * 5000])
        argv = ["-M", "2", "--min-time", "0"] + argv
    return Case("perf-time", argv, b"", [], kind="runs")


# ------------------------------------------------------- classifying ---

SANITIZER = re.compile(r"ERROR: AddressSanitizer|ERROR: LeakSanitizer|"
                       r"runtime error:|SUMMARY: \w+Sanitizer|"
                       r"AddressSanitizer:DEADLYSIGNAL")
NO_LINE_OK = re.compile(
    r": (empty input: no header row|read error: .*|No such file or directory|"
    r"Is a directory|Permission denied|Not a directory|no cpu line|"
    r"no MemTotal line|no rows with .*|.*: write error: .*)$")


def classify(case, rc, out, err, timed_out):
    """'' for a good outcome, else why it is a finding."""
    prog = case.prog
    text = err.decode("utf-8", "replace")
    if timed_out:
        return "timeout"
    if SANITIZER.search(text):
        m = SANITIZER.search(text)
        line = text[m.start():].split("\n", 1)[0]
        return f"sanitizer: {line[:200]}"
    if rc < 0:
        return f"killed by signal {-rc}"
    if prog == "perf-time" and rc not in (0, 2):
        # perf-time passes on a command's status only with -- ... never;
        # 126/127 are for perf-sample's command.  Anything else is odd.
        return f"exit status {rc}"
    if prog != "perf-time" and rc not in (0, 1, 2):
        return f"exit status {rc}"
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if rc == 2:
        if not lines:
            return "exit 2 with no message"
        msgs = [ln for ln in lines if ln.startswith(prog + ": ")]
        others = [ln for ln in lines if not ln.startswith(prog + ": ")
                  and not ln.startswith("usage: ") and not
                  ln.startswith("    ")]
        if not msgs:
            return f"exit 2, message without '{prog}: ': {lines[0][:200]!r}"
        if others and prog != "perf-time":
            return f"exit 2, stray stderr line: {others[0][:200]!r}"
        last = msgs[-1][len(prog) + 2:]
        if not last.strip():
            return "exit 2 with an empty message"
        if prog == "perf-time":
            return ""
        for p in case.inputs:
            if case.prog == "perf-sample":
                # A file under a root: "ROOT/proc/stat:3: malformed".
                m = re.match(re.escape(p) + r"(/[^:]*)?:", last)
                if m:
                    p = p + (m.group(1) or "")
            if last.startswith(p + ":") or (" " + p + ":") in last:
                if not re.search(re.escape(p) + r":\d+\b", last) and \
                        not NO_LINE_OK.search(last):
                    return f"message names {os.path.basename(p)} but no " \
                           f"line: {last[:200]!r}"
        if case.kind in ("json", "csv-tidy", "text") and out:
            return f"exit 2 with output on stdout ({len(out)} bytes)"
        if case.streams and out:
            o = out.decode("utf-8", "replace")
            if not o.endswith("\n"):
                return "exit 2 after a partial line on stdout"
        if case.outfile and case.kind != "samples":
            # Files written whole: none left behind, no temporary either.
            d = os.path.dirname(case.outfile)
            left = [f for f in os.listdir(d) if f.startswith(
                os.path.basename(case.outfile))]
            if left:
                return f"exit 2 left {left[0]} behind"
        return ""
    if rc == 1:
        if prog == "perf-trend" and "--fail-on" in case.argv:
            pass
        else:
            return "exit status 1"
    # Exit 0 (or 1 for --fail-on): a valid result.
    if any(not ln.startswith(prog + ": ") for ln in lines) and \
            prog != "perf-time":
        return f"exit {rc} with stray stderr: {lines[0][:200]!r}"
    if case.outfile:
        if not os.path.exists(case.outfile):
            return f"exit {rc} but {case.outfile} not written"
        with open(case.outfile, "rb") as f:
            res = f.read()
        if out:
            return f"exit {rc} with -o and output on stdout"
    else:
        res = out
    try:
        res = res.decode("utf-8")
    except UnicodeDecodeError as e:
        return f"output not UTF-8 at byte {e.start}"
    if case.kind == "json":
        why = json_errors("trend.schema.json", res)
    elif case.kind == "csv-tidy":
        why = table_errors("trend-tidy.schema.json", res)
    elif case.kind == "samples":
        why = csv_shape_errors(res) or table_errors("samples.schema.json",
                                                    res)
    elif case.kind == "runs":
        why = (csv_shape_errors(res) or table_errors("runs.schema.json", res)
               ) if res else ""
    elif case.kind == "prom":
        why = "" if res.endswith("\n") or not res else "prom: no final newline"
        for ln in res.splitlines():
            if ln and not ln.startswith("#") and not re.fullmatch(
                    r"[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? "
                    r"(-?[0-9.e+-]+|NaN|[+-]Inf)", ln):
                why = f"prom: bad line {ln[:120]!r}"
                break
    else:
        why = "" if res or rc == 0 else "empty output"
    if why:
        return f"exit {rc}, invalid output: {why}"
    return ""


def run_case(bindir, case, timeout, cwd):
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0:exitcode=99"
    env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    env["LC_ALL"] = "C"
    # An argument cannot hold a NUL byte; a header that does gives names
    # without it.
    case.argv = [x.replace("\0", "") for x in case.argv]
    argv = [os.path.join(bindir, case.prog)] + case.argv
    for attempt in range(20):
        try:
            p = subprocess.run(argv, input=case.stdin,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=timeout, cwd=cwd, env=env,
                               start_new_session=True)
            return p.returncode, p.stdout, p.stderr, False
        except subprocess.TimeoutExpired as e:
            return None, e.stdout or b"", e.stderr or b"", True
        except OSError:
            # The program is being relinked (ETXTBSY, EACCES): wait.
            if attempt == 19:
                raise
            time.sleep(0.5)


def shape(msg):
    """A message with its particulars taken out, to count kinds."""
    s = re.sub(r"'[^']*'", "'…'", msg)
    s = re.sub(r"/tmp/\S*?/", "", s)
    return re.sub(r"\d+", "N", s)[:100]


def main():
    ap = argparse.ArgumentParser(usage=__doc__.split("\n\n")[1])
    ap.add_argument("-b", "--bin", default=os.path.join(ROOT, "build", "asan"))
    ap.add_argument("-t", "--targets", default=",".join(TARGETS))
    ap.add_argument("-n", "--cases", type=int, default=100)
    ap.add_argument("-s", "--seed", type=int, default=1)
    ap.add_argument("-c", "--case", type=int, default=None)
    ap.add_argument("-T", "--timeout", type=float, default=20)
    ap.add_argument("-k", "--keep", default=None)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    targets = a.targets.split(",")
    for t in targets:
        if t not in TARGETS:
            ap.error(f"unknown target {t!r}")
    findings = 0
    for t in targets:
        counts, shapes = {}, {}
        rng_cases = [a.case] if a.case is not None else range(a.cases)
        for i in rng_cases:
            rng = random.Random(f"{a.seed}:{t}:{i}")
            tmp = tempfile.mkdtemp(prefix="perfpipe-fuzz.")
            try:
                if t == "csv":
                    case = gen_csv(rng, tmp)
                elif t == "trend":
                    case = gen_trend(rng, tmp)
                elif t == "sample":
                    case = gen_sample(rng, tmp)
                else:
                    case = gen_time(rng, tmp, i)
                rc, out, err, to = run_case(a.bin, case, a.timeout, tmp)
                why = classify(case, rc, out, err, to)
                key = "finding" if why else f"exit {rc}"
                counts[key] = counts.get(key, 0) + 1
                if rc == 2 and not why:
                    e = err.decode("utf-8", "replace").strip().split("\n")
                    e = [x for x in e if x.startswith(case.prog + ": ")]
                    s = shape(e[-1] if e else "")
                    shapes[s] = shapes.get(s, 0) + 1
                if why:
                    findings += 1
                    print(f"FINDING {t} seed {a.seed} case {i}: {why}")
                    print(f"  reproduce: {sys.argv[0]} -b {a.bin} -t {t} "
                          f"-s {a.seed} -c {i} -k DIR")
                    for ln in err.decode("utf-8", "replace").split("\n")[:6]:
                        print(f"  | {ln[:300]}")
                if a.keep and (why or a.case is not None):
                    dst = os.path.join(a.keep, f"{t}-{a.seed}-{i}")
                    shutil.rmtree(dst, ignore_errors=True)
                    shutil.copytree(tmp, dst, symlinks=True)
                    with open(os.path.join(dst, "argv"), "w") as f:
                        f.write("\n".join([case.prog] + case.argv) + "\n")
                    with open(os.path.join(dst, "stdin"), "wb") as f:
                        f.write(case.stdin)
                    with open(os.path.join(dst, "stderr"), "wb") as f:
                        f.write(err)
                    with open(os.path.join(dst, "stdout"), "wb") as f:
                        f.write(out)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
        print(f"fuzz {t}: {sum(counts.values())} cases ({summary})")
        if a.verbose:
            for s, n in sorted(shapes.items(), key=lambda x: -x[1]):
                print(f"  {n:5d}  {s}")
    print(f"fuzz: {findings} finding{'s' if findings != 1 else ''}")
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
