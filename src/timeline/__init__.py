"""timeline: turn news articles into a queryable timeline of dated events.

The library never imports Prefect; ``flows/`` orchestrates it.
"""

from .errors import TimelineError
from .pipeline import process_batch
from .records import Article, BatchResult, Event, Rejection, TimeMention
from .settings import Settings, load_settings

__all__ = [
    "Article",
    "BatchResult",
    "Event",
    "Rejection",
    "Settings",
    "TimeMention",
    "TimelineError",
    "load_settings",
    "process_batch",
]
__version__ = "0.1.0"
