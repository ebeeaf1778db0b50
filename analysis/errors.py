"""The one exception type for mistakes a user can fix (a path, a malformed data file).

The batch runner prints such an error as one line and exits non-zero; anything else is a bug
and keeps its traceback.
"""


class InputError(Exception):
    """A problem with the user's input, stated so that it can be fixed without reading code."""

    def __init__(self, message, *, path=None, line=None, field=None):
        self.path, self.line, self.field = path, line, field
        where = []
        if path is not None:
            where.append(str(path))
        if line is not None:
            where.append(f"line {line}")
        if field is not None:
            where.append(f"field '{field}'")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
