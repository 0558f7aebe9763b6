#!/usr/bin/python3
"""check.py SCHEMA FILE[=NEEDLE] ... - the outputs of tests/adversarial.bats
in one process: each FILE must keep SCHEMA (tests/schema/check_json.py's
strict reading and validator), and with =NEEDLE hold a check whose status
is not "pass" and whose detail names NEEDLE (perf-validate's file:line).
Prints one line per failure; exit 1 if any."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    path = os.path.join(ROOT, "tests", "schema", "check_json.py")
    ns = {}
    with open(path, encoding="utf-8") as f:
        src = f.read()
    exec(compile(src[:src.rindex("\nmain()")], path, "exec"), ns)  # noqa: S102
    schema_path = os.path.join(ROOT, "schemas", sys.argv[1])
    validator = ns["make_validator"](schema_path, ns["load_json"](schema_path))[0]
    bad = 0
    for arg in sys.argv[2:]:
        name, _, needle = arg.partition("=")
        try:
            with open(name, encoding="utf-8") as f:
                doc = ns["parse"](f.read())
        except (ValueError, UnicodeDecodeError) as e:
            print(f"{name}: not strict JSON: {e}")
            bad += 1
            continue
        errs = ns["errors_of"](validator, doc)
        if errs:
            e = errs[0]
            print(f"{name}: /{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")
            bad += 1
        elif needle and not any(c["status"] != "pass" and needle in c["detail"]
                                for c in doc.get("checks", [])):
            print(f"{name}: no check that is not pass names {needle}")
            bad += 1
    sys.exit(1 if bad else 0)


main()
