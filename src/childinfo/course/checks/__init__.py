"""Exercise checks: tell a learner, in plain words, whether an answer is right.

Every ``check_*`` function returns a :class:`Feedback`. It prints as a sentence in a terminal
and shows as a short panel in a notebook; the panel is a ``role="status"`` element, so a screen
reader announces it. A wrong answer, an answer of the wrong type, or a table with the wrong
columns never raises: the learner gets feedback that says what to look at instead.

Example, in a lab::

    from childinfo.course.checks import check_number
    check_number(my_rate, expected=51.4, tolerance=0.1, what="the rate per 10,000")
"""

from childinfo.course.checks import core, general, lab01_02, lab03_04, lab05_06, lab07_08, lab09_10
from childinfo.course.checks.core import *  # noqa: F403
from childinfo.course.checks.general import *  # noqa: F403
from childinfo.course.checks.lab01_02 import *  # noqa: F403
from childinfo.course.checks.lab03_04 import *  # noqa: F403
from childinfo.course.checks.lab05_06 import *  # noqa: F403
from childinfo.course.checks.lab07_08 import *  # noqa: F403
from childinfo.course.checks.lab09_10 import *  # noqa: F403

# The public checks, chosen once: every module's own __all__.
__all__ = sorted(
    name
    for module in (core, general, lab01_02, lab03_04, lab05_06, lab07_08, lab09_10)
    for name in module.__all__
)
