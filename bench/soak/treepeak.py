"""treepeak.py CMD... - runs CMD and polls its process tree every 50 ms:
prints one line, "exit N wall S peak-sum MiB" and the peak RSS of each
program seen (by name), in MiB.  perf-report runs perf-trend,
perf-validate, perf-bottleneck and gnuplot as children, so its memory is
theirs too: ru_maxrss would give only the largest one, not the sum."""
import collections, os, subprocess, sys, time


def children():
    m = collections.defaultdict(list)
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            m[ppid].append(int(d))
    return m


def rss(pid):
    with open(f"/proc/{pid}/comm") as f:
        name = f.read().strip()
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return name, int(line.split()[1])
    return name, 0


t0 = time.monotonic()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
peak, top, at = collections.Counter(), 0, {}
while p.poll() is None:
    kids, stack, now = children(), [p.pid], collections.Counter()
    while stack:
        q = stack.pop()
        stack += kids.get(q, [])
        try:
            name, kib = rss(q)
        except OSError:
            continue
        now[name] += kib
        peak[name] = max(peak[name], kib)
    if sum(now.values()) > top:
        top, at = sum(now.values()), dict(now)
    time.sleep(0.05)
mib = lambda d: ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(d.items()))
print(f"exit {p.returncode}, {time.monotonic() - t0:.1f} s; largest sum "
      f"{top / 1024:.1f} MiB ({mib(at)}); each program's peak, MiB: {mib(peak)}")
