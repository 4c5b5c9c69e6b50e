"""Hand-made predictions (the `classify --format jsonl` contract) for the labelling-loop tests.

Written by hand rather than by the model, so the tests pin the review, the
annotation-tool round trips and the labeller without depending on a trained model.
The Castlemoor answers are the real text of corpus/w1-01-castlemoor.txt, so their
anchors can be found in the document.
"""
from __future__ import annotations

from typing import Any

from pipeline.labels import load_scheme

SCHEME = load_scheme()

# A one-question reply of a parish council, written for the label-file and training-loop tests.
HARROWGATE = """Harrowgate Parish Council

Dear Ms Okafor,

1. Do you keep a register of the allotments that lie empty?

We do keep one. There were four empty plots on 1 March, all at the Mill Lane site.

Yours sincerely,
The Clerk
"""


def prediction(
    doc: str,
    q: str,
    responder: str,
    outcome: str,
    confidence: float,
    findings: dict[str, float],
    answer: str,
    question: str = "",
    exemptions: tuple[str, ...] = (),
    evidence: dict[str, str] | None = None,
) -> dict[str, Any]:
    """One answer prediction; `findings` gives the scores of the labels that differ from 0.02."""
    scores = {name: findings.get(name, 0.02) for name in SCHEME.finding_names}
    return {
        "doc": doc, "body": None, "responder": responder, "reference": f"FOI/{doc.split('.')[0]}", "date": "2024-03-01",
        "act": "FOIA 2000", "q": q, "question": question, "answer": answer, "exemptions": list(exemptions),
        "facts": {}, "flags": [], "outcome": outcome, "outcome_confidence": confidence,
        "findings": [name for name, p in scores.items() if p >= 0.5], "finding_scores": scores,
        "needs_review": confidence < 0.6, "evidence": evidence or {},
    }


CASTLEMOOR = [
    prediction(
        "w1-01-castlemoor.txt", "1", "Castlemoor Constabulary", "not_held", 0.55, {"no_specific_budget": 0.81},
        question="BUDGETS OR ANY OTHER RESOURCES ALLOCATED FOR ANTI-TRAFFICKING ACTIVITIES BY THE FORCE FOR 2012 (ALLOCATED) AND 2013 (INDICATIVE).",
        answer="Castlemoor Constabulary has no ring-fenced funding for anti-trafficking work in either 2012/13 or 2013/14. "
        "Human trafficking investigations are resourced from the general budgets of the departments that lead on them, "
        "principally the Public Protection Department and the Major Crime Team, and the costs involved are not recorded separately.",
        evidence={"no_specific_budget": "Castlemoor Constabulary has no ring-fenced funding for anti-trafficking work in either 2012/13 or 2013/14."},
    ),
    prediction(
        "w1-01-castlemoor.txt", "2", "Castlemoor Constabulary", "provided", 0.93, {"strategy_exists": 0.9, "dedicated_unit": 0.47},
        question="A COPY OF THE CURRENT STRATEGY OR ANY OTHER DOCUMENT WHICH SETS OUT WHAT ACTIONS ARE TO BE TAKEN BY THE FORCE "
        "TO COMBAT TRAFFICKING IN HUMAN BEINGS AS MANDATED BY THE UK GOVERNMENT HUMAN TRAFFICKING STRATEGY (2011)",
        answer="Please find attached a copy of the force policy ‘Human Trafficking and Organised Immigration Crime’ "
        "(Policy P117, version 1.3, reviewed in February 2013). The policy sets out the responsibilities of first responders, "
        "the role of the divisional Single Points of Contact and the procedure for referring potential victims into the "
        "National Referral Mechanism (NRM).",
    ),
    prediction(
        "w1-01-castlemoor.txt", "3", "Castlemoor Constabulary", "provided", 0.97, {"measures_referenced": 0.95, "statistics_provided": 0.88},
        question="MEASURES TAKEN BY THE FORCE IN 2012 TO COMBAT TRAFFICKING IN HUMAN BEINGS",
        answer="During 2012 the force undertook the following activity: • Operation Lantern – a series of multi-agency visits, "
        "carried out with the three local authorities in the force area, to residential premises and hand car washes where "
        "intelligence suggested that workers were being exploited. Eleven visits took place between March and November 2012. "
        "• Training – 214 officers and staff, including all custody sergeants and front counter staff, completed a half-day "
        "input on recognising the indicators of trafficking and making referrals into the NRM. • Single Points of Contact – "
        "each of the three territorial divisions has a trained SPOC for human trafficking, who advises investigating officers "
        "and acts as the link with partner agencies. • Partnership – the force is a founder member of the Castlemoor "
        "Anti-Slavery Partnership, chaired by the Assistant Chief Constable (Crime), which brings together health, housing, "
        "the local authorities and voluntary sector organisations. In 2012 Castlemoor Constabulary referred 17 potential victims of trafficking into the National Referral Mechanism, "
        "of whom 9 were adults and 8 were children.",
    ),
]

OTHERS = [
    prediction(
        "harbourside-council.txt", "1", "Harbourside Borough Council", "refused_cost", 0.41, {"statistics_provided": 0.35},
        question="How many referrals to the National Referral Mechanism did the council make in 2023?",
        answer="To locate this information would require a manual search of every adult and children's social care case file, "
        "which we estimate would take over 40 hours. We are therefore relying on section 12 of the Act.",
        exemptions=("12",),
    ),
    prediction(
        "harbourside-council.txt", "2", "Harbourside Borough Council", "provided", 0.62, {"strategy_exists": 0.55},
        question="Please provide a copy of your modern slavery statement.",
        answer="Our Modern Slavery and Human Trafficking Statement 2023/24 is published on our website at www.harbourside.gov.uk/modern-slavery.",
    ),
    prediction(
        "fenwick-police.eml", "1", "Fenwick Police", "ncnd", 0.71, {},
        question="Has the force deployed covert officers in operations against trafficking?",
        answer="Fenwick Police can neither confirm nor deny that it holds the information you have requested, "
        "by virtue of sections 23(5), 24(2) and 31(3) of the Act.",
        exemptions=("23(5)", "24(2)", "31(3)"),
    ),
    prediction(
        "fenwick-police.eml", "2", "Fenwick Police", "provided", 0.99, {"statistics_provided": 0.97},
        answer="In 2023 the force recorded 42 modern slavery offences and made 11 arrests.",
    ),
    prediction(
        "ouseley-nhs.html", "1", "Ouseley NHS Foundation Trust", "not_held", 0.52, {"no_official_strategy": 0.5},
        question="Does the trust have a strategy on modern slavery?",
        answer="The trust does not have a specific strategy. Staff follow the national safeguarding guidance and the trust's "
        "safeguarding adults policy.",
    ),
]

PREDICTIONS = CASTLEMOOR + OTHERS
