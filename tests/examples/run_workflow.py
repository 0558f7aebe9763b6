#!/usr/bin/python3
"""run_workflow.py - runs the shell steps of a GitHub Actions workflow
here, as the runner would: each `run:` step through `bash -e` with the
workflow's, job's and step's env (this process's environment wins), in order,
stopping at the first that fails; its exit status is that step's.

    run_workflow.py WORKFLOW.yml JOB STEP_ID...

Only the steps named are run (steps that install software or build the
user's program need root, the network or the user's code).  Prints
"step ID: exit N" for each step on stderr.
"""
import os
import subprocess
import sys

import yaml


def main():
    path, job, ids = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(path, encoding="utf-8") as f:
        wf = yaml.safe_load(f)
    env = {k: str(v) for k, v in (wf.get("env") or {}).items()}
    j = wf["jobs"][job]
    env.update({k: str(v) for k, v in (j.get("env") or {}).items()})
    steps = {s["id"]: s for s in j["steps"] if "id" in s}
    missing = [i for i in ids if i not in steps]
    if missing:
        sys.exit("run_workflow: no step %s" % " ".join(missing))
    for i in ids:
        s = steps[i]
        if "run" not in s:
            sys.exit("run_workflow: step %s has no run:" % i)
        e = dict(env)
        e.update({k: str(v) for k, v in (s.get("env") or {}).items()})
        e.update(os.environ)  # the caller's settings win
        rc = subprocess.run(["bash", "-e", "-c", s["run"]], env=e).returncode
        print("step %s: exit %d" % (i, rc), file=sys.stderr)
        if rc != 0:
            return rc
    return 0


if __name__ == "__main__":
    sys.exit(main())
