"""Demo curriculum and organisation data for ``seed_demo``.

Every fact in the lessons comes from the source documents in shared/seeds (DARPG note on
the Citizen's Charter contact officer (000), Haryana CM Window SOP 2024 (001), J&K CMPSO
(002), HIPA Sevottam brochure (003), Bihar municipal citizens' charter (004)) and the
grievance research notes. Pure data; one small helper builds the knowledge-check tuples."""

TOPICS = [
    {"slug": "citizens-charter", "name": "Citizen's Charter", "name_hi": "नागरिक चार्टर"},
    {"slug": "grievance-redress", "name": "Grievance Redress", "name_hi": "शिकायत निवारण"},
    {"slug": "right-to-service", "name": "Right to Service", "name_hi": "सेवा का अधिकार"},
    {
        "slug": "cm-window-cpgrams",
        "name": "CM Window / CPGRAMS / SARAL",
        "name_hi": "सीएम विंडो / सीपीग्राम्स / सरल",
    },
    {"slug": "is-15700", "name": "IS 15700 certification", "name_hi": "आईएस 15700 प्रमाणन"},
    {"slug": "capability-building", "name": "Capability building", "name_hi": "क्षमता निर्माण"},
]

DISTRICTS = [
    ("Ambala", "अंबाला"),
    ("Bhiwani", "भिवानी"),
    ("Charkhi Dadri", "चरखी दादरी"),
    ("Faridabad", "फरीदाबाद"),
    ("Fatehabad", "फतेहाबाद"),
    ("Gurugram", "गुरुग्राम"),
    ("Hisar", "हिसार"),
    ("Jhajjar", "झज्जर"),
    ("Jind", "जींद"),
    ("Kaithal", "कैथल"),
    ("Karnal", "करनाल"),
    ("Kurukshetra", "कुरुक्षेत्र"),
    ("Mahendragarh", "महेंद्रगढ़"),
    ("Nuh", "नूंह"),
    ("Palwal", "पलवल"),
    ("Panchkula", "पंचकूला"),
    ("Panipat", "पानीपत"),
    ("Rewari", "रेवाड़ी"),
    ("Rohtak", "रोहतक"),
    ("Sirsa", "सिरसा"),
    ("Sonipat", "सोनीपत"),
    ("Yamunanagar", "यमुनानगर"),
]

DEPARTMENTS = [
    {
        "code": "REV",
        "name": "Revenue and Disaster Management",
        "name_hi": "राजस्व एवं आपदा प्रबंधन",
        "offices": [
            {"name": "Deputy Commissioner Office, Gurugram", "district": "Gurugram"},
            {"name": "Tehsil Office, Hisar", "district": "Hisar"},
        ],
    },
    {
        "code": "HLT",
        "name": "Health",
        "name_hi": "स्वास्थ्य",
        "offices": [
            {"name": "Civil Surgeon Office, Rohtak", "district": "Rohtak"},
            {"name": "Civil Surgeon Office, Karnal", "district": "Karnal"},
        ],
    },
    {
        "code": "ULB",
        "name": "Urban Local Bodies",
        "name_hi": "शहरी स्थानीय निकाय",
        "offices": [
            {"name": "Municipal Corporation, Faridabad", "district": "Faridabad"},
            {"name": "Municipal Council, Sirsa", "district": "Sirsa"},
        ],
    },
    {
        "code": "PWD",
        "name": "Public Works (Buildings and Roads)",
        "name_hi": "लोक निर्माण (भवन एवं सड़कें)",
        "offices": [
            {"name": "Executive Engineer, PWD B&R, Ambala", "district": "Ambala"},
            {"name": "Executive Engineer, PWD B&R, Jind", "district": "Jind"},
        ],
    },
    {
        "code": "PHE",
        "name": "Public Health Engineering",
        "name_hi": "जन स्वास्थ्य अभियांत्रिकी",
        "offices": [
            {"name": "Executive Engineer, PHED, Panipat", "district": "Panipat"},
            {"name": "Executive Engineer, PHED, Bhiwani", "district": "Bhiwani"},
        ],
    },
    {
        "code": "EDU",
        "name": "School Education",
        "name_hi": "स्कूल शिक्षा",
        "offices": [
            {"name": "District Education Officer, Kurukshetra", "district": "Kurukshetra"},
            {"name": "District Education Officer, Sonipat", "district": "Sonipat"},
        ],
    },
    {
        "code": "AGR",
        "name": "Agriculture and Farmers Welfare",
        "name_hi": "कृषि एवं किसान कल्याण",
        "offices": [
            {"name": "Deputy Director Agriculture, Kaithal", "district": "Kaithal"},
            {"name": "Deputy Director Agriculture, Fatehabad", "district": "Fatehabad"},
        ],
    },
    {
        "code": "POL",
        "name": "Home (Police)",
        "name_hi": "गृह (पुलिस)",
        "offices": [
            {"name": "Superintendent of Police, Rewari", "district": "Rewari"},
            {"name": "Superintendent of Police, Palwal", "district": "Palwal"},
        ],
    },
    {
        "code": "SJE",
        "name": "Social Justice, Empowerment, SC and BC Welfare",
        "name_hi": "सामाजिक न्याय, अधिकारिता, अनुसूचित जाति एवं पिछड़ा वर्ग कल्याण",
        "offices": [
            {"name": "District Social Welfare Officer, Jhajjar", "district": "Jhajjar"},
            {"name": "District Social Welfare Officer, Nuh", "district": "Nuh"},
        ],
    },
    {
        "code": "FCS",
        "name": "Food, Civil Supplies and Consumer Affairs",
        "name_hi": "खाद्य, नागरिक आपूर्ति एवं उपभोक्ता मामले",
        "offices": [
            {
                "name": "District Food and Supplies Controller, Yamunanagar",
                "district": "Yamunanagar",
            },
            {
                "name": "District Food and Supplies Controller, Mahendragarh",
                "district": "Mahendragarh",
            },
        ],
    },
    {
        "code": "TCP",
        "name": "Town and Country Planning",
        "name_hi": "नगर एवं ग्राम आयोजना",
        "offices": [
            {"name": "District Town Planner, Panchkula", "district": "Panchkula"},
            {"name": "District Town Planner, Charkhi Dadri", "district": "Charkhi Dadri"},
        ],
    },
    {
        "code": "DPG",
        "name": "Development and Panchayats",
        "name_hi": "विकास एवं पंचायत",
        "offices": [
            {"name": "Block Development Office, Karnal", "district": "Karnal"},
            {"name": "Block Development Office, Hisar", "district": "Hisar"},
        ],
    },
    {
        "code": "CIT",
        "name": "Citizen Resources Information (CRID)",
        "name_hi": "नागरिक संसाधन सूचना विभाग",
        "offices": [{"name": "CRID District Office, Gurugram", "district": "Gurugram"}],
    },
]


def _kc(question, options, correct, explanation):
    return (
        "knowledge_check",
        {"question": question, "options": options, "correct": correct, "explanation": explanation},
    )


CITIZENS_CHARTER = {
    "slug": "citizens-charter",
    "title": "Citizen's Charter: formulation and implementation",
    "topic": "citizens-charter",
    "summary": "What a Citizen's Charter is, its six components, the Sevottam seven steps, and "
    "how a task force formulates, implements, monitors and reviews it.",
    "objectives": [
        "Explain what a Citizen's Charter commits an organisation to",
        "Name the six components of a charter",
        "List the seven Sevottam steps for a charter in order",
        "Describe the task force's composition and its eight duties",
        "Plan publicity, monitoring and evaluation of a charter",
    ],
    "target_levels": ["top", "middle", "cutting_edge"],
    "duration_hours": 6,
    "language": "en",
    "self_enrol": True,
    "modules": [
        {
            "slug": "what-a-charter-is",
            "title": "What a charter is",
            "intro": "The idea of a charter and what every charter must contain.",
            "lessons": [
                {
                    "slug": "charter-as-commitment",
                    "title": "A charter is a commitment",
                    "minutes": 10,
                    "body": [
                        ("heading", "A written declaration of service standards"),
                        (
                            "paragraph",
                            "<p>A Citizen's (or Client's) Charter is a document that represents a systematic effort "
                            "to focus on the organisation's commitment to its citizens in respect of <b>standard of "
                            "services, information, choice and consultation, non-discrimination and accessibility, "
                            "grievance redress, courtesy and value for money</b>. It also states what the organisation "
                            "expects from citizens so that it can keep its commitments.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>The HIPA Sevottam brochure puts it simply: a charter is a set of commitments a "
                            "department makes about the standard of its services. It empowers citizens to demand "
                            "the committed standards and to seek remedies when they are not met. Its thrust is to "
                            "make public services <i>demand driven rather than supply driven</i>.</p>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "title": "Why it matters at the counter",
                                "body": "<p>Cutting-edge staff are the people citizens meet. A charter only works when "
                                "they know the time limits and standards it promises.</p>",
                            },
                        ),
                        _kc(
                            "A charter is best described as...",
                            [
                                "A list of the department's staff and their phone numbers",
                                "A set of commitments about the standard of services, with remedies when they are not met",
                                "The department's annual budget statement",
                            ],
                            1,
                            "The brochure (seeds/003) defines the charter as a set of commitments on service "
                            "standards that citizens can demand.",
                        ),
                    ],
                },
                {
                    "slug": "six-components",
                    "title": "The six components of a charter",
                    "minutes": 12,
                    "body": [
                        ("heading", "What every charter contains"),
                        (
                            "paragraph",
                            "<p>The DARPG note on Contact Officers (para 1.2) lists six components:</p>"
                            "<ol><li>Vision and mission statement</li>"
                            "<li>Details of business transacted by the organisation</li>"
                            "<li>Details of customers or clients</li>"
                            "<li>Statement of services provided to each citizen or client group separately, and the "
                            "time limits for them</li>"
                            "<li>Details of the grievance redress mechanism and how to access it</li>"
                            "<li>Expectations from the citizen or client</li></ol>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Checking a draft charter against the six components",
                                "header": ["Component", "Question to ask of the draft"],
                                "rows": [
                                    [
                                        "Vision and mission",
                                        "Does it say why the organisation exists?",
                                    ],
                                    [
                                        "Business transacted",
                                        "Does it list what the organisation does?",
                                    ],
                                    ["Clients", "Are all client groups named?"],
                                    [
                                        "Services and time limits",
                                        "Does every service to every client group have a time limit?",
                                    ],
                                    [
                                        "Grievance redress",
                                        "Can a citizen see where and how to complain?",
                                    ],
                                    [
                                        "Expectations from citizens",
                                        "Does it say what citizens must provide or do?",
                                    ],
                                ],
                            },
                        ),
                        _kc(
                            "Which of these is one of the six components of a charter?",
                            [
                                "The organisation's recruitment rules",
                                "Details of the grievance redress mechanism and how to access it",
                                "The minister's message",
                            ],
                            1,
                            "Component (v) in para 1.2 of the DARPG note.",
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "seven-steps",
            "title": "The Sevottam seven steps",
            "intro": "The seven-step model for a citizen-centric charter.",
            "lessons": [
                {
                    "slug": "seven-steps-charter",
                    "title": "Seven steps to a Citizen's Charter",
                    "minutes": 12,
                    "body": [
                        ("heading", "Sevottam: service delivery excellence"),
                        (
                            "paragraph",
                            '<p>DARPG documented the "seven steps model for citizen centricity" as Sevottam '
                            '("Uttam Seva"). For the Citizen\'s Charter the steps are:</p>'
                            "<ol><li>Define all services and identify clients</li>"
                            "<li>Set standards for each service</li>"
                            "<li>Develop capability</li><li>Perform</li><li>Monitor performance</li>"
                            "<li>Evaluate the impact</li><li>Continuous improvement</li></ol>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "case_study",
                                "title": "From list to standard",
                                "body": '<p>A municipal body that lists "new water connection" as a service has done '
                                'step 1; writing "30 days from submission of application" next to it, as the '
                                "Bihar municipal charter does, is step 2.</p>",
                            },
                        ),
                        _kc(
                            'Which step comes right after "define all services and identify clients"?',
                            [
                                "Monitor performance",
                                "Set standards for each service",
                                "Continuous improvement",
                            ],
                            1,
                            "Step 2 is setting standards for each service (seeds/003).",
                        ),
                    ],
                },
                {
                    "slug": "three-modules",
                    "title": "The three modules of Sevottam",
                    "minutes": 8,
                    "body": [
                        (
                            "paragraph",
                            "<p>The Sevottam model has three modules: <b>Citizen's Charter</b>, <b>Public "
                            "Grievance Redress Mechanism</b> and <b>Service Delivery Capability</b>. Each is "
                            "taught as seven steps. The standard behind Sevottam certification is BIS IS 15700.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Sevottam modules",
                                "header": ["Module", "What it asks of a department"],
                                "rows": [
                                    [
                                        "Citizen's Charter",
                                        "Publish services, standards and time limits",
                                    ],
                                    [
                                        "Grievance Redress Mechanism",
                                        "Receive, acknowledge, redress, communicate, allow appeal, analyse",
                                    ],
                                    [
                                        "Service Delivery Capability",
                                        "Build knowledge, skills, motivation, monitoring and a people-friendly temperament",
                                    ],
                                ],
                            },
                        ),
                        _kc(
                            "How many modules does the Sevottam model have?",
                            ["Two", "Three", "Seven"],
                            1,
                            "Charter, grievance redress and service delivery capability (seeds/003).",
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "task-force",
            "title": "Formulating the charter: the task force",
            "intro": "Who drafts the charter and what they must do.",
            "lessons": [
                {
                    "slug": "task-force-composition",
                    "title": "Composition of the task force",
                    "minutes": 10,
                    "body": [
                        (
                            "paragraph",
                            "<p>Each department appoints a <b>Contact Officer for Citizen's Charter</b>, who is "
                            "responsible to the Principal Secretary or Head of the Organisation and acts as Member "
                            "Secretary of a task force that oversees formulation of the charter.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Task force composition (DARPG note, para 2.1)",
                                "header": ["Members from", "How many"],
                                "rows": [
                                    ["Top management", "1-2"],
                                    ["Middle management", "2-3"],
                                    ["Cutting-edge level staff", "2-3"],
                                    ["Staff associations / unions", "Representatives"],
                                    [
                                        "Citizens' or clients' associations, NGOs, consumer groups",
                                        "2-3",
                                    ],
                                ],
                            },
                        ),
                        _kc(
                            "Who acts as Member Secretary of the task force?",
                            [
                                "The Minister in charge",
                                "The Contact Officer for Citizen's Charter",
                                "An NGO representative",
                            ],
                            1,
                            "Para 2.1(a) of the DARPG note.",
                        ),
                    ],
                },
                {
                    "slug": "task-force-duties",
                    "title": "The eight duties of the task force",
                    "minutes": 12,
                    "body": [
                        (
                            "paragraph",
                            "<p>Para 2.1.1 of the DARPG note lists the task force's duties in order:</p>"
                            "<ol><li>Identify all stakeholders/clients and services, in consultation with officers, "
                            "staff and client representatives</li>"
                            "<li>Determine the standards of services with all stakeholders, particularly the "
                            "cutting-edge level</li>"
                            "<li>Prepare a draft charter and circulate it for comments</li>"
                            "<li>Modify the draft to include suggestions</li>"
                            "<li>Submit the draft to the State's Core Group on Citizen's Charter and liaise with the "
                            "Nodal Officer</li>"
                            "<li>Modify the draft on the Core Group's observations</li>"
                            "<li>Seek the approval of the Minister in charge</li>"
                            "<li>Issue, release and publish the charter in the public domain</li></ol>",
                        ),
                        _kc(
                            "What must happen just before the charter is published?",
                            [
                                "Approval of the Minister in charge",
                                "A BIS audit",
                                "A citizen survey",
                            ],
                            0,
                            "Duty (vii) is seeking the Minister's approval; (viii) is publishing.",
                        ),
                    ],
                },
                {
                    "slug": "implement-monitor-evaluate",
                    "title": "Implement, monitor, evaluate",
                    "minutes": 12,
                    "body": [
                        ("heading", "After the charter is published"),
                        (
                            "paragraph",
                            "<ul><li><b>Implementation (2.2):</b> wide publicity and awareness campaigns; the charter "
                            "on the website and with people's representatives and stakeholders; training "
                            "programmes and workshops to align staff to the commitments.</li>"
                            "<li><b>Monitoring (2.3):</b> an integrated performance monitoring system against the "
                            "charter's commitments, with the Head of Department kept informed; performance data "
                            "published in the Annual Report.</li>"
                            "<li><b>Evaluation and review (2.4):</b> regular internal and external evaluation and "
                            "assessment of citizen satisfaction; revision of the charter on that feedback; charter "
                            "activities in the Annual Action Plan and the Annual Report.</li></ul>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "A charter is never finished",
                                "body": "<p>Evaluation feeds revision: the seventh Sevottam step is continuous "
                                "improvement.</p>",
                            },
                        ),
                        _kc(
                            "Where should performance against the charter be published?",
                            [
                                "Nowhere: it is internal",
                                "In the organisation's Annual Report",
                                "Only in the task force minutes",
                            ],
                            1,
                            "Para 2.3.2 of the DARPG note.",
                        ),
                    ],
                },
            ],
        },
    ],
}

GRIEVANCE_REDRESS = {
    "slug": "grievance-redress",
    "title": "Grievance Redress Mechanism: CM Window and CPGRAMS",
    "topic": "grievance-redress",
    "summary": "The seven Sevottam steps of grievance redress, Haryana's CM Window SOP of March 2024, "
    "and the CPGRAMS time limits, compared with J&K's Samadhan.",
    "objectives": [
        "Define a grievance and a grievance redress mechanism",
        "Apply the seven steps of grievance redress",
        "Handle a CM Window grievance as the March 2024 SOP requires",
        "Meet CPGRAMS time limits, including the interim reply",
    ],
    "target_levels": ["middle", "cutting_edge"],
    "duration_hours": 8,
    "language": "en",
    "self_enrol": True,
    "modules": [
        {
            "slug": "foundations",
            "title": "Grievances and the seven steps",
            "intro": "What a grievance is and the Sevottam model for redressing it.",
            "lessons": [
                {
                    "slug": "what-is-a-grievance",
                    "title": "What is a grievance?",
                    "minutes": 8,
                    "body": [
                        (
                            "paragraph",
                            "<p>A grievance is an indignation or resentment arising out of a feeling of being "
                            "wronged: an expression of dissatisfaction made to an organisation about its services. "
                            "It includes complaints about non-delivery of services in a standardised manner.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>A <b>grievance redress mechanism</b> is the process an organisation sets up to "
                            "receive, record, investigate, redress, analyse, prevent or take any appropriate action "
                            "on grievances lodged against it.</p>",
                        ),
                        _kc(
                            "Which verb is NOT part of the brochure's definition of a grievance redress mechanism?",
                            [
                                "Receive",
                                "Analyse",
                                "Return to the citizen unread",
                            ],
                            2,
                            "Receive, record, investigate, redress, analyse, prevent (seeds/003).",
                        ),
                    ],
                },
                {
                    "slug": "seven-steps-grm",
                    "title": "Seven steps to grievance redress",
                    "minutes": 10,
                    "body": [
                        (
                            "table",
                            {
                                "caption": "Sevottam: seven steps of grievance redress",
                                "header": ["Step", "What it means in an office"],
                                "rows": [
                                    [
                                        "1. Receipt",
                                        "A system to receive grievances by every channel",
                                    ],
                                    [
                                        "2. Wide publicity",
                                        "Citizens know where and how to complain",
                                    ],
                                    [
                                        "3. Timely acknowledgement",
                                        "Every complaint acknowledged with a unique number",
                                    ],
                                    ["4. Redressal", "The grievance is resolved on merits"],
                                    [
                                        "5. Communication of action taken",
                                        "The citizen is told what was done",
                                    ],
                                    [
                                        "6. Platform for appeal",
                                        "A route to a higher authority if dissatisfied",
                                    ],
                                    [
                                        "7. Analysis of grievance-prone areas",
                                        "Patterns studied to prevent repeats",
                                    ],
                                ],
                            },
                        ),
                        _kc(
                            "Which step gives a dissatisfied citizen a route to a higher authority?",
                            [
                                "Timely acknowledgement",
                                "Platform for appeal",
                                "Wide publicity",
                            ],
                            1,
                            "Step 6 (seeds/003).",
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "cm-window-sop",
            "title": "Haryana CM Window SOP (March 2024)",
            "intro": "The rules every department must follow on CM Window grievances.",
            "lessons": [
                {
                    "slug": "rts-grievances",
                    "title": "Right to Service grievances and the Auto Appeal System",
                    "minutes": 12,
                    "body": [
                        (
                            "paragraph",
                            "<p>The CM Window portal is integrated with the <b>Auto Appeal System (AAS)</b>. Every "
                            "grievance about a deficiency in a service notified under the Haryana Right to Service "
                            "Act, 2014 is forwarded to the AAS. It then appears in the account of the department's "
                            "<b>nodal officer</b>, who forwards it to the <b>designated officer</b>.</p>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": 'Never return it for "not applied"',
                                "body": "<p>If the citizen never applied for the service through the proper channel, the "
                                "nodal officer ensures that the designated officer calls the citizen and helps "
                                "them apply <b>within 30 days</b> of receiving the grievance, then uploads an "
                                "<b>interim reply</b> with the application details. No officer may return the "
                                "grievance to the CM Office or the AAS because the citizen had not applied.</p>",
                            },
                        ),
                        _kc(
                            "A citizen complains that an income certificate was never issued, but never applied. What does the SOP require?",
                            [
                                "Return the grievance: the citizen did not apply",
                                "Call the citizen, help them apply within 30 days, and upload an interim reply",
                                "Close the grievance as out of scope",
                            ],
                            1,
                            "CM Window SOP, March 2024 (seeds/001).",
                        ),
                    ],
                },
                {
                    "slug": "atr-and-feedback",
                    "title": "Action Taken Report, feedback and remand",
                    "minutes": 10,
                    "body": [
                        (
                            "paragraph",
                            "<p>Call Centre feedback recordings and remarks are visible to the Administrative "
                            "Secretary and all officials <b>before</b> they submit the Action Taken Report (ATR). "
                            "The ATR goes to the immediate senior officer and to the Call Centre. When the "
                            "citizen's feedback contradicts the ATR, the case is remanded for clarification.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>Every grievance must be categorised. The share of grievances filed under "
                            '"Others" should come close to zero; a department may create categories of its own.</p>',
                        ),
                        _kc(
                            'The citizen tells the Call Centre nothing was done, but the ATR says "resolved". What follows?',
                            [
                                "The grievance is closed anyway",
                                "The case is remanded for clarification",
                                "The citizen is fined",
                            ],
                            1,
                            "Remand when feedback contradicts the ATR (seeds/001, DOMAIN).",
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "cpgrams",
            "title": "CPGRAMS and other portals",
            "intro": "The national portal's time limits, and J&K's model for comparison.",
            "lessons": [
                {
                    "slug": "cpgrams-time-limits",
                    "title": "CPGRAMS time limits",
                    "minutes": 10,
                    "body": [
                        (
                            "table",
                            {
                                "caption": "CPGRAMS rules to remember",
                                "header": ["Rule", "Limit"],
                                "rows": [
                                    [
                                        "Disposal of a grievance",
                                        "21 days (30 in 2022, 45 before that)",
                                    ],
                                    [
                                        "When disposal will take longer",
                                        "Interim reply with the reason and the expected time",
                                    ],
                                    [
                                        "Appeals",
                                        "Disposed of by the appellate officer within 30 days",
                                    ],
                                    [
                                        "Transfers of a locally lodged grievance",
                                        "At most 3 transfers to another Ministry, Department or State",
                                    ],
                                    [
                                        "Feedback",
                                        'Call-centre call after disposal; a "Poor" rating enables an appeal',
                                    ],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "case_study",
                                "title": "Wrong office?",
                                "body": "<p>A grievance that belongs to another department is transferred with reasons "
                                '(it counts toward the limit of 3 transfers); it is not closed as "does not '
                                'pertain".</p>',
                            },
                        ),
                        _kc(
                            "Within how many days must a CPGRAMS grievance now be disposed of?",
                            ["21", "30", "45"],
                            0,
                            "21 days; earlier limits were 30 (2022) and 45.",
                        ),
                    ],
                },
                {
                    "slug": "jk-samadhan",
                    "title": "J&K: CMPSO and the Samadhan portal",
                    "minutes": 8,
                    "body": [
                        (
                            "paragraph",
                            "<p>In December 2024 Jammu and Kashmir set up the Chief Minister's Public Services and "
                            "Outreach Office (CMPSO) with two wings: a <b>Grievance Redressal Wing</b> that resolves "
                            "grievances and oversees district and regional offices, and a <b>Public Outreach and "
                            "Evaluation-cum-Feedback Wing</b> that monitors the Public Services Guarantee Act, "
                            "collects feedback and recommends improvements. Grievances are tracked on an upgraded "
                            "Samadhan portal, which escalates unresolved grievances to higher authorities; "
                            "feedback is gathered online and offline.</p>",
                        ),
                        _kc(
                            "Which J&K wing monitors the Public Services Guarantee Act?",
                            [
                                "The Grievance Redressal Wing",
                                "The Public Outreach and Evaluation-cum-Feedback Wing",
                                "The IT Department",
                            ],
                            1,
                            "seeds/002.",
                        ),
                    ],
                },
            ],
        },
    ],
}

RIGHT_TO_SERVICE = {
    "slug": "right-to-service",
    "title": "Right to Service and the Auto Appeal System",
    "topic": "right-to-service",
    "summary": "The Haryana Right to Service Act, 2014: designated officers, appellate authorities, the "
    "Auto Appeal System and the RTS Commission.",
    "objectives": [
        "Name the designated officer's duty under the RTS Act",
        "Trace an appeal from the first to the second grievance redressal authority",
        "Explain how the Auto Appeal System files appeals without the citizen",
    ],
    "target_levels": ["middle", "cutting_edge"],
    "duration_hours": 4,
    "language": "en",
    "self_enrol": True,
    "modules": [
        {
            "slug": "the-act",
            "title": "The Act and its officers",
            "intro": "Who is answerable for a notified service.",
            "lessons": [
                {
                    "slug": "designated-officer",
                    "title": "The designated officer",
                    "minutes": 10,
                    "body": [
                        (
                            "paragraph",
                            "<p>Under the Haryana Right to Service Act, 2014, the <b>Designated Officer</b> "
                            "delivers a notified service, or rejects the application in writing with reasons, "
                            "within the notified time limit, counted from a complete application.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>Appeals go first to the <b>First Grievance Redressal Authority</b> and then to the "
                            "<b>Second Grievance Redressal Authority</b>, each deciding within <b>30 working "
                            "days</b>. The <b>Right to Service Commission</b> can impose a penalty of up to "
                            "Rs 20,000, award compensation of up to Rs 5,000 and act on its own motion.</p>",
                        ),
                        _kc(
                            "From when is the RTS time limit counted?",
                            [
                                "From the citizen's first phone call",
                                "From a complete application",
                                "From the appeal",
                            ],
                            1,
                            "The clock runs from a complete application.",
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "auto-appeal",
            "title": "The Auto Appeal System",
            "intro": "Appeals that file themselves when a deadline is missed.",
            "lessons": [
                {
                    "slug": "how-aas-works",
                    "title": "How the Auto Appeal System works",
                    "minutes": 10,
                    "body": [
                        (
                            "table",
                            {
                                "caption": "Auto Appeal System (in force from 1 September 2021)",
                                "header": ["Stage", "What happens", "Time"],
                                "rows": [
                                    [
                                        "RTS due date breached",
                                        "An appeal is filed automatically to the First Grievance Redressal Authority",
                                        "-",
                                    ],
                                    [
                                        "First authority",
                                        "Hears the designated officer and decides",
                                        "30 working days",
                                    ],
                                    [
                                        "Not disposed of",
                                        "Moves to the Second Grievance Redressal Authority",
                                        "30 working days",
                                    ],
                                    ["Still not disposed of", "Moves to the RTS Commission", "-"],
                                ],
                            },
                        ),
                        (
                            "paragraph",
                            "<p>Working days leave out Sundays and gazetted holidays. Citizens can also appeal "
                            "themselves, for example through the SARAL helpline, against a rejection.</p>",
                        ),
                        _kc(
                            "Who files the first appeal when an RTS deadline is breached?",
                            [
                                "The citizen must file it",
                                "The Auto Appeal System files it automatically",
                                "The designated officer",
                            ],
                            1,
                            "The AAS files it to the First Grievance Redressal Authority.",
                        ),
                    ],
                },
            ],
        },
    ],
}

SERVICE_STANDARDS = {
    "slug": "service-standards",
    "title": "Service standards and benchmarks: the Bihar municipal charter",
    "topic": "citizens-charter",
    "summary": "Real response times and the escalation matrix from the Bihar Citizens' Charter for urban "
    "local bodies, in English and Hindi.",
    "objectives": [
        "Read a service response-time table and apply it to a complaint",
        "Escalate an unmet complaint through the right levels",
        "Explain service level benchmarks and why they are published",
    ],
    "target_levels": ["cutting_edge", "middle"],
    "duration_hours": 3,
    "language": "bilingual",
    "self_enrol": True,
    "modules": [
        {
            "slug": "response-times",
            "title": "Response times",
            "intro": "What a citizen can expect, and by when.",
            "lessons": [
                {
                    "slug": "sanitation-and-water",
                    "title": "Sanitation and water supply",
                    "minutes": 12,
                    "body": [
                        (
                            "paragraph",
                            "<p>Every request or complaint gets an acknowledgement with a unique number. The "
                            "charter then fixes a response time for each kind of request.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Solid waste management: defined response times",
                                "header": ["Nature of request", "Defined response time"],
                                "rows": [
                                    ["Lifting of garbage", "Within 24 hours"],
                                    [
                                        "Complaint when the sweeping roster is not followed",
                                        "Within 24 hours",
                                    ],
                                    [
                                        "Removal of debris",
                                        "Within 3 days of complaint and payment of charges",
                                    ],
                                    ["Provision or replacement of garbage bins", "Within 3 days"],
                                    ["Removing blockages in public toilets", "Within 24 hours"],
                                    ["Removal of dead animals on the streets", "Within 6-8 hours"],
                                    ["Stray animals on the streets", "Impounding within 12 hours"],
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Water supply: defined response times",
                                "header": ["Nature of request", "Defined response time"],
                                "rows": [
                                    ["New connections", "30 days from submission of application"],
                                    ["Leakages in pipe lines", "2 to 3 days"],
                                    ["Replacement of defective water meter", "Within 15 days"],
                                    ["Repair of main pipe line", "Within 24 hours"],
                                    ["Repair of pumps", "Within 48 hours"],
                                    [
                                        "Water supply through tankers when regular supply fails",
                                        "Within 6 hours",
                                    ],
                                ],
                            },
                        ),
                        _kc(
                            "A dead animal is reported on a street. Within what time must it be removed?",
                            [
                                "24 hours",
                                "6-8 hours",
                                "3 days",
                            ],
                            1,
                            "Bihar municipal charter, solid waste management table (seeds/004).",
                        ),
                    ],
                },
                {
                    "slug": "licences-and-certificates",
                    "title": "Licences, certificates and taxes",
                    "minutes": 10,
                    "body": [
                        (
                            "table",
                            {
                                "caption": "Other services",
                                "header": ["Service", "Time limit"],
                                "rows": [
                                    [
                                        "Issue of trade licence after due process",
                                        "Within 10 working days of the application",
                                    ],
                                    ["Renewal of trade licence", "Within 10 working days"],
                                    [
                                        "Birth and death certificates for events in the last five years",
                                        "Within 5 working days",
                                    ],
                                    [
                                        "Certificates needing information from old records",
                                        "Within 30 days",
                                    ],
                                    ["Mutation", "Within 45 days"],
                                    ["Settlement of property tax disputes", "Within 15 days"],
                                    ["Road cutting permission", "7 days"],
                                    ["Non-functional street lights", "3 days"],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "title": "Working days",
                                "body": "<p>Some limits count working days (trade licence: 10 working days), others "
                                "calendar days or hours. Read the unit before you promise a date.</p>",
                            },
                        ),
                        _kc(
                            "How long may the renewal of a trade licence take?",
                            [
                                "10 working days",
                                "30 days",
                                "45 days",
                            ],
                            0,
                            "seeds/004, trade licence table.",
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "escalation",
            "title": "Escalation",
            "intro": "Where a complaint goes when the charter is not met.",
            "lessons": [
                {
                    "slug": "escalation-matrix",
                    "title": "The escalation matrix",
                    "minutes": 10,
                    "body": [
                        (
                            "paragraph",
                            "<p>A citizen who is not receiving a service as the charter promises may register a "
                            "complaint, which escalates level by level if it is not resolved in time.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Escalation matrix for not adhering to the Citizen's Charter",
                                "header": [
                                    "Urban local body",
                                    "First level",
                                    "Second level",
                                    "Third level",
                                    "Fourth level",
                                ],
                                "rows": [
                                    [
                                        "Corporations",
                                        "Addl. Municipal Commissioner / EO (7 days)",
                                        "Municipal Commissioner (7 days)",
                                        "DMA (15 days)",
                                        "-",
                                    ],
                                    [
                                        "Councils / Panchayats",
                                        "City Manager (7 days)",
                                        "Section Head (7 days)",
                                        "Executive Officer (7 days)",
                                        "DMA (15 days)",
                                    ],
                                ],
                            },
                        ),
                        _kc(
                            "In a municipal council, who handles the complaint after the City Manager?",
                            [
                                "The DMA",
                                "The Section Head",
                                "The Municipal Commissioner",
                            ],
                            1,
                            "Councils/panchayats: City Manager -> Section Head -> Executive Officer -> DMA.",
                        ),
                    ],
                },
                {
                    "slug": "escalation-matrix-hindi",
                    "title": "शिकायतों की वृद्धि मैट्रिक्स (हिन्दी)",
                    "minutes": 8,
                    "body": [
                        ("heading", "नागरिक अधिकार-पत्र का पालन न होने पर"),
                        (
                            "paragraph",
                            "<p>नागरिक अधिकार-पत्र में वर्णित सेवा स्तर के नहीं पालन किये जाने की स्थिति में शिकायत को "
                            "पंजीकृत करवाया जा सकता है। सभी प्रयास यह सुनिश्चित करने के लिए हैं कि शिकायतों को स्थानीय "
                            "स्तर पर ही संबोधित किया जाये।</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "वृद्धि मैट्रिक्स",
                                "header": [
                                    "नगर निकाय",
                                    "पहला स्तर",
                                    "दूसरा स्तर",
                                    "तीसरा स्तर",
                                    "चौथा स्तर",
                                ],
                                "rows": [
                                    [
                                        "निगम",
                                        "अपर नगर आयुक्त / कार्यकारी अधिकारी (7 दिन)",
                                        "नगर आयुक्त (7 दिन)",
                                        "डी एम ए (15 दिन)",
                                        "-",
                                    ],
                                    [
                                        "परिषद / पंचायत",
                                        "सिटी मैनेजर (7 दिन)",
                                        "सेक्शन हेड (7 दिन)",
                                        "कार्यकारी अधिकारी (7 दिन)",
                                        "डी एम ए (15 दिन)",
                                    ],
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "ठोस अपशिष्ट प्रबंधन: निर्धारित समयावधि",
                                "header": ["अनुरोध का प्रकार", "समयावधि"],
                                "rows": [
                                    ["कचरा उठाना", "24 घंटे के अन्दर"],
                                    [
                                        "सार्वजनिक शौचालयों में रुकावटों को हटाना",
                                        "शिकायत प्राप्ति / पता लगने के 24 घंटे के अन्दर",
                                    ],
                                    ["मृत पशुओं का सड़क से हटाने का कार्य", "6-8 घंटे के अन्दर"],
                                ],
                            },
                        ),
                        _kc(
                            "निगम में नगर आयुक्त के बाद शिकायत किसके पास जाती है?",
                            [
                                "सिटी मैनेजर",
                                "डी एम ए",
                                "सेक्शन हेड",
                            ],
                            1,
                            "निगम: अपर नगर आयुक्त / कार्यकारी अधिकारी -> नगर आयुक्त -> डी एम ए (15 दिन)।",
                        ),
                    ],
                },
            ],
        },
    ],
}

SEVOTTAM_IS15700 = {
    "slug": "sevottam-and-is-15700",
    "title": "Sevottam, capability building and IS 15700",
    "topic": "is-15700",
    "summary": "The Sevottam framework, the seven steps of capability building, BIS IS 15700 "
    "certification, and what HIPA's Sevottam Cell has achieved.",
    "objectives": [
        "Explain the purpose of the Sevottam framework",
        "List the seven steps of capability building",
        "Describe the Sevottam Cell's work towards IS 15700 certification",
    ],
    "target_levels": ["top", "middle"],
    "duration_hours": 4,
    "language": "en",
    "self_enrol": True,
    "modules": [
        {
            "slug": "framework",
            "title": "The framework",
            "intro": "Where Sevottam comes from and what it asks for.",
            "lessons": [
                {
                    "slug": "origins",
                    "title": "Origins and purpose",
                    "minutes": 8,
                    "body": [
                        (
                            "paragraph",
                            '<p>The Second Administrative Reforms Commission, in its 12th report "Citizen Centric '
                            'Administration - the Heart of Governance", recommended making government organisations '
                            "transparent, accountable and citizen friendly. DARPG documented the seven-step model "
                            "as <b>Sevottam</b> and set up Sevottam Cells in the Administrative Training Institutes "
                            "of most states, including Haryana.</p>",
                        ),
                        _kc(
                            "Which report led to the Sevottam framework?",
                            [
                                "The 12th report of the Second Administrative Reforms Commission",
                                "The Thirteenth Finance Commission",
                                "The RTS Commission's annual report",
                            ],
                            0,
                            "seeds/003, Background and Purpose.",
                        ),
                    ],
                },
                {
                    "slug": "capability-building-steps",
                    "title": "Seven steps to capability building",
                    "minutes": 10,
                    "body": [
                        (
                            "paragraph",
                            "<p>Capability building equips individuals with the knowledge, skill and preparedness "
                            "to perform effectively and promptly. The seven steps are to develop:</p>"
                            "<ol><li>understanding and fair knowledge of the Citizen's Charter</li>"
                            "<li>understanding of the expectations of the clients</li>"
                            "<li>the needed skills</li><li>initiatives</li>"
                            "<li>the needed motivation and training</li>"
                            "<li>a system of monitoring and evaluation</li>"
                            "<li>the skill to ensure an effective grievance redress mechanism, and a temperament "
                            "for transparent and people-friendly administration</li></ol>",
                        ),
                        _kc(
                            "Capability building is best described as...",
                            [
                                "A one-day lecture",
                                "A long-term, continuing process involving all functionaries",
                                "A purchase of new software",
                            ],
                            1,
                            "seeds/003: a long term, continuing process.",
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "certification",
            "title": "Certification and the Sevottam Cell",
            "intro": "IS 15700 and what the HIPA cell has done.",
            "lessons": [
                {
                    "slug": "is-15700",
                    "title": "Sevottam certification: BIS IS 15700",
                    "minutes": 8,
                    "body": [
                        (
                            "paragraph",
                            "<p>The standard behind Sevottam certification is <b>BIS IS 15700</b>. HIPA's Sevottam "
                            "Cell collaborated with the National Institute of Training for Standardization and "
                            "helped 7 institutions, including HIPA, become Sevottam certification worthy. Training "
                            "helps departments achieve certification with the prescribed protocols.</p>",
                        ),
                        _kc(
                            "Which standard is behind Sevottam certification?",
                            ["ISO 9001", "BIS IS 15700", "IS 456"],
                            1,
                            "seeds/003.",
                        ),
                    ],
                },
                {
                    "slug": "hipa-achievements",
                    "title": "A decade of the HIPA Sevottam Cell",
                    "minutes": 8,
                    "body": [
                        (
                            "table",
                            {
                                "caption": "Training programmes conducted year-wise (HIPA Sevottam Cell)",
                                "header": ["Year", "Courses conducted", "Participants"],
                                "rows": [
                                    ["2013-14", "5", "78"],
                                    ["2014-15", "20", "1706"],
                                    ["2015-16", "15", "809"],
                                    ["2016-17", "20", "758"],
                                    ["2017-18", "27", "789"],
                                    ["2018-19", "26", "886"],
                                    ["2019-20", "22", "1001"],
                                    ["2020-21", "35", "879"],
                                    ["2021-22", "21", "914"],
                                    ["2022-23", "30", "1061"],
                                    ["2023-24", "42", "1217"],
                                    ["Total (computed)", "263", "10098"],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "Compute totals; never copy them",
                                "body": "<p>The brochure's printed TOTAL row says 268 courses, but its rows add up to "
                                "263 (the letter itself says 263). Participants add up to 10,098.</p>",
                            },
                        ),
                        (
                            "paragraph",
                            "<p>The cell also assisted 29 departments in formulating Sevottam-compliant charters, "
                            "was the first to upload an online Sevottam module on the iGOT portal, and helped the "
                            "ATIs of Jammu and Kashmir, Assam and Meghalaya. The 2024-25 target is 50 programmes "
                            "and 2,000 officers.</p>",
                        ),
                        _kc(
                            "How many training courses did the cell conduct from 2013-14 to 2023-24?",
                            ["263", "268", "10098"],
                            0,
                            "The year rows add up to 263; the printed 268 is wrong.",
                        ),
                    ],
                },
            ],
        },
    ],
}

CURRICULUM = [
    CITIZENS_CHARTER,
    GRIEVANCE_REDRESS,
    RIGHT_TO_SERVICE,
    SERVICE_STANDARDS,
    SEVOTTAM_IS15700,
]
