"""Scheduled incremental crawls: state between runs, kill -9 safety, Retry-After, reparse."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from crawler.devtools.synthetic import SiteServer, SyntheticSite
from crawler.normalize.urls import article_id
from tests.helpers.crawlrun import ROOT, crawl, crawl_cmd, duplicate_ids, lines, records, runs


def article_fetches(site: SyntheticSite, since: int = 0) -> list[int]:
    return [article_id(path) for _, path in site.log[since:] if path.startswith("/art/")]


def test_second_run_fetches_only_new_and_changed(tmp_path: Path) -> None:
    site = SyntheticSite(n_articles=20)
    with SiteServer(site) as server:
        first = crawl(server.base_url, tmp_path)
        assert first.returncode == 0, first.stderr
        assert sorted(article_fetches(site)) == site.ids

        changed = site.ids[3:6]
        for art in changed:
            site.bump(art, "2026-02-01")
        site.n_articles += 2  # two new articles at the end of the sitemap
        new = site.ids[-2:]
        mark = len(site.log)
        second = crawl(server.base_url, tmp_path)
        assert second.returncode == 0, second.stderr

    assert sorted(article_fetches(site, mark)) == sorted(changed + new)
    # the listing and sitemap pages were fetched again
    later = [p for _, p in site.log[mark:]]
    assert "/robots.txt" in later and "/sitemap-0.xml" in later

    second_run = runs(tmp_path)[-1]
    written = [json.loads(x) for x in (second_run / "article.jsonl").read_text().splitlines()]
    assert sorted(r["article_id"] for r in written) == sorted(changed + new)
    manifest = json.loads((second_run / "manifest.json").read_text())
    assert manifest["updated"] == {"article": 3}
    assert manifest["skipped_unchanged"] == 17
    assert manifest["records"]["people_news"] == 0  # every widget was already written

    # across both runs every widget record appears exactly once
    assert {t: n for t, n in duplicate_ids(tmp_path).items() if t not in ("article",
            "related_link")} == {"event": 0, "job_ad": 0, "sponsored": 0, "people_news": 0}
    # the latest version of every changed article is the changed text
    latest: dict[int, dict] = {}
    for record in records(tmp_path, "article"):
        if record["article_id"] not in latest or \
                record["fetched_at"] >= latest[record["article_id"]]["fetched_at"]:
            latest[record["article_id"]] = record
    for art in changed:
        assert f"Artikel {art} i version 2" in latest[art]["body"]
    assert len(latest) == 22


KILL_AFTER_ARTICLES = (15, 30, 45, 60)


def test_kill_9_then_resume_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    site = SyntheticSite(n_articles=240, delay=0.03)
    kills = int(os.environ.get("CWSCRAPE_KILL_TRIALS", len(KILL_AFTER_ARTICLES)))
    thresholds = [KILL_AFTER_ARTICLES[i % len(KILL_AFTER_ARTICLES)] for i in range(kills)]
    with SiteServer(site) as server:
        for threshold in thresholds:
            mark = len(site.log)
            proc = subprocess.Popen(crawl_cmd(server.base_url, tmp_path), cwd=ROOT,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 60
            while proc.poll() is None and time.monotonic() < deadline and \
                    len(article_fetches(site, mark)) < threshold:
                time.sleep(0.01)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        final = crawl(server.base_url, tmp_path)
    assert final.returncode == 0, final.stderr

    articles = records(tmp_path, "article")
    assert sorted({r["article_id"] for r in articles}) == site.ids  # missing 0
    assert duplicate_ids(tmp_path) == dict.fromkeys(duplicate_ids(tmp_path), 0)  # dup 0
    for name in ("article.jsonl", "people_news.jsonl", "errors.jsonl", "event.jsonl"):
        for line in lines(tmp_path, name):
            json.loads(line)  # every committed line is valid JSON
    assert not list(tmp_path.glob("runs/*/*.part"))
    statuses = [json.loads((r / "manifest.json").read_text())["status"] for r in runs(tmp_path)]
    assert statuses.count("interrupted") >= 1 and statuses[-1] == "complete"


def test_retry_after_is_honoured_without_blocking_other_urls(tmp_path: Path) -> None:
    site = SyntheticSite(n_articles=80, delay=0.05)
    target = site.article_path(site.ids[0])
    answered = []

    def rate_limit_once(handler: object) -> None:
        if not answered:
            answered.append(time.monotonic())
            handler.send_body(429, b"slow down", "text/plain",  # type: ignore[attr-defined]
                              {"Retry-After": "2"})
        else:
            handler.send_body(200, site.page(site.ids[0]),  # type: ignore[attr-defined]
                              "text/html; charset=utf-8")

    site.faults[target] = rate_limit_once
    with SiteServer(site) as server:
        result = crawl(server.base_url, tmp_path)
    assert result.returncode == 0, result.stderr
    times = [t for t, p in site.log if p == target]
    assert len(times) == 2
    assert times[1] - times[0] >= 2.0 - 0.05
    others = [t for t, p in site.log if p.startswith("/art/") and p != target
              and times[0] < t < times[1]]
    assert len(others) >= 10  # the crawl went on during the pause
    assert site.ids[0] in {r["article_id"] for r in records(tmp_path, "article")}


def test_reparse_reproduces_the_crawl_without_network(tmp_path: Path) -> None:
    site = SyntheticSite(n_articles=12)
    with SiteServer(site) as server:
        assert crawl(server.base_url, tmp_path / "crawl").returncode == 0
    crawl_run = runs(tmp_path / "crawl")[0]
    proc = subprocess.run(
        [os.sys.executable, "-m", "crawler", "reparse", str(crawl_run), "--out",
         str(tmp_path / "re")], capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={**os.environ, "http_proxy": "http://127.0.0.1:9", "https_proxy":
             "http://127.0.0.1:9"})  # any network use would fail
    assert proc.returncode == 0, proc.stderr
    re_run = runs(tmp_path / "re")[0]
    for rtype in ("article", "related_link", "event", "job_ad", "people_news"):
        crawled = {r["record_id"]: r for r in records(tmp_path / "crawl", rtype)}
        reparsed = {r["record_id"]: r for r in
                    map(json.loads, (re_run / f"{rtype}.jsonl").read_text().splitlines())}
        assert crawled and crawled == reparsed, rtype
