"""timeline: turn news articles into a queryable timeline of dated events.

The library never imports Prefect; ``flows/`` orchestrates it.
"""

from typing import TYPE_CHECKING, Any

from .errors import TimelineError
from .records import Article, BatchResult, Event, Rejection, TimeMention
from .settings import Settings, load_settings

if TYPE_CHECKING:
    from .pipeline import process_batch


def __getattr__(name: str) -> Any:
    # spaCy is imported when something is parsed, not with the package: a run with nothing to parse
    # (or a query, an export) never pays for it
    if name == "process_batch":
        from .pipeline import process_batch

        return process_batch
    raise AttributeError(f"module 'timeline' has no attribute {name!r}")


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
