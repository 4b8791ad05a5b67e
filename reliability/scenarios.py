"""The fault scenarios F1–F18 (README, "Reliability"), each a function returning figures.

Every scenario serves a small synthetic site with its faults on 127.0.0.1, runs the real CLI
(``cwscrape crawl``) in a subprocess with the plan's test settings, then reads the committed
dataset back and reports: accounted share of the offered article URLs, missing, duplicates
(raw lines and after dedup-on-load), invalid committed lines, exit status, seconds, plus the
scenario's own criterion.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from crawler.devtools.synthetic import SiteServer, SyntheticSite
from crawler.normalize.urls import article_id
from crawler.records import TYPE_ORDER
from crawler.records.validation import error_line_problems, record_problems
from reliability import faults

ROOT = Path(__file__).resolve().parent.parent
TEST_SETTINGS = ["-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_BACKOFF_BASE=0.1",
                 "-s", "CWSCRAPE_PROGRESS_SECONDS=0", "-s", "REDIRECT_MAX_TIMES=5"]


@dataclass
class Outcome:
    name: str
    title: str
    passed: bool = False
    accounted: float = 0.0
    missing: int = 0
    raw_duplicates: int = 0
    duplicates: int = 0
    invalid_lines: int = 0
    exit_status: int | None = None
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def check(self, condition: bool, message: str) -> None:
        if not condition:
            self.failures.append(message)


@dataclass
class Dataset:
    records: dict[str, list[dict]]
    errors: list[dict]
    invalid: int
    part_files: int


def read_dataset(out: Path) -> Dataset:
    records: dict[str, list[dict]] = {t: [] for t in TYPE_ORDER}
    errors: list[dict] = []
    invalid = 0
    runs = sorted((out / "runs").iterdir()) if (out / "runs").exists() else []
    for run in runs:
        for rtype in TYPE_ORDER:
            path = run / f"{rtype}.jsonl"
            if not path.exists():
                continue
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    data = json.loads(line)
                except ValueError:
                    invalid += 1
                    continue
                if record_problems(data):
                    invalid += 1
                records[rtype].append(data)
        path = run / "errors.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    data = json.loads(line)
                except ValueError:
                    invalid += 1
                    continue
                if error_line_problems(data):
                    invalid += 1
                errors.append(data)
    parts = len(list(out.glob("runs/*/*.part")))
    return Dataset(records, errors, invalid, parts)


def crawl(base_url: str, out: Path, *extra: str, env: dict[str, str] | None = None,
          timeout: float = 120) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "crawler", "crawl", "--base-url", base_url, "--out", str(out),
           "--log-level", "ERROR", *TEST_SETTINGS, *extra]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          env={**os.environ, **(env or {})})


def figures(outcome: Outcome, offered: set[int], data: Dataset,
            host_excluded: bool = False) -> None:
    """The invariants: accounted, missing, duplicates, invalid lines."""
    have = {r["article_id"] for r in data.records["article"]}
    errored = {article_id(e["url"]) for e in data.errors}
    accounted = offered & (have | errored) if not host_excluded else offered
    outcome.accounted = 100.0 * len(accounted) / len(offered) if offered else 100.0
    outcome.missing = len(offered - accounted)
    ids = [r["article_id"] for r in data.records["article"]]
    outcome.raw_duplicates = len(ids) - len(set(ids))
    outcome.duplicates = 0  # dedup-on-load keeps one line per article id by construction
    outcome.invalid_lines = data.invalid


def _run(name: str, title: str, body: Callable[[Outcome, Path], None]) -> Outcome:
    outcome = Outcome(name, title)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"cw-{name}-") as tmp:
        try:
            body(outcome, Path(tmp))
        except Exception as exc:  # a scenario that blows up fails; the table goes on
            outcome.failures.append(f"{type(exc).__name__}: {exc}")
    outcome.seconds = round(time.monotonic() - start, 1)
    outcome.check(outcome.invalid_lines == 0, f"{outcome.invalid_lines} invalid lines")
    outcome.passed = not outcome.failures
    return outcome


def _standard(site: SyntheticSite, out: Path, outcome: Outcome, *extra: str,
              expect_exit: int = 0) -> Dataset:
    with SiteServer(site) as server:
        proc = crawl(server.base_url, out, *extra)
    outcome.exit_status = proc.returncode
    outcome.check("Traceback" not in proc.stderr, "a traceback on stderr")
    outcome.check(proc.returncode == expect_exit,
                  f"exit {proc.returncode}, expected {expect_exit}: {proc.stderr[-300:]}")
    data = read_dataset(out)
    figures(outcome, set(site.ids), data)
    return data


def _reasons(data: Dataset, ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    found: dict[int, list[tuple[str, int]]] = {i: [] for i in ids}
    for e in data.errors:
        art = article_id(e["url"])
        if art in found:
            found[art].append((e["reason"], e["attempts"]))
    return found


def f1(out: Path, o: Outcome) -> None:
    site = SyntheticSite(n_articles=100)
    for art in site.ids[:30]:
        site.faults[site.article_path(art)] = faults.status_times(503, 1)
    for art in site.ids[30:40]:
        site.faults[site.article_path(art)] = faults.status_times(503, 99)
    data = _standard(site, out, o)
    o.check(len(data.records["article"]) == 90, f"{len(data.records['article'])} records")
    reasons = _reasons(data, site.ids[30:40])
    o.check(all(r == [("http_503", 3)] for r in reasons.values()), f"errors {reasons}")
    manifest = json.loads(next(out.glob("runs/*/manifest.json")).read_text())
    o.check(manifest["retries"] == 50, f"retry count {manifest['retries']}")
    o.check(o.accounted == 100.0, "not all accounted")


def f2(out: Path, o: Outcome) -> None:
    site = SyntheticSite(n_articles=30, delay=0.02)
    a, b, c = (site.article_path(i) for i in site.ids[:3])
    site.faults[a] = faults.status_times(429, 1, headers={"Retry-After": "3"})
    site.faults[b] = faults.status_times(429, 1, headers=lambda: {
        "Retry-After": faults.retry_after_date(3)})
    site.faults[c] = faults.status_times(429, 99, headers={"Retry-After": "500"})
    data = _standard(site, out, o)
    for path, least in ((a, 3.0), (b, 2.0)):  # HTTP-date has one-second resolution
        times = [t for t, p in site.log if p == path]
        o.check(len(times) == 2 and times[1] - times[0] >= least - 0.05,
                f"{path} requested at {times}")
        others = [t for t, p in site.log if times and p.startswith("/art/")
                  and p not in (a, b, c) and times[0] < t < times[-1]]
        o.check(len(others) > 0, "nothing else was fetched during the pause")
    o.check(_reasons(data, site.ids[2:3])[site.ids[2]] == [("rate_limited", 1)],
            "Retry-After above the cap is not a rate_limited error")
    have = {r["article_id"] for r in data.records["article"]}
    o.check(set(site.ids[:2]) <= have, "rate-limited pages have no record")


def f3(out: Path, o: Outcome) -> None:
    site = SyntheticSite(n_articles=10)
    slow, stall = site.article_path(site.ids[0]), site.article_path(site.ids[1])
    site.faults[slow] = faults.slow_headers(4)
    site.faults[stall] = faults.stalled_body(4)
    started = time.monotonic()
    data = _standard(site, out, o, "-s", "DOWNLOAD_TIMEOUT=1")
    took = time.monotonic() - started
    reasons = _reasons(data, site.ids[:2])
    o.check(all(r == [("timeout", 3)] for r in reasons.values()), f"errors {reasons}")
    o.check(len(data.records["article"]) == 8, "other URLs were affected")
    o.check(took <= 16, f"the crawl took {took:.1f} s (3 attempts × 1 s timeout + backoff)")


def f4(out: Path, o: Outcome) -> None:
    site = SyntheticSite(n_articles=10)
    site.faults[site.article_path(site.ids[0])] = faults.reset_mid_body()
    site.faults[site.article_path(site.ids[1])] = faults.reset_mid_body(times=1)
    data = _standard(site, out, o)
    reasons = _reasons(data, site.ids[:1])[site.ids[0]]
    o.check(len(reasons) == 1 and reasons[0][1] == 3, f"permanent reset gave {reasons}")
    transient = [r for r in data.records["article"] if r["article_id"] == site.ids[1]]
    o.check(len(transient) == 1 and "Ingen sundhedsplatform" in transient[0]["body"],
            "transient reset did not give the complete page")
    o.check(site.ids[0] not in {r["article_id"] for r in data.records["article"]},
            "a record was built from 1,000 bytes")


def f5(out: Path, o: Outcome) -> None:
    site = SyntheticSite(n_articles=10)
    site.faults[site.article_path(site.ids[0])] = faults.short_body
    site.faults[site.article_path(site.ids[1])] = faults.unterminated_chunked
    data = _standard(site, out, o)
    have = {r["article_id"] for r in data.records["article"]}
    o.check(not ({site.ids[0], site.ids[1]} & have), "a record from a short body")
    reasons = _reasons(data, site.ids[:2])
    o.check(all(len(r) == 1 and r[0][1] == 3 for r in reasons.values()), f"errors {reasons}")


def f6(out: Path, o: Outcome) -> None:
    site = SyntheticSite(n_articles=10)
    for art, cut in zip(site.ids[:3], (0.1, 0.5, 0.9)):
        site.faults[site.article_path(art)] = faults.truncated_gzip(cut)
    site.faults[site.article_path(site.ids[3])] = faults.bad_gzip_crc
    data = _standard(site, out, o)
    have = {r["article_id"] for r in data.records["article"]}
    o.check(not (set(site.ids[:3]) & have), "a record from a truncated gzip body")
    reasons = _reasons(data, site.ids[:3])
    o.check(all(r and r[0][0] == "incomplete_body" for r in reasons.values()),
            f"errors {reasons}")
    o.check(site.ids[3] in have or bool(_reasons(data, site.ids[3:4])[site.ids[3]]),
            "CRC-only corruption lost the page")


def f7(out: Path, o: Outcome) -> None:
    site = SyntheticSite(n_articles=8)
    cases = [faults.charset("cp1252", "utf-8", meta="windows-1252"),
             faults.charset("utf-8", "windows-1252"),
             faults.charset("utf-8", None),
             faults.charset("cp1252", None),
             faults.charset("utf-8", "windows-1252", bom=True)]
    for art, fault in zip(site.ids, cases):
        site.faults[site.article_path(art)] = fault
    data = _standard(site, out, o)
    for record in data.records["article"]:
        suspect = "encoding_suspect" in record["warnings"]
        text = json.dumps(record, ensure_ascii=False)
        o.check("\ufffd" not in text or suspect, f"U+FFFD in {record['article_id']}")
        o.check("Øresundsbroen" in record["body"] or suspect,
                f"æøå wrong in {record['article_id']}")
    o.check(len(data.records["article"]) == 8, "a charset case lost its record")


def f8(out: Path, o: Outcome) -> None:
    site = SyntheticSite(n_articles=4)
    site.faults[site.article_path(site.ids[0])] = faults.huge(50 * 1024 * 1024)
    site.faults[site.article_path(site.ids[1])] = faults.huge(50 * 1024 * 1024, chunked=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    data = _standard(site, out, o)
    reasons = _reasons(data, site.ids[:2])
    o.check(all(r == [("too_large", 1)] for r in reasons.values()), f"errors {reasons}")
    # ru_maxrss of children is the largest child so far: only meaningful if it grew here.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    bound = 2 * 16 + 200  # 2 × DOWNLOAD_MAXSIZE + base, in MB (README, "Reliability")
    o.check(peak < bound or peak <= before / 1024, f"peak RSS {peak:.0f} MB > {bound} MB")


def f9(out: Path, o: Outcome) -> None:
    site = SyntheticSite(n_articles=6)
    kinds = ["gzip", "deflate", "br"]
    try:
        import zstandard  # noqa: F401
        kinds.append("zstd")
    except ImportError:
        pass
    for art, kind in zip(site.ids, kinds):
        site.faults[site.article_path(art)] = faults.bomb(kind)
    data = _standard(site, out, o)
    reasons = _reasons(data, site.ids[:len(kinds)])
    o.check(all(r == [("too_large", 1)] for r in reasons.values()), f"errors {reasons}")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol9;</loc></url></urlset>"""


def _xxe(target: str) -> bytes:
    return (f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM "{target}">]>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            '<url><loc>&xxe;</loc></url></urlset>').encode()


def f10(out: Path, o: Outcome) -> None:
    site = SyntheticSite(n_articles=5)
    bad = {"/bomb.xml": BILLION_LAUGHS, "/xxe-file.xml": _xxe("file:///etc/hostname"),
           "/empty.xml": b"", "/garbage.xml": b"\x00\x01not xml at all <<<"}
    with SiteServer(site) as server:
        bad["/xxe-http.xml"] = _xxe(f"{server.base_url}/xxe")
        for path, body in bad.items():
            site.faults[path] = faults.xml(body)
        index = "".join(f"<sitemap><loc>{server.base_url}{p}</loc></sitemap>"
                        for p in ["/sitemap-0.xml", *bad])
        site.faults["/sitemap_index.xml"] = faults.xml(
            ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
             f'sitemap/0.9">{index}</sitemapindex>').encode())
        started = time.monotonic()
        proc = crawl(server.base_url, out)
        o.exit_status = proc.returncode
    data = read_dataset(out)
    figures(o, set(site.ids), data)
    o.check(not [p for _, p in site.log if p == "/xxe"], "the XXE URL was requested")
    invalid = {e["url"].rsplit("/", 1)[-1] for e in data.errors
               if e["reason"] == "sitemap_empty_or_invalid"}
    o.check(invalid == {p.lstrip("/") for p in bad}, f"sitemap errors for {sorted(invalid)}")
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() \
        else "\0"
    dump = json.dumps(data.records, ensure_ascii=False)
    o.check(not hostname or hostname not in dump, "file content leaked into a record")
    o.check(time.monotonic() - started < 30, "sitemap parsing was slow")
    o.check(o.accounted == 100.0, "good sitemap's articles not all accounted")


def f11(out: Path, o: Outcome) -> None:
    site = SyntheticSite(n_articles=5)
    a = site.article_path(site.ids[0])
    with SiteServer(site) as server:
        site.faults[a] = faults.redirect(f"{server.base_url}/loop-b")
        site.faults["/loop-b"] = faults.redirect(f"{server.base_url}{a}")
        proc = crawl(server.base_url, out)
        o.exit_status = proc.returncode
    data = read_dataset(out)
    figures(o, set(site.ids), data)
    hops = [p for _, p in site.log if p in (a, "/loop-b")]
    o.check(len(hops) <= 6, f"{len(hops)} requests in the loop")
    o.check(_reasons(data, site.ids[:1])[site.ids[0]][:1] == [("redirect_loop", 1)],
            f"errors {_reasons(data, site.ids[:1])}")
    o.check(o.exit_status == 0, f"exit {o.exit_status}")


def f12(out: Path, o: Outcome) -> None:
    site = SyntheticSite(n_articles=6)
    other = SyntheticSite(n_articles=1)
    with SiteServer(other) as offsite, SiteServer(site) as server:
        port2 = offsite.base_url.rsplit(":", 1)[1]
        site.faults[site.article_path(site.ids[0])] = faults.redirect(
            f"http://localhost:{port2}/art/{other.ids[0]}/x")
        site.faults[site.article_path(site.ids[1])] = faults.redirect("file:///etc/passwd")
        site.faults[site.article_path(site.ids[2])] = faults.redirect(
            f"http://127.0.0.1:{port2}/art/{other.ids[0]}/x")
        proc = crawl(server.base_url, out)
        o.exit_status = proc.returncode
    data = read_dataset(out)
    figures(o, set(site.ids), data)
    o.check(not other.log, f"the off-site server got {len(other.log)} requests")
    reasons = _reasons(data, site.ids[:3])
    o.check(all(r and r[0][0] == "offsite" for r in reasons.values()), f"errors {reasons}")
    urls = {r["source_url"] for r in data.records["article"]}
    o.check(all(f":{port2}/" not in u for u in urls), "an off-site record")
    o.check(o.exit_status == 0, f"exit {o.exit_status}")


def f13(out: Path, o: Outcome) -> None:
    # (a) Disallow: two article paths are never requested and get policy records.
    site = SyntheticSite(n_articles=6)
    banned = [site.article_path(i) for i in site.ids[:2]]
    robots = "User-agent: *\n" + "".join(f"Disallow: {p}\n" for p in banned)
    with SiteServer(site) as server:
        site.faults["/robots.txt"] = lambda h: h.send_body(
            200, (robots + f"Sitemap: {server.base_url}/sitemap_index.xml\n").encode(),
            "text/plain")
        proc = crawl(server.base_url, out / "a")
    data = read_dataset(out / "a")
    figures(o, set(site.ids), data)
    o.check(not any(p in banned for _, p in site.log), "a disallowed URL was requested")
    o.check(all(r and r[0][0] == "robots" for r in _reasons(data, site.ids[:2]).values()),
            "no robots policy records")
    o.check(proc.returncode == 0, f"disallow case exit {proc.returncode}")
    # (b) 404: allow all.
    site = SyntheticSite(n_articles=3)
    site.faults["/robots.txt"] = lambda h: h.send_body(404, b"", "text/plain")
    with SiteServer(site) as server:
        proc = crawl(server.base_url, out / "b", "--url", f"{server.base_url}"
                     f"{site.article_path(site.ids[0])}")
    o.check(len(read_dataset(out / "b").records["article"]) == 1, "robots 404 blocked")
    # (c) 503, timeout, 429: no article fetch in the run, error record robots_unreachable.
    for label, fault in (("503", faults.status_times(503, 99)), ("timeout",
                         faults.slow_headers(3)), ("429", faults.status_times(429, 99))):
        site = SyntheticSite(n_articles=3)
        site.faults["/robots.txt"] = fault
        with SiteServer(site) as server:
            url = f"{server.base_url}{site.article_path(site.ids[0])}"
            proc = crawl(server.base_url, out / label, "-s", "DOWNLOAD_TIMEOUT=1")
            proc2 = crawl(server.base_url, out / (label + "-url"), "--url", url, "-s",
                          "DOWNLOAD_TIMEOUT=1")
        o.check(not site.requests_for("/art/"), f"robots {label}: an article was fetched")
        for folder, p in ((label, proc), (label + "-url", proc2)):
            errors = read_dataset(out / folder).errors
            o.check(any(e["reason"] == "robots_unreachable" for e in errors),
                    f"robots {label}: no robots_unreachable record")
            o.check(p.returncode == 1, f"robots {label}: exit {p.returncode}, expected 1")
    o.exit_status = 0


def f14(out: Path, o: Outcome, kills: int = 4) -> None:
    site = SyntheticSite(n_articles=240, delay=0.03)
    refetched = []
    with SiteServer(site) as server:
        cmd = [sys.executable, "-m", "crawler", "crawl", "--base-url", server.base_url,
               "--out", str(out), "--log-level", "ERROR", *TEST_SETTINGS]
        for n in range(kills):
            mark = len(site.log)
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            threshold = (15, 30, 45, 60)[n % 4]
            deadline = time.monotonic() + 60
            while proc.poll() is None and time.monotonic() < deadline and \
                    len([p for _, p in site.log[mark:] if p.startswith("/art/")]) < threshold:
                time.sleep(0.005)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        final = crawl(server.base_url, out)
    fetched = [p for _, p in site.log if p.startswith("/art/")]
    refetched.append(len(fetched) - len(set(fetched)))
    o.exit_status = final.returncode
    data = read_dataset(out)
    figures(o, set(site.ids), data)
    o.check(o.missing == 0, f"missing {o.missing}")
    o.check(o.raw_duplicates == 0, f"{o.raw_duplicates} duplicate article lines")
    for rtype in ("event", "job_ad", "people_news"):
        ids = [r["record_id"] for r in data.records[rtype]]
        o.check(len(ids) == len(set(ids)), f"duplicate {rtype} lines")
    o.check(data.part_files == 0, "uncommitted .part files left")
    o.check(final.returncode == 0, f"exit {final.returncode}: {final.stderr[-300:]}")
    o.title += f" ({kills} kills, {refetched[0]} pages re-fetched)"


def f15(out: Path, o: Outcome) -> None:
    site = SyntheticSite(n_articles=60, delay=0.01)
    with SiteServer(site) as server:
        full = crawl(server.base_url, out, env={"CWSCRAPE_TEST_ENOSPC_AFTER": "60000"})
        after_full = read_dataset(out)
        again = crawl(server.base_url, out)
    o.exit_status = full.returncode
    o.check(full.returncode != 0, "disk full exited 0")
    o.check(after_full.invalid == 0, "torn lines in committed files")
    data = read_dataset(out)
    figures(o, set(site.ids), data)
    o.check(again.returncode == 0 and o.missing == 0, f"re-run left {o.missing} missing")
    o.check(o.raw_duplicates == 0, f"{o.raw_duplicates} duplicate article lines")


def f16(out: Path, o: Outcome) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    cases = {"dns": "http://nohost.invalid", "refused": f"http://127.0.0.1:{closed_port}"}
    for label, base in cases.items():
        proc = crawl(base, out / label, "--url", f"{base}/art/1/x")
        o.check("Traceback" not in proc.stderr, f"{label}: traceback")
        errors = read_dataset(out / label).errors
        o.check(any(article_id(e["url"]) == 1 for e in errors), f"{label}: no error record")
        manifests = list((out / label).glob("runs/*/manifest.json"))
        retries = json.loads(manifests[0].read_text()).get("retries") if manifests else None
        o.check(retries == 2, f"{label}: {retries} retries, expected 2 (3 attempts)")
        o.check(proc.returncode == 1, f"{label}: exit {proc.returncode}")
    o.accounted = 100.0
    o.exit_status = 1


def f17(out: Path, o: Outcome) -> None:
    site = SyntheticSite(n_articles=6)
    bad = [b"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n<html>x</html>",
           b"HTTP/1.1 200: OK\r\nContent-Length: 14\r\n\r\n<html>x</html>",
           b"<html><body>no status line</body></html>",
           b"HTTP/1.1 200 OK\r\nX-Bad\r\n\r\n<html>x</html>"]
    for art, data_bytes in zip(site.ids, bad):
        site.faults[site.article_path(art)] = faults.raw(data_bytes)
    with SiteServer(site) as server:
        proc = crawl(server.base_url, out)
    o.exit_status = proc.returncode
    o.check("Traceback" not in proc.stderr, "traceback")
    data = read_dataset(out)
    figures(o, set(site.ids), data)
    o.check(o.accounted == 100.0, f"accounted {o.accounted}")


def f18(out: Path, o: Outcome) -> None:
    site = SyntheticSite(n_articles=150, delay=0.03)
    with SiteServer(site) as server:
        cmd = [sys.executable, "-m", "crawler", "crawl", "--base-url", server.base_url,
               "--out", str(out), "--log-level", "ERROR", *TEST_SETTINGS]
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline and \
                len(site.requests_for("/art/")) < 40:
            time.sleep(0.005)
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=60)
        stopped = read_dataset(out)
        manifests = [json.loads(p.read_text()) for p in out.glob("runs/*/manifest.json")]
        o.check(len(manifests) == 1 and manifests[0]["status"] == "stopped",
                f"manifest after SIGTERM: {[m.get('status') for m in manifests]}")
        o.check(stopped.part_files == 0, ".part files after a graceful stop")
        o.check(proc.returncode != 0, "a stopped crawl exited 0")
        final = crawl(server.base_url, out)
    o.exit_status = final.returncode
    data = read_dataset(out)
    figures(o, set(site.ids), data)
    o.check(o.missing == 0 and o.raw_duplicates == 0,
            f"missing {o.missing}, duplicates {o.raw_duplicates}")


SCENARIOS: dict[str, tuple[str, Callable[[Path, Outcome], None], bool]] = {
    # name: (title, body, fast enough for `make test`)
    "F1": ("5xx burst", f1, True),
    "F2": ("429 + Retry-After (seconds, HTTP-date, over the cap)", f2, True),
    "F3": ("slow headers, stalled body", f3, True),
    "F4": ("connection reset mid-body", f4, True),
    "F5": ("short body, unterminated chunked", f5, True),
    "F6": ("truncated gzip, CRC-only corruption", f6, True),
    "F7": ("wrong and missing charsets", f7, True),
    "F8": ("50 MB page (length and chunked)", f8, True),
    "F9": ("compression bombs", f9, False),
    "F10": ("XML bomb, XXE, empty and garbage sitemaps", f10, True),
    "F11": ("redirect loop", f11, True),
    "F12": ("off-site redirects (port, host, file://)", f12, True),
    "F13": ("robots.txt: disallow, 404, 503, timeout, 429", f13, False),
    "F14": ("kill -9 mid-crawl, then resume", f14, False),
    "F15": ("disk full on output", f15, True),
    "F16": ("DNS failure, connection refused", f16, True),
    "F17": ("malformed HTTP", f17, True),
    "F18": ("SIGTERM, then resume", f18, True),
}


def run_scenario(name: str, **kwargs: int) -> Outcome:
    title, body, _ = SCENARIOS[name]
    return _run(name, title, lambda o, out: body(out, o, **kwargs))
