"""Named errors of the library. The CLI turns each into a one-line message at one boundary."""


class TimelineError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(TimelineError):
    """An input file or its metadata cannot be used."""


class ConfigError(TimelineError):
    """A setting is missing or invalid."""


class WarehouseError(TimelineError):
    """The warehouse cannot be opened, read or written."""


class QueryError(WarehouseError):
    """A user's SQL failed."""


class ExportError(TimelineError):
    """An export could not be written."""
