#!/usr/bin/python3
# usermetric-pattern.py - prints the samples schema's pattern for users' columns
# (perf-sample --metric): snake_case with a unit suffix, whose first word is
# none of perf-sample's own prefixes (cpu, cpuN, disk, ...), as a POSIX ERE
# (no look-ahead: perf-validate reads it with regcomp); checks it on names.
import re
F = ["cpu","disk","net","mem","swap","psi","proc","procs","cgroup","fd","pgfault","pgmajfault","ctxt","intr","forks","interval","load"]
DIG = {"cpu","load"}  # followed by digits-only is reserved too
ALL = "abcdefghijklmnopqrstuvwxyz0123456789"
def trie(words):
    t = {}
    for w in words:
        n = t
        for c in w: n = n.setdefault(c, {})
        n["$"] = True
    return t
def cls(chars):
    chars = sorted(chars)
    s = "".join(chars)
    # compress runs
    out=""; i=0
    while i < len(s):
        j=i
        while j+1 < len(s) and ord(s[j+1])==ord(s[j])+1: j+=1
        out += s[i] if j==i else (s[i]+s[j] if j==i+1 else s[i]+"-"+s[j])
        i=j+1
    return "["+out+"]"
def neg(node, prefix):
    # words w (continuing after prefix) such that prefix+w not reserved; prefix nonempty
    alts = []
    end_ok = not node.get("$")
    if end_ok: alts.append("")
    kids = [c for c in node if c != "$"]
    avoid = set(kids)
    if node.get("$") and prefix in DIG:
        avoid |= set("0123456789")
        alts.append("[0-9]+[a-z][a-z0-9]*")
    rest = [c for c in ALL if c not in avoid]
    if rest: alts.append(cls(rest) + "[a-z0-9]*")
    for c in sorted(kids):
        alts.append(c + neg(node[c], prefix + c))
    ne = [a for a in alts if a]
    body = "(" + "|".join(ne) + ")"
    return body + "?" if "" in alts else body
t = trie(F)
first = [c for c in t]
alts = []
rest = [c for c in "abcdefghijklmnopqrstuvwxyz" if c not in first]
alts.append(cls(rest) + "[a-z0-9]*")
for c in sorted(first): alts.append(c + neg(t[c], c))
word = "(" + "|".join(alts) + ")"
pat = word + "(_[a-z0-9]+)*_(pct|s|ms|us|ns|bytes|per_s|kib|mib|count|ratio|hz)"
print(pat)
rx = re.compile(pat)
ok = ["queue_count","jobs_count","cpus_count","loadavg_count","cpu1a_pct","c_count","memory_bytes","p_s","procx_count","cg_count","fdx_count","a_b_c_pct","x1_s","cpux_count", "depth_count", "nr_count","step_count_cmd_s"]
bad = ["cpu_busy_pct","cpu0_busy_pct","cpu12_x_pct","disk_sda_busy_pct","net_eth0_rx_bytes_per_s","mem_used_pct","load1_count","load_count","load15_x_s","procs_total_count","proc_cpu_pct","cgroup_x_pct","fd_open_count","pgfault_per_s","interval_s","psi_cpu_some_avg10_pct","swap_used_pct","ctxt_per_s","intr_per_s","forks_per_s","pgmajfault_per_s","queue","Queue_count"]
for n in ok: assert rx.fullmatch(n), n
for n in bad: assert not rx.fullmatch(n), n

