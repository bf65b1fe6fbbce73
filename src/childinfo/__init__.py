"""childinfo: the library behind the course *Ethical and effective use of children's information*.

It holds the synthetic local authority generator, the loaders the labs use, and the small
helpers (disclosure control, data quality, linkage, fairness, voice coding, charts, quizzes
and exercise checks) that would otherwise be copied between notebooks.

All data it makes or ships is synthetic: no real child, family or worker is described.
"""

from childinfo.errors import ChildinfoError

__all__ = ["ChildinfoError", "__version__"]
__version__ = "0.1.0"
