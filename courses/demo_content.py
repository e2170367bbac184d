"""Demo curriculum and organisation data for ``seed_demo`` (pure data, standard library only).

Every fact in the lessons comes from public documents: DARPG's note on the Contact Officer
for the Citizen's Charter, the Haryana CM Window SOP (March 2024), the J&K order on the Chief
Minister's Public Services and Outreach Office (December 2024), the HIPA Sevottam Cell
brochure (July 2024), the Bihar Citizens' Charter for municipalities (English and Hindi),
DARPG's CPGRAMS guidelines of 23.08.2024, and the Haryana Right to Service Act 2014 with its
Auto Appeal System.

Shapes (read by courses/demo.py):
- TOPICS: list of {"slug", "name", "name_hi"}
- DISTRICTS: list of (name, name_hi)
- DEPARTMENTS: list of {"code", "name", "name_hi", "offices": [{"name", "district"}]}
- CURRICULUM: list of courses; course -> modules -> lessons -> body, where body is a list of
  (kind, value) with kind one of "heading" (plain text), "paragraph" (HTML: p, ul, ol, li, b,
  i, a), "callout" ({"kind": "note" | "case_study" | "warning", "title", "body" HTML}),
  "table" ({"caption", "header", "rows"}, plain-text cells) and "knowledge_check"
  ({"question", "options", "correct" (0-based index into options), "explanation"}).
"""

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

# Haryana's 22 districts: (name, name in Hindi).
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

# Haryana government departments with two or three field offices each. Every "district"
# is a name from DISTRICTS. Codes REV and HLT are used by the demo HOD users.
DEPARTMENTS = [
    {
        "code": "REV",
        "name": "Revenue and Disaster Management",
        "name_hi": "राजस्व एवं आपदा प्रबंधन",
        "offices": [
            {"name": "Deputy Commissioner Office, Gurugram", "district": "Gurugram"},
            {"name": "Tehsil Office, Hisar", "district": "Hisar"},
            {"name": "Sub Divisional Magistrate Office, Gohana", "district": "Sonipat"},
        ],
    },
    {
        "code": "HLT",
        "name": "Health and Family Welfare",
        "name_hi": "स्वास्थ्य एवं परिवार कल्याण",
        "offices": [
            {"name": "Civil Surgeon Office, Rohtak", "district": "Rohtak"},
            {"name": "Civil Surgeon Office, Karnal", "district": "Karnal"},
            {"name": "Civil Hospital, Panchkula", "district": "Panchkula"},
        ],
    },
    {
        "code": "ULB",
        "name": "Urban Local Bodies",
        "name_hi": "शहरी स्थानीय निकाय",
        "offices": [
            {"name": "Municipal Corporation, Faridabad", "district": "Faridabad"},
            {"name": "Municipal Corporation, Gurugram", "district": "Gurugram"},
            {"name": "Municipal Council, Sirsa", "district": "Sirsa"},
        ],
    },
    {
        "code": "PWD",
        "name": "Public Works (Buildings and Roads)",
        "name_hi": "लोक निर्माण (भवन एवं सड़कें)",
        "offices": [
            {"name": "Executive Engineer, PWD (Buildings and Roads), Ambala", "district": "Ambala"},
            {"name": "Executive Engineer, PWD (Buildings and Roads), Jind", "district": "Jind"},
        ],
    },
    {
        "code": "PHE",
        "name": "Public Health Engineering",
        "name_hi": "जन स्वास्थ्य अभियांत्रिकी",
        "offices": [
            {
                "name": "Executive Engineer, Public Health Engineering, Panipat",
                "district": "Panipat",
            },
            {
                "name": "Executive Engineer, Public Health Engineering, Bhiwani",
                "district": "Bhiwani",
            },
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
        "name": "Social Justice and Empowerment",
        "name_hi": "सामाजिक न्याय एवं अधिकारिता",
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
            {"name": "Block Development and Panchayat Office, Gharaunda", "district": "Karnal"},
            {"name": "Block Development and Panchayat Office, Barwala", "district": "Hisar"},
        ],
    },
    {
        "code": "CIT",
        "name": "Citizen Resources Information",
        "name_hi": "नागरिक संसाधन सूचना",
        "offices": [
            {
                "name": "District Citizen Resources Information Office, Gurugram",
                "district": "Gurugram",
            },
            {"name": "District Citizen Resources Information Office, Rohtak", "district": "Rohtak"},
        ],
    },
    {
        "code": "WCD",
        "name": "Women and Child Development",
        "name_hi": "महिला एवं बाल विकास",
        "offices": [
            {"name": "District Programme Officer, Panipat", "district": "Panipat"},
            {"name": "District Programme Officer, Kaithal", "district": "Kaithal"},
        ],
    },
    {
        "code": "TRN",
        "name": "Transport",
        "name_hi": "परिवहन",
        "offices": [
            {"name": "General Manager, Haryana Roadways, Ambala", "district": "Ambala"},
            {"name": "General Manager, Haryana Roadways, Rohtak", "district": "Rohtak"},
        ],
    },
    {
        "code": "LAB",
        "name": "Labour",
        "name_hi": "श्रम",
        "offices": [
            {"name": "Deputy Labour Commissioner, Faridabad", "district": "Faridabad"},
            {"name": "Assistant Labour Commissioner, Gurugram", "district": "Gurugram"},
        ],
    },
]


# ---------------------------------------------------------------------------------------
# Course 1. Citizen's Charter (DARPG note on the Citizen's Charter, HIPA Sevottam Cell brochure (2024); examples from Bihar Citizens' Charter for municipalities)
# ---------------------------------------------------------------------------------------
CITIZENS_CHARTER = {
    "slug": "citizens-charter",
    "title": "Citizen's Charter: formulation, implementation and review",
    "topic": "citizens-charter",
    "summary": "What a Citizen's Charter is, the six components every charter must have, the "
    "Sevottam seven steps, and how a task force led by the Contact Officer formulates, "
    "implements, monitors and reviews the charter.",
    "objectives": [
        "Explain what a Citizen's Charter commits an organisation to, and what it expects from citizens",
        "Check a draft charter against the six components in the DARPG note",
        "List the seven Sevottam steps for a charter in order and write a service standard with a time limit",
        "Describe the Contact Officer's role, the task force's composition and its eight duties",
        "Plan the publicity, training, monitoring and evaluation that keep a charter alive",
    ],
    "target_levels": ["top", "middle", "cutting_edge"],
    "duration_hours": 6,
    "language": "en",
    "self_enrol": True,
    "modules": [
        {
            "slug": "what-a-charter-is",
            "title": "What a charter is",
            "intro": "The idea of a Citizen's Charter and the six components every charter must contain.",
            "lessons": [
                {
                    "slug": "charter-as-commitment",
                    "title": "A charter is a written commitment",
                    "minutes": 10,
                    "body": [
                        ("heading", "The DARPG definition"),
                        (
                            "paragraph",
                            "<p>The DARPG note on Contact Officers (para 1.1) says a Citizen's or Client's "
                            "Charter is a document which represents a systematic effort to focus on the "
                            "commitment of the organisation towards its citizens or clients in respect of:</p>"
                            "<ul><li>Standard of services</li><li>Information</li>"
                            "<li>Choice and consultation</li><li>Non-discrimination and accessibility</li>"
                            "<li>Grievance redress</li><li>Courtesy</li><li>Value for money</li></ul>"
                            "<p>It also includes what the organisation <b>expects from the citizen or "
                            "client</b>, so that the organisation can fulfil its commitment.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>The HIPA Sevottam brochure describes the charter as a written declaration by "
                            "a government that highlights the standard of service delivery it subscribes to, "
                            "the availability of choice for consumers, avenues for grievance redressal and "
                            "other related information. In brief, it is <b>a set of commitments made by a "
                            "department regarding the standard of its services</b>.</p>"
                            "<p>A charter empowers citizens: they can demand the committed standards and "
                            "avail remedies when the department does not comply. Its basic thrust is to make "
                            "public services citizen centric, that is, <i>demand driven rather than supply "
                            "driven</i>.</p>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "title": "The spirit behind it",
                                "body": "<p>The brochure opens with Mahatma Gandhi's words: \"A customer is "
                                "the most important visitor on our premises. He is not an interruption in our "
                                'work. He is the purpose of it." Cutting-edge staff are the people citizens '
                                "meet, so a charter only works when they know what it promises.</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "According to the HIPA Sevottam brochure, the basic thrust of a "
                                "Citizen's Charter is to make public services...",
                                "options": [
                                    "Supply driven: decided by what the office finds convenient to offer",
                                    "Demand driven: citizen centric",
                                    "Free of cost for every citizen",
                                    "Available only online",
                                ],
                                "correct": 1,
                                "explanation": "The HIPA Sevottam Cell brochure (2024): the basic thrust of the charter is to "
                                "make public services citizen centric, i.e. demand driven rather than supply "
                                "driven.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Besides the organisation's commitments, what else does a charter "
                                "include according to the DARPG note?",
                                "options": [
                                    "The salaries of the officers who deliver the services",
                                    "The organisation's expectations from the citizen or client",
                                    "A list of pending court cases",
                                ],
                                "correct": 1,
                                "explanation": "Para 1.1 of the DARPG note: the charter also includes the "
                                "expectations of the organisation from the citizen or client.",
                            },
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
                            "<p>Para 1.2 of the DARPG note lists six components. A charter is not complete "
                            "until it has all of them:</p>"
                            "<ol><li>Vision and mission statement</li>"
                            "<li>Details of business transacted by the organisation</li>"
                            "<li>Details of customers or clients</li>"
                            "<li>Statement of services provided to each citizen or client group separately, "
                            "and the time limits for the same</li>"
                            "<li>Details of the grievance redress mechanism and how to access it</li>"
                            "<li>Expectations from the citizen or client</li></ol>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Checking a draft charter against the six components (DARPG note, para 1.2)",
                                "header": ["Component", "Question to ask of the draft"],
                                "rows": [
                                    [
                                        "(i) Vision and mission statement",
                                        "Does it say why the organisation exists and what it aims for?",
                                    ],
                                    [
                                        "(ii) Business transacted",
                                        "Does it list what the organisation does?",
                                    ],
                                    ["(iii) Customers or clients", "Are all client groups named?"],
                                    [
                                        "(iv) Services to each client group, with time limits",
                                        "Is every service listed separately for each client group, with a time limit?",
                                    ],
                                    [
                                        "(v) Grievance redress mechanism and how to access it",
                                        "Can a citizen see where, how and to whom to complain?",
                                    ],
                                    [
                                        "(vi) Expectations from the citizen or client",
                                        "Does it say what citizens must provide or do?",
                                    ],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "case_study",
                                "title": "Three components in the Bihar municipal charter",
                                "body": "<p>The Bihar Citizens' Charter for municipalities shows what components "
                                "(iv) to (vi) look like in practice:</p>"
                                '<ul><li><b>(iv) Services with time limits:</b> "Lifting of garbage: within 24 '
                                'hours"; "New connections: 30 days from submission of application".</li>'
                                "<li><b>(v) Grievance redress:</b> an escalation matrix that names who handles "
                                "an unresolved complaint at each level and in how many days.</li>"
                                "<li><b>(vi) Expectations from citizens:</b> when a birth or death happens at "
                                "home, the head of the household is required to inform the ULB within three "
                                "days; the public is expected to abide by the defined norms.</li></ul>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Which of these is one of the six components of a charter in para 1.2 "
                                "of the DARPG note?",
                                "options": [
                                    "The organisation's recruitment rules",
                                    "The minister's message to citizens",
                                    "Details of the grievance redress mechanism and how to access it",
                                    "The annual budget of the department",
                                ],
                                "correct": 2,
                                "explanation": "Component (v): details of the grievance redress mechanism and how "
                                "to access the same.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "A draft charter lists the department's services but gives no time "
                                "limits. Which component is incomplete?",
                                "options": [
                                    "(i) Vision and mission statement",
                                    "(iv) Statement of services to each client group and the time limits for them",
                                    "(vi) Expectations from the citizen or client",
                                ],
                                "correct": 1,
                                "explanation": "Component (iv) requires the services to each citizen or client "
                                "group separately and the time limits for the same.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "seven-steps",
            "title": "The Sevottam seven steps for a charter",
            "intro": "The seven-step model for a citizen-centric charter, and how to write a service standard.",
            "lessons": [
                {
                    "slug": "seven-steps-charter",
                    "title": "Seven steps to a Citizen's Charter",
                    "minutes": 12,
                    "body": [
                        ("heading", "Sevottam: Uttam Seva, service delivery excellence"),
                        (
                            "paragraph",
                            '<p>DARPG documented the "seven steps model for citizen centricity" as the '
                            "Sevottam framework. The HIPA brochure gives the seven steps to a Citizen's "
                            "Charter as:</p>"
                            "<ol><li>Define all services and identify clients</li>"
                            "<li>Set standards for each service</li>"
                            "<li>Develop capability</li>"
                            "<li>Perform</li>"
                            "<li>Monitor performance</li>"
                            "<li>Evaluate the impact</li>"
                            "<li>Continuous improvement</li></ol>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Where each step appears in the Contact Officer's duties (DARPG note)",
                                "header": ["Sevottam step", "Matching duty in the DARPG note"],
                                "rows": [
                                    [
                                        "1. Define all services, identify clients",
                                        "2.1.1 (i): identify all stakeholders or clients and the services provided",
                                    ],
                                    [
                                        "2. Set standards for each service",
                                        "2.1.1 (ii): determine the standards of services with all stakeholders, particularly the cutting-edge level",
                                    ],
                                    [
                                        "3. Develop capability",
                                        "2.2: training programmes and workshops to align officers and staff to the charter's commitments",
                                    ],
                                    [
                                        "4. Perform",
                                        "Deliver the services to the published standards",
                                    ],
                                    [
                                        "5. Monitor performance",
                                        "2.3.1: an integrated performance monitoring system against the charter's commitments",
                                    ],
                                    [
                                        "6. Evaluate the impact",
                                        "2.4.1: regular internal and external evaluation, and assessment of citizen satisfaction",
                                    ],
                                    [
                                        "7. Continuous improvement",
                                        "2.4.2: review and revision of the charter on the basis of feedback and evaluation",
                                    ],
                                ],
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": 'Which step comes right after "define all services and identify '
                                'clients"?',
                                "options": [
                                    "Monitor performance",
                                    "Continuous improvement",
                                    "Perform",
                                    "Set standards for each service",
                                ],
                                "correct": 3,
                                "explanation": "Step 2 is setting standards for each service (HIPA Sevottam Cell brochure, 2024).",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "What is the seventh and last step of the Sevottam model for a charter?",
                                "options": [
                                    "Continuous improvement",
                                    "Publish the charter",
                                    "Evaluate the impact",
                                ],
                                "correct": 0,
                                "explanation": "Evaluate the impact is step 6; continuous improvement is step 7.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "writing-a-standard",
                    "title": "Setting standards: a promise with a number",
                    "minutes": 12,
                    "body": [
                        ("heading", "What a good service standard says"),
                        (
                            "paragraph",
                            "<p>Step 2 asks for a standard for every service. A usable standard answers three "
                            "questions: <b>which service</b>, <b>how long</b>, and <b>from when the clock "
                            "runs</b>. The Bihar municipal charter writes its standards this way.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Standards from the Bihar Citizens' Charter for municipalities",
                                "header": ["Service", "Time limit", "Counted from"],
                                "rows": [
                                    [
                                        "New water connection",
                                        "30 days",
                                        "Submission of application",
                                    ],
                                    [
                                        "Issue of trade licence after due process",
                                        "10 working days",
                                        "The date of receipt of application",
                                    ],
                                    [
                                        "Removing blockages in public toilets",
                                        "24 hours",
                                        "Detection or receipt of complaint",
                                    ],
                                    [
                                        "Removal of debris",
                                        "3 days",
                                        "Complaint receipt, and on payment of debris removal charges",
                                    ],
                                    [
                                        "Cleaning of private septic tanks",
                                        "3 working days",
                                        "Receipt of fees",
                                    ],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "Days or working days?",
                                "body": "<p>Some limits count working days (trade licence: 10 working days), "
                                "others calendar days or hours (new water connection: 30 days). Working days "
                                "leave out Sundays and gazetted holidays. Read the unit before you promise a "
                                "citizen a date.</p>",
                            },
                        ),
                        (
                            "paragraph",
                            "<p>Who sets the standards? Duty (ii) of the task force: the standards are determined "
                            "in consultation with all stakeholders and officers and staff, <b>particularly at "
                            "the cutting-edge level</b>, because they know what the counter can deliver.</p>",
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Which of these is a complete service standard?",
                                "options": [
                                    "Water connections will be given promptly",
                                    "New connections: 30 days from submission of application",
                                    "New connections: as per rules",
                                ],
                                "correct": 1,
                                "explanation": "It names the service, the time limit and the point from which the "
                                "time is counted, as the Bihar charter does.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "task-force",
            "title": "Formulating the charter: Contact Officer and task force",
            "intro": "Who drafts the charter, who sits on the task force, and the eight steps to a published charter.",
            "lessons": [
                {
                    "slug": "contact-officer",
                    "title": "The Contact Officer for Citizen's Charter",
                    "minutes": 8,
                    "body": [
                        ("heading", "One officer answerable for the charter"),
                        (
                            "paragraph",
                            "<p>Each department, public sector undertaking or organisation of the State "
                            "shall appoint a <b>Contact Officer on Citizen's Charter</b>, responsible for "
                            "formulation and implementation of the charter in that organisation.</p>"
                            "<ul><li><b>Job title:</b> Contact Officer for Citizen's Charter</li>"
                            "<li><b>Responsible to:</b> Principal Secretary or Head of the Organisation</li></ul>",
                        ),
                        (
                            "table",
                            {
                                "caption": "The Contact Officer's four areas of work (DARPG note, part 2)",
                                "header": ["Para", "Area", "In one line"],
                                "rows": [
                                    [
                                        "2.1",
                                        "Formulation",
                                        "Form a task force, act as its Member Secretary, see the charter through eight steps to publication",
                                    ],
                                    [
                                        "2.2",
                                        "Implementation",
                                        "Wide publicity and training of officers and staff",
                                    ],
                                    [
                                        "2.3",
                                        "Monitoring",
                                        "Integrated performance monitoring; performance published in the Annual Report",
                                    ],
                                    [
                                        "2.4",
                                        "Evaluation and review",
                                        "Internal and external evaluation, citizen satisfaction, revision of the charter",
                                    ],
                                ],
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "To whom is the Contact Officer for Citizen's Charter responsible?",
                                "options": [
                                    "The Deputy Commissioner of the district",
                                    "DARPG, Government of India",
                                    "The Principal Secretary or Head of the Organisation",
                                    "The State Core Group on Citizen's Charter",
                                ],
                                "correct": 2,
                                "explanation": 'The DARPG note: "Responsible to: Principal Secretary/ Head of the '
                                'Organisation".',
                            },
                        ),
                    ],
                },
                {
                    "slug": "task-force-composition",
                    "title": "Composition of the task force",
                    "minutes": 10,
                    "body": [
                        ("heading", "Everyone who gives or receives the service"),
                        (
                            "paragraph",
                            "<p>The Contact Officer forms a <b>Task Force</b> in the organisation to oversee "
                            "the formulation of the charter, and acts as its <b>Member Secretary</b> (para "
                            "2.1(a)). The task force brings together every level of the organisation and the "
                            "people it serves.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Task force composition (DARPG note, para 2.1(a))",
                                "header": ["Members from", "How many"],
                                "rows": [
                                    ["Top management", "1-2 representatives"],
                                    ["Middle management", "2-3 representatives"],
                                    ["Cutting-edge level staff", "2-3 representatives"],
                                    [
                                        "Staff associations or unions",
                                        "Representatives (no number given)",
                                    ],
                                    [
                                        "Citizens' or clients' associations, NGOs, consumer groups",
                                        "2-3 representatives",
                                    ],
                                    ["Contact Officer for Citizen's Charter", "Member Secretary"],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "title": "Why the counter and the citizen are in the room",
                                "body": "<p>Cutting-edge staff know what can really be delivered and how fast; "
                                "citizens' groups know what people need. The task force has 2-3 of each, as "
                                "many as middle management and more than top management.</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Who acts as Member Secretary of the task force?",
                                "options": [
                                    "The Minister in charge",
                                    "The Contact Officer for Citizen's Charter",
                                    "A representative of a consumer group",
                                ],
                                "correct": 1,
                                "explanation": "Para 2.1(a): the Contact Officer shall act as a Member Secretary "
                                "for the Task Force.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "How many representatives of cutting-edge level staff sit on the task force?",
                                "options": ["None", "1", "2-3", "Only through the staff union"],
                                "correct": 2,
                                "explanation": "Para 2.1(a)(iii): 2-3 representatives from cutting-edge level staff.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "task-force-duties",
                    "title": "The eight duties of the task force",
                    "minutes": 12,
                    "body": [
                        ("heading", "From a list of services to a published charter"),
                        (
                            "paragraph",
                            "<p>Para 2.1.1 of the DARPG note lists the task force's duties, in order:</p>"
                            "<ol><li>Identify all stakeholders or clients and the services or products "
                            "provided by the organisation, in consultation with officers, staff and client "
                            "representatives.</li>"
                            "<li>Determine the standards of outputs or services, in consultation with all "
                            "stakeholders and officers and staff, particularly at the cutting-edge level.</li>"
                            "<li>Prepare a draft charter and circulate it among clients and stakeholders, "
                            "management levels and staff for comments and suggestions.</li>"
                            "<li>Modify the draft charter to include the suggestions.</li>"
                            "<li>Submit the draft for consideration by the State's <b>Core Group on Citizen's "
                            "Charter</b>, liaising with the State's Nodal Officer for Citizen's Charter.</li>"
                            "<li>Modify the draft on the basis of the Core Group's suggestions and "
                            "observations.</li>"
                            "<li>Seek the approval of the <b>Minister in charge</b>.</li>"
                            "<li>Issue, release and publish the charter in the public domain.</li></ol>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "Two rounds of revision before approval",
                                "body": "<p>The draft is modified twice: first on the comments of clients, "
                                "stakeholders and staff (duty iv), then on the Core Group's observations (duty "
                                "vi). Only then is the Minister in charge asked to approve it (duty vii), and "
                                "only after approval is it published (duty viii).</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "What comes immediately after the draft is modified on the Core "
                                "Group's observations?",
                                "options": [
                                    "Circulating the draft among staff for comments",
                                    "Identifying stakeholders and services",
                                    "Seeking the approval of the Minister in charge",
                                    "Setting up the performance monitoring system",
                                ],
                                "correct": 2,
                                "explanation": "Duty (vi) is modification on the Core Group's observations; duty "
                                "(vii) is seeking the approval of the Minister in charge.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "To whom does the task force submit its draft charter for consideration?",
                                "options": [
                                    "The Core Group on Citizen's Charter of the State",
                                    "The Bureau of Indian Standards",
                                    "The Right to Service Commission",
                                ],
                                "correct": 0,
                                "explanation": "Duty (v): submission of the draft charter for consideration by the "
                                "'Core Group on Citizen's Charter' of the State, liaising with the Nodal Officer.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "implement-monitor-evaluate",
            "title": "Implementing, monitoring and reviewing the charter",
            "intro": "What the Contact Officer must do after the charter is published.",
            "lessons": [
                {
                    "slug": "implementation",
                    "title": "Implementation: publicity and training",
                    "minutes": 10,
                    "body": [
                        ("heading", "A charter nobody knows about helps nobody"),
                        (
                            "paragraph",
                            "<p>Para 2.2 of the DARPG note gives two implementation duties:</p>"
                            "<ul><li><b>Wide publicity:</b> conduct awareness campaigns, put the charter on the "
                            "department's website, and send copies to people's representatives and to all "
                            "stakeholders and their representative associations.</li>"
                            "<li><b>Training:</b> organise training programmes and workshops for the "
                            "orientation and motivation of officers and staff, aligning the workforce to the "
                            "commitments made in the charter, so that it is properly implemented.</li></ul>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "case_study",
                                "title": "How Bihar's municipalities roll out their charter",
                                "body": "<p>The Bihar charter's roll-out plan puts these duties into steps:</p>"
                                "<ol><li>The Urban Development and Housing Department agrees in principle on the "
                                "charter and service level benchmarks.</li>"
                                "<li>All ULBs are directed to pass a board resolution adopting the charter and "
                                "setting a timeline for the benchmarks.</li>"
                                "<li>ULBs publicise the charter, e.g. on bill boards at their office building and "
                                "on their websites.</li>"
                                "<li>Each ULB sets up a single window or Facilitation Centre for requests and "
                                "complaints on all working days, online as well.</li>"
                                "<li>Citizens are given an acknowledgement.</li>"
                                "<li>The ULB delivers the service within the charter's timeline.</li></ol>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Which of these is an implementation duty under para 2.2 of the DARPG note?",
                                "options": [
                                    "Seeking the approval of the Minister in charge",
                                    "Organising training and workshops to align staff to the charter's commitments",
                                    "Submitting the draft to the Core Group",
                                ],
                                "correct": 1,
                                "explanation": "Para 2.2 covers wide publicity and training; the other two are "
                                "formulation duties of the task force (2.1.1).",
                            },
                        ),
                    ],
                },
                {
                    "slug": "monitoring-and-evaluation",
                    "title": "Monitoring, evaluation and review",
                    "minutes": 12,
                    "body": [
                        ("heading", "Measure, publish, evaluate, revise"),
                        (
                            "table",
                            {
                                "caption": "Monitoring and evaluation duties of the Contact Officer (DARPG note, 2.3 and 2.4)",
                                "header": ["Para", "Duty", "Reported or published to"],
                                "rows": [
                                    [
                                        "2.3.1",
                                        "Set up an Integrated Performance Monitoring System; monitor performance against the charter regularly",
                                        "Head of the Department kept informed",
                                    ],
                                    [
                                        "2.3.2",
                                        "Publish performance data against the charter's commitments",
                                        "Annual Report, and shared with citizens through appropriate media",
                                    ],
                                    [
                                        "2.4.1",
                                        "Arrange regular internal and external evaluation, and assess citizens' level of satisfaction",
                                        "Head of the Department or Organisation, regularly",
                                    ],
                                    [
                                        "2.4.2",
                                        "Review and revise the charter on the basis of feedback, assessment and evaluation",
                                        "-",
                                    ],
                                    [
                                        "2.4.3",
                                        "Make charter activities part of the organisation's Annual Action Plan",
                                        "Annual Action Plan",
                                    ],
                                    [
                                        "2.4.4",
                                        "Include all the year's charter activities in the Annual Report",
                                        "Annual Report",
                                    ],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "A charter is never finished",
                                "body": "<p>Evaluation feeds revision: that is the seventh Sevottam step, "
                                "continuous improvement. The Bihar charter's way forward says the same: charters "
                                "need regular updating to include more services and optimise timelines, and "
                                "should give special consideration to senior citizens and the disabled.</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Where must performance data against the charter be published?",
                                "options": [
                                    "Nowhere: it is for internal use only",
                                    "Only in the task force's minutes",
                                    "In the organisation's Annual Report, and shared with citizens through appropriate media",
                                ],
                                "correct": 2,
                                "explanation": "Para 2.3.2 of the DARPG note.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "What kind of evaluation of the charter does para 2.4.1 ask for?",
                                "options": [
                                    "Regular internal and external evaluation, with an assessment of citizen satisfaction",
                                    "Internal evaluation only, once every five years",
                                    "No evaluation: monitoring is enough",
                                ],
                                "correct": 0,
                                "explanation": "Para 2.4.1: regular internal and external evaluation, and assessment "
                                "of the level of satisfaction among citizens or clients.",
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}


# ---------------------------------------------------------------------------------------
# Course 2. Grievance Redress Mechanism (HIPA Sevottam Cell brochure (2024), Haryana CM Window SOP (March 2024), J&K CM's Public Services and Outreach Office order (Dec 2024), CPGRAMS guidelines 2024)
# ---------------------------------------------------------------------------------------
GRIEVANCE_REDRESS = {
    "slug": "grievance-redress",
    "title": "Grievance Redress Mechanism: Sevottam steps, CM Window SOP and CPGRAMS",
    "topic": "grievance-redress",
    "summary": "What a grievance is, the seven Sevottam steps of grievance redress, Haryana's CM Window "
    "SOP of March 2024 and the CPGRAMS rules of 2024, with the Jammu and Kashmir CMPSO and Samadhan portal for comparison.",
    "objectives": [
        "Define a grievance and a grievance redress mechanism",
        "Apply the seven Sevottam steps of grievance redress in an office",
        "Handle a CM Window grievance as the March 2024 SOP requires, including RTS deficiencies and citizens who never applied",
        "Submit an Action Taken Report that survives Call Centre feedback, and know when a case is remanded",
        'Meet the CPGRAMS time limits: 21-day disposal, interim reply, transfer instead of "does not pertain", 30-day appeals',
        "Compare Haryana's arrangements with the CMPSO and Samadhan portal of Jammu and Kashmir",
    ],
    "target_levels": ["top", "middle", "cutting_edge"],
    "duration_hours": 8,
    "language": "en",
    "self_enrol": True,
    "modules": [
        {
            "slug": "grievance-basics",
            "title": "Grievances and the seven steps",
            "intro": "What a grievance is and the Sevottam model for redressing it.",
            "lessons": [
                {
                    "slug": "what-is-a-grievance",
                    "title": "What is a grievance?",
                    "minutes": 8,
                    "body": [
                        ("heading", "A protest against the denial of the due"),
                        (
                            "paragraph",
                            "<p>The HIPA Sevottam brochure defines a <b>grievance</b> as an indignation or "
                            "resentment arising out of a feeling of being wronged. It is an expression of "
                            "dissatisfaction made to an organisation related to its services, and includes "
                            "complaints by service recipients against the non-delivery of services in a "
                            "standardised manner. It is a protest against the denial of the due. Many a time it "
                            "results in contempt against the service provider, and sometimes it leads to "
                            "social unrest.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>A <b>Grievance Redress Mechanism</b> is a process set up by the organisation to:</p>"
                            "<ul><li>receive,</li><li>record,</li><li>investigate,</li><li>redress,</li>"
                            "<li>analyse,</li><li>prevent, or take any appropriate action</li></ul>"
                            "<p>in respect of grievances lodged against it.</p>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "title": "The priority, in the leaders' words",
                                "body": '<p>"Grievance Redressal is the essential component of Democracy. Break '
                                'silos, rise above hierarchies, redress grievances with human touch." (Narendra '
                                "Modi, PM)</p><p>\"Public Grievance Redressal is our priority. Citizen's "
                                'Satisfaction is our motto." (Nayab Singh Saini, CM)</p>',
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Which of these is NOT part of the brochure's definition of a grievance "
                                "redress mechanism?",
                                "options": [
                                    "Receive and record grievances",
                                    "Investigate and redress grievances",
                                    "Return grievances to the citizen unread",
                                    "Analyse grievances and prevent them",
                                ],
                                "correct": 2,
                                "explanation": "The mechanism receives, records, investigates, redresses, analyses, "
                                "prevents or takes appropriate action (HIPA Sevottam Cell brochure, 2024).",
                            },
                        ),
                    ],
                },
                {
                    "slug": "seven-steps-grm",
                    "title": "Seven steps to grievance redress",
                    "minutes": 12,
                    "body": [
                        ("heading", "The Sevottam model for grievance redress"),
                        (
                            "paragraph",
                            "<p>The seven steps to a grievance redress system in Sevottam are: a system of "
                            "<b>receipt</b> of grievances; its <b>wide publicity</b>; <b>timely "
                            "acknowledgement</b>; <b>redressal</b>; <b>communication of action taken</b>; a "
                            "<b>platform for appeal</b>; and <b>analysis of grievance-prone areas</b> for "
                            "improvements. The table shows how the systems you will meet in this course put "
                            "each step into practice.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "The seven steps of grievance redress and where you see them",
                                "header": ["Step", "In practice"],
                                "rows": [
                                    [
                                        "1. System of receipt",
                                        "CPGRAMS takes grievances online, by post or through a Common Service Centre; Bihar's ULBs run a single window or Facilitation Centre and a CGRC call centre",
                                    ],
                                    [
                                        "2. Wide publicity",
                                        "The charter states the grievance mechanism and how to access it; Bihar ULBs display the charter on bill boards and websites",
                                    ],
                                    [
                                        "3. Timely acknowledgement",
                                        "CPGRAMS acknowledges each grievance with a unique registration number; Bihar ULBs acknowledge every complaint",
                                    ],
                                    [
                                        "4. Redressal",
                                        "CPGRAMS: disposal within 21 days, or an interim reply with reasons and the expected time",
                                    ],
                                    [
                                        "5. Communication of action taken",
                                        "CM Window: the Action Taken Report goes to the immediate senior and the Call Centre; CPGRAMS: disposal sent by SMS or email",
                                    ],
                                    [
                                        "6. Platform for appeal",
                                        "CPGRAMS appellate officers decide appeals within 30 days; Haryana RTS: Auto Appeal System to the first and second grievance redressal authorities",
                                    ],
                                    [
                                        "7. Analysis of grievance-prone areas",
                                        'CM Window: every grievance categorised, "Others" near zero; CPGRAMS nodal officers do root-cause analysis',
                                    ],
                                ],
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "A citizen is not satisfied with the reply to a grievance. Which of the "
                                "seven steps gives the citizen a way forward?",
                                "options": [
                                    "Timely acknowledgement",
                                    "Wide publicity",
                                    "Platform for appeal",
                                    "System of receipt",
                                ],
                                "correct": 2,
                                "explanation": "Step 6, platform for appeal (HIPA Sevottam Cell brochure, 2024).",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "The CM Window rule that every grievance must be put in a category "
                                "mainly serves which step?",
                                "options": [
                                    "Analysis of grievance-prone areas for improvements",
                                    "Timely acknowledgement",
                                    "Communication of action taken",
                                ],
                                "correct": 0,
                                "explanation": "The SOP says categorisation enables a systematic approach to pain "
                                "points and policy changes: that is step 7.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "cm-window-sop",
            "title": "Haryana CM Window SOP (March 2024)",
            "intro": "The rules every department must follow on grievances received through the CM Window portal.",
            "lessons": [
                {
                    "slug": "sop-and-categorisation",
                    "title": "The 2024 SOP and categorisation of grievances",
                    "minutes": 10,
                    "body": [
                        ("heading", "New SOPs for the CM Window"),
                        (
                            "paragraph",
                            "<p>In March 2024 the Haryana Government introduced new Standard Operating "
                            "Procedures for grievances registered on the CM Window portal. The Advisor to the "
                            "Chief Minister, CM Window, wrote to all Administrative Secretaries and Deputy "
                            "Commissioners. The SOP makes four changes:</p>"
                            "<ol><li>Grievances about deficiencies in services notified under the Haryana Right "
                            "to Service Act, 2014 go to the <b>Auto Appeal System</b>.</li>"
                            "<li>A citizen who never applied for the service is helped to apply; the grievance "
                            "is never returned for that reason.</li>"
                            "<li>The Action Taken Report (ATR) goes to the Call Centre as well as the immediate "
                            "senior, and a contradiction with the citizen's feedback leads to remand.</li>"
                            "<li>Every grievance must be <b>categorised</b>.</li></ol>",
                        ),
                        (
                            "paragraph",
                            "<p><b>Why categorise?</b> Classification enables a systematic approach to the "
                            "specific pain points found in grievances, and helps to change policy where "
                            "needed. If a large number of grievances about a particular policy or scheme are "
                            "received, the department may have to amend that policy so that citizens' "
                            "grievances are minimised.</p>"
                            '<p>Grievances under the <b>"Others"</b> category should ideally be reduced to '
                            "zero, or to the bare minimum. To make this possible, <b>Administrative Secretaries "
                            "have been empowered to create their own categories</b> in their departments' "
                            "accounts.</p>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "case_study",
                                "title": 'When "Others" keeps growing',
                                "body": "<p>An officer finds that many grievances about one scheme are being filed "
                                'under "Others" because no category fits. The right response is not to keep '
                                'using "Others" but to ask the Administrative Secretary to create a category. '
                                "Once counted, the volume on that scheme becomes visible and can lead to a "
                                "change in the policy.</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Under the March 2024 SOP, what share of CM Window grievances should be "
                                'in the "Others" category?',
                                "options": [
                                    "About a fifth",
                                    "Ideally zero, or the bare minimum",
                                    "Whatever the officer finds convenient",
                                ],
                                "correct": 1,
                                "explanation": 'Haryana CM Window SOP (March 2024): grievances under "Others" should ideally be reduced to '
                                "zero or brought down to the bare minimum.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Who has been empowered to create new grievance categories for a department?",
                                "options": [
                                    "The citizen filing the grievance",
                                    "The Call Centre",
                                    "The Deputy Commissioner",
                                    "The department's Administrative Secretary",
                                ],
                                "correct": 3,
                                "explanation": "Haryana CM Window SOP (March 2024): Administrative Secretaries have been empowered to create "
                                "their own categories in their respective accounts.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "rts-grievances-and-aas",
                    "title": "Right to Service grievances and the Auto Appeal System",
                    "minutes": 12,
                    "body": [
                        ("heading", "From the CM Window to the designated officer"),
                        (
                            "paragraph",
                            "<p>The CM grievances portal has been integrated with the <b>Auto Appeal System "
                            "(AAS)</b>. Every grievance about a deficiency in a service notified under the "
                            "Haryana Right to Service Act, 2014 is promptly forwarded to the AAS. It then "
                            "appears in the user account of the department's <b>nodal officer</b>, who forwards "
                            "it to the <b>designated officer</b> of the AAS.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "An RTS service-deficiency grievance under the March 2024 SOP",
                                "header": ["Step", "Who", "What must happen"],
                                "rows": [
                                    [
                                        "1",
                                        "CM Window portal",
                                        "Forwards the grievance to the Auto Appeal System",
                                    ],
                                    [
                                        "2",
                                        "Department's nodal officer",
                                        "Sees it in the user account and forwards it to the designated officer",
                                    ],
                                    [
                                        "3",
                                        "Designated officer",
                                        "Takes up the grievance and checks whether the citizen applied for the service through the proper channel",
                                    ],
                                    [
                                        "4",
                                        "Designated officer (nodal officer ensures it)",
                                        "If the citizen never applied: calls the citizen and helps them apply through the proper channel within 30 days of receiving the grievance",
                                    ],
                                    [
                                        "5",
                                        "Designated officer",
                                        "Once the service is applied for, uploads an interim reply with the details of the application",
                                    ],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": 'Never return it for "not applied"',
                                "body": "<p>No officer or official is permitted to return a grievance to the CM "
                                "Office or to the Auto Appeal System on the ground that the citizen has not "
                                "applied for the service. The officer's job is to get the application made.</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "A CM Window grievance says a service notified under the RTS Act was "
                                "never delivered. The designated officer finds the citizen never applied. What "
                                "does the SOP require?",
                                "options": [
                                    "Return the grievance to the CM Office: the citizen did not apply",
                                    "Call the citizen, help them apply within 30 days, then upload an interim reply with the application details",
                                    "Close the grievance and advise the citizen to visit the office",
                                    "Transfer the grievance to the Call Centre",
                                ],
                                "correct": 1,
                                "explanation": "Haryana CM Window SOP (March 2024): facilitate the application "
                                "within 30 days of receipt of the grievance and upload an interim reply; "
                                "returning it for non-application is not permitted.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "atr-feedback-remand",
                    "title": "Action Taken Report, Call Centre feedback and remand",
                    "minutes": 10,
                    "body": [
                        ("heading", "Read the citizen's feedback before you send the ATR"),
                        (
                            "paragraph",
                            "<p>The ATR uploaded by the officer who has taken up the grievance is forwarded at "
                            "once to the <b>Call Centre</b>, as well as to the <b>immediate senior officer</b>. "
                            "The Call Centre's feedback recordings and remarks are therefore available to the "
                            "Administrative Secretary and all officials <b>before</b> the ATR is submitted to "
                            "the CM Office.</p>"
                            "<p>If the department says the grievance is resolved but the citizen's feedback to "
                            "the Call Centre shows that the desired resolution has not been achieved, the "
                            "<b>Administrative Secretary remands</b> the case to the designated official of the "
                            "department for clarification. This is built into the portal.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "The ATR's path under the March 2024 SOP",
                                "header": ["Stage", "What happens"],
                                "rows": [
                                    [
                                        "Officer uploads ATR",
                                        "Forwarded to the immediate senior officer and to the Call Centre",
                                    ],
                                    [
                                        "Call Centre",
                                        "Records the citizen's feedback and remarks, visible to all officials",
                                    ],
                                    [
                                        "Each official in the hierarchy",
                                        "Goes through the citizen's feedback before sending the ATR to the senior officer",
                                    ],
                                    [
                                        "Feedback contradicts the ATR",
                                        "Administrative Secretary remands the case to the designated official for clarification",
                                    ],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "title": "Other directions on CM Window complaints",
                                "body": "<p>The Chief Minister has also directed that a complaint against an "
                                "officer should go to a senior officer, and that corruption cases may go to "
                                "Vigilance. Officials face action where nothing has been done on complaints "
                                "pending for more than 120 days.</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": 'The ATR says "resolved", but the citizen tells the Call Centre that '
                                "nothing was done. What follows under the SOP?",
                                "options": [
                                    "The grievance is closed anyway, since the ATR was filed",
                                    "The Administrative Secretary remands the case to the designated official for clarification",
                                    "The citizen must file a fresh grievance",
                                ],
                                "correct": 1,
                                "explanation": "Haryana CM Window SOP (March 2024): in case of contradiction between the department's "
                                "assertion of resolution and the citizen's feedback, the case is remanded by the "
                                "Administrative Secretary.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "cpgrams",
            "title": "CPGRAMS: the national grievance portal",
            "intro": "How CPGRAMS handles a grievance, the 2024 time limits, transfers and what is out of scope.",
            "lessons": [
                {
                    "slug": "cpgrams-lifecycle",
                    "title": "A grievance's life on CPGRAMS",
                    "minutes": 10,
                    "body": [
                        ("heading", "From lodging to closure"),
                        (
                            "paragraph",
                            "<p>CPGRAMS is DARPG's Centralised Public Grievance Redress and Monitoring System. A "
                            "grievance's path:</p>"
                            "<ol><li><b>Lodged</b> online, by post or through a Common Service Centre (CSC).</li>"
                            "<li><b>Acknowledged</b> with a unique registration number, for example "
                            "<i>PMOPG/E/2022/00569921</i> or <i>DOSEL/E/2023/0000147</i>: organisation, letter, "
                            "year, sequence.</li>"
                            "<li>The office <b>forwards</b> it to a subordinate office or takes it up itself; "
                            "subordinate offices send their ATRs upward.</li>"
                            "<li>The system generates the <b>acknowledgement, interim and final reply</b> "
                            "letters.</li>"
                            "<li>The disposal is sent to the citizen by <b>SMS or email</b>, followed by a "
                            "<b>feedback call</b> from the call centre.</li>"
                            '<li>A <b>"Poor"</b> rating enables the citizen to <b>appeal</b>.</li></ol>',
                        ),
                        (
                            "paragraph",
                            "<p><b>When is a grievance closed?</b> Under the 2022 office memorandum, a disposed "
                            "grievance counts as closed unless it is appealed; if it is appealed, it closes when "
                            "the appeal is disposed of.</p>",
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": 'On CPGRAMS, what does a "Poor" feedback rating allow the citizen to do?',
                                "options": [
                                    "Nothing: the grievance is already closed",
                                    "Appeal",
                                    "Transfer the grievance to another State",
                                ],
                                "correct": 1,
                                "explanation": 'CPGRAMS: a "Poor" rating enables an appeal.',
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "A CPGRAMS grievance has been disposed of and the citizen has appealed. "
                                "When does it count as closed?",
                                "options": [
                                    "When the appeal is disposed of",
                                    "On the day of the first disposal",
                                    "After 21 days, whatever happens",
                                ],
                                "correct": 0,
                                "explanation": "2022 OM: closed unless appealed; if appealed, closed when the appeal "
                                "is disposed of.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "cpgrams-2024-guidelines",
                    "title": "The 2024 guidelines: 21 days and the interim reply",
                    "minutes": 12,
                    "body": [
                        ("heading", "Comprehensive guidelines of 23 August 2024"),
                        (
                            "table",
                            {
                                "caption": "CPGRAMS rules under DARPG's office memorandum of 23.08.2024",
                                "header": ["Rule", "What it requires"],
                                "rows": [
                                    [
                                        "Disposal",
                                        "Within 21 days (30 days from 2022; 45 days before that)",
                                    ],
                                    [
                                        "If disposal will take longer",
                                        "An interim reply giving the reason and the expected time",
                                    ],
                                    [
                                        "Wrong office",
                                        'Never close as "does not pertain to this Ministry/Department/Office"; transfer it to the right authority',
                                    ],
                                    [
                                        "Appeals",
                                        "Appellate officers dispose of appeals within 30 days",
                                    ],
                                    [
                                        "After disposal",
                                        "Disposal sent by SMS or email, followed by a feedback call from the call centre",
                                    ],
                                ],
                            },
                        ),
                        (
                            "paragraph",
                            "<p><b>Nodal officers</b> under the guidelines:</p>"
                            "<ul><li>categorise grievances,</li><li>monitor pendency,</li>"
                            "<li>review feedback,</li><li>do root-cause analysis, and</li>"
                            "<li>supervise the Grievance Redress Officers (GROs).</li></ul>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": '"Does not pertain" is not a disposal',
                                "body": "<p>A grievance that belongs to another Ministry, Department or State is "
                                '<b>transferred</b> to the right authority, with reasons. Closing it as "does '
                                'not pertain" leaves the citizen with nowhere to go and is not allowed.</p>',
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Within how many days must a CPGRAMS grievance be disposed of under the "
                                "2024 guidelines?",
                                "options": ["45", "30", "21", "15"],
                                "correct": 2,
                                "explanation": "21 days since the OM of 23.08.2024; it was 30 days from 2022 and 45 "
                                "days before that.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "A repair needs sanction and will take longer than the disposal time "
                                "limit. What should the officer do?",
                                "options": [
                                    "Send an interim reply with the reason and the expected time",
                                    'Close the grievance as "does not pertain"',
                                    "Wait silently until the repair is done",
                                ],
                                "correct": 0,
                                "explanation": "2024 guidelines: if disposal will take longer, an interim reply with "
                                "the reason and the expected time.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "transfers-and-scope",
                    "title": "Transfers, multiple offices and what CPGRAMS does not cover",
                    "minutes": 10,
                    "body": [
                        ("heading", "Transfer rules (CPGRAMS 6.0)"),
                        (
                            "table",
                            {
                                "caption": "Transfer and closure rules in CPGRAMS 6.0",
                                "header": ["Rule", "Limit"],
                                "rows": [
                                    [
                                        "Transfer of a grievance lodged directly with an office to another Ministry, Department or State",
                                        "At most 3 times",
                                    ],
                                    [
                                        'Forwarding in "taken-up" mode',
                                        "Up to 5 offices at once; only the forwarding office can close it",
                                    ],
                                    ["Similar cases", "Can be closed in bulk"],
                                    ["Editing the final reply", "Within 3 days of closure"],
                                ],
                            },
                        ),
                        (
                            "paragraph",
                            "<p><b>Out of scope.</b> CPGRAMS does not take up:</p>"
                            "<ul><li>RTI matters;</li><li>sub-judice or court matters;</li>"
                            "<li>religious matters;</li><li>suggestions;</li>"
                            "<li>personal or family disputes;</li>"
                            "<li>government employees' service matters, unless departmental channels have been "
                            "exhausted (DoPT OM of 31.08.2015).</li></ul>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "case_study",
                                "title": "A land dispute pending in court",
                                "body": "<p>A citizen complains about a land dispute that is pending before a "
                                "court. This is a sub-judice matter and out of scope. The officer closes it as "
                                "such, quoting the case reference and telling the citizen the remedy, rather "
                                'than writing "does not pertain".</p>',
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Which of these is outside the scope of CPGRAMS?",
                                "options": [
                                    "A delay in releasing a pension",
                                    "An RTI application",
                                    "A delay in a new water connection",
                                ],
                                "correct": 1,
                                "explanation": "RTI matters are out of scope, along with sub-judice, religious "
                                "matters, suggestions, personal or family disputes and unexhausted service matters.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "How many times can a grievance lodged directly with an office be "
                                "transferred to another Ministry, Department or State?",
                                "options": [
                                    "Once",
                                    "At most 3 times",
                                    "At most 5 times",
                                    "Without limit",
                                ],
                                "correct": 1,
                                "explanation": "CPGRAMS 6.0: at most 3 transfers. The figure 5 is the number of "
                                "offices a grievance can be forwarded to at once in taken-up mode.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "comparison-and-analysis",
            "title": "Another model, and learning from grievances",
            "intro": "The CMPSO and Samadhan portal of Jammu and Kashmir compared with Haryana and CPGRAMS, and the analysis of grievance-prone areas.",
            "lessons": [
                {
                    "slug": "jk-cmpso-samadhan",
                    "title": "Jammu and Kashmir: the CMPSO and the Samadhan portal",
                    "minutes": 10,
                    "body": [
                        ("heading", "Chief Minister's Public Services and Outreach Office"),
                        (
                            "paragraph",
                            "<p>By Government Order No. 2030-JK(GAD) of 2024, issued on 5 December 2024, Jammu "
                            "and Kashmir set up the <b>Chief Minister's Public Services and Outreach Office "
                            "(CMPSO)</b> under the Chief Minister's Secretariat. It has two wings, each led by "
                            "an officer of the rank of Special Secretary or Additional Secretary:</p>"
                            "<ol><li><b>Grievance Redressal Wing (Raabita):</b> prompt resolution of public "
                            "grievances, and oversight of how district and regional offices handle "
                            "complaints.</li>"
                            "<li><b>Public Outreach and Evaluation-cum-Feedback Wing:</b> outreach programmes, "
                            "monitoring of the <b>Public Services Guarantee Act (PSGA)</b>, feedback on "
                            "governance and service delivery, evaluation of government initiatives and "
                            "recommendations based on citizen input.</li></ol>"
                            "<p>Grievances are registered, tracked and resolved on an upgraded <b>Samadhan "
                            "portal</b>, managed by the Information Technology Department, which also escalates "
                            "unresolved issues to higher authorities. The IT Department was given 15 days to "
                            "integrate Raabita's grievance handling into Samadhan. Feedback is collected both "
                            "online (portals, social media, helplines) and offline (public interactions and "
                            "district-level meetings).</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Three grievance systems side by side",
                                "header": [
                                    "Feature",
                                    "Haryana CM Window (SOP 2024)",
                                    "CPGRAMS (2024 guidelines)",
                                    "Jammu and Kashmir CMPSO (2024)",
                                ],
                                "rows": [
                                    [
                                        "Portal",
                                        "CM Window portal, integrated with the Auto Appeal System",
                                        "CPGRAMS",
                                        "Upgraded Samadhan portal",
                                    ],
                                    [
                                        "Routing",
                                        "RTS deficiencies: AAS, then nodal officer, then designated officer",
                                        "Forward to subordinate offices; transfer to the right authority (at most 3 times)",
                                        "Grievance Redressal Wing oversees district and regional offices",
                                    ],
                                    [
                                        "Feedback",
                                        "Call Centre feedback seen before the ATR; remand if it contradicts the ATR",
                                        "Call-centre feedback call after disposal",
                                        "Online and offline feedback through the Outreach and Feedback Wing",
                                    ],
                                    [
                                        "Appeal or escalation",
                                        "RTS: Auto Appeal System",
                                        "Appellate officer decides within 30 days",
                                        "Samadhan escalates unresolved grievances to higher authorities",
                                    ],
                                ],
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Which wing of the Jammu and Kashmir CMPSO monitors the Public Services Guarantee Act?",
                                "options": [
                                    "The Grievance Redressal Wing (Raabita)",
                                    "The Public Outreach and Evaluation-cum-Feedback Wing",
                                    "The Information Technology Department",
                                ],
                                "correct": 1,
                                "explanation": "J&K CM's Public Services and Outreach Office order (Dec 2024): the Public Outreach and Evaluation-cum-Feedback Wing "
                                "monitors the implementation of the PSGA.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "analysing-grievances",
                    "title": "Analysis of grievance-prone areas",
                    "minutes": 10,
                    "body": [
                        ("heading", "Step 7: learn from every grievance"),
                        (
                            "paragraph",
                            "<p>The last Sevottam step turns complaints into improvements. Each system you have "
                            "studied builds it in:</p>"
                            '<ul><li><b>CM Window:</b> mandatory categorisation, "Others" near zero, and '
                            "policy changes where many grievances concern one scheme.</li>"
                            "<li><b>CPGRAMS:</b> nodal officers monitor pendency, review feedback and do "
                            "root-cause analysis.</li>"
                            "<li><b>J&amp;K CMPSO:</b> feedback-based evaluation of government initiatives and "
                            "recommendations for improvement.</li>"
                            "<li><b>HIPA Sevottam Cell:</b> one of its objectives is to identify key problem "
                            "areas and give suggestions for the prevention of grievances.</li></ul>",
                        ),
                        (
                            "paragraph",
                            "<p><b>GRAI.</b> DARPG's Grievance Redressal Assessment and Index ranks Ministries "
                            "on four dimensions: <b>Efficiency, Feedback, Domain and Organisational "
                            "Commitment</b> (12 indicators in 2022, 11 in 2023), with scores from 0 to 100. "
                            "Ministries are grouped by volume: A above 10,000 grievances, B 2,000 to 9,999, C "
                            "below 2,000.</p>",
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Which of these is NOT one of the four GRAI dimensions?",
                                "options": [
                                    "Efficiency",
                                    "Feedback",
                                    "Organisational Commitment",
                                    "Number of staff",
                                ],
                                "correct": 3,
                                "explanation": "The four dimensions are Efficiency, Feedback, Domain and "
                                "Organisational Commitment.",
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}


# ---------------------------------------------------------------------------------------
# Course 3. Right to Service (Haryana RTS Act 2014, Haryana CM Window SOP (March 2024), HIPA Sevottam Cell brochure (2024))
# ---------------------------------------------------------------------------------------
RIGHT_TO_SERVICE = {
    "slug": "right-to-service",
    "title": "Right to Service: the Haryana RTS Act and the Auto Appeal System",
    "topic": "right-to-service",
    "summary": "The Haryana Right to Service Act, 2014: notified services with time limits, the designated "
    "officer, the first and second grievance redressal authorities, the Auto Appeal System and the Right "
    "to Service Commission.",
    "objectives": [
        "Explain what the designated officer must do for a notified service, and from when the time limit runs",
        "Trace an appeal from the First to the Second Grievance Redressal Authority and on to the Commission",
        "Explain how the Auto Appeal System files and moves appeals without the citizen",
        "State the Commission's powers on penalty and compensation",
        "Handle RTS grievances that arrive through the CM Window as the 2024 SOP requires",
    ],
    "target_levels": ["top", "middle", "cutting_edge"],
    "duration_hours": 4,
    "language": "en",
    "self_enrol": True,
    "modules": [
        {
            "slug": "the-act",
            "title": "The Act and its officers",
            "intro": "Who is answerable for a notified service, and for what.",
            "lessons": [
                {
                    "slug": "rts-at-a-glance",
                    "title": "The Right to Service Act at a glance",
                    "minutes": 10,
                    "body": [
                        ("heading", "A legal right to a service on time"),
                        (
                            "paragraph",
                            "<p>Under the <b>Haryana Right to Service Act, 2014</b>, services are "
                            "<b>notified</b> with time limits. For each notified service the Act provides a "
                            "chain of officers who answer for it, an appeal route, and a Commission. Since 2021 "
                            "appeals on missed deadlines are filed automatically by the <b>Auto Appeal System "
                            "(AAS)</b>.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Who does what under the Haryana RTS Act",
                                "header": ["Authority", "Role", "Time"],
                                "rows": [
                                    [
                                        "Designated Officer (DO)",
                                        "Delivers the notified service, or rejects the application in writing with reasons",
                                        "The notified time limit, counted from a complete application",
                                    ],
                                    [
                                        "First Grievance Redressal Authority (FGRA)",
                                        "First appeal",
                                        "Decides within 30 working days",
                                    ],
                                    [
                                        "Second Grievance Redressal Authority (SGRA)",
                                        "Second appeal; can impose penalties",
                                        "Decides within 30 working days",
                                    ],
                                    [
                                        "Auto Appeal System (AAS)",
                                        "Files an appeal automatically when a due date is breached, and moves it up",
                                        "In use since 1 September 2021",
                                    ],
                                    [
                                        "Right to Service Commission",
                                        "Penalty up to Rs 20,000, compensation up to Rs 5,000, action on its own motion",
                                        "-",
                                    ],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "title": "Part of every Sevottam training",
                                "body": "<p>HIPA's Sevottam training acquaints officers with the provisions of "
                                "the Right to Service Act and the functioning of the Right to Service "
                                "Commission, with special emphasis on implementation. Jammu and Kashmir's "
                                "equivalent law is the Public Services Guarantee Act (PSGA).</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Who must deliver a notified service under the Haryana RTS Act?",
                                "options": [
                                    "The First Grievance Redressal Authority",
                                    "The Right to Service Commission",
                                    "The Designated Officer",
                                    "The Call Centre",
                                ],
                                "correct": 2,
                                "explanation": "The Designated Officer delivers the service, or rejects the "
                                "application in writing with reasons, within the notified time.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "designated-officer",
                    "title": "The designated officer's duty",
                    "minutes": 10,
                    "body": [
                        ("heading", "Deliver, or reject in writing with reasons, on time"),
                        (
                            "paragraph",
                            "<p>The Designated Officer (DO) must, within the notified time limit:</p>"
                            "<ul><li><b>deliver</b> the service, or</li>"
                            "<li><b>reject</b> the application <b>in writing, with reasons</b>.</li></ul>"
                            "<p>The time limit is counted from a <b>complete application</b>. Where a limit is "
                            "in working days, Sundays and gazetted holidays are not counted.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>The DO is also the officer who receives RTS grievances from the CM Window: the "
                            "portal forwards them to the AAS, where they appear with the department's nodal "
                            "officer, who forwards them to the DO. If the citizen never applied, the DO calls "
                            "the citizen, helps them apply within 30 days of receiving the grievance and "
                            "uploads an interim reply with the application details.</p>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "Silence is not an option",
                                "body": "<p>A DO who neither delivers nor rejects in writing before the due "
                                "date has breached it, and the Auto Appeal System files an appeal to the First "
                                "Grievance Redressal Authority.</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "A Designated Officer decides that an application cannot be accepted. "
                                "What must the DO do?",
                                "options": [
                                    "Keep the file pending until the citizen gives up",
                                    "Reject it in writing, with reasons, within the notified time limit",
                                    "Tell the citizen orally to reapply",
                                ],
                                "correct": 1,
                                "explanation": "The DO delivers, or rejects in writing with reasons, within the "
                                "notified time.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "From when is the RTS time limit counted?",
                                "options": [
                                    "From the citizen's first phone call",
                                    "From a complete application",
                                    "From the date the file reaches the DO's desk",
                                ],
                                "correct": 1,
                                "explanation": "The notified time is counted from a complete application.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "appeals-and-aas",
            "title": "Appeals and the Auto Appeal System",
            "intro": "The appeal ladder, and the software that climbs it when a deadline is missed.",
            "lessons": [
                {
                    "slug": "appeal-ladder",
                    "title": "The appeal ladder",
                    "minutes": 10,
                    "body": [
                        ("heading", "Two appeals, then the Commission"),
                        (
                            "table",
                            {
                                "caption": "Appeals under the Haryana RTS Act",
                                "header": ["Level", "Authority", "Decides within"],
                                "rows": [
                                    [
                                        "Service",
                                        "Designated Officer",
                                        "Notified time limit from a complete application",
                                    ],
                                    [
                                        "First appeal",
                                        "First Grievance Redressal Authority (FGRA)",
                                        "30 working days",
                                    ],
                                    [
                                        "Second appeal",
                                        "Second Grievance Redressal Authority (SGRA)",
                                        "30 working days",
                                    ],
                                    ["Beyond", "Right to Service Commission", "-"],
                                ],
                            },
                        ),
                        (
                            "paragraph",
                            "<p>Citizens can also appeal <b>manually</b>, for example through the SARAL "
                            'helpline, against a <b>rejection</b> or against an application "closed without '
                            'actual resolution".</p>',
                        ),
                        (
                            "callout",
                            {
                                "kind": "case_study",
                                "title": "The trainee as FGRA",
                                "body": "<p>An appeal reaches you as First Grievance Redressal Authority because a "
                                "DO missed a due date. You hear the DO and decide the appeal within 30 working "
                                "days, for example by directing that the service be delivered. If you do not, the appeal moves to the Second Grievance "
                                "Redressal Authority, which can impose a penalty.</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Within how long must the First Grievance Redressal Authority decide an appeal?",
                                "options": ["7 days", "21 days", "30 working days", "90 days"],
                                "correct": 2,
                                "explanation": "The FGRA and the SGRA each decide within 30 working days.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "auto-appeal-system",
                    "title": "How the Auto Appeal System works",
                    "minutes": 10,
                    "body": [
                        ("heading", "Appeals that file themselves"),
                        (
                            "paragraph",
                            "<p>The <b>Auto Appeal System (AAS)</b> has been in use since <b>1 September "
                            "2021</b>. The citizen does not have to file anything when a deadline is "
                            "missed:</p>"
                            "<ol><li>The RTS due date for a service is breached.</li>"
                            "<li>The AAS files an appeal automatically to the First Grievance Redressal "
                            "Authority.</li>"
                            "<li>If the FGRA does not dispose of it within 30 working days, it moves to the "
                            "Second Grievance Redressal Authority.</li>"
                            "<li>If still not disposed of, it moves to the Right to Service Commission.</li></ol>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Auto Appeal System: the automatic path",
                                "header": ["Trigger", "Goes to", "Time allowed there"],
                                "rows": [
                                    [
                                        "RTS due date breached",
                                        "First Grievance Redressal Authority",
                                        "30 working days",
                                    ],
                                    [
                                        "FGRA has not disposed of it in 30 working days",
                                        "Second Grievance Redressal Authority",
                                        "30 working days",
                                    ],
                                    [
                                        "SGRA has not disposed of it",
                                        "Right to Service Commission",
                                        "-",
                                    ],
                                ],
                            },
                        ),
                        (
                            "paragraph",
                            "<p>Since the CM Window SOP of March 2024, grievances about RTS service "
                            "deficiencies received on the CM Window are also forwarded to the AAS, and from "
                            "there to the department's nodal officer and the designated officer.</p>",
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Who files the first appeal when an RTS due date is breached?",
                                "options": [
                                    "The citizen must file it within 30 days",
                                    "The Designated Officer files it against himself",
                                    "The Auto Appeal System files it automatically to the FGRA",
                                ],
                                "correct": 2,
                                "explanation": "A breached due date files an automatic appeal to the First "
                                "Grievance Redressal Authority.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "When does the AAS move an appeal from the FGRA to the SGRA?",
                                "options": [
                                    "When the FGRA has not disposed of it within 30 working days",
                                    "Immediately, on the same day",
                                    "Only when the citizen asks",
                                ],
                                "correct": 0,
                                "explanation": "If undisposed in 30 working days it moves to the SGRA, and then to "
                                "the Commission.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "commission-and-practice",
            "title": "The Commission and RTS in daily work",
            "intro": "What the Commission can do, and the habits that keep an office out of appeals.",
            "lessons": [
                {
                    "slug": "rts-commission",
                    "title": "The Right to Service Commission",
                    "minutes": 8,
                    "body": [
                        ("heading", "Penalties and compensation"),
                        (
                            "table",
                            {
                                "caption": "Powers of the Haryana Right to Service Commission",
                                "header": ["Power", "Limit or basis"],
                                "rows": [
                                    ["Penalty on an officer", "Up to Rs 20,000"],
                                    ["Compensation to the citizen", "Up to Rs 5,000"],
                                    [
                                        "Action on its own motion (suo motu)",
                                        "Section 17 of the Act",
                                    ],
                                    ["Undue delay", "Covered by a 2025 amendment of the rules"],
                                ],
                            },
                        ),
                        (
                            "paragraph",
                            "<p>The Second Grievance Redressal Authority and the Commission can impose "
                            "penalties. Penalties are <b>recovered from the officer's salary</b>, and part of "
                            "the amount is paid to the citizen.</p>",
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "What is the maximum compensation the Commission can award to a citizen?",
                                "options": ["Rs 500", "Rs 5,000", "Rs 20,000", "Rs 50,000"],
                                "correct": 1,
                                "explanation": "Compensation up to Rs 5,000; the penalty on an officer can go up "
                                "to Rs 20,000.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "rts-daily-practice",
                    "title": "RTS at the counter: a checklist",
                    "minutes": 10,
                    "body": [
                        ("heading", "Six habits that prevent appeals"),
                        (
                            "paragraph",
                            "<ol><li><b>Check the application is complete.</b> The clock runs from a complete "
                            "application.</li>"
                            "<li><b>Note the due date.</b> Use the notified time limit, and count working "
                            "days without Sundays and gazetted holidays where the limit is in working "
                            "days.</li>"
                            "<li><b>Deliver, or reject in writing with reasons,</b> before the due date.</li>"
                            "<li><b>Remember the AAS.</b> A missed due date becomes an appeal to the FGRA "
                            "automatically.</li>"
                            "<li><b>CM Window RTS grievance with no application?</b> Call the citizen, help them "
                            "apply within 30 days, upload an interim reply. Never return the grievance.</li>"
                            "<li><b>Link to the charter.</b> The charter's statement of services and time limits "
                            "should match what is notified.</li></ol>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "case_study",
                                "title": "A certificate that was never applied for",
                                "body": "<p>A CM Window grievance says a certificate notified under the RTS Act "
                                "has not been issued. The nodal officer forwards it to you, the DO. Your "
                                "records show no application. You phone the citizen, help them apply through "
                                "the proper channel, and upload an interim reply with the application details. "
                                "From then on the RTS time limit runs from the complete application.</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "An application is complete and the DO does nothing until the due date "
                                "passes. What happens next?",
                                "options": [
                                    "Nothing, until the citizen complains in writing",
                                    "The Auto Appeal System files an appeal to the First Grievance Redressal Authority",
                                    "The application lapses and the citizen must reapply",
                                ],
                                "correct": 1,
                                "explanation": "A breached RTS due date files an automatic appeal to the FGRA.",
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}


# ---------------------------------------------------------------------------------------
# Course 4. Service standards and benchmarks: the Bihar municipal charter (Bihar Citizens' Charter for municipalities)
# Figures are the charter's own; the Hindi lesson is taken from the charter's Hindi part.
# ---------------------------------------------------------------------------------------
SERVICE_STANDARDS = {
    "slug": "service-standards",
    "title": "Service standards and benchmarks: the Bihar municipal charter",
    "topic": "citizens-charter",
    "summary": "Real service level benchmarks, response times and the escalation matrix from the Bihar "
    "Citizens' Charter for municipalities, with one lesson in Hindi. Use it to read and apply a charter's "
    "standards at the counter.",
    "objectives": [
        "Explain what service level benchmarks are for and how ULB services are categorised (G2G, G2B, G2C, G2E)",
        "Read a benchmark table and a response-time table and apply them to a request or complaint",
        "Tell working-day limits from calendar-day and hour limits",
        "Escalate an unmet complaint through the right levels in a corporation and in a council or panchayat",
        "Describe the roll-out steps and the way forward for a municipal charter",
    ],
    "target_levels": ["middle", "cutting_edge"],
    "duration_hours": 5,
    "language": "bilingual",
    "self_enrol": True,
    "modules": [
        {
            "slug": "service-level-benchmarks",
            "title": "Service level benchmarks",
            "intro": "What benchmarks are for and the figures Bihar set for its urban local bodies.",
            "lessons": [
                {
                    "slug": "why-benchmarks",
                    "title": "Why benchmark services?",
                    "minutes": 10,
                    "body": [
                        ("heading", "Accountability you can measure"),
                        (
                            "paragraph",
                            "<p>The Bihar charter (Urban Development and Housing Department) calls service level "
                            "benchmarking an important mechanism for accountability in service delivery. "
                            "Benchmarks defined at state level:</p>"
                            "<ul><li>give a uniform platform for defining, collecting, measuring and reporting "
                            "service levels;</li>"
                            "<li>link implementation with the outcome to be achieved;</li>"
                            "<li>help corporations, councils and panchayats see where they are against the "
                            "benchmark and compare themselves;</li>"
                            "<li>give a common vision of what needs to be achieved;</li>"
                            "<li>use Performance Report Cards to collect data in a uniform manner;</li>"
                            "<li>allow state-level analysis, realistic plans for the next targets, policy "
                            "interventions, and fund allocation linked to performance;</li>"
                            "<li>let achievements and failures be published online for transparency and "
                            "accountability.</li></ul>"
                            "<p>The Thirteenth Finance Commission recommended that ULBs put benchmarks in place "
                            "for essential civic services, notify every year the standards to be achieved by "
                            "the end of the next fiscal year, and publish them in the State Gazette.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Services identified for service level benchmarks, with their category",
                                "header": ["Service", "Category"],
                                "rows": [
                                    [
                                        "Registration and issue of birth and death certificates",
                                        "G2C",
                                    ],
                                    ["Property tax", "G2C, G2B"],
                                    ["Water supply", "G2C, G2B"],
                                    ["Sewerage", "G2C, G2B"],
                                    ["Drainage", "G2C, G2B"],
                                    ["Grievances and suggestions", "G2C, G2B"],
                                    ["Building approvals", "G2C, G2B"],
                                    ["Licences", "G2C, G2B"],
                                    ["Solid waste management", "G2C, G2B"],
                                    ["Accounting system", "G2G"],
                                    ["Personnel information system", "G2E"],
                                ],
                            },
                        ),
                        (
                            "paragraph",
                            "<p>G2G: government to government. G2B: government to business. G2C: government to "
                            "citizen. G2E: government to employee.</p>",
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "In the Bihar charter, the personnel information system is which "
                                "category of service?",
                                "options": ["G2C", "G2B", "G2G", "G2E"],
                                "correct": 3,
                                "explanation": "Personnel information system: G2E (government to employee). The "
                                "accounting system is G2G.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "slb-civic-services",
                    "title": "Benchmarks for water, sewerage, drainage and solid waste",
                    "minutes": 12,
                    "body": [
                        (
                            "table",
                            {
                                "caption": "Water supply: service level benchmarks",
                                "header": ["Key performance indicator", "Benchmark"],
                                "rows": [
                                    ["Coverage of water supply connections", "100% over 10 years"],
                                    [
                                        "Extent of metering of water connections",
                                        "100% over 10 years",
                                    ],
                                    ["Continuity of water supply", "24x7 over 10 years"],
                                    ["Cost recovery in water supply services", "100%"],
                                    [
                                        "Efficiency in collection of water supply related charges",
                                        "90%",
                                    ],
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Sewerage: service level benchmarks",
                                "header": ["Key performance indicator", "Benchmark"],
                                "rows": [
                                    ["Coverage of toilets", "90% over 10 years"],
                                    [
                                        "Coverage of sewage network services",
                                        "100% over 10 years, on the basis of GIS maps and contours",
                                    ],
                                    [
                                        "Collection efficiency of sewage network",
                                        "24x7 over 10 years",
                                    ],
                                    ["Adequacy of sewage treatment capacity", "100%"],
                                    ["Quality of sewage treatment", "90%"],
                                    [
                                        "Extent of reuse and recycling of sewage",
                                        "20% of total treated sewage",
                                    ],
                                    ["Extent of cost recovery in sewage management", "100%"],
                                    ["Efficiency in collection of sewage charges", "90%"],
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Drainage: service level benchmarks",
                                "header": ["Key performance indicator", "Benchmark"],
                                "rows": [
                                    [
                                        "Coverage of storm water drainage network",
                                        "100% over 10 years",
                                    ],
                                    [
                                        "Incidence of water logging or flooding",
                                        "0%, with a special provision of 40% for ULBs along rivers",
                                    ],
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Solid waste management: service level benchmarks",
                                "header": ["Key performance indicator", "Benchmark"],
                                "rows": [
                                    [
                                        "Household level coverage of solid waste management services",
                                        "100%",
                                    ],
                                    ["Efficiency of collection of municipal solid waste", "100%"],
                                    ["Extent of segregation of municipal solid waste", "100%"],
                                    [
                                        "Extent of scientific disposal of municipal solid waste",
                                        "100%",
                                    ],
                                    ["Extent of cost recovery in SWM services", "100%"],
                                    ["Efficiency in collection of SWM charges", "90%"],
                                ],
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "What is the benchmark for the extent of reuse and recycling of sewage?",
                                "options": [
                                    "100% of total treated sewage",
                                    "90% of total treated sewage",
                                    "20% of total treated sewage",
                                    "No benchmark is set",
                                ],
                                "correct": 2,
                                "explanation": "Sewerage benchmarks, KPI 6: 20% of total treated sewage.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Which benchmark applies to the efficiency of collecting water supply charges?",
                                "options": ["100%", "90%", "24x7 over 10 years"],
                                "correct": 1,
                                "explanation": "Water supply KPI 5: efficiency in collection of water supply related "
                                "charges, 90%.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "slb-citizen-services",
                    "title": "Benchmarks for certificates, property tax, licences and grievances",
                    "minutes": 12,
                    "body": [
                        (
                            "table",
                            {
                                "caption": "Registration and issue of birth and death certificates: benchmarks",
                                "header": ["Key performance indicator", "Benchmark"],
                                "rows": [
                                    [
                                        "Births and deaths registered, against applications for registration",
                                        "100%",
                                    ],
                                    [
                                        "Births and deaths registered, against the actual number of births and deaths",
                                        "100%",
                                    ],
                                    [
                                        "Timeframe for issuing a birth or death certificate (new or modified), whether applied online or in physical form",
                                        "Application within 21 days of birth with the filled form and required proofs: 1 day.\nOther cases: 5 working days from receipt of all documents from the block.",
                                    ],
                                    [
                                        "Digitisation of legacy data",
                                        "100% of records digitised in six months",
                                    ],
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Property tax: benchmarks",
                                "header": ["Key performance indicator", "Benchmark"],
                                "rows": [
                                    [
                                        "Level of coverage in terms of property",
                                        "100% of properties in the assessed area registered, updated every year",
                                    ],
                                    [
                                        "Number of properties recorded on GIS map, wherever applicable",
                                        "100%",
                                    ],
                                    ["Reassessment of properties", "Every five years"],
                                    [
                                        "Self-assessment guidelines updated on the ULB's website",
                                        "100% updated before the start of the assessment year",
                                    ],
                                    [
                                        "Facilities for payment of property tax",
                                        "Internet: 24x7\nKiosk or Citizen Facility Centre: 9.00 am to 8.00 pm\nMunicipal corporations and councils: office hours",
                                    ],
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Licences: benchmarks",
                                "header": ["Key performance indicator", "Benchmark"],
                                "rows": [
                                    [
                                        "Generation of receipt number",
                                        "Receipts or acknowledgements generated automatically by the software, as a percentage of all licence applications",
                                    ],
                                    [
                                        "Timeframe for telling applicants about deficiencies in their applications",
                                        "Within 3 working days",
                                    ],
                                    [
                                        "Timeframe for approval of new or renewed licences",
                                        "10 working days",
                                    ],
                                    ["Coverage of trades for licensing", "90%"],
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Grievances and suggestions, and building approvals: benchmarks",
                                "header": ["Key performance indicator", "Benchmark"],
                                "rows": [
                                    [
                                        "Resolution of complaints",
                                        "100% resolution within the timeframe in the resolution matrix",
                                    ],
                                    [
                                        "Level of awareness among citizens",
                                        "100% awareness of the grievance cell and the municipality's guidelines and regulations",
                                    ],
                                    [
                                        "Building approvals: coverage on GIS or MIS platform",
                                        "100% of approved building constructions digitised or kept in a database",
                                    ],
                                ],
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "A trade licence application is missing a document. By when must the "
                                "applicant be told?",
                                "options": [
                                    "Within 3 working days",
                                    "Within 10 working days",
                                    "Within 30 days",
                                ],
                                "correct": 0,
                                "explanation": "Licences KPI 2: deficiencies are communicated to applicants within 3 "
                                "working days; approval takes 10 working days.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "How often should properties be reassessed for property tax?",
                                "options": ["Every year", "Every five years", "Every ten years"],
                                "correct": 1,
                                "explanation": "Property tax KPI 3: reassessment every five years (coverage is updated "
                                "every year).",
                            },
                        ),
                    ],
                },
                {
                    "slug": "slb-internal-systems",
                    "title": "Benchmarks for accounts and personnel information",
                    "minutes": 8,
                    "body": [
                        ("heading", "G2G and G2E services have standards too"),
                        (
                            "table",
                            {
                                "caption": "Accounting system: benchmarks",
                                "header": ["Key performance indicator", "Benchmark"],
                                "rows": [
                                    [
                                        "Receipts of taxes and charges updated in ledgers",
                                        "Same day, for all receipts (100%)",
                                    ],
                                    [
                                        "Payments to vendors and employees posted into their accounts",
                                        "Same day as the payment",
                                    ],
                                    [
                                        "Receivables updated online when demand is raised",
                                        "All receivables (100%) updated online",
                                    ],
                                    [
                                        "Payables updated on receipt of goods or services",
                                        "All payables (100%) updated online on the same day",
                                    ],
                                    [
                                        "Reconciliation of subsidiary accounts (monthly)",
                                        "All subsidiary accounts (100%) updated",
                                    ],
                                    [
                                        "Closure of books or chart of accounts",
                                        "Within 30 days of the end of the financial year",
                                    ],
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Personnel information system: time to update employee information online",
                                "header": ["Information", "Benchmark"],
                                "rows": [
                                    ["Online login facility", "100% coverage"],
                                    [
                                        "Salary and increments, additional pay",
                                        "Within 5 working days",
                                    ],
                                    [
                                        "Time, attendance and leave management",
                                        "Within 2 working days",
                                    ],
                                    ["Loans and advances", "Within 5 working days"],
                                    ["LTC details", "Within 5 working days"],
                                    ["Service register", "Within 5 working days"],
                                    ["Resignation, retirement, pension", "Within 2 working days"],
                                    ["Performance appraisal", "Within 5 working days"],
                                    ["Seniority and transfers", "Within 2 working days"],
                                ],
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Within what time must the books of accounts be closed?",
                                "options": [
                                    "On the last day of the financial year",
                                    "Within 30 days of the end of the financial year",
                                    "Within six months of the end of the financial year",
                                ],
                                "correct": 1,
                                "explanation": "Accounting system KPI 6: closure within 30 days of the end of the "
                                "financial year.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "response-times",
            "title": "Response times in the charter",
            "intro": "What a citizen can expect from a municipality, and by when.",
            "lessons": [
                {
                    "slug": "sanitation-response-times",
                    "title": "Solid waste management and public health",
                    "minutes": 12,
                    "body": [
                        ("heading", "Service levels and response times"),
                        (
                            "paragraph",
                            "<p>Based on an assessment of current practice, the charter defines these service "
                            "levels:</p>"
                            "<ul><li>daily street sweeping and garbage collection, including cleaning of drains, "
                            "from 6 am to 2 pm;</li>"
                            "<li>all garbage collected to be disposed of in a sanitary manner;</li>"
                            "<li>responsibility for clearing construction debris;</li>"
                            "<li>special measures to keep the city clean during festivals;</li>"
                            "<li>placing or replacing garbage bins at strategic locations;</li>"
                            "<li>regular maintenance of public urinals and toilets, including annual repairs "
                            "and white washing.</li></ul>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Solid waste management and public health: defined response times",
                                "header": ["Nature of request", "Defined response time"],
                                "rows": [
                                    ["Lifting of garbage", "Within 24 hours"],
                                    [
                                        "Road sweeping roster",
                                        "Principal road: daily\nMain road: every 2 days\nOther road: every 7 days",
                                    ],
                                    [
                                        "Complaint to be redressed in case roster is not being followed",
                                        "Within 24 hours",
                                    ],
                                    [
                                        "Removal of debris",
                                        "Within 3 days of complaint receipt and on payment of debris removal charges",
                                    ],
                                    ["Unauthorised disposal of debris", "Once a month"],
                                    ["Provision or replacement of garbage bins", "Within 3 days"],
                                    [
                                        "Removing blockages in public toilets",
                                        "Within 24 hours of detection or receipt of complaint",
                                    ],
                                    ["Removal of dead animals on the streets", "Within 6-8 hours"],
                                    ["Stray animals on the streets", "Impounding within 12 hours"],
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Emergency operations: defined response times",
                                "header": ["Nature of request", "Defined response time"],
                                "rows": [
                                    ["Water logging", "Within 48 hours; rainy season: 7 days"],
                                    ["Complaint of building or wall collapse", "Within 24 hours"],
                                ],
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "A dead animal is reported on a street. Within what time must it be removed?",
                                "options": [
                                    "Within 24 hours",
                                    "Within 6-8 hours",
                                    "Within 3 days",
                                    "Within 12 hours",
                                ],
                                "correct": 1,
                                "explanation": "Solid waste management table: removal of dead animals on the streets "
                                "within 6-8 hours. Stray animals are impounded within 12 hours.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "How often must a main road (not a principal road) be swept under the roster?",
                                "options": ["Daily", "Every 2 days", "Every 7 days"],
                                "correct": 1,
                                "explanation": "Principal road daily, main road every 2 days, other roads every 7 days.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "water-drains-roads",
                    "title": "Water supply, drains and roads",
                    "minutes": 12,
                    "body": [
                        (
                            "paragraph",
                            "<p>Water supply and sewerage is a shared responsibility of the ULB and the Public "
                            "Health Engineering Department (PHED). In Nagar Parishads it vests entirely with the "
                            "PHED; Nagar Nigams are responsible for operation and maintenance. In most cases "
                            "ULBs have only an administrative responsibility for this service.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Potable water supply and sewerage: defined response times",
                                "header": ["Nature of request", "Defined response time"],
                                "rows": [
                                    ["New connections", "30 days from submission of application"],
                                    ["Leakages in pipe lines", "2 to 3 days"],
                                    ["Replacement of defective water meter", "Within 15 days"],
                                    ["Repair of main pipe line", "Within 24 hours"],
                                    ["Repair of pumps", "Within 48 hours"],
                                    [
                                        "Low pressure water supply",
                                        "Within 24 hours, except in the case of mechanical disorder or tail-end areas",
                                    ],
                                    [
                                        "Removing blockage from main drain",
                                        "Within 24 hours for open drains",
                                    ],
                                    ["Replacement of broken manhole cover", "Within 7 days"],
                                    ["Repairing defective stand post", "Within 24 hours"],
                                    ["Repair of hand pumps", "Within 24 hours for minor repairs"],
                                    [
                                        "Water supply through tankers",
                                        "Within 6 hours under normal conditions, in case of failure of regular supplies",
                                    ],
                                    ["Tankers for special occasions", "First-come, first-served"],
                                    [
                                        "Application for temporary connection for religious ceremonies",
                                        "Within 7 days",
                                    ],
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Maintenance of drains: defined response times",
                                "header": ["Nature of request", "Defined response time"],
                                "rows": [
                                    [
                                        "Blockage of drains",
                                        "Within 1 day, except for main drains and underground drains",
                                    ],
                                    [
                                        "Removal of stagnating water",
                                        "Within 1 day in normal conditions",
                                    ],
                                    ["De-silting of drains", "From March to June every year"],
                                    [
                                        "Repair of drains",
                                        "Within two days in the case of minor repairs",
                                    ],
                                    [
                                        "Cleaning of private septic tanks after receipt of fees",
                                        "3 working days",
                                    ],
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Maintenance of roads: defined response times",
                                "header": ["Nature of request", "Defined response time"],
                                "rows": [
                                    ["Removal of obstruction on the road", "3 days"],
                                    ["Road cutting permission", "7 days"],
                                    [
                                        "Removal of rubbish from a public place by the person responsible for dumping",
                                        "Within 48 hours after a notice is issued",
                                    ],
                                    [
                                        "If not done: ULB does it and recovers payment from the offender",
                                        "Within 3 days",
                                    ],
                                    ["Complaints regarding non-functional street lights", "3 days"],
                                ],
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "A citizen applied for a new water connection 35 days ago and has not "
                                "been connected. Has the charter been met?",
                                "options": [
                                    "Yes: the limit is 45 days",
                                    "No: the limit is 30 days from submission of application",
                                    "Yes: water connections have no time limit",
                                ],
                                "correct": 1,
                                "explanation": "New connections: 30 days from submission of application.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Regular supply has failed in a colony. Within what time should water be "
                                "supplied by tanker under normal conditions?",
                                "options": ["Within 6 hours", "Within 24 hours", "Within 48 hours"],
                                "correct": 0,
                                "explanation": "Water supply through tankers: within 6 hours under normal conditions "
                                "in case of failure of regular supplies.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "certificates-taxes-licences",
                    "title": "Certificates, taxes, licences and parks",
                    "minutes": 10,
                    "body": [
                        (
                            "paragraph",
                            "<p>ULBs must register all births and deaths within 21 days of occurrence, at home or "
                            "in hospital. For an event in an institution, the Medical Officer reports to the ULB "
                            "within three days; for an event at home, the head of the household informs the ULB "
                            "within three days.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Birth and death certificates: defined response times",
                                "header": ["Nature of request", "Defined response time"],
                                "rows": [
                                    [
                                        "Birth and death certificates for events in the last five years",
                                        "Within 5 working days",
                                    ],
                                    [
                                        "Entering in the register the name of a child born in the last 12 months",
                                        "Same day, without any fee",
                                    ],
                                    [
                                        "Certificates requiring information from old records",
                                        "Within 30 days",
                                    ],
                                    [
                                        "First copy of a certificate; additional copies",
                                        "Rs 10 each",
                                    ],
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Holding tax and advertisement tax: action times",
                                "header": ["Tax", "Nature of request", "Action time"],
                                "rows": [
                                    ["Holding tax", "Valuation of property", "Within 45 days"],
                                    ["Holding tax", "Settlement of tax disputes", "Within 15 days"],
                                    ["Holding tax", "Mutation", "Within 45 days"],
                                    [
                                        "Advertisement tax",
                                        "Advertisement permission or renewal",
                                        "Within 30 days",
                                    ],
                                    [
                                        "Advertisement tax",
                                        "Assessment of advertisement tax",
                                        "Within 30 days",
                                    ],
                                    [
                                        "Advertisement tax",
                                        "Settlement of disputes",
                                        "Within 15 days",
                                    ],
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "Trade licence and use of municipal parks: action times",
                                "header": ["Service", "Nature of request", "Action time"],
                                "rows": [
                                    [
                                        "Trade licence",
                                        "Issue of licence after due process",
                                        "Within 10 working days from the date of receipt of application",
                                    ],
                                    [
                                        "Trade licence",
                                        "Renewal of trade licence",
                                        "Within 10 working days",
                                    ],
                                    ["Trade licence", "Settling disputes", "Within 3 working days"],
                                    [
                                        "Municipal parks for functions",
                                        "Approval for use after payment of requisite fees",
                                        "7 working days",
                                    ],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "title": "Correcting a birth entry",
                                "body": "<p>Errors in the particulars of a registered birth can be rectified on "
                                "declarations by two respected citizens of the locality and a supplementary "
                                "document such as a passport or school leaving certificate.</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "How long may the renewal of a trade licence take?",
                                "options": ["10 working days", "30 days", "45 days", "7 days"],
                                "correct": 0,
                                "explanation": "Trade licence table: renewal within 10 working days.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "A citizen asks for mutation of a property. What is the action time?",
                                "options": ["Within 15 days", "Within 30 days", "Within 45 days"],
                                "correct": 2,
                                "explanation": "Holding tax table: mutation within 45 days; tax disputes within 15 days.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "escalation-and-rollout",
            "title": "Escalation and roll-out",
            "intro": "Where a complaint goes when the charter is not met, and how a municipality rolls out its charter.",
            "lessons": [
                {
                    "slug": "escalation-matrix",
                    "title": "The escalation matrix",
                    "minutes": 10,
                    "body": [
                        ("heading", "When the charter is not followed"),
                        (
                            "paragraph",
                            "<p>A citizen who feels the service is not being delivered as per the charter may "
                            "register a complaint. The complaint escalates level by level, each level having a "
                            "response time. Corporations have three levels; councils and panchayats have "
                            "four.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Escalation matrix for not adhering to the Citizen's Charter (response time at each level)",
                                "header": [
                                    "Type of ULB",
                                    "1st level",
                                    "2nd level",
                                    "3rd level",
                                    "4th level",
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
                        (
                            "callout",
                            {
                                "kind": "case_study",
                                "title": "A trade licence in a municipal council",
                                "body": "<p>A trader's licence in a municipal council has not been issued within "
                                "10 working days of the application, and the trader complains. If the complaint is "
                                "not resolved, it goes to the City Manager (7 "
                                "days), then the Section Head (7 days), then the Executive Officer (7 days), and "
                                "finally the DMA (15 days). If every level used its full time, the ladder would "
                                "take 7 + 7 + 7 + 15 = 36 days; in a corporation, 7 + 7 + 15 = 29 days.</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "In a municipal council, who handles an unresolved complaint after the "
                                "City Manager?",
                                "options": [
                                    "The DMA",
                                    "The Municipal Commissioner",
                                    "The Section Head",
                                    "The Executive Officer",
                                ],
                                "correct": 2,
                                "explanation": "Councils and panchayats: City Manager, then Section Head, then "
                                "Executive Officer, then DMA.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "In a municipal corporation, what is the last level of escalation and "
                                "its response time?",
                                "options": [
                                    "Municipal Commissioner, 7 days",
                                    "DMA, 15 days",
                                    "Executive Officer, 7 days",
                                ],
                                "correct": 1,
                                "explanation": "Corporations: Addl. Municipal Commissioner / EO (7 days), Municipal "
                                "Commissioner (7 days), DMA (15 days).",
                            },
                        ),
                    ],
                },
                {
                    "slug": "rollout-and-way-forward",
                    "title": "Rolling out the charter, and the way forward",
                    "minutes": 8,
                    "body": [
                        ("heading", "Six roll-out steps"),
                        (
                            "paragraph",
                            "<ol><li>The Urban Development and Housing Department agrees in principle on the "
                            "charter and the service level benchmarks.</li>"
                            "<li>All ULBs are directed to pass a board resolution adopting the charter and "
                            "setting a timeline for achieving the benchmarks.</li>"
                            "<li>ULBs publicise the charter, for example on bill boards at their office building "
                            "and on their websites.</li>"
                            "<li>Each ULB sets up a single window system or Facilitation Centre where citizens "
                            "can request a service or register a complaint during working hours on all working "
                            "days, also online; the CGRC centralised call centre may receive requests by "
                            "phone.</li>"
                            "<li>Citizens are given an acknowledgement.</li>"
                            "<li>The ULB delivers the service within the timeline in the charter.</li></ol>",
                        ),
                        (
                            "paragraph",
                            "<p><b>Way forward.</b> After assessing results, ULBs should:</p>"
                            "<ul><li>update the charter regularly to include more services and optimise "
                            "timelines;</li>"
                            "<li>state special consideration for senior citizens and the physically "
                            "challenged;</li>"
                            "<li>set annual targets for achieving the service level benchmarks;</li>"
                            "<li>institutionalise a proper grievance redress mechanism to improve citizens' "
                            "satisfaction.</li></ul>",
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "How does a ULB formally adopt the charter in the roll-out plan?",
                                "options": [
                                    "By a board resolution, with a timeline for achieving the benchmarks",
                                    "By an order of the Municipal Commissioner alone",
                                    "By publishing it in a newspaper",
                                ],
                                "correct": 0,
                                "explanation": "Roll-out step 2: a directive to all ULBs to pass a board resolution "
                                "adopting the charter and setting a timeline for the benchmarks.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "escalation-matrix-hindi",
                    "title": "अधिकार-पत्र का अनुपालन न होने पर शिकायत और समय-सीमा (हिन्दी)",
                    "minutes": 10,
                    "body": [
                        ("heading", "नागरिक अधिकार-पत्र का उचित अनुपालन न होना"),
                        (
                            "paragraph",
                            "<p>नागरिक अधिकार-पत्र में वर्णित सेवा स्तर का पालन नहीं किये जाने की स्थिति में शिकायत "
                            "पंजीकृत करवाई जा सकती है। निर्धारित समय के भीतर निवारण न होने पर शिकायत अगले स्तर पर "
                            "जाती है। सभी प्रयास यह सुनिश्चित करने के लिए हैं कि शिकायतों को स्थानीय स्तर पर ही "
                            "संबोधित किया जाये, और ये शिकायतें नगर विकास एवं आवास विभाग तक दुर्लभ परिस्थितियों में "
                            "ही पहुँचें।</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "वृद्धि मैट्रिक्स (प्रत्येक स्तर पर निवारण का समय)",
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
                                "caption": "ठोस अपशिष्ट प्रबंधन और सार्वजनिक स्वास्थ्य: निर्धारित समय सीमा",
                                "header": ["अनुरोध की प्रकृति", "निर्धारित समय सीमा"],
                                "rows": [
                                    ["कचरा उठाना", "24 घंटे के अन्दर"],
                                    [
                                        "सड़क की सफाई (झाड़ू द्वारा) का रोस्टर",
                                        "प्रधान मुख्य सड़क: प्रतिदिन\nमुख्य सड़क: प्रत्येक 2 दिन पर\nअन्य सड़क: प्रत्येक 7 दिन पर",
                                    ],
                                    [
                                        "रोस्टर पालन नहीं किये जाने की सूरत में शिकायत निवारण",
                                        "24 घंटे के अन्दर",
                                    ],
                                    [
                                        "मलवे का हटाया जाना",
                                        "शिकायत प्राप्ति के 3 दिनों के अन्दर, उचित भुगतान की प्राप्ति पर",
                                    ],
                                    [
                                        "सार्वजनिक शौचालयों में रुकावटों को हटाना",
                                        "शिकायत प्राप्ति / पता लगने के 24 घंटे के अन्दर",
                                    ],
                                    ["मृत पशुओं को सड़क से हटाने का कार्य", "6-8 घंटे के अन्दर"],
                                    ["सड़कों पर आवारा पशु", "12 घंटे के अन्दर परिबंधन"],
                                ],
                            },
                        ),
                        (
                            "table",
                            {
                                "caption": "पेयजल आपूर्ति: निर्धारित समय सीमा (चुनी हुई सेवाएं)",
                                "header": ["अनुरोध की प्रकृति", "निर्धारित समय सीमा"],
                                "rows": [
                                    ["नए कनेक्शन", "आवेदन जमा करने के 30 दिन के अन्दर"],
                                    ["पाइप लाइनों के रिसाव", "2-3 दिन"],
                                    ["खराब पानी के मीटर का प्रतिस्थापन", "15 दिन के अन्दर"],
                                    ["मुख्य पाइप लाइन की मरम्मत", "24 घंटे के अन्दर"],
                                    [
                                        "टैंकरों के माध्यम से पानी की आपूर्ति",
                                        "नियमित आपूर्ति की विफलता के मामले में 6 घंटे के अंदर",
                                    ],
                                ],
                            },
                        ),
                        (
                            "paragraph",
                            "<p><b>नगर निकायों में कार्यान्वयन के मुख्य बिंदु:</b></p>"
                            "<ul><li>नगर निकाय कार्यालय की इमारत पर बोर्डों और वेबसाइटों के माध्यम से नागरिक "
                            "अधिकार-पत्र का प्रचार करें।</li>"
                            "<li>एकल खिड़की प्रणाली या 'नागरिक सुविधा केंद्र' स्थापित करें, जहाँ नागरिक कार्यालय अवधि "
                            "में सेवा के लिए अनुरोध या शिकायत दर्ज करवा सकें; यह ऑनलाइन भी किया जा सकता है।</li>"
                            "<li>सभी शिकायतों को अभिस्वीकृत किया जायेगा एवं एक अनूठी संख्या प्रदान की जायेगी।</li>"
                            "<li>सेवाओं में सुधार के लिए नियमित निगरानी आवश्यक है।</li></ul>",
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "निगम में नगर आयुक्त के बाद शिकायत किसके पास जाती है, और उसके निवारण का समय "
                                "कितना है?",
                                "options": [
                                    "सिटी मैनेजर, 7 दिन",
                                    "डी एम ए, 15 दिन",
                                    "सेक्शन हेड, 7 दिन",
                                ],
                                "correct": 1,
                                "explanation": "निगम: अपर नगर आयुक्त / कार्यकारी अधिकारी (7 दिन), फिर नगर आयुक्त (7 दिन), "
                                "फिर डी एम ए (15 दिन)।",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "सड़क पर मृत पशु की सूचना मिली है। उसे कितने समय के अन्दर हटाना है?",
                                "options": ["24 घंटे के अन्दर", "12 घंटे के अन्दर", "6-8 घंटे के अन्दर"],
                                "correct": 2,
                                "explanation": "ठोस अपशिष्ट प्रबंधन की तालिका: मृत पशुओं को सड़क से हटाने का कार्य 6-8 घंटे "
                                "के अन्दर।",
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}


# ---------------------------------------------------------------------------------------
# Course 5. Sevottam, capability building and IS 15700 (HIPA Sevottam Cell brochure (2024), DARPG's Sevottam framework)
# Year-wise totals are the sums of the brochure's rows: 263 programmes, 10,098 participants
# (the brochure's printed TOTAL of 268 programmes is wrong).
# ---------------------------------------------------------------------------------------
SEVOTTAM_IS15700 = {
    "slug": "sevottam-and-is-15700",
    "title": "Sevottam, capability building and IS 15700",
    "topic": "is-15700",
    "summary": "The Sevottam framework and its three modules, the seven steps of capability building, "
    "Sevottam certification under BIS IS 15700, and what HIPA's Sevottam Cell has done since 2013.",
    "objectives": [
        "Explain where the Sevottam framework comes from and what it is for",
        "Set out the three Sevottam modules and the seven steps of each",
        "List the seven steps of capability building and the six topics of Sevottam training",
        "Describe how the Sevottam Cell helps departments towards Sevottam certification under BIS IS 15700",
        "Read the cell's year-wise training record and compute its totals correctly",
    ],
    "target_levels": ["top", "middle", "cutting_edge"],
    "duration_hours": 4,
    "language": "en",
    "self_enrol": True,
    "modules": [
        {
            "slug": "sevottam-framework",
            "title": "The Sevottam framework",
            "intro": "Where Sevottam comes from and its three modules of seven steps each.",
            "lessons": [
                {
                    "slug": "origins-and-purpose",
                    "title": "Origins and purpose of Sevottam",
                    "minutes": 10,
                    "body": [
                        ("heading", "Uttam Seva: service delivery excellence"),
                        (
                            "paragraph",
                            "<p>The <b>Second Administrative Reforms Commission</b>, in its 12th report "
                            '"Citizen Centric Administration: the Heart of Governance", recommended making '
                            "government organisations transparent, accountable and citizen friendly. To achieve "
                            'this, DARPG documented the "seven steps model for citizen centricity" as the '
                            '<b>Sevottam</b> framework, meaning "Uttam Seva" or service delivery '
                            "excellence.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>What the brochure says about Sevottam:</p>"
                            "<ul><li>It is a <b>continuing journey</b> to bring public service delivery to the "
                            "level of excellence citizens desire.</li>"
                            "<li>It incorporates <b>e-Governance solutions, capability building</b> of public "
                            "servants and <b>partnership with social groups</b> to achieve transparency and "
                            "accountability.</li>"
                            "<li>DARPG designed it as an <b>assessment tool</b> of public service delivery, and "
                            "set up <b>Sevottam Cells</b> in the Administrative Training Institutes of most "
                            "states, including Haryana.</li>"
                            "<li>It is a commitment to raise the standard of public service, enhance customer "
                            "satisfaction, provide effective and efficient services and bring continuous "
                            "improvement in services and the delivery process.</li></ul>",
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Which report led to the Sevottam framework?",
                                "options": [
                                    "The Thirteenth Finance Commission's report",
                                    "The 12th report of the Second Administrative Reforms Commission",
                                    "The annual report of the Right to Service Commission",
                                ],
                                "correct": 1,
                                "explanation": "HIPA Sevottam Cell brochure (2024), Background and Purpose: the 2nd ARC's 12th report, "
                                '"Citizen Centric Administration: the Heart of Governance".',
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": 'What does "Sevottam" mean?',
                                "options": [
                                    "Uttam Seva: service delivery excellence",
                                    "Service tax reform",
                                    "Seven offices of the state",
                                ],
                                "correct": 0,
                                "explanation": 'The brochure: Sevottam framework meaning "Uttam-Seva" or Service '
                                "Delivery Excellence.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "three-modules-seven-steps",
                    "title": "Three modules, seven steps each",
                    "minutes": 12,
                    "body": [
                        ("heading", "Charter, grievance redress, capability"),
                        (
                            "paragraph",
                            "<p>The Sevottam model has three modules: the <b>Citizen's Charter</b>, the "
                            "<b>Public Grievance Redress Mechanism</b> and <b>Service Delivery Capability</b>. "
                            "Each is taught as seven steps.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "The seven steps of each Sevottam module (HIPA Sevottam brochure)",
                                "header": [
                                    "Step",
                                    "Citizen's Charter",
                                    "Grievance Redress",
                                    "Capability Building",
                                ],
                                "rows": [
                                    [
                                        "1",
                                        "Define all services, identify clients",
                                        "System of receipt of grievances",
                                        "Understanding and fair knowledge of the Citizen's Charter",
                                    ],
                                    [
                                        "2",
                                        "Set standards for each service",
                                        "Wide publicity",
                                        "Understanding the expectations of the clients",
                                    ],
                                    [
                                        "3",
                                        "Develop capability",
                                        "Timely acknowledgement",
                                        "Needed skills and initiatives",
                                    ],
                                    ["4", "Perform", "Redressal", "Needed motivation and training"],
                                    [
                                        "5",
                                        "Monitor performance",
                                        "Communication of action taken",
                                        "A system of monitoring and evaluation",
                                    ],
                                    [
                                        "6",
                                        "Evaluate the impact",
                                        "Platform for appeal",
                                        "Skill to ensure an effective grievance redress mechanism",
                                    ],
                                    [
                                        "7",
                                        "Continuous improvement",
                                        "Analysis of grievance-prone areas for improvements",
                                        "Temperament for transparent and people-friendly administration",
                                    ],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "title": "The modules depend on each other",
                                "body": '<p>Step 3 of the charter module, "develop capability", is the whole of '
                                "the third module; and a charter's fifth component is its grievance redress "
                                "mechanism, which is the second module.</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "How many modules does the Sevottam model have?",
                                "options": ["Two", "Three", "Six", "Seven"],
                                "correct": 1,
                                "explanation": "Citizen's Charter, Public Grievance Redress Mechanism and Service "
                                "Delivery Capability (HIPA Sevottam Cell brochure, 2024).",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": '"Timely acknowledgement" is a step of which Sevottam module?',
                                "options": [
                                    "Citizen's Charter",
                                    "Grievance Redress Mechanism",
                                    "Capability Building",
                                ],
                                "correct": 1,
                                "explanation": "Step 3 of the seven steps to a grievance redress system.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "capability-building",
            "title": "Capability building",
            "intro": "Equipping every functionary to deliver: the seven steps and what Sevottam training covers.",
            "lessons": [
                {
                    "slug": "what-capability-building-is",
                    "title": "What capability building is",
                    "minutes": 10,
                    "body": [
                        ("heading", "Knowledge, skill and preparedness"),
                        (
                            "paragraph",
                            "<p><b>Capability building</b> is the process of training and equipping individuals "
                            "with the knowledge, skill and preparedness that enable them to perform effectively "
                            "and promptly. Its goal is to enhance the ability to evaluate and address the "
                            "crucial needs and aspirations of the public efficiently.</p>"
                            "<p>It is a <b>long-term, continuing process</b> in which all the functionaries of "
                            "the service-providing department, stakeholders and NGOs participate, to make "
                            "service delivery transparent, people friendly and effective.</p>",
                        ),
                        (
                            "paragraph",
                            "<p>The seven steps to capability building are to develop:</p>"
                            "<ol><li>understanding and fair knowledge of the Citizen's Charter;</li>"
                            "<li>understanding of the expectations of the clients;</li>"
                            "<li>the needed skills and initiatives;</li>"
                            "<li>the needed motivation and training;</li>"
                            "<li>a system of monitoring and evaluation;</li>"
                            "<li>the skill to ensure an effective grievance redress mechanism;</li>"
                            "<li>a temperament for transparent and people-friendly administration.</li></ol>",
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "According to the brochure, capability building is...",
                                "options": [
                                    "A one-time lecture for senior officers",
                                    "A long-term, continuing process in which all functionaries, stakeholders and NGOs take part",
                                    "The purchase of new computers for an office",
                                ],
                                "correct": 1,
                                "explanation": "HIPA Sevottam Cell brochure (2024): a long term, continuing process in which all the "
                                "functionaries, stakeholders and NGOs participate.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "What is the last of the seven steps to capability building?",
                                "options": [
                                    "Develop the needed skills",
                                    "Evolve a temperament for transparent and people-friendly administration",
                                    "Set standards for each service",
                                ],
                                "correct": 1,
                                "explanation": "The brochure ends the list with evolving the temperament for "
                                "transparent and people-friendly administration. Setting standards is a charter step.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "sevottam-training",
                    "title": "What Sevottam training covers",
                    "minutes": 10,
                    "body": [
                        ("heading", "The cell's objectives"),
                        (
                            "paragraph",
                            "<p>The objectives of the HIPA Sevottam Cell are:</p>"
                            "<ul><li>to build capacity in behavioural skills and attitudinal change of trainees "
                            "of selected departments at the <b>cutting-edge level</b>;</li>"
                            "<li>to sensitise trainees and officers about the Citizen's Charter and the related "
                            "ingredients of Sevottam;</li>"
                            "<li>to help trainees frame the Citizen's Charter in consultation with stakeholders "
                            "and devise grievance redress mechanisms in their departments;</li>"
                            "<li>to help departments, by training participants, achieve Sevottam certification "
                            "under BIS IS 15700 with the prescribed protocols;</li>"
                            "<li>to identify key problem areas and give suggestions for preventing "
                            "grievances.</li></ul>",
                        ),
                        (
                            "table",
                            {
                                "caption": "The six topics of the Sevottam training modules",
                                "header": ["Topic", "What it covers"],
                                "rows": [
                                    [
                                        "1. Handling public grievances",
                                        "Motivating officers and officials and enhancing their capacity to handle public grievances efficiently and effectively",
                                    ],
                                    [
                                        "2. Excellence in delivery",
                                        "Process clarity, check points, time lines and monitoring systems",
                                    ],
                                    [
                                        "3. Right to Service",
                                        "Provisions of the Right to Service Act and the functioning of the Right to Service Commission, with emphasis on implementation",
                                    ],
                                    [
                                        "4. Work culture",
                                        "A sound, responsive, accountable and people-friendly work culture, a prerequisite of good governance",
                                    ],
                                    [
                                        "5. Portals",
                                        "Effective working of CM Window, the SARAL portal of Haryana and CPGRAMS",
                                    ],
                                    [
                                        "6. Certification",
                                        "Sevottam certification under BIS IS 15700",
                                    ],
                                ],
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Which portals does topic 5 of the Sevottam training cover?",
                                "options": [
                                    "CM Window, the SARAL portal of Haryana and CPGRAMS",
                                    "Only the iGOT portal",
                                    "The Samadhan portal of Jammu and Kashmir only",
                                ],
                                "correct": 0,
                                "explanation": "HIPA Sevottam Cell brochure (2024), training topic 5: effective working of CM Window, Saral "
                                "Portal of Haryana and CPGRAM.",
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "certification-and-the-cell",
            "title": "IS 15700 certification and the HIPA Sevottam Cell",
            "intro": "Sevottam certification, and a decade of the HIPA cell's work in figures.",
            "lessons": [
                {
                    "slug": "is-15700-certification",
                    "title": "Sevottam certification: BIS IS 15700",
                    "minutes": 8,
                    "body": [
                        ("heading", "The standard behind Sevottam certification"),
                        (
                            "paragraph",
                            "<p>The standard behind Sevottam certification is the Bureau of Indian Standards' "
                            '<b>IS 15700</b>. The HIPA brochure places "Sevottam Certification BIS IS:15700" '
                            "alongside the Citizen's Charter, grievance redress and capacity building as the "
                            "work of the cell.</p>"
                            "<ul><li>One objective of the Sevottam Cell is to help departments, by training "
                            "their officers, to achieve Sevottam certification under BIS IS 15700 <b>with the "
                            "prescribed protocols</b>.</li>"
                            "<li>The cell has collaborated with the <b>National Institute of Training for "
                            "Standardization</b> for BIS IS 15700.</li>"
                            "<li>It has made <b>7 institutions, including HIPA</b>, Sevottam certification "
                            "worthy.</li>"
                            "<li>Sevottam certification under BIS IS 15700 is the sixth of the topics that "
                            "the Sevottam training modules cover.</li></ul>",
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "title": "What the brochure does and does not say",
                                "body": "<p>DARPG designed Sevottam as an assessment tool of public service "
                                "delivery, built on three modules: Citizen's Charter, grievance redress and "
                                "service delivery capability. The brochure names BIS IS 15700 as the standard "
                                "for certification but does not set out its clauses or the audit procedure; "
                                "the Sevottam Cell trains departments in the prescribed protocols.</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Which standard is behind Sevottam certification?",
                                "options": ["ISO 9001", "BIS IS 15700", "IS 456", "ISO 14001"],
                                "correct": 1,
                                "explanation": "HIPA Sevottam Cell brochure (2024): Sevottam Certification BIS IS:15700.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "How many institutions, including HIPA, has the cell helped become "
                                "Sevottam certification worthy?",
                                "options": ["3", "7", "29", "263"],
                                "correct": 1,
                                "explanation": "7 institutions including HIPA. 29 is the number of departments "
                                "helped with charters; 263 the number of training programmes.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "hipa-cell-achievements",
                    "title": "A decade of the HIPA Sevottam Cell",
                    "minutes": 10,
                    "body": [
                        ("heading", "Training record 2013-14 to 2023-24"),
                        (
                            "paragraph",
                            "<p>The Sevottam Training Cell was set up at HIPA in 2013 under the scheme "
                            '"Strengthening the ATIs and reputed academic institutions for dissemination of '
                            'Sevottam". DARPG reviews Sevottam progress every month.</p>',
                        ),
                        (
                            "table",
                            {
                                "caption": "Training programmes conducted year-wise by the HIPA Sevottam Cell (totals computed from the rows)",
                                "header": ["Year", "Courses conducted", "Participants"],
                                "rows": [
                                    ["2013-14", "5", "78"],
                                    ["2014-15", "20", "1,706"],
                                    ["2015-16", "15", "809"],
                                    ["2016-17", "20", "758"],
                                    ["2017-18", "27", "789"],
                                    ["2018-19", "26", "886"],
                                    ["2019-20", "22", "1,001"],
                                    ["2020-21", "35", "879"],
                                    ["2021-22", "21", "914"],
                                    ["2022-23", "30", "1,061"],
                                    ["2023-24", "42", "1,217"],
                                    ["Total", "263", "10,098"],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "warning",
                                "title": "Compute totals; never copy them",
                                "body": "<p>The brochure's printed TOTAL row says 268 courses, but its rows add up "
                                "to <b>263</b>, which is also the figure in the Director General's letter. "
                                "Participants add up to <b>10,098</b>. A report should always compute its "
                                "totals from the rows.</p>",
                            },
                        ),
                        (
                            "paragraph",
                            "<p>Other achievements:</p>"
                            "<ul><li>assisted <b>29 departments</b> and organisations in formulating "
                            "Sevottam-compliant Citizens' Charters;</li>"
                            "<li>made <b>7 institutions</b>, including HIPA, Sevottam certification worthy;</li>"
                            "<li>the <b>first</b> to upload an online training module on Sevottam on the "
                            "Integrated Government Online Training (iGOT) portal;</li>"
                            "<li>as an Anchor Institute, assisted the ATIs of <b>Meghalaya, Assam and Jammu "
                            "and Kashmir</b> in training their officers;</li>"
                            "<li>hosted the first <b>National Seminar on Sevottam</b> on 16.9.2022, attended "
                            "by the DGs or their representatives from all ATIs, to rationalise the curriculum "
                            "and pedagogy of Sevottam training;</li>"
                            "<li>used DARPG's funds fully and submitted utilisation certificates in time.</li></ul>"
                            "<p>For <b>2024-25</b> the cell proposes <b>50 training programmes</b> to train "
                            "<b>2,000 officers and officials</b>.</p>",
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "How many training courses did the cell conduct from 2013-14 to 2023-24?",
                                "options": ["268", "263", "10,098", "50"],
                                "correct": 1,
                                "explanation": "The year rows add up to 263; the printed 268 is wrong. 10,098 is "
                                "the number of participants; 50 is the 2024-25 target.",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "In which year did the cell conduct the most courses?",
                                "options": ["2014-15", "2020-21", "2023-24", "2022-23"],
                                "correct": 2,
                                "explanation": "42 courses in 2023-24, against 35 in 2020-21, 30 in 2022-23 and 20 "
                                "in 2014-15.",
                            },
                        ),
                    ],
                },
                {
                    "slug": "nominations-and-reporting",
                    "title": "How officers reach Sevottam training",
                    "minutes": 8,
                    "body": [
                        ("heading", "From the Chief Secretary's office to the HOD"),
                        (
                            "paragraph",
                            "<p>On 23 July 2024 the Director General of HIPA wrote to the Chief Secretary "
                            "asking that HODs be directed to <b>nominate the officers concerned</b> for "
                            "Sevottam training, to ensure speedy and effective redress of public grievances. "
                            "The Training Department of the Chief Secretary's office forwarded the letter and "
                            "the brochure to all Administrative Secretaries on 7 August 2024.</p>"
                            "<p>The training aims to acquaint participants with the aims of the Sevottam "
                            "scheme, train them to formulate a Sevottam-compliant Citizen's Charter and devise "
                            "an effective grievance redress mechanism, build capacity, reorient attitudes and "
                            "build a citizen-friendly work culture. Participants also learn the provisions of "
                            "the Right to Service Act and the working of CM Window, Haryana CPGRAMS and the "
                            "SARAL portal.</p>",
                        ),
                        (
                            "table",
                            {
                                "caption": "Who does what in a Sevottam training programme",
                                "header": ["Who", "Role"],
                                "rows": [
                                    [
                                        "HOD or the nodal officer the HOD names",
                                        "Nominates officers of the department to a programme",
                                    ],
                                    [
                                        "Sevottam Cell",
                                        "Schedules programmes, approves nominations, marks attendance, issues certificates",
                                    ],
                                    [
                                        "Trainee",
                                        "Confirms the nomination, attends or studies online, takes the tests",
                                    ],
                                    [
                                        "DARPG",
                                        "Funds the cell, reviews it every month, receives its yearly figures and utilisation certificates",
                                    ],
                                ],
                            },
                        ),
                        (
                            "callout",
                            {
                                "kind": "note",
                                "title": "How the yearly figures are counted",
                                "body": "<p>Figures go to DARPG by financial year (1 April to 31 March, written "
                                "2023-24). A programme counts in the financial year of its end date. An officer "
                                "trained twice counts twice as a participant and once as a unique officer.</p>",
                            },
                        ),
                        (
                            "knowledge_check",
                            {
                                "question": "Who nominates a department's officers for Sevottam training?",
                                "options": [
                                    "DARPG, Government of India",
                                    "The officers' HOD, or the nodal officer the HOD names",
                                    "The Right to Service Commission",
                                ],
                                "correct": 1,
                                "explanation": "The DG's letter asks that HODs be directed to nominate the officers "
                                "concerned; the HOD may name a nodal officer to do it.",
                            },
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
