#!/usr/bin/python3
"""stats.py - the arithmetic of bench/sample/run: cadence error, agreement
with sar, callgrind differences, and the loopback load generator.

usage:
  stats.py cadence INTERVAL_S FILE        timestamps (first field of each
                                          line) -> "n max_ms mean_ms
                                          late_max_ms late_mean_ms"
  stats.py column NAME FILE.csv           one CSV column, one per line
  stats.py mono FILE.csv                  each row's time since the first
                                          row, summing interval_s
  stats.py agree PS.csv SADF.json         Markdown rows: perf-sample vs sar
  stats.py cgtotal CALLGRIND.OUT          total instructions (Ir)
  stats.py cgdiff SHORT.ann LONG.ann K    per-sample self cost by function
                                          from two callgrind_annotate outputs
  stats.py loopback SECONDS BYTES_PER_S   TCP over 127.0.0.1 at that rate
"""
import calendar
import csv
import json
import os
import re
import socket
import sys
import threading
import time


def die(msg):
    sys.stderr.write("stats.py: %s\n" % msg)
    sys.exit(2)


def cadence(interval, path):
    ts = []
    with open(path) as f:
        for line in f:
            if line.strip():
                ts.append(float(line.split()[0]))
    if len(ts) < 2:
        die("%s: fewer than 2 timestamps" % path)
    # the grid through the first timestamp, as issue #2 defines it
    off = [t - i * interval for i, t in enumerate(ts)]
    err = [abs(o - off[0]) for o in off]
    # the grid through the least late timestamp: a timer never fires
    # early, so that is the best estimate of the sampler's own deadlines,
    # and each error is a lateness, whatever happened to the first one
    late = [o - min(off) for o in off]
    print("%d %.3f %.3f %.3f %.3f" % (len(ts), max(err) * 1e3,
                                      sum(err) / len(err) * 1e3,
                                      max(late) * 1e3,
                                      sum(late) / len(late) * 1e3))


def column(name, path):
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if name not in row:
                die("%s: no column '%s'" % (path, name))
            print(row[name])


def mono(path):
    """The monotonic time of each row from the first: the running sum of
    interval_s (written to the microsecond, where time has milliseconds)."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    t = 0.0
    for i, row in enumerate(rows):
        if i:
            t += float(row["interval_s"])
        print("%.6f" % t)


def sar_records(path):
    """(epoch, record) for each statistics record of `sadf -j`."""
    with open(path) as f:
        doc = json.load(f)
    out = []
    for st in doc["sysstat"]["hosts"][0]["statistics"]:
        ts = st["timestamp"]
        if not ts.get("utc"):
            die("%s: sadf times are not UTC (run with S_TIME_DEF_TIME=UTC)"
                % path)
        t = calendar.timegm(time.strptime(ts["date"] + " " + ts["time"],
                                          "%Y-%m-%d %H:%M:%S"))
        out.append((t, st))
    return out


def physical(dev):
    return os.path.exists("/sys/block/%s/device" % dev)


def num(row, col):
    v = row.get(col, "")
    return float(v) if v not in ("", None) else None


def agree(ps_path, sadf_path):
    with open(ps_path, newline="") as f:
        ps = list(csv.DictReader(f))
    sar = sar_records(sadf_path)
    # sadc stamps a record with the whole second in which it was taken:
    # pair it with the perf-sample row taken in that same second (both
    # samplers start together, so each pair covers the same interval give
    # or take the few ms between their start-ups).
    pairs = []
    for t, st in sar:
        best = min(ps, key=lambda r: abs(float(r["time"]) - (t + 0.5)))
        if abs(float(best["time"]) - (t + 0.5)) <= 0.6:
            pairs.append((best, st))
    if len(pairs) < 3:
        die("only %d samples pair up by time" % len(pairs))

    def cpu(st, k):
        return st["cpu-load"][0][k]

    def sar_disk(st, k):
        return sum(d[k] for d in st["disk"] if physical(d["disk-device"])) \
            * 1024

    def sar_net(st, k, lo):
        return sum(i[k] for i in st["network"]["net-dev"]
                   if (i["iface"] == "lo") == lo) * 1024

    rows = [
        ("CPU busy % (sar: 100 - %idle - %iowait)",
         lambda r: num(r, "cpu_busy_pct"),
         lambda st, r: 100 - cpu(st, "idle") - cpu(st, "iowait")),
        ("CPU user %",
         lambda r: num(r, "cpu_user_pct"), lambda st, r: cpu(st, "user")),
        ("CPU system % (sar -u: includes irq and softirq)",
         lambda r: num(r, "cpu_system_pct") + num(r, "cpu_irq_pct")
         + num(r, "cpu_softirq_pct"), lambda st, r: cpu(st, "system")),
        ("CPU iowait %",
         lambda r: num(r, "cpu_iowait_pct"), lambda st, r: cpu(st, "iowait")),
        ("memory used % (sar: (MemTotal - kbavail) / MemTotal)",
         lambda r: num(r, "mem_used_pct"),
         lambda st, r: 100 * (num(r, "mem_total_kib") - st["memory"]["avail"])
         / num(r, "mem_total_kib")),
        ("memory used % vs sar's own %memused ((total - free - buffers"
         " - cached - slab) / total): a different definition",
         lambda r: num(r, "mem_used_pct"),
         lambda st, r: st["memory"]["memused-percent"]),
        ("disk read bytes/s (whole physical disks)",
         lambda r: num(r, "disk_read_bytes_per_s"),
         lambda st, r: sar_disk(st, "rkB")),
        ("disk write bytes/s (whole physical disks)",
         lambda r: num(r, "disk_write_bytes_per_s"),
         lambda st, r: sar_disk(st, "wkB")),
        ("net rx bytes/s, lo (--per-net)",
         lambda r: num(r, "net_lo_rx_bytes_per_s"),
         lambda st, r: sar_net(st, "rxkB", True)),
        ("net tx bytes/s, lo (--per-net)",
         lambda r: num(r, "net_lo_tx_bytes_per_s"),
         lambda st, r: sar_net(st, "txkB", True)),
        ("net rx bytes/s, all but lo",
         lambda r: num(r, "net_rx_bytes_per_s"),
         lambda st, r: sar_net(st, "rxkB", False)),
        ("net tx bytes/s, all but lo",
         lambda r: num(r, "net_tx_bytes_per_s"),
         lambda st, r: sar_net(st, "txkB", False)),
    ]
    print("| metric (%d paired 1 s samples) | perf-sample mean | sar mean "
          "| mean difference | mean abs. difference "
          "| median abs. difference |" % len(pairs))
    print("|---|---:|---:|---:|---:|---:|")
    for name, fps, fsar in rows:
        a, b = [], []
        for r, st in pairs:
            try:
                x, y = fps(r), fsar(st, r)
            except (TypeError, KeyError, IndexError, ZeroDivisionError):
                continue
            if x is None or y is None:
                continue
            a.append(x)
            b.append(y)
        if not a:
            print("| %s | n/a | n/a | | | |" % name)
            continue
        ma, mb = sum(a) / len(a), sum(b) / len(b)
        d = [x - y for x, y in zip(a, b)]
        md = sum(d) / len(d)
        mad = sum(abs(x) for x in d) / len(d)
        ad = sorted(abs(x) for x in d)
        med = (ad[len(ad) // 2] + ad[(len(ad) - 1) // 2]) / 2
        rel = " (%+.1f%%)" % (100 * md / mb) if abs(mb) > 1e-9 else ""
        print("| %s | %s | %s | %s%s | %s | %s |" %
              (name, fmt(ma), fmt(mb), fmt(md, True), rel, fmt(mad),
               fmt(med)))


def fmt(v, sign=False):
    if abs(v) >= 100:
        return ("%+.0f" if sign else "%.0f") % v
    return ("%+.2f" if sign else "%.2f") % v


def cgtotal(path):
    with open(path) as f:
        for line in f:
            if line.startswith("summary:") or line.startswith("totals:"):
                print(line.split()[1])
                return
    die("%s: no summary line" % path)


ANN = re.compile(r"^\s*([0-9,]+)\s+\([^)]*\)\s+(.*?):([^:\s]+)"
                 r"(?:\s+\[(.*)\])?\s*$")


def annotated(path):
    """function -> self Ir, from `callgrind_annotate --auto=no` output."""
    cost = {}
    started = False
    with open(path) as f:
        for line in f:
            if not started:
                started = line.rstrip().endswith("file:function")
                continue
            m = ANN.match(line)
            if not m:
                continue
            ir, src, fn, obj = m.groups()
            lib = obj and ".so" in os.path.basename(obj)
            if src != "???" and not lib:
                fn = "%s:%s" % (os.path.basename(src), fn)
            elif obj:
                fn = "%s (%s)" % (fn, os.path.basename(obj))
            cost[fn] = cost.get(fn, 0) + int(ir.replace(",", ""))
    if not started:
        die("%s: no function list (callgrind_annotate --auto=no?)" % path)
    return cost


def cgdiff(short, long_, k):
    a, b = annotated(short), annotated(long_)
    d = {fn: (b.get(fn, 0) - a.get(fn, 0)) / k for fn in set(a) | set(b)}
    total = sum(v for v in d.values())
    print("| function (self cost) | instructions per sample | share |")
    print("|---|---:|---:|")
    for fn, v in sorted(d.items(), key=lambda x: -x[1])[:12]:
        print("| `%s` | %.0f | %.1f%% |" % (fn, v, 100 * v / total))
    print("| all functions | %.0f | 100%% |" % total)


def loopback(seconds, rate):
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)

    def sink():
        c, _ = srv.accept()
        while c.recv(1 << 16):
            pass
    th = threading.Thread(target=sink, daemon=True)
    th.start()
    cli = socket.create_connection(srv.getsockname())
    chunk = b"x" * max(1, int(rate / 20))
    end = time.monotonic() + seconds
    nxt = time.monotonic()
    while time.monotonic() < end:
        cli.sendall(chunk)
        nxt += 0.05
        time.sleep(max(0, nxt - time.monotonic()))
    cli.close()
    th.join(5)


def main(argv):
    if len(argv) < 2:
        die("usage: see the top of stats.py")
    cmd, args = argv[1], argv[2:]
    try:
        if cmd == "cadence" and len(args) == 2:
            cadence(float(args[0]), args[1])
        elif cmd == "column" and len(args) == 2:
            column(*args)
        elif cmd == "mono" and len(args) == 1:
            mono(args[0])
        elif cmd == "agree" and len(args) == 2:
            agree(*args)
        elif cmd == "cgtotal" and len(args) == 1:
            cgtotal(args[0])
        elif cmd == "cgdiff" and len(args) == 3:
            cgdiff(args[0], args[1], float(args[2]))
        elif cmd == "loopback" and len(args) == 2:
            loopback(float(args[0]), float(args[1]))
        else:
            die("usage: see the top of stats.py")
    except (OSError, ValueError, KeyError) as e:
        die("%s: %s" % (cmd, e))


if __name__ == "__main__":
    main(sys.argv)
