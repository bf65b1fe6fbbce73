"""The phrase bank behind the voice records: templates with slots, each carrying its theme.

A template such as ``"I miss my {sib} and want more time with them, not just {when}."`` expands
to every combination of its slot values, and every expansion keeps the template's theme, so the
ground truth stays exact however many sentences the bank makes. Each theme's wording holds a
keyword of its codebook entry (``toolkit/voice_codebook.csv``) and avoids the others', except
where an overlap teaches something (a child worried about "Mum" is not asking to see her more).
Worker's framing sentences and lead-ins carry no theme and so no codebook keyword.

Bands: 0 = 4-7, 1 = 8-11, 2 = 12-15, 3 = 16-17. ``care`` marks words only a child in care says.
Every sentence was written for this course; names are invented and common.
"""

from __future__ import annotations

from itertools import product
from string import Formatter

FRIENDS = ["Pip", "Ava", "Leo", "Zara", "Kai", "Maya", "Noah", "Amir", "Ellie", "Jayden"]
WORKERS = ["Sam", "Priya", "Tom", "Grace", "Femi", "Jo", "Hannah", "Dan"]

# (theme, youngest band, oldest band, care only, template, slots)
CHILD = [
    (
        "family_time",
        0,
        1,
        0,
        "I want to see {rel} more.",
        {
            "rel": [
                "my mummy",
                "my daddy",
                "Nan",
                "Grandad",
                "my big sister",
                "my baby brother",
                "Nana",
            ]
        },
    ),
    (
        "family_time",
        0,
        1,
        0,
        "I like it when {rel} comes on {day}.",
        {
            "rel": ["my mummy", "my daddy", "Nan", "Grandad", "my big sister", "Nana"],
            "day": ["Saturday", "Sunday", "Wednesday", "Friday"],
        },
    ),
    (
        "family_time",
        1,
        3,
        0,
        "I miss my {sib} and want more time with them, not just {when}.",
        {
            "sib": ["little brother", "big brother", "little sister", "big sister", "baby sister"],
            "when": ["sometimes", "once a month", "at Christmas", "in the holidays"],
        },
    ),
    (
        "family_time",
        2,
        3,
        0,
        "Seeing my {rel} at the family centre feels {feel} because people are watching.",
        {"rel": ["mum", "dad", "nan"], "feel": ["weird", "awkward", "strange", "forced"]},
    ),
    (
        "family_time",
        2,
        3,
        0,
        "I'd like to choose when I see my {rel}, not have it all planned.",
        {"rel": ["mum", "dad", "brothers", "sisters", "nan", "grandad"]},
    ),
    (
        "family_time",
        1,
        3,
        0,
        "Getting to see my {rel} is the best bit of the {period}.",
        {
            "rel": ["mum", "dad", "nan", "grandad", "brother", "sister", "cousins"],
            "period": ["week", "month"],
        },
    ),
    (
        "family_time",
        3,
        3,
        0,
        "I want to sort out seeing my {rel} myself now I'm older.",
        {"rel": ["mum", "dad", "brother", "sister", "nan", "grandad"]},
    ),
    (
        "feeling_safe",
        0,
        0,
        0,
        "I feel safe when the door is locked and {thing} is with me.",
        {"thing": ["my teddy", "my blanket", "my bunny", "the dog", "my torch"]},
    ),
    (
        "feeling_safe",
        1,
        2,
        0,
        "I feel safe at {place} because {why}.",
        {
            "place": ["home", "my aunty's house", "my uncle's flat"],
            "why": [
                "it is quiet at night",
                "nobody shouts",
                "there's always someone up",
                "I know everyone there",
            ],
        },
    ),
    (
        "feeling_safe",
        1,
        2,
        1,
        "I feel safe at my foster carer's house because {why}.",
        {
            "why": [
                "it is quiet at night",
                "nobody shouts",
                "there's always someone up",
                "the rules are the same every day",
            ]
        },
    ),
    (
        "feeling_safe",
        2,
        3,
        0,
        "Home is calmer now and I can actually {verb}.",
        {"verb": ["sleep", "relax", "think straight", "breathe"]},
    ),
    (
        "feeling_safe",
        2,
        3,
        0,
        "I don't always feel safe {where} in the dark.",
        {
            "where": [
                "walking home",
                "on the bus home",
                "walking back from town",
                "at the bus stop",
                "cutting through the estate",
            ]
        },
    ),
    (
        "feeling_safe",
        1,
        3,
        0,
        "I get scared when there's shouting {where}.",
        {
            "where": [
                "downstairs",
                "at night",
                "in the street",
                "next door",
                "in the flat upstairs",
            ]
        },
    ),
    (
        "feeling_safe",
        0,
        1,
        0,
        "Loud bangs make me frightened, but {thing} makes it better.",
        {"thing": ["my nightlight", "a cuddle", "my big blanket", "singing"]},
    ),
    (
        "school",
        0,
        0,
        0,
        "My teacher lets me help with {job}.",
        {
            "job": [
                "the class fish",
                "the register",
                "the reading corner",
                "giving out pencils",
                "watering the plants",
            ]
        },
    ),
    (
        "school",
        1,
        1,
        0,
        "I like {subject} but I get told off for talking.",
        {"subject": ["maths", "science", "reading", "spelling", "history"]},
    ),
    (
        "school",
        2,
        2,
        0,
        "School is hard when I've been up late {why}.",
        {
            "why": [
                "looking after things at home",
                "sorting things at home",
                "because I can't sleep",
            ]
        },
    ),
    (
        "school",
        1,
        3,
        0,
        "I want to stay at the same school even if {what}.",
        {
            "what": [
                "I live somewhere else",
                "it's a long bus ride",
                "it takes an hour to get there",
                "I have to get a taxi",
            ]
        },
    ),
    (
        "school",
        3,
        3,
        0,
        "College is {how}, I want to finish my course.",
        {"how": ["alright", "hard work", "going well", "better than I thought"]},
    ),
    (
        "school",
        1,
        2,
        0,
        "My {who} at school {does} and that helps.",
        {
            "who": ["teacher", "teaching assistant", "form tutor"],
            "does": [
                "checks in on me in the mornings",
                "lets me have time out",
                "gives me a quiet place to work",
            ],
        },
    ),
    (
        "school",
        0,
        1,
        0,
        "At school I'm good at {what}.",
        {"what": ["spelling", "times tables", "reading", "sums", "writing stories"]},
    ),
    (
        "friends",
        0,
        0,
        0,
        "My best friend is called {name} and we {game}.",
        {
            "name": FRIENDS,
            "game": ["dig for worms", "build dens", "pretend to be dinosaurs", "do puzzles"],
        },
    ),
    (
        "friends",
        1,
        2,
        0,
        "I don't want my friends to know {what}.",
        {
            "what": [
                "where I live now",
                "why I live with my aunty",
                "about the meetings",
                "that someone from the council comes round",
            ]
        },
    ),
    ("friends", 1, 2, 1, "I don't want my friends to know I'm in care.", {}),
    (
        "friends",
        2,
        3,
        0,
        "My mates are the only ones I can really talk to{when}.",
        {"when": ["", " about stuff", " when things go wrong", " at the moment"]},
    ),
    ("friends", 1, 3, 0, "My friend {name} always sticks up for me.", {"name": FRIENDS}),
    (
        "friends",
        1,
        2,
        0,
        "I made a new friend called {name} {where}.",
        {"name": FRIENDS, "where": ["at cubs", "on my street", "at the youth club"]},
    ),
    (
        "being_heard",
        1,
        2,
        0,
        "Nobody asked me what I wanted before {event}.",
        {"event": ["the meeting", "the review", "they decided", "my plan changed"]},
    ),
    (
        "being_heard",
        2,
        3,
        0,
        "I said what I thought at my {meeting} and they wrote it down properly this time.",
        {"meeting": ["review", "meeting", "conference"]},
    ),
    (
        "being_heard",
        2,
        3,
        0,
        "{Who} talk about me {where} like I'm not there.",
        {"Who": ["Adults", "Professionals", "People"], "where": ["in meetings", "in front of me"]},
    ),
    (
        "being_heard",
        2,
        3,
        0,
        "I wish adults would listen {when}.",
        {"when": ["the first time", "before deciding", "to kids", "properly"]},
    ),
    (
        "being_heard",
        1,
        3,
        0,
        "It helps when {who} listens to me.",
        {"who": ["my aunty", "the nurse", "my mentor", "my uncle"]},
    ),
    ("being_heard", 1, 3, 1, "It helps when my foster carer listens to me.", {}),
    (
        "being_heard",
        0,
        1,
        0,
        "I like it when grown-ups listen to me {when}.",
        {"when": ["properly", "and don't rush", "about my ideas"]},
    ),
    (
        "home_changes",
        0,
        0,
        0,
        "I moved to a new house and my room has {what} on the ceiling.",
        {"what": ["stars", "a rainbow", "glow-in-the-dark planets", "a big moon"]},
    ),
    (
        "home_changes",
        1,
        2,
        0,
        "I've moved {n} times and I keep losing my stuff.",
        {"n": ["two", "three", "four", "five"]},
    ),
    (
        "home_changes",
        2,
        3,
        1,
        "Every time I move {what} I have to tell my story again.",
        {"what": ["house", "placement"]},
    ),
    (
        "home_changes",
        1,
        3,
        0,
        "I don't want to move again {when}.",
        {"when": ["before my exams", "this year", "until I'm older", "for a long time"]},
    ),
    (
        "home_changes",
        1,
        3,
        1,
        "My new home is {how} but it's far from everything.",
        {"how": ["nice", "alright", "quieter", "bigger"]},
    ),
    (
        "home_changes",
        0,
        1,
        1,
        "When I moved here I brought {what}.",
        {"what": ["my teddy", "my bike", "my goldfish", "all my books"]},
    ),
    (
        "worry_about_parent",
        0,
        0,
        0,
        "{who} is sad a lot and stays in bed.",
        {"who": ["Mummy", "Daddy", "My mummy"]},
    ),
    (
        "worry_about_parent",
        1,
        1,
        0,
        "I worry about {who} when I'm {where}.",
        {
            "who": ["Mum", "Dad", "my mum"],
            "where": ["at my aunty's", "at cubs", "in bed at night", "away"],
        },
    ),
    (
        "worry_about_parent",
        2,
        2,
        0,
        "I check {who} is okay before I go out, it's just what I do.",
        {"who": ["Dad", "Mum"]},
    ),
    (
        "worry_about_parent",
        1,
        3,
        0,
        "I get worried about {who} when {what}.",
        {
            "who": ["Mum", "Dad"],
            "what": [
                "nobody answers the phone",
                "the house is quiet",
                "I'm away overnight",
                "the curtains are closed all day",
            ],
        },
    ),
    (
        "hobbies",
        0,
        0,
        0,
        "I like {what} and going to the park.",
        {"what": ["drawing", "painting", "puzzles", "making things"]},
    ),
    (
        "hobbies",
        1,
        1,
        0,
        "I go to football on {day} and I play {where}.",
        {
            "day": ["Tuesdays", "Saturdays", "Thursdays"],
            "where": ["in defence", "in goal", "up front"],
        },
    ),
    (
        "hobbies",
        2,
        2,
        0,
        "Music helps, I make beats on my {device}.",
        {"device": ["phone", "tablet", "laptop"]},
    ),
    (
        "hobbies",
        3,
        3,
        0,
        "I'm saving up for {what}.",
        {"what": ["a new phone", "a gaming chair", "a guitar", "festival tickets"]},
    ),
    (
        "hobbies",
        1,
        3,
        0,
        "I've started {what} and I'm getting better at it.",
        {"what": ["guitar", "swimming", "street dance", "gaming online", "drawing comics"]},
    ),
    (
        "hobbies",
        0,
        1,
        0,
        "My favourite thing is {what}.",
        {"what": ["swimming", "drawing", "football", "going to the park", "music"]},
    ),
    (
        "privacy",
        1,
        2,
        0,
        "I don't like it when {who} know things about me that I didn't tell them.",
        {"who": ["people", "other kids", "the neighbours", "grown-ups"]},
    ),
    (
        "privacy",
        2,
        3,
        0,
        "I didn't know {who} would be told, and that should be my choice.",
        {"who": ["the doctor", "the youth club", "my coach", "the dentist", "the police"]},
    ),
    (
        "privacy",
        3,
        3,
        0,
        "It's my information, so I {want} who sees it.",
        {"want": ["should know", "want to know", "get to decide"]},
    ),
    (
        "privacy",
        2,
        3,
        0,
        "{what} is private and I want it to stay that way.",
        {"what": ["My diary", "My health stuff", "What happened at home", "My past"]},
    ),
    (
        "future",
        1,
        1,
        0,
        "When I'm big I want to be a {job}.",
        {"job": ["vet", "doctor", "zookeeper", "firefighter", "builder", "scientist"]},
    ),
    (
        "future",
        2,
        2,
        1,
        "I want to stay where I am until I finish {what}.",
        {"what": ["my exams", "year 11", "my GCSEs"]},
    ),
    (
        "future",
        3,
        3,
        1,
        "I'm {feel} about leaving care and living on my own.",
        {"feel": ["nervous", "excited", "not sure"]},
    ),
    (
        "future",
        2,
        3,
        0,
        "In the future I want to {what}.",
        {
            "what": [
                "work with animals",
                "be a mechanic",
                "go to university",
                "have my own flat",
                "help kids like me",
            ]
        },
    ),
    (
        "future",
        0,
        1,
        0,
        "When I grow up I want to {what}.",
        {"what": ["drive a bus", "have a dog", "live by the sea"]},
    ),
    ("worker_relationship", 0, 0, 0, "{name} is kind and brings stickers.", {"name": WORKERS}),
    (
        "worker_relationship",
        1,
        1,
        0,
        "I've had lots of social workers and I don't know the new one yet.",
        {},
    ),
    (
        "worker_relationship",
        1,
        2,
        0,
        "My social worker {what}.",
        {
            "what": [
                "is funny",
                "takes me for hot chocolate",
                "explains things",
                "always turns up when she says",
            ]
        },
    ),
    (
        "worker_relationship",
        2,
        3,
        0,
        "My worker remembered {what}.",
        {"what": ["my birthday", "my dog's name", "that I hate mushrooms", "my exam results"]},
    ),
    (
        "worker_relationship",
        3,
        3,
        0,
        "My PA {what}.",
        {
            "what": [
                "answers my messages, which helps",
                "helped me with the forms",
                "came with me to look at flats",
                "sorts things out quickly",
            ]
        },
    ),
]

# A worker's opening sentence for a wishes-and-feelings record, put together from parts. The
# parts depend on the child's age band, whether the child is in care and how the child
# communicates; {pron}/{obj}/{pos} become she/her/her or he/him/his.
OPENERS = ["Met {obj}", "Spent an hour with {obj}", "Saw {obj} on {pos} own", "Sat with {obj}"]
WHERE = {
    "home": [
        "at home",
        "in {pos} bedroom",
        "in the garden",
        "at the kitchen table",
        "at the library",
        "at a café in town",
        "in the car after a walk",
    ],
    "care": [
        "at {pos} foster home",
        "in {pos} bedroom at the foster home",
        "at the library",
        "at a café in town",
        "at the children's home",
        "in the car after a walk",
    ],
}
HOW = {
    0: [
        "{pron} talked while we did a jigsaw",
        "{pron} used the three houses pictures",
        "{pron} pointed to faces on a feelings chart",
        "{pron} talked while colouring in",
        "{pron} used puppets to show how things are",
    ],
    1: [
        "{pron} filled in an all-about-me sheet",
        "{pron} used the three houses worksheet",
        "{pron} talked while we walked",
        "{pron} wrote on sticky notes",
    ],
    2: [
        "{pron} talked while we walked",
        "{pron} chose to write some answers down",
        "{pron} preferred to chat in the car",
        "{pron} used an app to answer first",
    ],
    3: [
        "{pron} sent some thoughts by text first",
        "{pron} talked over a hot chocolate",
        "{pron} wanted to chat in the car",
        "{pron} went through the questions with me",
    ],
    "signs": [
        "{pron} used Makaton signs",
        "{pron} used a talking mat",
        "{pron} pointed to symbols on {pos} communication board",
        "{pron} used {pos} communication app",
        "{pos} carer helped me read {pos} signs",
    ],
    "interpreter": [
        "{pron} talked through an interpreter",
        "an interpreter joined us and {pron} answered in {pos} first language",
    ],
}
MOODS = [
    "relaxed",
    "chatty",
    "quiet at first",
    "tired",
    "cheerful",
    "shy at first",
    "thoughtful",
    "a bit restless",
]
LEADS = [
    "{Pron} said:",
    "In {pos} words:",
    "{Pron} told me:",
    "{Pron} explained:",
    "Later {pron} added:",
    "When we talked it through, {pron} said:",
]

# Family feedback: (theme, template, slots), and an opening sentence from three parts.
FAMILY = [
    (
        "communication",
        "Nobody rang me back for {time} and I didn't know what was happening.",
        {"time": ["ten days", "nearly a month", "a fortnight", "days"]},
    ),
    (
        "communication",
        "The letters are full of words I don't understand{tail}.",
        {"tail": ["", " and nobody goes through them", " so my neighbour reads them to me"]},
    ),
    (
        "communication",
        "Our worker explained everything clearly and told us what would happen {when}.",
        {"when": ["next", "at each meeting", "before every visit"]},
    ),
    (
        "communication",
        "{who} phoned before every meeting so we knew what to expect.",
        {"who": ["The worker", "Our social worker", "The team"]},
    ),
    (
        "communication",
        "I didn't know what was happening until {what}.",
        {"what": ["the letter came", "my daughter's school said", "the day of the meeting"]},
    ),
    (
        "communication",
        "The {doc} was written in plain words{tail}.",
        {
            "doc": ["plan", "report", "letter"],
            "tail": ["", ", which helped", " and I could follow it"],
        },
    ),
    (
        "communication",
        "It would help if someone rang {when}.",
        {"when": ["when things change", "before coming round", "to say they were running late"]},
    ),
    (
        "waiting",
        "We waited {time} for help with {whose} needs.",
        {
            "time": ["months", "six months", "weeks and weeks", "nearly a year"],
            "whose": [
                "our son's",
                "our daughter's",
                "my son's",
                "my daughter's",
                "the children's",
            ],
        },
    ),
    (
        "waiting",
        "By the time the {what} came, things had got worse.",
        {"what": ["assessment", "help", "meeting", "support"]},
    ),
    (
        "waiting",
        "There was a long delay between {what}.",
        {
            "what": [
                "the referral and the first visit",
                "the meeting and any help",
                "the assessment and the plan",
            ]
        },
    ),
    (
        "waiting",
        "I'm still waiting for {what}.",
        {"what": ["the short breaks we were promised", "a copy of the plan"]},
    ),
    ("respect", "They treated me like a person, not a case.", {}),
    (
        "respect",
        "{who} treated me with respect{tail}.",
        {
            "who": [
                "The worker",
                "Our social worker",
                "Everyone at the meeting",
                "The family support worker",
            ],
            "tail": ["", " even when I was angry", " from the first day"],
        },
    ),
    (
        "respect",
        "I felt judged from the moment {what}.",
        {
            "what": [
                "they walked in",
                "I opened the door",
                "the meeting started",
                "I said I was struggling",
            ]
        },
    ),
    (
        "respect",
        "I felt looked down on because {why}.",
        {"why": ["of where we live", "I didn't have a job", "of my accent", "of my age"]},
    ),
    (
        "practical_help",
        "The help with {a} and {b} made a real difference.",
        {
            "a": ["the gas bill", "the beds", "a new cooker", "a washing machine"],
            "b": [
                "food vouchers",
                "the school uniform grant",
                "the electric bill",
                "a food bank referral",
            ],
        },
    ),
    ("practical_help", "We needed practical help, not another form to fill in.", {}),
    (
        "practical_help",
        "We needed practical help with {what}.",
        {"what": ["money", "the bills", "food", "the rent", "transport", "childcare"]},
    ),
    (
        "worker_change",
        "We've had {n} different workers {period} and had to start again each time.",
        {
            "n": ["three", "four", "five", "six"],
            "period": ["this year", "since the referral", "since last spring"],
        },
    ),
    (
        "worker_change",
        "Every time we got used to someone, there was another worker{tail}.",
        {"tail": ["", " and another story to tell"]},
    ),
    (
        "worker_change",
        "Having a new worker {when} meant we had to start again.",
        {
            "when": [
                "twice a year",
                "right before court",
                "in the middle of the assessment",
                "just after Christmas",
                "the week of the review",
            ]
        },
    ),
    (
        "worker_change",
        "I wish the workers didn't keep changing{tail}.",
        {"tail": ["", ", the children stopped trusting them"]},
    ),
    ("being_heard", "They wrote down what I said but not why I said it.", {}),
    (
        "being_heard",
        "I finally felt listened to at the {meeting}.",
        {
            "meeting": [
                "family group conference",
                "review",
                "child protection conference",
                "core group",
            ]
        },
    ),
    (
        "being_heard",
        "Nobody asked me what I thought about {what}.",
        {
            "what": [
                "the plan",
                "contact",
                "the safety plan",
                "changing schools",
                "who came to meetings",
                "the review date",
            ]
        },
    ),
    (
        "being_heard",
        "{who} listened and wrote down what I said {how}.",
        {
            "who": ["The worker", "The chair", "The family support worker"],
            "how": ["word for word", "without changing it", "and read it back to me"],
        },
    ),
    (
        "being_heard",
        "The worker listened to {who} as well as me.",
        {"who": ["my partner", "the children", "my mum", "my eldest", "the baby's dad"]},
    ),
    (
        "accuracy",
        "There were mistakes in the {doc} about {what}.",
        {
            "doc": ["report", "plan"],
            "what": ["my children's ages and names", "our address", "who lives here", "my job"],
        },
    ),
    (
        "accuracy",
        "The report said I didn't turn up, but I had {what}.",
        {
            "what": [
                "rung to rearrange",
                "sent a message",
                "been in hospital",
                "been at a hospital appointment",
            ]
        },
    ),
    ("accuracy", "Some of what they wrote was wrong and nobody would correct it.", {}),
    (
        "accuracy",
        "{what} was wrong in the {doc}.",
        {
            "what": ["My name", "My son's date of birth", "Our address"],
            "doc": ["plan", "letter", "minutes"],
        },
    ),
]
FAMILY_OPENERS = {
    "who": [
        "from the mother",
        "from the father",
        "from a grandparent",
        "from both parents",
        "from the stepfather",
        "from the child's aunt, a kinship carer",
    ],
    "how": ["by phone", "on the feedback form", "in person", "by email", "through an advocate"],
    "when": ["at the end of the assessment", "when the case closed", "after the first review"],
}

# Case notes: one sentence for each need the worker mentions, then what was done.
NOTES = [
    (
        "domestic_abuse",
        "{who} disclosed {how} arguments at home that frighten the children; {act}.",
        {
            "who": ["Mother", "Father", "Mum", "Dad"],
            "how": ["ongoing", "frequent", "recent"],
            "act": [
                "safety plan discussed",
                "safety plan agreed",
                "MARAC referral considered",
                "referred to the domestic abuse service",
            ],
        },
    ),
    (
        "domestic_abuse",
        "Police notification received after an incident of domestic abuse {when}; {act}.",
        {
            "when": [
                "last weekend",
                "on Friday",
                "earlier this month",
                "while the children were in",
            ],
            "act": [
                "safety plan discussed",
                "safety plan agreed",
                "MARAC referral considered",
                "both parents seen separately",
            ],
        },
    ),
    (
        "parental_mental_health",
        "{who} described {what} and has been referred back to the GP; {aware}.",
        {
            "who": ["Father", "Mother"],
            "what": [
                "low mood",
                "poor sleep and low mood",
                "severe anxiety",
                "worsening depression",
            ],
            "aware": ["children aware of it", "eldest child worried", "family support offered"],
        },
    ),
    (
        "parental_mental_health",
        "{who}'s mental health has {change} since {event}; {act}.",
        {
            "who": ["Mother", "Father"],
            "change": ["worsened", "dipped", "improved a little"],
            "event": ["the baby was born", "a bereavement", "losing work"],
            "act": [
                "agreed to contact the GP",
                "now seeing a community nurse",
                "attends a support group",
            ],
        },
    ),
    (
        "parental_substance_use",
        "Concerns shared by {who} about {parent}'s {use} {when}; {status}.",
        {
            "who": ["the health visitor", "a neighbour", "the nursery", "the police"],
            "parent": ["mother", "father", "a parent"],
            "use": ["alcohol use", "drinking", "use of drugs"],
            "when": ["at pick-up", "at weekends", "in the evenings"],
            "status": [
                "parent engaging with the recovery service",
                "parent declined the recovery service",
                "referral made to the recovery service",
            ],
        },
    ),
    (
        "neglect",
        "Home conditions {state} when seen: {a} and {b}.",
        {
            "state": ["poor", "very poor", "worse than last time"],
            "a": ["little food in the cupboards", "dirty bedding", "no clean nappies"],
            "b": [
                "the children's clothes not clean",
                "the children said they were hungry",
                "rubbish piled in the kitchen",
            ],
        },
    ),
    (
        "poverty_housing",
        "Family {home}; {money}; referred for {help}.",
        {
            "home": ["in temporary accommodation", "facing eviction", "in an overcrowded flat"],
            "money": [
                "rent arrears and no working cooker",
                "council tax debt",
                "rent arrears building up",
                "debt to a loan company",
            ],
            "help": ["a hardship grant", "debt advice", "the food bank"],
        },
    ),
    (
        "disability",
        "Child's care needs are high {when}; {who} {state} and asking about {help}.",
        {
            "when": ["at night", "at weekends", "around meals"],
            "who": ["parents", "mother", "father"],
            "state": ["exhausted", "worn out", "struggling"],
            "help": ["short breaks", "a carer's assessment", "equipment"],
        },
    ),
    (
        "young_carer",
        "Child is caring for {whom} and {task}; {act}.",
        {
            "whom": ["a parent with a long-term illness", "younger siblings", "a grandparent"],
            "task": ["does much of the cooking", "helps with medication", "does the shopping"],
            "act": [
                "referred to the young carers service",
                "young carers assessment offered",
                "school told of the caring role",
                "respite activities suggested",
            ],
        },
    ),
    (
        "exploitation",
        "Child missing overnight {n} this month, with {who} thought to be involved; {act}.",
        {
            "n": ["once", "twice", "three times"],
            "who": ["older peers", "adults unknown to the family", "an older boyfriend"],
            "act": [
                "strategy discussion requested",
                "return home interview arranged",
                "exploitation screening completed",
            ],
        },
    ),
    (
        "exploitation",
        "Concerns about county lines after {what}; {act}.",
        {
            "what": ["the child was found in another town", "cash and a second phone were found"],
            "act": [
                "strategy discussion requested",
                "return home interview arranged",
                "exploitation screening completed",
            ],
        },
    ),
    (
        "child_mental_health",
        "Young person reports feeling {state} {when}; {act}.",
        {
            "state": ["anxious", "low in mood"],
            "when": ["most days", "in the mornings", "before school", "since the move"],
            "act": [
                "CAMHS referral made with their agreement",
                "school nurse involved",
                "counselling offered",
            ],
        },
    ),
    (
        "speech_language",
        "{who} report{s} limited speech for age; {act}.",
        {
            "who": ["Nursery", "Childminder", "Health visitor", "Preschool"],
            "s": ["s"],
            "act": [
                "speech and language therapy referral sent",
                "speech and language therapy has a long waiting list",
                "parent given ideas to encourage talking",
            ],
        },
    ),
    (
        "speech_language",
        "Child uses few words for age and {what}; {act}.",
        {
            "what": ["points to ask for things", "gets frustrated", "copies sounds"],
            "act": [
                "speech and language therapy referral sent",
                "parent given ideas to encourage talking",
            ],
        },
    ),
]
# What was done: a visit, a call to school, or next steps (no theme).
PROCESS = [
    (
        "visit",
        "Home visit completed on {day}; child seen alone {where} and {did}.",
        {
            "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
            "where": ["in their bedroom", "in the garden", "in the kitchen", "in the living room"],
            "did": [
                "showed me their drawings",
                "talked about their week",
                "showed me their pets",
                "was chatty",
                "was quiet but answered questions",
            ],
        },
    ),
    (
        "visit",
        "Visit rearranged {why}; new date {when}.",
        {
            "why": [
                "at the family's request",
                "because the child was ill",
                "as the parent was at work",
            ],
            "when": ["agreed", "set for next week", "offered by text"],
        },
    ),
    (
        "school_liaison",
        "Spoke with the designated safeguarding lead about {topic}.",
        {
            "topic": [
                "attendance",
                "how the child is settling",
                "lunchtimes",
                "the child's friendships",
                "homework",
                "the new timetable",
            ]
        },
    ),
    (
        "school_liaison",
        "Attendance {state}; {next}.",
        {
            "state": ["has dropped to 85%", "has improved this term", "is below 90%"],
            "next": [
                "school to share weekly figures",
                "plan reviewed with the head of year",
                "morning check-ins agreed",
            ],
        },
    ),
    (
        "",
        "Next steps agreed with {who}: {step}.",
        {
            "who": ["the team manager", "the family", "the family and the team manager"],
            "step": [
                "review in four weeks",
                "a family group conference to be offered",
                "the child's views to be gathered again",
                "a joint meeting with health",
            ],
        },
    ),
]


def expand(template: str, slots: dict[str, list[str]]) -> list[str]:
    """Every sentence a template makes: one per combination of its slot values."""
    names = [f for _, f, _, _ in Formatter().parse(template) if f]
    if not names:
        return [template]
    return [
        template.format(**dict(zip(names, values)))
        for values in product(*(slots[n] for n in names))
    ]


def pronouns(text: str, male: bool) -> str:
    """Fill the pronoun slots of a framing part for a boy or a girl."""
    p = ("he", "him", "his") if male else ("she", "her", "her")
    return text.format(pron=p[0], Pron=p[0].capitalize(), obj=p[1], pos=p[2])
