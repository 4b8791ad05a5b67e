"""Scrapy settings: polite defaults for the real site.

``cwscrape crawl`` and ``scrapy crawl computerworld`` both use these. Against a site on
127.0.0.1 (the demo, tests, a local mirror) the CLI lifts the delay; against computerworld.dk
the delay never drops below 1 s.
"""

from crawler.fetching.useragent import CONTACT_URL, user_agent
from crawler.records import vocabulary

BOT_NAME = "cwscrape"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

USER_AGENT = user_agent(CONTACT_URL)

# Politeness
ROBOTSTXT_OBEY = True
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0  # jitter would take requests below the 1 s floor
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2

# Limits and failures
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5
HTTPERROR_ALLOW_ALL = False

# No remote control of a scheduled job.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

ITEM_PIPELINES = {
    # Dedup first: two thirds of a crawl's records are widget repeats, not worth validating.
    "pipelines.dedup.DedupPipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.writer.DatasetWriterPipeline": 300,
}
LOG_LEVEL = "INFO"

# Output (the CLI sets these; `scrapy crawl` writes to ./data by default)
CWSCRAPE_OUT = "data"
CWSCRAPE_RUN_ID = None

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.fetching.samehost.SameHostMiddleware": 50,
    "crawler.fetching.robots.RobotsPolicyMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.fetching.retry.BackoffRetryMiddleware": 550,
}
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 30.0
RETRY_AFTER_MAX = 120.0

EXTENSIONS = {
    "crawler.runs.archive.ArchiveExtension": 100,
    "crawler.runs.progress.ProgressExtension": 200,
}
CWSCRAPE_ARCHIVE = True  # a WARC of every fetched response, per run
CWSCRAPE_PROGRESS_SECONDS = 5.0
CWSCRAPE_COMMIT_SECONDS = 1.0
CWSCRAPE_STATE = None  # default: OUT/state.sqlite
CWSCRAPE_DRIFT_MAX_SHARE = vocabulary.DRIFT_MAX_SHARE  # more drifting pages fail the crawl

# Breadth-first, in discovery order: sitemaps list the newest articles first.
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
