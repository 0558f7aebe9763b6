"""check_many.py - runs many checker invocations in one Python process, for
schemas.bats: each standard-input line "WANT CHECKER SCHEMA [FILE]" runs
CHECKER (check_json.py or check_table.py) as its command line would, with
sys.argv = [CHECKER, SCHEMA, FILE], and compares its exit status with
WANT (0 or 1) and its standard output with the file FILE.out when WANT is 1 (that
output must not be empty) or with nothing when WANT is 0.  Paths are as
given, relative to the working directory, which a line "cd DIR" changes.

Prints one line per invocation that differs, with what was printed, and
exits 1 if any did; the count of invocations goes to standard error.  One
process saves a Python start and a jsonschema import per fixture: about
0.3 s each, a hundred fixtures."""
import contextlib
import io
import os
import runpy
import sys


def run(argv):
    out = io.StringIO()
    old = sys.argv
    sys.argv = argv
    status = 0
    try:
        with contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(io.StringIO()):
            runpy.run_path(argv[0], run_name="__main__")
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    finally:
        sys.argv = old
    return status, out.getvalue()


def main():
    bad = n = 0
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "cd":
            os.chdir(words[1])
            continue
        want, argv = int(words[0]), words[1:]
        n += 1
        status, got = run(argv)
        expect = ""
        if want == 1:
            with open(argv[-1] + ".out", encoding="utf-8") as f:
                expect = f.read()
        why = None
        if status != want:
            why = f"exit {status}, want {want}"
        elif got.rstrip("\n") != expect.rstrip("\n"):
            why = "output differs from " + (argv[-1] + ".out" if want else "nothing")
        elif want == 1 and not got:
            why = "no message"
        if why:
            bad += 1
            print(f"{' '.join(argv)}: {why}")
            for ln in got.splitlines()[:10]:
                print(f"  | {ln}")
    print(f"{n} checks", file=sys.stderr)
    sys.exit(1 if bad else 0)


main()
