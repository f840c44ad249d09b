#!/usr/bin/python3
"""Helpers of tests/bench/bench.sh: datasets, timed records, the TTFT join,
the long-run RSS sampler, and the final table (Markdown), JSON and SVG plot.
Standard library only; every figure is read from a process or a file, never
assumed. Run by bench.sh, one subcommand per step."""
import argparse
import datetime
import json
import math
import os
import re
import statistics
import subprocess
import sys
import time


# --- datasets -----------------------------------------------------------------
def cmd_peers_dataset(args):
    """The peers' cases.csv as JSONL ({id, question, reference}), repeated under new ids."""
    import csv
    with open(args.cases, newline="", encoding="utf-8") as f:
        rows = [(r["question"], r["__expected"].strip()) for r in csv.DictReader(f)]
    with open(args.output, "w", encoding="utf-8") as out:
        for copy in range(args.repeat):
            for index, (question, expected) in enumerate(rows, 1):
                out.write(json.dumps({"id": f"c{copy}-{index:04d}", "question": question,
                                      "reference": expected}, ensure_ascii=False) + "\n")


def cmd_unique_dataset(args):
    """`count` samples whose prompts all differ (a TTFT join needs one prompt per
    request), each expecting the fixed answer OUI."""
    with open(args.output, "w", encoding="utf-8") as out:
        for i in range(args.count):
            out.write(json.dumps({"id": f"u{i:07d}",
                                  "question": f"Réponds par OUI : la demande numéro {i} est-elle bien reçue ?",
                                  "reference": "OUI"}, ensure_ascii=False) + "\n")


def cmd_echo_dataset(args):
    """`count` samples for builtin:echo: the input is its own reference."""
    with open(args.output, "w", encoding="utf-8") as out:
        for i in range(args.count):
            text = f"Accusé de réception numéro {i} : votre demande d'acte d'état civil est enregistrée."
            out.write(json.dumps({"id": f"e{i:07d}", "input": text, "reference": text},
                                 ensure_ascii=False) + "\n")


# --- one timed run --------------------------------------------------------------
def cmd_timed(args):
    """Runs a command under GNU time and writes the fields `record` reads.
    GNU time truncates user and system time to 10 ms each, which moved a
    60 ms CPU figure by up to a third: CPU comes from wait4 here instead, to
    the microsecond (it includes GNU time's own, well under a millisecond),
    and wall time from this process's clock. Peak RSS stays GNU time's: a
    child forked from this Python process would report Python's as its own."""
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    rss_file = args.time_file + ".rss"
    with open(args.log_file, "wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss_file] + command,
                                   stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    with open(rss_file, encoding="utf-8") as rss:
        peak_kib = int(rss.read().split()[-1])
    os.remove(rss_file)
    with open(args.time_file, "w", encoding="utf-8") as out:
        out.write(f"Elapsed (wall clock) time (h:mm:ss or m:ss): {int(wall // 60)}:{wall % 60:09.6f}\n"
                  f"User time (seconds): {usage.ru_utime:.6f}\n"
                  f"System time (seconds): {usage.ru_stime:.6f}\n"
                  f"Maximum resident set size (kbytes): {peak_kib}\n"
                  f"Exit status: {os.waitstatus_to_exitcode(status)}\n")


def wall_seconds(text):
    clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    return sum(float(part) * 60 ** power for power, part in enumerate(reversed(clock.split(":"))))


def cmd_record(args):
    """One JSON line from a time file (`timed`, in GNU time -v's words) and the row's facts."""
    text = open(args.time_file, encoding="utf-8").read()

    def field(name):
        return float(re.search(re.escape(name) + r": (\S+)", text).group(1))
    record = {"row": args.row, "requests": args.requests, "concurrency": args.concurrency,
              "latency_ms": args.latency, "passed": args.passed, "wall_s": wall_seconds(text),
              "cpu_s": field("User time (seconds)") + field("System time (seconds)"),
              "rss_mib": field("Maximum resident set size (kbytes)") / 1024}
    if args.server_cpu is not None:
        record["server_cpu_s"] = args.server_cpu
    for extra in args.extra:
        key, _, value = extra.partition("=")
        record[key] = json.loads(value)
    print(json.dumps(record, ensure_ascii=False))


def cmd_process_cpu(args):
    """user+sys CPU seconds a running process has used so far (/proc/PID/stat)."""
    with open(f"/proc/{args.pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    print((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))


def cmd_passed(args):
    """Samples scored 1 by exact_match in a run's summary.json (0 if unreadable)."""
    try:
        result = json.load(open(args.summary, encoding="utf-8"))["results"][0]
        metric = result["metrics"]["exact_match"]
        print(round(metric["value"] * metric["n"]) if metric["value"] is not None else 0)
    except (OSError, KeyError, IndexError, ValueError, TypeError):
        print(0)


def quantile(sorted_values, share):
    """Linear interpolation between closest ranks (numpy's default)."""
    if not sorted_values:
        return None
    position = (len(sorted_values) - 1) * share
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def cmd_sleep_lateness(args):
    """How late this machine wakes a process that sleeps `--ms`: every server's
    latency and every client's wait pay it (a virtual CPU left idle, halted,
    wakes slowly). One record line for the table."""
    late_ms = []
    for _ in range(args.count):
        start = time.perf_counter()
        time.sleep(args.ms / 1000)
        late_ms.append((time.perf_counter() - start) * 1000 - args.ms)
    late_ms.sort()
    print(json.dumps({"machine_timers": {"sleep_ms": args.ms, "sleeps": args.count,
                                         "late_ms_p50": quantile(late_ms, 0.5), "late_ms_p90": quantile(late_ms, 0.9)}}))


def cmd_ttft_error(args):
    """|etalon's ttft_ms - the simulator's true ttft_ms| per request, joined by the
    prompt's sha256; `warm` leaves out the first `--first-wave` requests the
    simulator numbered in this run, which also open the connections. The log
    is appended to by every run against the same simulator: a prompt's last
    entry is this run's, and the run's numbering starts at its smallest seq."""
    truth = {}
    for line in open(args.log, encoding="utf-8"):
        entry = json.loads(line)
        truth[entry["last_user_sha256"]] = (entry["seq"], entry["ttft_ms"])
    joined = []
    for line in open(args.results, encoding="utf-8"):
        record = json.loads(line)
        seq, true_ttft = truth[record["prompt_sha256"]]
        joined.append((seq, record["timing"]["ttft_ms"] - true_ttft))
    first_seq = min(seq for seq, _ in joined)
    every, warm, signed = [], [], []
    for seq, difference in joined:
        signed.append(difference)
        every.append(abs(difference))
        if seq >= first_seq + args.first_wave:
            warm.append(abs(difference))
    every.sort()
    warm.sort()
    print(json.dumps({"ttft_error_n": len(every), "ttft_error_p50_ms": quantile(every, 0.5),
                      "ttft_error_p99_ms": quantile(every, 0.99), "ttft_error_max_ms": every[-1],
                      "ttft_error_mean_signed_ms": statistics.fmean(signed),
                      "ttft_error_warm_p50_ms": quantile(warm, 0.5),
                      "ttft_error_warm_p99_ms": quantile(warm, 0.99)}))


def utc_seconds(stamp):
    """A result line's UTC time stamp (2026-11-29T01:02:51.297Z) in seconds."""
    moment = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ")
    return moment.replace(tzinfo=datetime.timezone.utc).timestamp()


def cmd_sustained_rate(args):
    """Requests per second while requests flowed: from the first request
    handed to the adapter to the last answer recorded (the result lines'
    stamps, to the millisecond), so without process start, the datasets'
    check and the reports written at the end."""
    first, last, count = None, None, 0
    for line in open(args.results, encoding="utf-8"):
        record = json.loads(line)
        started, completed = utc_seconds(record["started_at"]), utc_seconds(record["completed_at"])
        first = started if first is None else min(first, started)
        last = completed if last is None else max(last, completed)
        count += 1
    span = (last - first) if count else 0
    print(f"sustained_requests_per_s={json.dumps(count / span if span > 0 else None)}")
    print(f"sustained_span_s={json.dumps(span)}")


# --- the long run: RSS against samples done ---------------------------------------
def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def cmd_sample_run(args):
    """Runs `etalon run` and samples its RSS and the journal's line count every
    `--period` s; the run phase ends at the last journal line, the summary at
    summary.json's appearance, the reports at exit."""
    journal = os.path.join(args.run_dir, "results.jsonl")
    summary = os.path.join(args.run_dir, "summary.json")
    start = time.monotonic()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=open(args.log, "w"))
    samples, done, handle = [], 0, None
    first_line_at = last_line_at = summary_at = None
    status = usage = None
    while True:
        # wait4 with WNOHANG reaps the child once, with its own rusage (peak RSS, CPU).
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        finished = pid != 0
        now = time.monotonic() - start
        if handle is None and os.path.exists(journal):
            handle = open(journal, "rb")
        if handle is not None:
            chunk = handle.read()
            if chunk:
                if first_line_at is None:
                    first_line_at = now
                done += chunk.count(b"\n")
                last_line_at = now
        if summary_at is None and os.path.exists(summary):
            summary_at = now
        kib = None if finished else rss_kib(process.pid)
        if kib is not None:
            samples.append({"t_s": round(now, 3), "samples_done": done, "rss_mib": round(kib / 1024, 2)})
        if finished:
            break
        time.sleep(args.period)
    process.returncode = os.waitstatus_to_exitcode(status)
    exited_at = time.monotonic() - start
    run_s = (last_line_at or 0) - (first_line_at or 0)
    print(json.dumps({
        "exit_code": process.returncode, "samples_done": done, "wall_s": exited_at,
        "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mib": usage.ru_maxrss / 1024,
        "journal_s": run_s, "results_per_s": done / run_s if run_s > 0 else None,
        "summary_s": (summary_at - last_line_at) if summary_at and last_line_at else None,
        "reports_s": (exited_at - summary_at) if summary_at else None,
        "rss_samples": samples}))


def rss_growth(samples, total):
    """Least-squares slope of RSS over samples done, in MiB per 100,000 samples,
    over the second half of the run (after start-up and first allocations).
    Samples taken once every result is written (summary, reports) are left
    out: their RSS is the post-run peak, all at x = total, not a slope."""
    points = [(s["samples_done"], s["rss_mib"]) for s in samples if total / 2 <= s["samples_done"] < total]
    if len(points) < 3:
        return None
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    var = sum((x - mean_x) ** 2 for x, _ in points)
    if var == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / var * 100_000


def rss_table(samples, total, steps=10):
    """RSS at each tenth of the run (the first sample at or past it)."""
    table = []
    for step in range(steps + 1):
        target = total * step / steps
        sample = next((s for s in samples if s["samples_done"] >= target), None)
        if sample is not None:
            table.append({"samples_done": sample["samples_done"], "rss_mib": sample["rss_mib"]})
    return table


def write_svg(path, samples, total):
    """RSS (MiB) against samples done, as an SVG line chart."""
    points = [(s["samples_done"], s["rss_mib"]) for s in samples if s["samples_done"] <= total]
    if not points:
        return
    width, height, left, bottom, top, right = 640, 320, 60, 40, 20, 20
    y_max = max(8.0, math.ceil(max(y for _, y in points) / 8) * 8)
    x_max = max(total, 1)

    def px(x, y):
        return (left + x / x_max * (width - left - right), height - bottom - y / y_max * (height - top - bottom))
    line = " ".join(f"{a:.1f},{b:.1f}" for a, b in (px(x, y) for x, y in points))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="11">',
             f'<rect width="{width}" height="{height}" fill="white"/>']
    for i in range(5):
        y = y_max * i / 4
        _, py = px(0, y)
        parts.append(f'<line x1="{left}" y1="{py:.1f}" x2="{width - right}" y2="{py:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{py + 4:.1f}" text-anchor="end">{y:g}</text>')
    for i in range(5):
        x = x_max * i / 4
        qx, _ = px(x, 0)
        parts.append(f'<text x="{qx:.1f}" y="{height - bottom + 16}" text-anchor="middle">{int(x):,}</text>')
    parts.append(f'<polyline fill="none" stroke="#1f5fa8" stroke-width="1.5" points="{line}"/>')
    parts.append(f'<text x="{width / 2}" y="{height - 6}" text-anchor="middle">results written</text>')
    parts.append(f'<text x="14" y="{height / 2}" transform="rotate(-90 14 {height / 2})" '
                 f'text-anchor="middle">RSS (MiB)</text>')
    parts.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")


# --- the table ----------------------------------------------------------------------
def summarise(name, items):
    first = items[0]
    walls = [item["wall_s"] for item in items]
    wall = statistics.median(walls)
    latency = first.get("latency_ms")
    ideal = math.ceil(first["requests"] / first["concurrency"]) * latency / 1000 if latency else None
    row = {"row": name, "requests": first["requests"], "concurrency": first["concurrency"],
           "latency_ms": latency, "runs": len(items), "passed": min(item["passed"] for item in items),
           "wall_s": {"median": wall, "min": min(walls), "max": max(walls)},
           "ideal_s": ideal, "wall_over_ideal": wall / ideal if ideal else None,
           "cpu_s": statistics.median(item["cpu_s"] for item in items),
           "peak_rss_mib": max(item["rss_mib"] for item in items),
           "requests_per_s": first["requests"] / wall if wall else None}
    if all("server_cpu_s" in item for item in items):
        row["server_cpu_s"] = statistics.median(item["server_cpu_s"] for item in items)
        # The rate two idle cores would allow from the CPU both processes used:
        # the one-threaded server holds at most one core, together at most two.
        busy = max((row["cpu_s"] + row["server_cpu_s"]) / 2, row["server_cpu_s"])
        row["cpu_bound_requests_per_s"] = row["requests"] / busy if busy > 0 else None
    for key in first:
        if key.startswith(("ttft_error", "sustained_")) or key in ("journal_s", "results_per_s", "summary_s", "reports_s",
                                                   "rss_growth_mib_per_100k", "rss_table"):
            values = [item[key] for item in items if item.get(key) is not None]
            if values and isinstance(values[0], (int, float)):
                row[key] = statistics.median(values)
            elif values:
                row[key] = values[0]
    return row


def number(value, digits=2):
    return "—" if value is None else f"{value:,.{digits}f}".replace(",", " ")


def cmd_table(args):
    if args.runs.endswith(".json"):  # a table written earlier: its raw runs
        runs = json.load(open(args.runs, encoding="utf-8"))["runs"]
    else:
        runs = [json.loads(line) for line in open(args.runs, encoding="utf-8") if line.strip()]
    timers = next((run["machine_timers"] for run in runs if "machine_timers" in run), None)
    grouped = {}
    for run in runs:
        if "row" in run:
            grouped.setdefault(run["row"], []).append(run)
    rows = {name: summarise(name, items) for name, items in grouped.items()}

    def get(row, field):
        return rows[row].get(field) if row in rows else None

    def ratio(a, b, field):
        top, bottom = get(a, field), get(b, field)
        return top / bottom if top is not None and bottom else None
    failed = [name for name, row in rows.items() if row["passed"] != row["requests"]]
    saturation = [r for r in ("etalon 0ms saturation, simulate", "etalon 0ms saturation, simserver") if r in rows]
    best_rate = max((get(r, "requests_per_s") for r in saturation), default=None)
    best_ceiling = max((get(r, "cpu_bound_requests_per_s") or 0 for r in saturation), default=None)
    best_sustained = max((get(r, "sustained_requests_per_s") or 0 for r in saturation), default=None)
    targets = []

    def target(name, measured, bound, met, unit=""):
        targets.append({"target": name, "measured": measured, "bound": bound,
                        "met": None if measured is None else bool(met), "unit": unit})
    peers_ok = "etalon" in rows and "etalon" not in failed
    target("wall / ideal, 1,000 req c50 20 ms (issue #13)", get("etalon", "wall_over_ideal"), "≤ 1.05",
           peers_ok and (get("etalon", "wall_over_ideal") or 9) <= 1.05)
    target("wall / ideal, 1,000 req c50 20 ms (issue #4)", get("etalon", "wall_over_ideal"), "≤ 1.10",
           peers_ok and (get("etalon", "wall_over_ideal") or 9) <= 1.10)
    cpu_ratio = ratio("pyclient", "etalon", "cpu_s")
    target("pyclient CPU / etalon CPU (issue #13)", cpu_ratio, "≥ 10", peers_ok and (cpu_ratio or 0) >= 10, "×")
    target("pyclient CPU / etalon CPU (issue #4)", cpu_ratio, "≥ 5", peers_ok and (cpu_ratio or 0) >= 5, "×")
    target("etalon peak RSS, peers' work", get("etalon", "peak_rss_mib"), "< 16",
           (get("etalon", "peak_rss_mib") or 99) < 16, " MiB")
    rss_ratio = ratio("promptfoo", "etalon", "peak_rss_mib")
    target("promptfoo peak RSS / etalon peak RSS (issue #4)", rss_ratio, "≥ 5", (rss_ratio or 0) >= 5, "×")
    target("requests/s at 0 ms, c100 (best server)", best_rate, "≥ 10,000",
           (best_rate or 0) >= 10_000 and not any(r in failed for r in saturation), " req/s")
    target("requests/s at 0 ms, c100, sustained: first request to last answer (best server)", best_sustained,
           "≥ 10,000", (best_sustained or 0) >= 10_000 and not any(r in failed for r in saturation), " req/s")
    target("requests/s at 0 ms, c100, CPU-bound on 2 idle cores", best_ceiling, "≥ 10,000",
           (best_ceiling or 0) >= 10_000 and not any(r in failed for r in saturation), " req/s")
    ttft_row = "etalon TTFT c256"
    target("TTFT error p99 at c256, vs simulator log", get(ttft_row, "ttft_error_p99_ms"), "≤ 1",
           (get(ttft_row, "ttft_error_p99_ms") or 99) <= 1, " ms")
    scale_row = next((name for name in rows if name.startswith("etalon echo scale")), None)
    growth = get(scale_row, "rss_growth_mib_per_100k") if scale_row else None
    target("RSS growth over the 2nd half of the long run", growth, "flat (≈ 0)",
           growth is not None and abs(growth) < 0.5, " MiB per 100k")
    report_row = "etalon report 100k"
    target("report rendering, 100,000 results", get(report_row, "wall_s") and rows[report_row]["wall_s"]["median"],
           "< 5", report_row in rows and rows[report_row]["wall_s"]["median"] < 5, " s")

    lines = ["| row | work | passed | wall s (median, min–max) | wall / ideal | CPU s | peak RSS MiB | "
             "requests/s | server CPU s | CPU-bound req/s, 2 cores |", "|---|---|---|---|---|---|---|---|---|---|"]
    for name, row in rows.items():
        wall = row["wall_s"]
        latency = "" if row["latency_ms"] is None else f', {row["latency_ms"]} ms'
        requests = f'{row["requests"]:,}'.replace(",", " ")
        work = f'{requests} req, c{row["concurrency"]}{latency}, {row["runs"]} run(s)'
        over = "—" if row["wall_over_ideal"] is None else f'{row["wall_over_ideal"]:.2f}× of {row["ideal_s"]:.2f} s'
        lines.append(f'| {name} | {work} | {row["passed"]}/{row["requests"]} | {wall["median"]:.2f} '
                     f'({wall["min"]:.2f}–{wall["max"]:.2f}) | {over} | {row["cpu_s"]:.3f} | '
                     f'{row["peak_rss_mib"]:.1f} | {number(row["requests_per_s"], 0)} | '
                     f'{number(row.get("server_cpu_s"))} | {number(row.get("cpu_bound_requests_per_s"), 0)} |')
    lines += ["", "| target | measured | bound | met |", "|---|---|---|---|"]
    for item in targets:
        met = "—" if item["met"] is None else ("met" if item["met"] else "missed")
        lines.append(f'| {item["target"]} | {number(item["measured"])}{item["unit"]} | {item["bound"]} | {met} |')
    for name, row in rows.items():
        details = {k: v for k, v in row.items() if k.startswith(("ttft_error", "sustained_")) or
                   k in ("journal_s", "results_per_s", "summary_s", "reports_s", "rss_growth_mib_per_100k")}
        if details:
            lines.append("")
            lines.append(f"- {name}: " + ", ".join(f"{k} {number(v)}" for k, v in details.items()))
        if "rss_table" in row:
            lines.append(f"- {name}, RSS MiB at samples done: " +
                         ", ".join(f'{p["samples_done"]:,}: {p["rss_mib"]}' for p in row["rss_table"]))
    floors = (("floor client", "the floor: a client of plain sockets (tests/bench/floor_client)"),
              ("libcurl floor client", "the libcurl floor: a client of libcurl's multi interface on one thread, "
                                       "as issue #4 prescribes, and nothing else (tests/bench/floor_client)"))
    etalon_wall = get("etalon", "wall_s")
    for row, words in floors:
        floor_wall = get(row, "wall_s")
        if floor_wall and etalon_wall:
            gap = etalon_wall["median"] - floor_wall["median"]
            lines.append("")
            lines.append(f'- {words} takes {floor_wall["median"]:.3f} s ({get(row, "wall_over_ideal"):.2f}× of the '
                         f'ideal) against this server; etalon {etalon_wall["median"]:.3f} s, '
                         f'{abs(gap):.3f} s {"above" if gap >= 0 else "below"} it')
    etalon_row = rows.get("etalon")
    if timers and etalon_row and etalon_row["ideal_s"]:
        rounds = math.ceil(etalon_row["requests"] / etalon_row["concurrency"])
        cost_ms = rounds * timers["late_ms_p50"]
        lines.append("")
        lines.append(f'- this machine\'s timers: a {timers["sleep_ms"]:g} ms sleep ends {timers["late_ms_p50"]:.3f} ms late '
                     f'at the median (p90 {timers["late_ms_p90"]:.3f} ms; {timers["sleeps"]} sleeps of a Python process); '
                     f'a server that sleeps for its latency answers that much late when its core was idle: over '
                     f'the {rounds} rounds of etalon\'s work, about {cost_ms:.1f} ms '
                     f'({(etalon_row["ideal_s"] + cost_ms / 1000) / etalon_row["ideal_s"]:.2f}× of the ideal) '
                     f'that no client can win back')
    if failed:
        lines.append("")
        lines.append(f'- rows with wrong or missing answers (figures not comparable): {", ".join(failed)}')
    print("\n".join(lines))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump({"rows": list(rows.values()), "targets": targets, "failed_rows": failed,
                       "machine_timers": timers, "runs": runs},
                      f, indent=2, ensure_ascii=False)
            f.write("\n")
    return 1 if failed else 0


def cmd_scale_record(args):
    """The long run's record line, with its RSS table, growth and plot."""
    run = json.load(open(args.sample_file, encoding="utf-8"))
    samples = run.pop("rss_samples")
    record = {"row": args.row, "requests": args.requests, "concurrency": args.concurrency, "latency_ms": None,
              "passed": args.passed, "wall_s": run["wall_s"], "cpu_s": run["cpu_s"], "rss_mib": run["peak_rss_mib"],
              "journal_s": run["journal_s"], "results_per_s": run["results_per_s"], "summary_s": run["summary_s"],
              "reports_s": run["reports_s"], "rss_growth_mib_per_100k": rss_growth(samples, args.requests),
              "rss_table": rss_table(samples, args.requests)}
    if args.svg:
        write_svg(args.svg, samples, args.requests)
    print(json.dumps(record, ensure_ascii=False))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("peers-dataset"); p.add_argument("cases"); p.add_argument("repeat", type=int)
    p.add_argument("output"); p.set_defaults(run=cmd_peers_dataset)
    p = sub.add_parser("unique-dataset"); p.add_argument("count", type=int); p.add_argument("output")
    p.set_defaults(run=cmd_unique_dataset)
    p = sub.add_parser("echo-dataset"); p.add_argument("count", type=int); p.add_argument("output")
    p.set_defaults(run=cmd_echo_dataset)
    p = sub.add_parser("sustained-rate"); p.add_argument("results"); p.set_defaults(run=cmd_sustained_rate)
    p = sub.add_parser("timed"); p.add_argument("time_file"); p.add_argument("log_file")
    p.add_argument("command", nargs=argparse.REMAINDER); p.set_defaults(run=cmd_timed)
    p = sub.add_parser("record")
    for name in ("row", "time_file"):
        p.add_argument("--" + name.replace("_", "-"), dest=name, required=True)
    for name in ("requests", "concurrency", "passed"):
        p.add_argument("--" + name, type=int, required=True)
    p.add_argument("--latency", type=int, default=None)
    p.add_argument("--server-cpu", type=float, default=None)
    p.add_argument("--extra", action="append", default=[], help="KEY=JSON")
    p.set_defaults(run=cmd_record)
    p = sub.add_parser("process-cpu"); p.add_argument("pid"); p.set_defaults(run=cmd_process_cpu)
    p = sub.add_parser("passed"); p.add_argument("summary"); p.set_defaults(run=cmd_passed)
    p = sub.add_parser("ttft-error"); p.add_argument("--log", required=True); p.add_argument("--results", required=True)
    p.add_argument("--first-wave", type=int, required=True); p.set_defaults(run=cmd_ttft_error)
    p = sub.add_parser("sample-run"); p.add_argument("--run-dir", required=True); p.add_argument("--log", required=True)
    p.add_argument("--period", type=float, default=0.25); p.add_argument("command", nargs=argparse.REMAINDER)
    p.set_defaults(run=cmd_sample_run)
    p = sub.add_parser("scale-record"); p.add_argument("--row", required=True)
    p.add_argument("--sample-file", required=True)
    for name in ("requests", "concurrency", "passed"):
        p.add_argument("--" + name, type=int, required=True)
    p.add_argument("--svg", default=None); p.set_defaults(run=cmd_scale_record)
    p = sub.add_parser("sleep-lateness"); p.add_argument("--ms", type=float, default=20)
    p.add_argument("--count", type=int, default=100); p.set_defaults(run=cmd_sleep_lateness)
    p = sub.add_parser("table"); p.add_argument("runs"); p.add_argument("--out", default=None)
    p.set_defaults(run=cmd_table)
    args = parser.parse_args()
    sys.exit(args.run(args) or 0)


if __name__ == "__main__":
    main()
