"""The analyst's toolkit: what a lab imports to load, check, link, protect and present data.

``from childinfo.toolkit import load_authority, disclosure`` is all a lab needs; each module
is small and documented on its own:

* :mod:`~childinfo.toolkit.data`: load the synthetic authority (each call gets its own copy);
* :mod:`~childinfo.toolkit.disclosure`: small-number suppression, k-anonymity, generalising;
* :mod:`~childinfo.toolkit.quality`: DfE-style validation rules and data-quality profiles;
* :mod:`~childinfo.toolkit.linkage`: pseudonymising, deterministic and probabilistic linkage;
* :mod:`~childinfo.toolkit.fairness`: group metrics and calibration for a risk model audit;
* :mod:`~childinfo.toolkit.voice`: coding children's words into themes, coder agreement;
* :mod:`~childinfo.toolkit.rates`: rates per 10,000 with exact intervals, funnel limits;
* :mod:`~childinfo.toolkit.plots`: accessible charts in the course's palette.
"""

from childinfo.toolkit import data, disclosure, fairness, linkage, plots, quality, rates, voice
from childinfo.toolkit.data import load_authority, load_comparison_authorities

__all__ = [
    "data",
    "disclosure",
    "fairness",
    "linkage",
    "load_authority",
    "load_comparison_authorities",
    "plots",
    "quality",
    "rates",
    "voice",
]
