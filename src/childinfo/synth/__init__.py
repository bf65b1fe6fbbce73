"""The synthetic local authority generator.

The model is *simulate, then record*: a fictional child population with latent needs (the truth
no real system holds) goes through contacts, referrals, assessments, plans and care, and then the
authority's record of that history is made as a lossy, biased view of it.

Example:
    >>> from childinfo.synth import AuthorityConfig, generate_authority
    >>> la = generate_authority(AuthorityConfig(n_children=2000, seed=1))
    >>> sorted(la.tables)[:3]
    ['areas', 'assessment_factors', 'assessments']
"""

from childinfo.synth.config import AuthorityConfig, comparison_configs, default_config
from childinfo.synth.generate import Authority, generate_authority

__all__ = [
    "Authority",
    "AuthorityConfig",
    "comparison_configs",
    "default_config",
    "generate_authority",
]
