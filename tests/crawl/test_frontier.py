"""The frontier: each article once, a few in flight, sitemaps when the queue runs low, and
every discovered article accounted for at the end."""

from __future__ import annotations

from crawler.discovery.frontier import Frontier


def _url(n: int) -> str:
    return f"http://site/art/{n}/a"


def test_an_article_is_discovered_once_and_max_pages_holds() -> None:
    frontier = Frontier(max_pages=2)
    assert frontier.discover("art:1") and not frontier.discover("art:1")
    assert frontier.discover("art:2") and not frontier.discover("art:3")


def test_no_more_than_in_flight_are_released() -> None:
    frontier = Frontier(in_flight=2)
    for n in range(5):
        frontier.push(_url(n), None)
    assert [key for _, key, _ in frontier.release()] == ["art:0", "art:1"]
    assert list(frontier.release()) == []
    frontier.settle("art:0")
    assert [(url, key) for url, key, _ in frontier.release()] == [(_url(2), "art:2")]


def test_the_next_sitemap_waits_until_the_queue_runs_low_and_the_last_is_read() -> None:
    frontier = Frontier(queue_low=2)
    frontier.add_sitemap("http://site/s1.xml")
    frontier.add_sitemap("http://site/s1.xml")
    frontier.add_sitemap("http://site/s2.xml")
    assert frontier.next_sitemap() == "http://site/s1.xml"
    assert frontier.next_sitemap() is None  # one is being read
    frontier.sitemap_done()
    frontier.push(_url(1), None)
    frontier.push(_url(2), None)
    assert frontier.next_sitemap() is None  # enough articles queued
    list(frontier.release())
    assert frontier.next_sitemap() == "http://site/s2.xml"
    frontier.sitemap_done()
    assert frontier.next_sitemap() is None


def test_unaccounted_are_pending_lost_and_still_queued() -> None:
    frontier = Frontier(in_flight=2)
    for n in range(4):
        frontier.push(_url(n), None)
    list(frontier.release())  # 0 and 1 in flight
    frontier.settle("art:0")
    frontier.idle()  # 1 lost its request
    assert frontier.waiting()
    assert frontier.unaccounted() == [_url(1), _url(2), _url(3)]
    for _, key, _ in frontier.release():
        frontier.settle(key)
    assert frontier.unaccounted() == [_url(1)] and not frontier.waiting()
