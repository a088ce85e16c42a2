"""The one exception type the build reports to users."""


class CorpusError(Exception):
    """Bad input: says which file (and line, where there is one) and what is wrong."""

    def __init__(self, path, message, line=None):
        self.path = str(path)
        self.line = line
        self.message = message
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self):
        # Raised in build worker processes: it must survive pickling back to the main process.
        return (type(self), (self.path, self.message, self.line))
