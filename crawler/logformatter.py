"""Log repeated widget records at DEBUG: on a news site most widget records are repeats."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.logformatter import LogFormatter


class QuietDropFormatter(LogFormatter):
    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any = None
                ) -> Any:
        entry = super().dropped(item, exception, response, spider)
        if entry is not None:
            entry["level"] = logging.DEBUG
        return entry
