"""One exception family. The CLI turns any of these into one line and exit code 2."""


class AblateError(Exception):
    """An error the user can act on; its message is shown as is."""


class InputError(AblateError):
    """A data file that cannot be read, or a row that does not fit its format."""


class RulePackError(AblateError):
    """A rule pack that does not load, validate or compile."""


class ConfigError(AblateError):
    """Options that contradict each other or name something that does not exist."""
