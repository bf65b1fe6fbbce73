"""The one exception type the library raises for bad input.

Every message names the problem and the fix, so the command line and the labs can show it as
one plain sentence instead of a traceback.
"""


class ChildinfoError(ValueError):
    """Bad input to a childinfo function: the message says what is wrong and what to do."""

    def __init__(self, message: object = "") -> None:
        # One line, whatever a message quotes (a value's repr can hold newlines).
        super().__init__(" ".join(str(message).split()))
