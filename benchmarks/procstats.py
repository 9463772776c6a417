"""What both benchmarks measure about numbers and processes: percentiles, and the resident memory
and CPU time of a process with its descendants (from /proc; Linux only)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, List


def percentile(values: List[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def _children() -> Dict[int, List[int]]:
    tree: Dict[int, List[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def rss_kib(pid: int) -> int:
    """VmRSS of one process, in KiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> List[int]:
    """A process and all its descendants."""
    tree, found, todo = _children(), [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(tree.get(current, []))
    return found


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB."""
    return sum(rss_kib(p) for p in _tree(pid)) / 1024


def cpu_s(pid: int) -> float:
    """CPU time (user + system) used so far by a process and its descendants, in seconds."""
    ticks = 0
    for current in _tree(pid):
        try:
            fields = (Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split())
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        except (OSError, IndexError, ValueError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_busy_s() -> float:
    """CPU time the whole machine has been busy (every core, every process: /proc/stat), in seconds."""
    user, nice, system, _idle, _iowait, irq, softirq = (int(x) for x in
                                                        Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:8])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def own_cpu_s() -> float:
    """CPU time of this process (the load generator), in seconds."""
    times = os.times()
    return times.user + times.system
