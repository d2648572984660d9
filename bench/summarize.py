#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# Turns the raw measurements of bench/run.sh into the Markdown report.
#   summarize.py META_FILE RESULTS_TSV CEILING_SETUP_TSV
# RESULTS_TSV: label client direction run wall_s user_s sys_s maxrss_kib server_cpu_s machine_busy_s status
# (status "ok" or "FAILED (...)"; machine_busy_s = CPU time of the whole machine during the command).
import sys
from statistics import mean

# The targets (stated for https, shown for both schemes), as ratios of s3desk-cli's mean to a reference client's:
TARGETS = [
    # (what, reference client, limit)
    ("wall", "curl-multi", 1.1),
    ("wall", "awscli", 0.8),
    ("cpu", "curl-multi", 1.1),
    ("cpu", "awscli", 0.5),
]
RSS_LIMIT_MIB = 64     # s3desk-cli max RSS at 1 and 4 GiB


def read_meta(path):
    meta = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            meta[key] = value
    return meta


def read_rows(path):
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 11:
                continue
            label, client, direction, run, wall, user, sys_, rss, server, busy, status = parts[:11]
            row = {"label": label, "client": client, "dir": direction, "run": run, "status": status}
            if status == "ok":
                cpu = float(user) + float(sys_)
                row.update(wall=float(wall), cpu=cpu, rss=int(rss), server=float(server),
                           other=max(0.0, float(busy) - float(server) - cpu))
            rows.append(row)
    return rows


def stats(rows, label, client, direction):
    sel = [r for r in rows if r["label"] == label and r["client"] == client and r["dir"] == direction]
    ok = [r for r in sel if r["status"] == "ok"]
    failed = [r for r in sel if r["status"] != "ok"]
    if not sel:
        return None
    s = {"n": len(sel), "ok": len(ok), "failed": failed}
    if ok:
        walls = [r["wall"] for r in ok]
        s.update(wall=mean(walls), wmin=min(walls), wmax=max(walls), cpu=mean(r["cpu"] for r in ok),
                 rss=max(r["rss"] for r in ok) / 1024.0, server=mean(r["server"] for r in ok))
    return s


def fmt_ratio(a, b):
    return "n/a" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def main():
    meta = read_meta(sys.argv[1])
    rows = read_rows(sys.argv[2])
    setup = []
    try:
        with open(sys.argv[3]) as f:
            setup = [line.split("\t") for line in f.read().splitlines() if line]
    except OSError:
        pass
    size_mib = int(meta["size_mib"])
    schemes = [x for x in meta.get("schemes", "http").split(",") if x]
    aws_ver = meta.get("aws", "").split(" ")[0].replace("aws-cli/", "awscli ")
    rclone_ver = meta.get("rclone", "").replace(" v", " ").replace("-DEV", "")
    s3desk_name = "s3desk-cli" + (f" `{meta['s3desk_args']}`" if meta.get("s3desk_args") else "")
    names = {
        "s3desk": s3desk_name,
        "s3desk-qt": s3desk_name + " `--qt-http` (bulk data through Qt's HTTP stack)",
        "awscli": f"{aws_ver} defaults",
        "rclone": f"{rclone_ver} defaults",
        "ceiling": f"ceiling: curl ×{meta['ceil_inflight']} processes, {meta['ceil_part_mib']} MiB parts (data phase)",
        "curl-multi": f"curl-multi: one `curl -Z --parallel-max {meta['ceil_inflight']}`, {meta['ceil_part_mib']} MiB parts (data phase)",
    }
    order = ["s3desk", "s3desk-qt", "curl-multi", "ceiling", "awscli", "rclone"]
    out = []
    w = out.append
    size_txt = f"{size_mib // 1024} GiB" if size_mib % 1024 == 0 else f"{size_mib} MiB"
    w(f"## S3Desk benchmark — {size_txt} random file, {meta['runs']} run(s) per client, {' and '.join(schemes)}"
      + (" (--quick smoke test)" if meta.get("quick") == "1" else ""))
    w("")
    w(f"- date: {meta['date']}")
    w(f"- machine: {meta['nproc']} cores, {meta['cpu']}, {meta['mem']} RAM; {meta['os']}, kernel {meta['kernel']}")
    w(f"- server: local Ceph RGW {meta['ceph']} (BlueStore on a sparse file), http://127.0.0.1:28000 and "
      "https://127.0.0.1:28443 (self-signed CA given to every client; HTTP/1.1: Ceph's frontend offers no HTTP/2), "
      "client and server on the same cores")
    w(f"- clients: {meta['s3desk']} | {meta['aws']} | {meta['rclone']} | {meta['curl']}")
    w("- wall, CPU (user+sys of the client and its children) and max RSS from `/usr/bin/time`; "
      "MiB/s from the mean wall time; the source file is in the page cache for every client alike; "
      "clients (and schemes) take turns within each round"
      + ("; one untimed warm-up round trip (awscli) before round 1" if meta.get("warmup") == "1" else ""))
    w("- server CPU s: CPU time of the Ceph daemons (radosgw, OSD, mon, mgr) during the command")
    w("")

    for scheme in schemes:
        label = f"{scheme}-{size_mib}M"
        w(f"### {scheme}")
        w("")
        w("| client | direction | runs | wall s, mean (min–max) | MiB/s | CPU s, mean | max RSS MiB | server CPU s |")
        w("|---|---|---|---|---|---|---|---|")
        table = {}
        for client in order:
            for direction in ("up", "down"):
                s = stats(rows, label, client, direction)
                if s is None:
                    continue
                table[(client, direction)] = s
                runs = f"{s['ok']}/{s['n']}" if s["failed"] else f"{s['n']}"
                if s["ok"] == 0:
                    reason = s["failed"][0]["status"]
                    w(f"| {names[client]} | {direction} | {runs} | **{reason}** | – | – | – | – |")
                    continue
                rng = f" ({s['wmin']:.2f}–{s['wmax']:.2f})" if s["ok"] > 1 else ""
                rss = f"{s['rss']:.0f}" + (" ¹" if client == "ceiling" else "")
                w(f"| {names[client]} | {direction} | {runs} | {s['wall']:.2f}{rng} | {size_mib / s['wall']:.0f} | "
                  f"{s['cpu']:.2f} | {rss} | {s['server']:.2f} |")
        w("")

        def get(client, direction, key):
            s = table.get((client, direction))
            return s.get(key) if s and s["ok"] else None

        w(f"Targets over {scheme} (s3desk-cli mean / reference mean; ✔ met, ✘ missed"
          + (", informative: the targets are stated for https" if scheme == "http" else "") + "):")
        w("")
        for direction, word in (("up", "upload"), ("down", "download")):
            parts = []
            for what, ref, limit in TARGETS:
                ratio = fmt_ratio(get("s3desk", direction, what), get(ref, direction, what))
                mark = "" if ratio == "n/a" else (" ✔" if float(ratio) <= limit else " ✘")
                parts.append(f"{what} / {ref} **{ratio}**{mark} (≤ {limit})")
            w(f"- {word}: " + "; ".join(parts))
        for direction, word in (("up", "upload"), ("down", "download")):
            ceil = get("ceiling", direction, "wall")
            if ceil:
                w(f"- {word}: s3desk-cli / ceiling wall {fmt_ratio(get('s3desk', direction, 'wall'), ceil)} "
                  f"(ceiling {ceil:.2f} s = {size_mib / ceil:.0f} MiB/s)")
        w("")
        w(f"Memory over {scheme} (s3desk-cli max RSS, target ≤ {RSS_LIMIT_MIB} MiB):")
        w("")
        big = {d: stats(rows, f"{scheme}-4096M", "s3desk", d) for d in ("up", "down")}
        for direction, word in (("up", "upload"), ("down", "download")):
            small = get("s3desk", direction, "rss")
            b = big[direction]
            small_txt = "n/a" if small is None else f"{small:.0f} MiB" + (" ✔" if small <= RSS_LIMIT_MIB else " ✘")
            if b is None:
                big_txt = "not measured (--no-4g / --quick)"
            elif b["ok"] == 0:
                big_txt = f"**{b['failed'][0]['status']}**"
            else:
                big_txt = (f"{b['rss']:.0f} MiB" + (" ✔" if b["rss"] <= RSS_LIMIT_MIB else " ✘")
                           + f" (wall {b['wall']:.2f} s, {4096 / b['wall']:.0f} MiB/s, CPU {b['cpu']:.2f} s)")
            w(f"- {word}: {size_txt} file {small_txt}; 4 GiB file {big_txt}")
        w("")

    ups = [float(r[1]) + float(r[2]) for r in setup if r[0] == "up"]
    downs = [float(r[1]) for r in setup if r[0] == "down"]
    if ups or downs:
        w(f"Presigned clients' set-up, not in their rows: CreateMultipartUpload + {meta['ceil_nparts']} presigned "
          "UploadPart URLs + CompleteMultipartUpload (awscli/python start-up dominated) "
          + (f"{mean(ups):.2f} s" if ups else "n/a")
          + "; presigned GET URL " + (f"{mean(downs):.2f} s" if downs else "n/a"))
        w("")
    ok_rows = [r for r in rows if r["status"] == "ok" and r["wall"] > 0]
    if ok_rows:
        cores = [r["other"] / r["wall"] for r in ok_rows]
        avg = sum(r["other"] for r in ok_rows) / sum(r["wall"] for r in ok_rows)
        warn = " — **the machine was not idle: the numbers are noisy**" if avg > 0.15 else ""
        w(f"Other processes on the machine used {avg:.2f} cores on average during the timed commands "
          f"(max {max(cores):.2f} in one command); load average {meta.get('load_start', '?')} at the start, "
          f"{meta.get('load_end', '?')} at the end{warn}.")
        w("")
    if meta.get("corrupt"):
        w(f"**DATA MISMATCH**: the downloaded file differed from the source for: {meta['corrupt']}")
        w("")
    w("¹ for the ceiling, max RSS is that of the largest single process (one curl or dd), not a sum. "
      "curl-multi writes each range to its own file (curl cannot write at an offset); they are joined untimed.")
    print("\n".join(out))


if __name__ == "__main__":
    main()
