"""The command line's one error: a line for stderr, and exit code 2."""


class CliError(Exception):
    pass
