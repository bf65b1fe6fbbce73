"""The Children's Information Project framework, as names the course's code can share.

Source: the project's "Explore our Framework" page (Rees Centre, University of Oxford), which
says the framework is still being refined.
"""

APPROACHES: dict[int, str] = {
    1: "Integrating voice",
    2: "Understanding needs",
    3: "Making best use of available information",
    4: "Ensuring appropriate action and learning",
}

#: The eight Practices, by number.
PRACTICES: dict[int, str] = {
    1: "Bringing voice into co-design of information use",
    2: "Using theory of change to improve information use",
    3: "Mapping information",
    4: "Mapping systems",
    5: "Using broad sources of local information",
    6: "Integrating voice information into aggregate and strategic reporting",
    7: "Improving voice in operational information use",
    8: "Drawing from national datasets",
}

ENABLERS: tuple[str, ...] = ("Infrastructure and governance", "Behaviours and culture")
