#!/usr/bin/env python3
"""Side-by-side benchmark of horolog, rsyslog and syslog-ng on one job: read a syslog file,
parse it, write one JSON line per event with the timestamp in UTC.

The input files come from `horolog bench --write` (deterministic). rsyslog is installed with
apt; syslog-ng, which conflicts with it, is unpacked with `apt-get download` + `dpkg -x` and run
from there. Neither daemon is started by the package scripts (policy-rc.d), neither reads system
logs or sockets: each runs in the foreground with its own config, pid and state files under the
work directory, reading only the input file, and is stopped once its output is complete.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SYSLOG_NG_LIBS = ["libc6", "libcap2", "libglib2.0-0", "libivykis0", "libjson-c5", "libnet1",
                  "libpcre3", "libssl3", "libsystemd0", "libwrap0"]
FORMATS = ["rfc3164", "rfc5424"]
TOOLS = ["horolog", "horolog-full", "rsyslog", "syslog-ng"]
# The members the rsyslog and syslog-ng templates below write (time, host, app, pid, facility,
# severity, structured data, message), by their names in horolog's schema.
SAME_FIELDS = ["host.name", "process", "log.syslog.facility.name", "log.syslog.severity.name",
               "log.syslog.structured_data", "message"]


def log(text):
    print(text, file=sys.stderr, flush=True)


def run(argv, **kwargs):
    return subprocess.run(argv, check=True, **kwargs)


def apt_install(packages):
    """apt-get install with service start-up forbidden (policy-rc.d exit 101)."""
    policy = Path("/usr/sbin/policy-rc.d")
    created = False
    if not policy.exists():
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
        created = True
    try:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "install", "-y", "--no-install-recommends", *packages], env=env,
            stdout=subprocess.DEVNULL)
    finally:
        if created:
            policy.unlink()


def installed(package):
    result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                            capture_output=True, text=True)
    return result.returncode == 0 and "install ok installed" in result.stdout


def package_version(package, deb=None):
    if deb is not None:
        return subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], capture_output=True,
                              text=True).stdout.strip()
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True,
                          text=True).stdout.strip()


def prepare_tools(work):
    """Returns (syslog-ng root, versions)."""
    missing = [p for p in ["rsyslog", "time", *SYSLOG_NG_LIBS] if not installed(p)]
    if missing:
        log(f"installing {' '.join(missing)}")
        apt_install(missing)
    root = work / "syslog-ng-root"
    debs = sorted(work.glob("syslog-ng-core_*.deb"))
    if not debs:
        log("downloading syslog-ng-core (conflicts with rsyslog: unpacked, not installed)")
        run(["apt-get", "download", "syslog-ng-core"], cwd=work, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        debs = sorted(work.glob("syslog-ng-core_*.deb"))
    if not (root / "usr/sbin/syslog-ng").exists():
        run(["dpkg", "-x", str(debs[-1]), str(root)])
    versions = {"rsyslog": package_version("rsyslog"),
                "syslog-ng": package_version("syslog-ng-core", debs[-1])}
    return root, versions


def count_lines(path):
    lines = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 24):
            lines += chunk.count(b"\n")
    return lines


def first_line(path):
    with open(path, "rb") as f:
        return f.readline().decode("utf-8", "replace").rstrip("\n")


def warm(path):
    with open(path, "rb") as f:
        while f.read(1 << 24):
            pass


def parse_time_report(path):
    """CPU seconds and peak RSS (MiB) from `/usr/bin/time -v` output."""
    values = {}
    for line in Path(path).read_text().splitlines():
        key, _, value = line.strip().rpartition(": ")
        values[key] = value
    cpu = float(values["User time (seconds)"]) + float(values["System time (seconds)"])
    rss = int(values["Maximum resident set size (kbytes)"]) / 1024
    return cpu, rss


def wait_for_output(output, expected_lines, process, timeout_s):
    """Waits until `output` holds `expected_lines` lines; returns when its last byte arrived.

    The size is polled; lines are counted only once the file stops growing.
    """
    last_size, last_growth = -1, time.monotonic()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"daemon exited early with status {process.returncode}")
        size = output.stat().st_size if output.exists() else 0
        now = time.monotonic()
        if size != last_size:
            last_size, last_growth = size, now
        elif size > 0 and now - last_growth >= 1.0:
            if count_lines(output) >= expected_lines:
                return last_growth
            last_growth = now  # not complete yet: a batch may still be queued
        time.sleep(0.05)
    raise RuntimeError(f"timed out waiting for {output}")


def run_daemon(name, argv, pid_file, output, expected_lines, work, env=None):
    """Starts a daemon under /usr/bin/time, waits for its output, stops it by its own pid."""
    time_file = work / f"{name}.time"
    stderr = open(work / f"{name}.stderr", "w")
    started = time.monotonic()
    process = subprocess.Popen(["/usr/bin/time", "-v", "-o", str(time_file), *argv],
                               stdout=subprocess.DEVNULL, stderr=stderr, env=env)
    try:
        finished = wait_for_output(output, expected_lines, process, timeout_s=3600)
    finally:
        for _ in range(100):
            if pid_file.exists() and pid_file.read_text().strip():
                break
            time.sleep(0.05)
        if process.poll() is None:
            daemon_pid = int(pid_file.read_text().strip()) if pid_file.exists() else process.pid
            os.kill(daemon_pid, signal.SIGTERM)
            process.wait(timeout=120)
        stderr.close()
    cpu, rss = parse_time_report(time_file)
    return finished - started, cpu, rss


def rsyslog_config(fmt, input_path, output, state):
    parsers = '"rsyslog.rfc5424"' if fmt == "rfc5424" else '"rsyslog.rfc3164"'
    sdata = ('  property(outname="structured_data" name="structured-data" format="jsonf")\n'
             if fmt == "rfc5424" else "")
    return f'''global(workDirectory="{state}" maxMessageSize="64k")
module(load="imfile" mode="inotify")
template(name="json_utc" type="list" option.jsonf="on") {{
  property(outname="@timestamp" name="timereported" dateFormat="rfc3339" date.inUTC="on" format="jsonf")
  property(outname="host" name="hostname" format="jsonf")
  property(outname="app" name="app-name" format="jsonf")
  property(outname="pid" name="procid" format="jsonf")
  property(outname="facility" name="syslogfacility-text" format="jsonf")
  property(outname="severity" name="syslogseverity-text" format="jsonf")
{sdata}  property(outname="message" name="msg" format="jsonf")
}}
ruleset(name="bench" parser=[{parsers}]
        queue.type="LinkedList" queue.size="200000" queue.dequeueBatchSize="4096"
        queue.workerThreads="1") {{
  action(type="omfile" file="{output}" template="json_utc" ioBufferSize="4m"
         flushOnTXEnd="on" asyncWriting="off")
}}
input(type="imfile" file="{input_path}" tag="bench:" ruleset="bench" needParse="on"
      freshStartTail="off" maxLinesAtOnce="0")
'''


def syslog_ng_config(fmt, input_path, output):
    flags = "syslog-protocol" if fmt == "rfc5424" else "no-multi-line"
    sdata = " --key .SDATA.*" if fmt == "rfc5424" else ""
    return f'''@version: 3.38
options {{ threaded(yes); use-dns(no); use-fqdn(no); keep-hostname(yes); chain-hostnames(no);
          stats-freq(0); log-fifo-size(200000); flush-lines(1000); frac-digits(6); }};
source s_in {{ file("{input_path}" flags({flags}) follow-freq(0.1) log-fetch-limit(10000)
                    log-iw-size(200000) log-msg-size(65536)); }};
destination d_out {{ file("{output}" time-zone("UTC") template("$(format-json --pair @timestamp=${{ISODATE}} --pair host=${{HOST}} --pair app=${{PROGRAM}} --pair pid=${{PID}} --pair facility=${{FACILITY}} --pair severity=${{LEVEL}}{sdata} --pair message=${{MESSAGE}})\\n")); }};
log {{ source(s_in); destination(d_out); }};
'''


def horolog_config(fmt, input_path, out_dir, data_dir, full_schema):
    fields = "" if full_schema else f"    include_fields: [{', '.join(SAME_FIELDS)}]\n"
    return f'''host_name: bench-host
data_dir: {data_dir}
timezone: UTC
clock: {{servers: []}}
inputs:
  - name: bench
    type: file
    paths: ["{input_path}"]
    format: {fmt}
{fields}sinks:
  - name: out
    type: file
    path: {out_dir}/{{input}}.ndjson
'''


def bench_horolog(horolog, fmt, input_path, work, full_schema):
    run_dir = work / "horolog-run"
    shutil.rmtree(run_dir, ignore_errors=True)
    (run_dir / "out").mkdir(parents=True)
    config = run_dir / "horolog.yaml"
    config.write_text(horolog_config(fmt, input_path, run_dir / "out", run_dir / "data",
                                     full_schema))
    time_file = work / "horolog.time"
    started = time.monotonic()
    run(["/usr/bin/time", "-v", "-o", str(time_file), horolog, "--log-level", "warn", "run",
         "--once", "-c", str(config)], stdout=subprocess.DEVNULL)
    wall = time.monotonic() - started
    cpu, rss = parse_time_report(time_file)
    return wall, cpu, rss, run_dir / "out" / "bench.ndjson"


def bench_rsyslog(fmt, input_path, expected_lines, work):
    run_dir = work / "rsyslog-run"
    shutil.rmtree(run_dir, ignore_errors=True)
    (run_dir / "state").mkdir(parents=True)
    output = run_dir / "out.ndjson"
    config = run_dir / "rsyslog.conf"
    config.write_text(rsyslog_config(fmt, input_path, output, run_dir / "state"))
    pid_file = run_dir / "rsyslogd.pid"
    wall, cpu, rss = run_daemon(
        "rsyslog", ["rsyslogd", "-n", "-f", str(config), "-i", str(pid_file)], pid_file, output,
        expected_lines, work)
    return wall, cpu, rss, output


def bench_syslog_ng(root, fmt, input_path, expected_lines, work):
    run_dir = work / "syslog-ng-run"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    output = run_dir / "out.ndjson"
    config = run_dir / "syslog-ng.conf"
    config.write_text(syslog_ng_config(fmt, input_path, output))
    pid_file = run_dir / "syslog-ng.pid"
    lib = root / "usr/lib/syslog-ng"
    env = dict(os.environ, LD_LIBRARY_PATH=str(lib))
    argv = [str(root / "usr/sbin/syslog-ng"), "-F", "-f", str(config), "-p", str(pid_file),
            "-R", str(run_dir / "syslog-ng.persist"), "-c", str(run_dir / "syslog-ng.ctl"),
            f"--module-path={lib / '3.38'}", "--no-caps"]
    wall, cpu, rss = run_daemon("syslog-ng", argv, pid_file, output, expected_lines, work, env)
    return wall, cpu, rss, output


def run_tool(tool, args, root, fmt, input_path, lines, work):
    """One run of `tool`; returns its measurements and removes its output."""
    warm(input_path)
    if tool in ("horolog", "horolog-full"):
        wall, cpu, rss, output = bench_horolog(args.horolog, fmt, input_path, work,
                                               full_schema=tool == "horolog-full")
    elif tool == "rsyslog":
        wall, cpu, rss, output = bench_rsyslog(fmt, input_path, lines, work)
    else:
        wall, cpu, rss, output = bench_syslog_ng(root, fmt, input_path, lines, work)
    out_lines = count_lines(output)
    result = {"wall": wall, "cpu": cpu, "rss": rss, "out_size": output.stat().st_size,
              "ok": out_lines == lines, "out_lines": out_lines, "sample": first_line(output)}
    output.unlink()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--horolog", default=str(HERE.parent.parent / "build-release/agent/horolog"),
                        help="the horolog binary (a Release build)")
    parser.add_argument("--size-mib", type=float, default=1024, help="input size per format")
    parser.add_argument("--work", help="work directory (default: a new temporary one, removed); "
                        "on tmpfs (/dev/shm) the tools are measured, not the disk")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--tools", default=",".join(TOOLS),
                        help="horolog (the fields the others write), horolog-full (its whole "
                        "schema), rsyslog, syslog-ng")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds per format; each round runs every tool once, in a rotated "
                        "order, and the table shows each tool's median run")
    args = parser.parse_args()

    keep = args.work is not None
    work = Path(args.work or tempfile.mkdtemp(prefix="horolog-compare-")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    try:
        root, versions = prepare_tools(work)
        tools = args.tools.split(",")
        rows = []
        for fmt in args.formats.split(","):
            input_path = work / f"{fmt}.log"
            log(f"generating {args.size_mib:g} MiB of {fmt}")
            run([args.horolog, "bench", "--format", fmt, "--size", str(args.size_mib),
                 "--write", str(input_path)])
            size = input_path.stat().st_size
            lines = count_lines(input_path)
            runs = {tool: [] for tool in tools}
            for round_index in range(args.repeat):
                # Rotating the order spreads any drift of the machine over every tool.
                shift = round_index % len(tools)
                for tool in tools[shift:] + tools[:shift]:
                    log(f"{fmt}: round {round_index + 1}/{args.repeat}: running {tool}")
                    result = run_tool(tool, args, root, fmt, input_path, lines, work)
                    log(f"{fmt}: {tool}: {result['wall']:.2f} s wall, {result['cpu']:.2f} s CPU")
                    runs[tool].append(result)
            for tool in tools:
                rows.append({"fmt": fmt, "tool": tool, "size": size, "lines": lines,
                             "runs": runs[tool]})
            input_path.unlink()
        print_table(rows, versions, args.repeat)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def median_run(runs):
    return sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]


def print_table(rows, versions, repeat):
    print(f"rsyslog {versions['rsyslog']}, syslog-ng {versions['syslog-ng']}, "
          f"{os.cpu_count()} CPUs, median of {repeat} run(s) per tool")
    print()
    print("| format | tool | input MB | lines | wall s (median) | wall s (min–max) | MB/s | "
          "CPU s | peak RSS MiB | output MB | vs rsyslog | vs syslog-ng | output check |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    medians = {(row["fmt"], row["tool"]): median_run(row["runs"]) for row in rows}
    for row in rows:
        fmt, tool, size = row["fmt"], row["tool"], row["size"]
        run_ = medians[(fmt, tool)]
        walls = [r["wall"] for r in row["runs"]]

        def ratio(other):
            o = medians.get((fmt, other))
            return f"{o['wall'] / run_['wall']:.1f}x" if o else "-"

        bad = [r for r in row["runs"] if not r["ok"]]
        status = "ok" if not bad else f"MISMATCH {bad[0]['out_lines']} lines"
        print(f"| {fmt} | {tool} | {size / 1e6:.0f} | {row['lines']} | {run_['wall']:.2f} | "
              f"{min(walls):.2f}–{max(walls):.2f} | {size / 1e6 / run_['wall']:.1f} | "
              f"{run_['cpu']:.2f} | {max(r['rss'] for r in row['runs']):.0f} | "
              f"{run_['out_size'] / 1e6:.0f} | {ratio('rsyslog')} | {ratio('syslog-ng')} | "
              f"{status} |")
    print()
    print("First output line of each tool:")
    for row in rows:
        print(f"- {row['fmt']} {row['tool']}: {row['runs'][0]['sample'][:300]}")


if __name__ == "__main__":
    main()
