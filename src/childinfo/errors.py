"""The one exception type the library raises for bad input.

Every message names the problem and the fix, so the command line and the labs can show it as
one plain sentence instead of a traceback.
"""


class ChildinfoError(ValueError):
    """Bad input to a childinfo function: the message says what is wrong and what to do."""
