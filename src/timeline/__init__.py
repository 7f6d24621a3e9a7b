"""timeline: turn news articles into a queryable timeline of dated events.

The library never imports Prefect; ``flows/`` orchestrates it.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import TimelineError
    from .pipeline import process_batch
    from .records import Article, BatchResult, Event, Rejection, TimeMention
    from .settings import Settings, load_settings

# Each public name is imported when it is first used, not with the package: the ``timeline`` program's
# entry point (:mod:`timeline.entry`) is imported through this package and must be running, to turn an
# early Ctrl-C into one line, before anything heavy loads; and spaCy is imported only when something is
# parsed, so that a run with nothing to parse (or a query, an export) never pays for it.
_HOMES = {
    "TimelineError": "errors",
    "Article": "records", "BatchResult": "records", "Event": "records", "Rejection": "records",
    "TimeMention": "records",
    "Settings": "settings", "load_settings": "settings",
    "process_batch": "pipeline",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    return getattr(import_module(f".{home}", __name__), name)


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
