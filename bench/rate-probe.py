#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Runs an s3desk-cli transfer and measures the rate of its data phase, between 10 % and 90 % of SIZE bytes moved,
# which leaves out what comes before the bytes move (process start, the whole-file hashing before an upload) and
# after (completion, fsync, rename):
#   down: the kernel's count of bytes the process wrote (wchar of /proc/PID/io: the pwrite()s into the file),
#         sampled every 10 ms;
#   up:   the bytes of its sendto() calls with their times, from `strace --seccomp-bpf -e trace=sendto` (sendto
#         is not counted in wchar; the seccomp filter leaves every other call untouched; one call per 384 KiB
#         piece or less, a few thousand per run).
# Prints one line: "wall_s user_s sys_s maxrss_kib data_rate_bytes_per_s" (data rate 0 when not measurable).
# usage: rate-probe.py up|down SIZE_BYTES COMMAND...
import os, re, resource, subprocess, sys, tempfile, time

mode, size, command = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
trace = None
if mode == "up":
    trace = tempfile.NamedTemporaryFile(prefix="rate-probe-", suffix=".strace", delete=False).name
    command = ["strace", "--seccomp-bpf", "-f", "-e", "trace=sendto", "-e", "signal=none", "-qq", "-ttt", "-o", trace] + command
t0 = time.monotonic()
proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
samples = []
while proc.poll() is None:
    if mode == "down":
        try:
            with open(f"/proc/{proc.pid}/io") as io:
                for line in io:
                    if line.startswith("wchar:"):
                        samples.append((time.monotonic(), int(line.split()[1])))
                        break
        except OSError:
            pass
    time.sleep(0.01)
err = proc.stderr.read()
wall = time.monotonic() - t0
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
if proc.returncode != 0:
    sys.stderr.buffer.write(err)
    sys.exit(proc.returncode)
if trace:
    total = 0
    pattern = re.compile(r"^\d+\s+(\d+\.\d+) sendto\(.*\) = (\d+)$")
    with open(trace) as lines:
        for line in lines:
            m = pattern.match(line.strip())
            if m:
                total += int(m.group(2))
                samples.append((float(m.group(1)), total))
    os.unlink(trace)
rate = 0.0
if samples:
    base = samples[0][1] if mode == "down" else 0
    lo = next((s for s in samples if s[1] - base >= 0.1 * size), None)
    hi = next((s for s in samples if s[1] - base >= 0.9 * size), None)
    if lo and hi and hi[0] > lo[0]:
        rate = (hi[1] - lo[1]) / (hi[0] - lo[0])
print(f"{wall:.2f} {usage.ru_utime:.2f} {usage.ru_stime:.2f} {usage.ru_maxrss} {rate:.0f}")
