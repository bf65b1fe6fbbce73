"""The data dictionary: every table and column the generator writes, with meaning and codes."""

from __future__ import annotations

import pandas as pd

from childinfo.synth.recording import DISABILITY_TEAM, TEAMS

# table -> description; then rows of (column, description, codes or format, teaching_only)
TABLES: dict[str, str] = {
    "children": "One row per child 0-17 at the reference date (plus 18-21 year olds who were in care or had a case in the window): the authority's own record.",
    "areas": "Fictional small areas with ward, postcode district and deprivation decile (1 = most deprived).",
    "contacts": "Contacts to the front door in the window, including those that went no further.",
    "referrals": "Referrals to children's social care (one CIN episode each) open at any time in the window.",
    "assessments": "Social work assessments (child and family assessments) for those referrals.",
    "assessment_factors": "Factors identified at assessment (one row per code), as recorded by the team.",
    "cin_plans": "Child in need plans.",
    "section47": "Section 47 enquiries and their initial child protection conferences.",
    "cp_plans": "Child protection plans.",
    "cp_reviews": "Child protection review conferences.",
    "care_episodes": "Episodes of being looked after (SSDA903 episode layout), whole periods of care overlapping the window.",
    "care_leavers": "Care leavers with a 17th-21st birthday in the collection year (the 903 OC3 cohort).",
    "early_help": "Early help episodes below the statutory threshold.",
    "eyfs_profile": "Early years foundation stage profile results for the last completed reception year.",
    "early_education": "Two-year-olds at the January census: eligibility for and take-up of a funded place.",
    "school": "School attendance and suspensions in the autumn and spring terms of the collection year (e.g. Sep 2022-Mar 2023).",
    "voice_records": "Children's wishes and feelings, family feedback and practitioner case notes, with ground-truth themes.",
    "survey_information_use": "A survey of children's views on how their information is used (anonymous).",
    "care_leaver_survey": "A survey of care leavers about where they live (anonymous; teaching-only link to the child).",
    "partner_records": "Records held by third-sector partners under their own identifiers (for linkage labs).",
    "fault_log": "Only with --faults: every injected data-quality fault and every added row, the rule it should break and the values.",
    "truth_children": "TEACHING ONLY: the simulated truth about each child (true ethnicity, needs, unmet need).",
    "truth_needs": "TEACHING ONLY: one row per child per latent need present on the reference date, with the dates it began, eases and ends.",
}

_ID = "SYN + 3-digit authority number + 7 digits (reserved prefix; never a real ID)"
# The five teams that hold cases (recording.TEAMS and recording.DISABILITY_TEAM).
_TEAMS = ", ".join([*TEAMS, DISABILITY_TEAM])
_DATE = "ISO date YYYY-MM-DD; empty = none/still open"
COLUMNS: dict[str, list[tuple[str, str, str, str]]] = {
    "children": [
        ("child_id", "The authority's own child ID", _ID, "N"),
        ("forename", "Fictional forename (from Faker's en_GB list)", "text", "N"),
        ("surname", "Fictional surname (from Faker's en_GB list)", "text", "N"),
        ("dob", "Date of birth", _DATE, "N"),
        ("sex", "Sex", "M, F", "N"),
        (
            "ethnicity",
            "Ethnicity as recorded (not-known codes are more common for some groups)",
            "DfE codes WBRI..OOTH, REFU, NOBT",
            "N",
        ),
        ("first_language", "First language", "ENG or a 3-letter language code", "N"),
        (
            "disability",
            "Disability codes, semicolon-joined",
            "NONE or MOB HAND PC INC COMM LD HEAR VIS BEH CON AUT DDA",
            "N",
        ),
        ("fsm", "Eligible for free school meals (school age only)", "Y, N, empty", "N"),
        (
            "sen_provision",
            "SEN provision (school age only)",
            "N none, K SEN support, E EHC plan, empty",
            "N",
        ),
        (
            "upn",
            "Unique pupil number; empty if not allocated (under school age, or unaccompanied)",
            "13 characters; LA number 001 (see datasheet)",
            "N",
        ),
        ("postcode", "Impossible postcode (area letters Q?)", "e.g. QB3 4XY", "N"),
        (
            "area_code",
            "Fictional small area (ONS-like 9 characters, but X is never an ONS country letter)",
            "X99 + authority code + 4 digits",
            "N",
        ),
        ("uasc", "Arrived as an unaccompanied asylum-seeking child", "Y, N", "N"),
        ("arrival_date", "Date of arrival (unaccompanied children only)", _DATE, "N"),
    ],
    "areas": [
        ("area_code", "Fictional small area code", "X99..", "N"),
        ("ward", "Invented ward name", "text", "N"),
        ("postcode_district", "Impossible postcode district", "Q + letter + number", "N"),
        ("deprivation_decile", "Deprivation decile", "1 most deprived .. 10 least", "N"),
    ],
    "contacts": [
        ("contact_id", "Contact ID", "K + digits", "N"),
        ("child_id", "Child", _ID, "N"),
        ("contact_date", "Date of contact", _DATE, "N"),
        ("contact_source", "Who made contact", "CIN referral source codes", "N"),
        (
            "outcome",
            "What happened next",
            "Social care referral; Early help referral; Advice given; No further action",
            "N",
        ),
    ],
    "referrals": [
        ("referral_id", "Referral (CIN episode) ID", "R + digits", "N"),
        ("child_id", "Child", _ID, "N"),
        ("referral_date", "CINreferralDate", _DATE, "N"),
        ("referral_source", "ReferralSource", "1A..10", "N"),
        (
            "primary_need_code",
            "PrimaryNeedCode: one code summarising several needs (highest on the hierarchy)",
            "N0-N9",
            "N",
        ),
        ("referral_nfa", "ReferralNFA", "true, false", "N"),
        ("closure_date", "CINclosureDate", _DATE, "N"),
        ("reason_for_closure", "ReasonForClosure", "RC1-RC9; empty if open", "N"),
        ("team", "Team that held the case", _TEAMS, "N"),
    ],
    "assessments": [
        ("assessment_id", "Assessment ID", "A + referral ID", "N"),
        ("referral_id", "Referral", "R..", "N"),
        ("child_id", "Child", _ID, "N"),
        ("start_date", "AssessmentActualStartDate", _DATE, "N"),
        ("authorisation_date", "AssessmentAuthorisationDate", _DATE, "N"),
        (
            "working_days",
            "Working days from start to authorisation (timeliness measure)",
            "integer; empty if open",
            "N",
        ),
        ("team", "Assessing team (teams record factors with different thoroughness)", _TEAMS, "N"),
    ],
    "assessment_factors": [
        ("assessment_id", "Assessment", "A..", "N"),
        (
            "factor",
            "Factor identified at assessment",
            "CIN factor codes 1A..24A; 21 = none identified",
            "N",
        ),
    ],
    "cin_plans": [
        ("plan_id", "Plan ID", "P..", "N"),
        ("referral_id", "Referral", "R..", "N"),
        ("child_id", "Child", _ID, "N"),
        ("start_date", "CINPlanStartDate", _DATE, "N"),
        ("end_date", "CINPlanEndDate", _DATE, "N"),
    ],
    "section47": [
        ("s47_id", "Enquiry ID", "S..", "N"),
        ("referral_id", "Referral", "R..", "N"),
        ("child_id", "Child", _ID, "N"),
        ("start_date", "S47ActualStartDate (strategy discussion)", _DATE, "N"),
        ("icpc_target_date", "InitialCPCtarget (15 working days on)", _DATE, "N"),
        ("icpc_date", "DateOfInitialCPC", _DATE, "N"),
        ("icpc_not_required", "ICPCnotRequired", "true, false", "N"),
    ],
    "cp_plans": [
        ("cpp_id", "Plan ID", "C..", "N"),
        ("referral_id", "Referral", "R..", "N"),
        ("child_id", "Child", _ID, "N"),
        ("start_date", "CPPstartDate (= ICPC date)", _DATE, "N"),
        ("end_date", "CPPendDate", _DATE, "N"),
        ("initial_category", "InitialCategoryOfAbuse", "NEG PHY SAB EMO MUL", "N"),
        ("latest_category", "LatestCategoryOfAbuse", "NEG PHY SAB EMO MUL", "N"),
        ("number_previous_cpp", "NumberOfPreviousCPP", "integer", "N"),
    ],
    "cp_reviews": [("cpp_id", "Plan", "C..", "N"), ("review_date", "CPPreviewDate", _DATE, "N")],
    "care_episodes": [
        ("episode_id", "Episode ID", "E..", "N"),
        ("period_id", "Period of care", "PC..", "N"),
        ("child_id", "CHILD", _ID, "N"),
        ("decom", "DECOM: episode start", _DATE, "N"),
        ("rne", "RNE: reason for new episode", "S L P T U B", "N"),
        ("legal_status", "LS", "C1 C2 E1 V2 L2 J1 ...", "N"),
        ("cin", "CIN: category of need at start of care", "N1-N8", "N"),
        ("place", "PLACE: placement type (2022-23 codes)", "U1-U6 K2 H5 P1 P2 A4 A6 ...", "N"),
        ("place_provider", "PLACE_PROVIDER", "PR0-PR5", "N"),
        ("dec", "DEC: episode end", _DATE, "N"),
        ("rec", "REC: reason episode ceased", "X1, E11 ... E17; empty if open", "N"),
        ("reason_place_change", "REASON_PLACE_CHANGE (moves only)", "CARPL CLOSE ALLEG ...", "N"),
        ("home_post", "HOME_POST (impossible postcode)", "text", "N"),
        ("pl_post", "PL_POST (QZ9 = outside the authority)", "text", "N"),
        (
            "urn",
            "URN of the provider (fictional: XU + 6 digits, not an Ofsted format)",
            "text; empty where not required",
            "N",
        ),
    ],
    "care_leavers": [
        ("child_id", "CHILD", _ID, "N"),
        ("age_at_birthday", "Birthday in the year", "17-21", "N"),
        ("birthday", "Date of that birthday", _DATE, "N"),
        ("in_touch", "IN_TOUCH", "YES NO REFU NREQ", "N"),
        ("activity", "ACTIV", "F1..G6 or 0", "N"),
        ("accommodation", "ACCOM: letter + 1 suitable / 2 not", "e.g. D1, U2, 0", "N"),
        ("accommodation_suitable", "Suitability as recorded", "Y, N, empty", "N"),
    ],
    "early_help": [
        ("eh_id", "Episode ID", "H..", "N"),
        ("child_id", "Child", _ID, "N"),
        ("start_date", "Start", _DATE, "N"),
        ("end_date", "End", _DATE, "N"),
        ("reason", "Main reason recorded (one only)", "text", "N"),
        ("end_reason", "Why it ended", "text", "N"),
        ("organisation", "Lead organisation", "text", "N"),
    ],
    "eyfs_profile": [
        ("child_id", "Child", _ID, "N"),
        ("assessment_year", "Reception year", "YYYY/YY", "N"),
        ("fsm_eligible", "FSM eligible at age 5", "Y, N", "N"),
        (
            "communication_language_expected",
            "Expected in all communication and language goals",
            "Y, N",
            "N",
        ),
        ("personal_social_emotional_expected", "Expected in all PSED goals", "Y, N", "N"),
        ("physical_expected", "Expected in all physical development goals", "Y, N", "N"),
        ("literacy_expected", "Expected in all literacy goals", "Y, N", "N"),
        ("mathematics_expected", "Expected in all mathematics goals", "Y, N", "N"),
        ("good_level_of_development", "Good level of development", "Y, N", "N"),
    ],
    "early_education": [
        ("child_id", "Child", _ID, "N"),
        ("census_date", "January census day", _DATE, "N"),
        (
            "eligible_two_year_funding",
            "Meets the criteria for a funded 2-year-old place",
            "Y, N",
            "N",
        ),
        ("funded_place_taken", "Took up the place (eligible children only)", "Y, N, empty", "N"),
    ],
    "school": [
        ("child_id", "Child", _ID, "N"),
        ("sessions_possible", "Possible sessions", "integer", "N"),
        ("sessions_missed", "Sessions missed (all reasons)", "integer", "N"),
        ("persistent_absence", "Missed 10% or more of sessions", "Y, N", "N"),
        ("suspensions", "Number of suspensions", "integer", "N"),
    ],
    "voice_records": [
        ("text_id", "Stable text ID", "T + digits", "N"),
        ("child_id", "Child the record is about", _ID, "N"),
        ("record_date", "Date written", _DATE, "N"),
        ("record_type", "Kind of record", "wishes_and_feelings, family_feedback, case_note", "N"),
        ("author_role", "Who wrote or said it", "child, parent_or_carer, practitioner", "N"),
        ("age_band", "Child's age band", "4-7, 8-11, 12-15, 16-17", "N"),
        ("text", "The words", "text", "N"),
        (
            "truth_themes",
            "TEACHING ONLY: ground-truth themes, semicolon-joined",
            "theme codes (see voice_themes in the datasheet)",
            "Y",
        ),
    ],
    "survey_information_use": [
        ("response_id", "Response", "Q + digits", "N"),
        ("age_band", "Age band", "8-11, 12-15, 16-17", "N"),
        (
            "respondent_group",
            "Group (care leavers answer their own survey, care_leaver_survey)",
            "child_in_need, child_in_care",
            "N",
        ),
        (
            "knows_what_is_recorded",
            "I know what is written about me",
            "Agree, Not sure, Disagree",
            "N",
        ),
        (
            "asked_before_sharing",
            "I am asked before my information is shared",
            "Agree, Not sure, Disagree",
            "N",
        ),
        (
            "records_are_accurate",
            "What is written about me is right",
            "Agree, Not sure, Disagree",
            "N",
        ),
        ("could_read_my_file", "I know how to see my file", "Agree, Not sure, Disagree", "N"),
        ("free_text", "In your own words", "text", "N"),
        (
            "truth_themes",
            "TEACHING ONLY: ground-truth themes of the free text",
            "semicolon-joined",
            "Y",
        ),
    ],
    "care_leaver_survey": [
        ("response_id", "Response", "L + digits", "N"),
        ("age_band", "Age band", "17-18, 19-21", "N"),
        ("feel_safe_where_i_live", "Do you feel safe where you live?", "Yes, No, Not sure", "N"),
        ("home_feels_settled", "Does where you live feel settled?", "Yes, No, Not sure", "N"),
        ("free_text", "In your own words", "text", "N"),
        ("truth_themes", "TEACHING ONLY: ground-truth themes", "semicolon-joined", "Y"),
        (
            "truth_child_id",
            "TEACHING ONLY: the care leaver who answered (surveys are anonymous)",
            _ID,
            "Y",
        ),
    ],
    "partner_records": [
        ("partner_record_id", "The partner's own ID", "org prefix + digits", "N"),
        ("partner", "Organisation", "text", "N"),
        ("service", "Service received", "text", "N"),
        ("forename", "Forename as the partner wrote it", "text", "N"),
        ("surname", "Surname as the partner wrote it", "text", "N"),
        ("dob", "Date of birth as recorded (may differ)", _DATE, "N"),
        ("postcode", "Postcode as recorded", "text", "N"),
        ("start_date", "Started with the partner", _DATE, "N"),
        (
            "truth_child_id",
            "TEACHING ONLY: the authority child ID this record belongs to (empty = not known to the authority)",
            _ID,
            "Y",
        ),
    ],
    "fault_log": [
        ("fault_id", "Fault", "F + digits", "Y"),
        ("table", "Table changed", "text", "Y"),
        ("row_key", "Key of the row changed (child_id, referral_id, episode_id ...)", "text", "Y"),
        ("column", "Column changed ('*' = a whole row added)", "text", "Y"),
        ("fault_type", "Kind of fault", "text", "Y"),
        ("rule", "DfE validation rule that should catch it", "e.g. CIN 8630, 903 356", "Y"),
        (
            "original_value",
            "Value before (for an added row: the key of the row it copies, if any)",
            "text",
            "Y",
        ),
        (
            "injected_value",
            "Value after (for an added row: its key, or the code added)",
            "text",
            "Y",
        ),
        (
            "child_id",
            "Child whose record was changed (for matching rule failures to faults)",
            _ID,
            "Y",
        ),
    ],
    "truth_children": [
        ("child_id", "Child", _ID, "Y"),
        ("ethnicity_true", "Ethnicity before recording loss", "DfE codes", "Y"),
        ("family_adversity", "Latent family adversity score", "number", "Y"),
        ("n_needs", "Number of needs present on the reference date", "integer", "Y"),
        (
            "unmet_need",
            "Has needs but had neither a children-in-need service nor early help in the window",
            "Y, N",
            "Y",
        ),
    ],
    "truth_needs": [
        ("child_id", "Child", _ID, "Y"),
        (
            "need",
            "Latent need",
            "domestic_abuse parental_mental_health parental_substance_use neglect poverty_housing disability young_carer exploitation child_mental_health speech_language",
            "Y",
        ),
        ("onset_date", "When the need began", _DATE, "Y"),
        (
            "ease_date",
            "When the need eases (it weighs less from then); may fall after the reference date",
            "ISO date YYYY-MM-DD; empty = never (a lifelong need)",
            "Y",
        ),
        (
            "end_date",
            "When the need ends, perhaps shortened by a child protection plan; always after the "
            "reference date (the need is present on it)",
            "ISO date YYYY-MM-DD; empty = never (a lifelong need)",
            "Y",
        ),
    ],
}


def data_dictionary() -> pd.DataFrame:
    """The dictionary as a table (one row per column).

    Example:
        >>> data_dictionary().columns.tolist()[:3]
        ['table', 'table_description', 'column']
    """
    rows = []
    for table, cols in COLUMNS.items():
        for col, desc, codes, teaching in cols:
            rows.append(
                {
                    "table": table,
                    "table_description": TABLES[table],
                    "column": col,
                    "description": desc,
                    "codes_or_format": codes,
                    "teaching_only": teaching,
                }
            )
    return pd.DataFrame(rows)
