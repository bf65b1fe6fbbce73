"""DfE code lists used by the generator and the return exports (2022-23 collection code sets)."""

ETHNICITY = {
    "WBRI": "White British", "WIRI": "White Irish", "WIRT": "Traveller of Irish heritage",
    "WOTH": "Any other White background", "WROM": "Gypsy/Roma",
    "MWBC": "White and Black Caribbean", "MWBA": "White and Black African", "MWAS": "White and Asian",
    "MOTH": "Any other mixed background", "AIND": "Indian", "APKN": "Pakistani", "ABAN": "Bangladeshi",
    "AOTH": "Any other Asian background", "BCRB": "Black Caribbean", "BAFR": "Black African",
    "BOTH": "Any other Black background", "CHNE": "Chinese", "OOTH": "Any other ethnic group",
    "REFU": "Refused", "NOBT": "Information not yet obtained",
}
# Grouping used throughout (Chinese under Other, as DfE CIN/CLA statistics do).
ETHNIC_GROUP = {
    **{c: "White" for c in ("WBRI", "WIRI", "WIRT", "WOTH", "WROM")},
    **{c: "Mixed" for c in ("MWBC", "MWBA", "MWAS", "MOTH")},
    **{c: "Asian" for c in ("AIND", "APKN", "ABAN", "AOTH")},
    **{c: "Black" for c in ("BCRB", "BAFR", "BOTH")},
    "CHNE": "Other", "OOTH": "Other", "REFU": "Not known", "NOBT": "Not known",
}

REFERRAL_SOURCES = ["1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F",
                    "4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10"]
PRIMARY_NEED = {
    "N1": "Abuse or neglect", "N2": "Child's disability or illness", "N3": "Parental disability or illness",
    "N4": "Family in acute stress", "N5": "Family dysfunction", "N6": "Socially unacceptable behaviour",
    "N7": "Low income", "N8": "Absent parenting", "N9": "Cases other than children in need", "N0": "Not stated",
}
REASON_FOR_CLOSURE = ["RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9"]
ASSESSMENT_FACTORS = [
    "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "5C",
    "6A", "6B", "6C", "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A", "14A",
    "15A", "16A", "17A", "18A", "18B", "18C", "19A", "19B", "19C", "20", "21", "22A", "23A", "24A",
]
DISABILITY = ["NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"]
CATEGORY_OF_ABUSE = ["NEG", "PHY", "SAB", "EMO", "MUL"]

# SSDA903 2022-23
RNE = ["S", "L", "P", "T", "U", "B"]
LEGAL_STATUS = ["C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3"]
PLACEMENT = ["A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1",
             "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1"]
PLACEMENT_PROVIDER = ["PR0", "PR1", "PR2", "PR3", "PR4", "PR5"]
REASON_CEASED = ["X1", "E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47", "E48",
                 "E5", "E6", "E7", "E8", "E9", "E14", "E15", "E16", "E17"]
REASON_PLACE_CHANGE = ["CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ",
                       "PLACE", "CUSTOD", "OTHER"]
NO_URN_PLACEMENTS = {"P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"}
NO_PROVIDER_PLACEMENTS = {"T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14"}
OC3_IN_TOUCH = ["YES", "NO", "DIED", "REFU", "NREQ", "RHOM"]
OC3_ACTIV = ["F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0"]
OC3_ACCOM_LETTERS = "BCDEGHKRSTUVWXYZ"
REVIEW_CODES = ["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"]
SDQ_REASONS = ["SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5"]

# UPN: valid LA codes for characters 2-4 as accepted by CIN rule 1530 (2022-23 validator).
def _ranges(*spans):
    out = set()
    for s in spans:
        a, b = (s, s) if isinstance(s, int) else s
        out.update(range(a, b + 1))
    return out


UPN_LA_CODES = _ranges(
    (1, 5), (201, 213), (301, 320), (330, 336), (340, 344), (350, 359), (370, 373), (380, 384),
    (390, 394), 420, (660, 681), (701, 708), (800, 803), (805, 808), (810, 813), 815, 816, (820, 823),
    825, 826, 830, 831, (835, 839), 840, 841, 845, 846, (850, 852), (855, 857), 860, 861, (865, 896),
    908, 909, 916, 919, 921, 925, 926, 928, 929, 931, 933, (935, 938), (940, 941),
)
UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"

NEEDS = ["domestic_abuse", "parental_mental_health", "parental_substance_use", "neglect",
         "poverty_housing", "disability", "young_carer", "exploitation", "child_mental_health",
         "speech_language"]
