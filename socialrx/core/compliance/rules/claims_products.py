"""Claim rules that read the product registry: risk information, established names, status and indication."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialrx.core.compliance.config import Product
from socialrx.core.compliance.document import Document, Mention
from socialrx.core.compliance.findings import Finding
from socialrx.core.compliance.patterns import compile_pattern
from socialrx.core.compliance.rules.claims import ECONOMIC

BENEFIT = compile_pattern(
    # never a person catching a mistake ("thanks for catching it"), "de-identified", a "Foundation" or a "changing room"
    r"(?i)(?<!details\s)(?<!names\s)(?<!identifiers\s)(?<!de-)\b(?:reduc|cut|lower|improv|prevent|treat|diagnos|detect|"
    r"catch(?!\w*\s+(?:it|that|this|them|me|us|my|our)\b)|caught(?!\s+(?:it|that|this|them|me|us|my|our)\b)|flag|sav|boost|increas|"
    r"speeds?\s+up|sped\s+up|speeding\s+up|shorten|eliminat|(?<!full\s)stop|heal(?!th)|reliev|protect|predict|identif|spot|"
    r"finds?\b|finding\b|found\b|restor|resolv)\w*\b[^.!?]{0,50}"
    # "exacerbations basically disappear", "the migraines just stopped"
    r"|\b(?:exacerbations|symptoms|attacks|flares?|flare-ups|episodes|seizures|migraines?|headaches?)\s+(?:\w+\s+){0,2}?"
    r"(?:disappear\w*|vanish\w*|go\s+away|went\s+away|stopp?\w*)\b[^.!?]{0,50}"
    r"|(?<!of\s)(?<!for\s)(?<!the\s)\b(?:clears|clearing|eases|eased|easing|fixes|fixed)\b[^.!?]{0,50}"  # not "a list of fixes"
    r"|\b(?:help\w*\s+(?:\w+\s+){0,2}?)?los(?:e|es|ing)\s+(?:\w+\s+){0,2}?weight\b[^.!?]{0,50}"
    r"|\btakes?\s+the\s+edge\s+off\b[^.!?]{0,40}|\b(?:can|will|may|helps?(?:\s+to)?)\s+ease\b[^.!?]{0,50}"
    # "got my corn farmer off insulin", "helps a lot of my type 2s"
    r"|\b(?:got|gets|get|getting|took|takes)\s+(?:\w+\s+){0,3}?off\s+(?:insulin|meds|medications?|oxygen|dialysis|the\s+\w+)\b[^.!?]{0,30}"
    r"|\bhelps?\s+(?:a\s+lot\s+of\s+|many\s+(?:of\s+)?|most\s+(?:of\s+)?)?(?:my|our)\s+(?:patients|pts|type\s*[12]s|folks|people|"
    r"diabetics|asthmatics)\b[^.!?]{0,30}"
    # Spanish and Portuguese: "fortalece el esmalte", "acorta la gripe", "baja el azúcar", "menos días en cama"
    r"|\b(?:reduce|reducen|reduz|baja|bajan|mejora|mejoran|melhora|previene|previenen|previne|trata|tratan|fortalece|fortalecen|"
    r"acorta|acortan|alivia|alivian|protege|protegen|disminuye|disminuyen|controla|controlan)\b[^.!?]{0,50}"
    r"|\bmenos\s+(?:d[i\u00ed]as|crisis|ataques|s[i\u00ed]ntomas)\b[^.!?]{0,50}"
)
RISK_INFO = compile_pattern(
    r"(?i)\brisks?\b|\bwarnings?\b|\bside\s+effects?\b|\blimitations?\b|\bcontraindicat\w+|\bsafety\s+info\w*|\bIFU\b"
    r"|\bindications\b|\bprescribing\s+info\w*|\bnot\s+a\s+diagnos\w+|\bdoes\s+not\s+(?:diagnose|replace)"
    r"|\bdecision[\s-]*support\b|\bshould\s+be\s+reviewed\b|\bimportant\s+safety\b|\bISI\b"
    r"|\bclinicians?\s+(?:must\s+|still\s+|always\s+)?(?:reviews?|verif\w*|interprets?|confirms?)\b|\ban\s+aid\b|\bstill\s+need"
    r"|\bnot\s+(?:a\s+substitute|peer[\s-]reviewed|for\s+clinical|a\s+replacement)|\bcan\s+(?:have\s+errors|miss)\b"
    # A recall or safety notice is risk information: "RECALL NOTICE: … may crack. Stop using an affected tub".
    r"|\brecall(?:ed|s)?\b(?!\s+rates?\b)|\bstop\s+using\b|\bsafety\s+(?:notice|alert|communication)s?\b"
    r"|\bfalse\s+(?:positives?|negatives?)|\bsubgroups?\b|\bone\s+tool\b|\bresults\s+(?:may\s+)?vary|\bwill\s+differ\b"
    # What the product does not do is its limitation: "it does not prevent falls", "it doesn't make treatment decisions".
    r"|\b(?:does\s+not|doesn't|do\s+not|don't|cannot|can't|won't|will\s+not)\s+(?:prevent|replace|make\s+(?:treatment|clinical|"
    r"diagnostic|dosing)\s+decisions|detect\s+(?:all|every)|catch\s+(?:all|every)|guarantee|substitute)\b"
    r"|\bno\s+(?:device|test|tool|app)\s+(?:is|can)\b|\bnot\s+intended\s+(?:to|for)\b"
    r"|\b(?:isn'?t|is\s+not|not|aren'?t|are\s+not)\s+(?:meant|designed|intended|able)\s+to\b|\b(?:doesn'?t|does\s+not|can'?t|cannot)\s+"
    r"(?:detect|diagnose|tell\s+you)\b"
    # Spanish and Portuguese: "riesgos", "efectos secundarios", "no es un diagnóstico", "es un apoyo", "riscos".
    r"|\bries?gos?\b|\badvertencias?\b|\befectos\s+(?:secundarios|adversos)\b|\blimitaci[o\u00f3]n(?:es)?\b|\bcontraindica\w*"
    r"|\bno\s+(?:es|reemplaza|sustituye)\s+(?:un\s+|una\s+|el\s+|la\s+|a\s+(?:su|tu)\s+)?(?:diagn[o\u00f3]stico|dentista|m[e\u00e9]dico|doctor)"
    r"|\bes\s+(?:un|una)\s+(?:apoyo|ayuda)\b|\briscos?\b|\befeitos\s+(?:colaterais|adversos)\b"
)
AVAILABLE = compile_pattern(
    r"(?i)\b(?:now\s+)?available\b|\border\s+(?:now|today|yours|your|one)\b|\bis\s+(?:finally\s+|officially\s+)?here\b|\bask\s+your\s+(?:doctor|doc|gi|provider|physician|clinician|\w+ologist)\s+about\s+(?:switching|starting|getting|trying)\b|\bbuy\b|\bpurchase\b|\bshipping\b|\bsafe\s+and\s+effective\b"
    r"|받으실\s?수\s?있|구매\s?가능|판매\s?중|출시|\bproven\b|\blaunch(?:ed|es|ing)?\b|\bpre-?order\b|(?<!results\s)(?<!data\s)(?<!details\s)(?<!more\s)(?<!news\s)(?<!paper\s)\bcoming\s+(?:soon|to\s+(?:your|a|our)|this)\b|\bready\s+(?:for|to)\b"
    r"|\b(?:free|start\s+your|sign\s+up\s+for\s+a)\s+(?:\w+\s+)?trial\b|\bfree\s+for\s+\d+|\bget\s+(?:it|yours|started)\b|\bin\s+stock\b"
    r"|\bclinically\s+(?:validated|proven)\b|\bsafe\b|\beffective\b|\bbook\s+a\s+demo\b|\bnow\s+in\s+\d+"
    r"|\b(?:is|are|now|goes?|went)\s+live\b|\brequest\s+(?:access|a\s+quote|pricing)\b|\b(?:book|schedule)\s+your\s+"
    r"(?:install|installation|onboarding|rollout|order)\b|\bbefore\s+anyone\s+else\b|\blimited\s+(?:spots|slots|supply|units)\b"
    r"|\b(?:get|early)\s+access\b|\breserve\s+(?:yours|your|one)\b|\bships?\s+(?:today|now|this|next|in|to\s+(?:your|our|you|members|patients|customers|clinics|hospitals))\b"
    r"|\brolling\s+out\b|\bdeployed\s+(?:in|at|across)\b|\bin\s+(?:our\s+)?(?:first\s+)?\d+\s+(?:hospitals|clinics|sites|systems)\b"
    r"|\b(?:in\s+)?(?:open|public)\s+beta\b"
    # "Ask about it at your next visit", "we now read every echo with Tallorin AI", "already saving lives here"
    r"|\bask\s+(?:us\s+)?(?:about\s+(?:it|this|them)|for\s+(?:a|an|it|one)\b[^.!?\n]{0,25}?)\s+(?:at|during)\s+your\s+next\b"
    r"|\b(?:we|they|i)\s+now\s+(?:offer|use|read|run|screen|scan)\b|\balready\s+(?:saving|helping|catching|in\s+use|live\b|using)"
    r"|\bnow\s+offering\b|\bget\s+on\s+the\s+(?:list|waitlist)\b"
    # "NOW BOOKING the Plicora sleeve", "patches just landed at both stores", "back on our shelves"
    r"|\bnow\s+(?:booking|scheduling)\b|\bbooking\s+now\b|\b(?:just|has|have|finally)\s+landed\b|\bon\s+(?:our\s+|the\s+)?shelves\b"
)
# "the researchers don't know yet how long any benefit lasts or who it's safe for": an open question, not a claim
UNKNOWN_BEFORE = compile_pattern(
    r"(?i)\b(?:don'?t|do\s+not|doesn'?t|does\s+not|no\s+one|nobody)\s+(?:yet\s+)?knows?\b[^.!?]{0,60}$"
    r"|\b(?:whether|if|who|how)\s+(?:it'?s|it\s+is|they'?re|they\s+are)\s+(?:\w+\s+)?$"
)
# A person's availability, not the product's: "available for interviews after the session", "available afterward".
PERSON_AVAILABLE = compile_pattern(
    r"(?i)available\s+(?:for\s+(?:interviews?|questions|comments?|media|q\s*&\s*a|a\s+chat|calls?|photos?)|afterwards?\b|"
    r"after\s+the\s+(?:session|talk|panel|event|presentation)|to\s+(?:talk|answer|speak|chat|meet|take\s+questions))"
)
# "Velmorix is working. I'd bet the house on it.": an investigational product said to work.
WORKS_AFTER = compile_pattern(r"(?i)\s+(?:is|'s|\u2019s)\s+(?:really\s+|definitely\s+|totally\s+|actually\s+|clearly\s+)?working\b")
DISEASE_CLAIM = compile_pattern(
    r"(?i)\b(?:a-?fib|atrial\s+fibrillation|arrhythmias?|diabetes|hypertension|cancer|sleep\s+apnea|depression|"
    r"heart\s+(?:attack|disease|failure)|stroke|disease|diagnos\w+|detect\w*|caught|screen\w*\s+for|treat\w*|cure\w*|sepsis|"
    # An alarm about a condition: "warns you if you might be developing sepsis", "can warn you about early heart failure".
    r"warn\w*\s+(?:you\s+)?(?:about|of|if|when|before)|alerts?\s+you\s+(?:to|about|if|when|before)|"
    # "it can tell if a lump is something to worry about", "te avisa si ya tienes prediabetes"
    r"(?:can|will|could)\s+tell\s+(?:you\s+)?(?:if|whether|when)\b|\btells\s+you\s+(?:if|whether|when)\b|te\s+avisa\s+(?:si|cuando)|"
    # Conditions, markers and medical devices a wellness product may not claim to change or replace.
    r"insomnia|(?:sleep\s+)?apnea|sids|a1c|blood\s+(?:sugar|glucose|pressure)|cholesterol|(?<!battery\s)(?<!range\s)anxiety|adhd|asthma|copd|"
    r"migraines?|obesity|dementia|alzheimer'?s|neuropathy|infections?|"
    # more conditions and markers: "catches postpartum preeclampsia", "flags low T", "pings you before hyperkalemia hits"
    r"ptsd|nightmares|nausea|pre-?eclampsia|hyperkalemia|autism|low\s+t|testosterone|progesterone|"
    r"speech\s+delay|ear\s+infections?|malnutrition|herniated|(?:getting|get|got|are|you'?re)\s+sick|fighting\s+something\s+off|"
    r"(?:prevent|lower|reduc|revers)\w*\s+(?:your\s+|my\s+|the\s+)?"
    r"(?:risk|a1c|blood|cholesterol|symptoms|episodes|attacks)|replac\w*\s+(?:\w+\s+){0,3}?(?:cgm|insulin|meds|medications?|"
    r"finger\s*sticks?|inhalers?|monitors?|doctor)"
    # "the halo flagged mom's sundowning pattern"
    r"|flag\w*\s+(?:\w+['\u2019]s\s+)?(?:\w+\s+)?(?:sundowning|wandering|seizures?|falls?|afib|arrhythmias?|apnea|infections?|sepsis|"
    r"dementia|depression)"
    # "how uncle bobby ditched his nebulizer with pluvane"
    r"|(?:ditch\w*|toss\w*|quit|stopp?(?:ed|ing|s)?|got\s+off|came\s+off)\s+(?:\w+\s+){0,2}?(?:nebuli[sz]ers?|inhalers?|cpap|insulin|"
    r"meds|medications?|pills|oxygen|o2|bipap)"
    # French and Haitian Creole: "trete depresyon", "soigne le diabète", "détecte la dépression".
    r"|trete|geri|depresyon|anksyete|dyab[e\u00e8]t|tansyon|soign\w*|d[\u00e9e]tect\w*|d[\u00e9e]pression|anxi[\u00e9e]t[\u00e9e]|diab[\u00e8e]te"
    # "can tell if you have clinical depression", "te dice si tu niño tiene caries": a diagnosis in other words.
    r"|(?:tells?|know|knows)\s+(?:you\s+)?(?:if|whether|when)\s+(?:you|u|your\s+\w+|they|he|she)\s+(?:have|has|are|is|might|may)"
    r"|te\s+dice\s+si|detecta\w*|diagnostica\w*|caries|cavities)\b"
    # Korean: "파킨슨 초기 증상을 잡아준대요", "치매 진단".
    r"|파킨슨|치매|당뇨|고혈압|우울증|부정맥|관절염|당화혈색소|진단|증상을\s?잡"
    # Arabic: "بيمنع هبوط السكر", "يعالج السكري".
    r"|يمنع|بيمنع|يعالج|بيعالج|السكري|هبوط\s+السكر|الضغط"
    # Hinglish: "aapki sugar ko control karta hai"
    r"|\b(?:sugar|bp|diabetes|thyroid)\s+(?:ko\s+)?control\s+kar\w*"
)
POPULATION = compile_pattern(
    r"(?i)\b(?:for|in)\s+(?:all|every|any)\s+(?:\w+\s+)?(?:patients?|lesions?|cancers?|conditions?|ages?|people|"
    r"adults|children|types?|strokes?|tumou?rs?)\b|\b(?:pediatric|children|kids)\b"
)
USE_CLASSES: dict[str, re.Pattern[str]] = {
    "mortality": compile_pattern(r"(?i)\b(?:mortality|deaths?|survival|saves?\s+lives|lives\s+saved)\b"),
    "diagnosis": compile_pattern(r"(?i)\bdiagnos(?:e|es|ed|ing)\b|진단해|진단합|진단도"),
    "treatment": compile_pattern(r"(?i)\b(?:treat(?:s|ed|ing)?|cures?|heals?)\b"),
    "prevention": compile_pattern(r"(?i)\bprevent\w*\b"),
    "screening": compile_pattern(r"(?i)\bscreen(?:s|ed|ing)?\b"),
    "prediction": compile_pattern(r"(?i)\bpredict\w*\b"),
}
# "available only at trial sites"; or with "only" before the word, "only available inside the trial".
_STUDY_SCOPE = r"\s+(?:to|in|at|for|through|within|inside|via|as\s+part\s+of)\b[^.!?]{0,60}\b(?:stud(?:y|ies)|trials?|research"
STUDY_ONLY = compile_pattern(rf"(?i)\s+only{_STUDY_SCOPE}|sites?)\b")
STUDY_PLACE = compile_pattern(rf"(?i){_STUDY_SCOPE})\b")
ONLY_BEFORE = compile_pattern(r"(?i)\bonly\s+$")


def _study_only(text: str, start: int, end: int) -> bool:
    """Return whether 'available' is restricted to a study ('available only at trial sites', 'only available in the trial')
    or said of what participants get ('compensation for time and travel is available')."""
    if PARTICIPANT_SUPPORT.search(text, max(0, start - 40), start):
        return True
    return bool(STUDY_ONLY.match(text, end) or (ONLY_BEFORE.search(text, max(0, start - 12), start) and STUDY_PLACE.match(text, end)))


PARTICIPANT_SUPPORT = compile_pattern(
    r"(?i)\b(?:compensation|stipends?|reimbursement|parking|transportation|rides?|childcare|interpreters?|translation|"
    r"travel|spots|appointments|slots)\b[^.!?;]{0,25}\b(?:is|are)\s+(?:also\s+)?$"
)


_NOT_A_CLAIM = compile_pattern(
    r"(?i)\bnot\s+(?:a\s+substitute|a\s+(?:medical\s+)?device|intended|meant|designed|a\s+replacement|a\s+(?:lab\s+)?test|"
    r"(?:a\s+)?treatment|a\s+diagnos\w+)\b"
    r"|\bdoes(?:\s+not|n't)\s+(?:diagnose|detect|treat|replace)"
)
# Wording that itself says a product is used beyond its label, whatever the indication on file: "off-label", "isn't just
# for wrists", "also treats COVID", "cleared for insomnia but I use it for anxiety", "even is not in the label".
EXPANSION = compile_pattern(
    r"(?i)\boff[\s-]label\b[^.!?]{0,60}|\b(?:even|though|although)\s+(?:it'?s\s+|it\s+is\s+|is\s+)?not\s+(?:in|on)\s+the\s+label\b"
    r"|\b(?:isn'?t|is\s+not|not|aren'?t)\s+just\s+for\b[^.!?]{0,60}"
    r"|\balso\s+(?:treats?|works?\s+(?:very\s+well\s+|great\s+)?(?:for|on|with|in)|helps?\s+with|detects?|diagnoses?|predicts?|prevents?|"
    r"cures?|fixes)\b[^.!?\U0001F300-\U0001FAFF]{0,60}"
    r"|\b(?:treats?|works?\s+for|helps?\s+with|predicts?|detects?)\b[^.!?]{0,50}\btoo\b"
    r"|\b(?:using|use|used|prescribing)\s+(?:it\s+|\w+\s+){0,3}?for\b[^.!?]{0,80}?\b(?:too|as\s+well)\b"
    r"|\b(?:cleared|approved|indicated|label(?:l)?ed)\s+for\s+[^.!?]{0,60}?\bbut\b[^.!?]{0,60}\b(?:using|use|used|prescrib\w+|treats?)\b[^.!?]{0,40}"
)
_NEGATED_USE = compile_pattern(r"(?i)\b(?:not|no|never)\b[^.;,]{0,20}$")
_APPROVED_STATUSES = frozenset({"510k_cleared", "de_novo_granted", "pma_approved", "rx_drug_approved"})


def _claim_sentences(doc: Document, mention: Mention) -> tuple[int, int]:
    index = doc.sentence_index(mention.start)
    start = doc.sentences[index][0] if doc.sentences else 0
    end = doc.sentences[min(index + 1, len(doc.sentences) - 1)][1] if doc.sentences else len(doc.text)
    return start, end


def _first_benefit(doc: Document, mentions: list[Mention]) -> re.Match[str] | None:
    for mention in mentions:
        start, end = _claim_sentences(doc, mention)
        for match in BENEFIT.finditer(doc.text, start, end):
            if doc.is_negated(match.start()) or _states_indication(doc, match.start()) or _only_money(match.group(0)):
                continue
            return match
    return None


# "Saves $900 per admission", "cuts ICU costs by 20%": what the economic rule flags (R27, reviewed) is not a clinical
# benefit that needs risk information (R11), unless it also claims an outcome ("saves lives and $2M").
CLINICAL_OUTCOME = compile_pattern(r"(?i)\b(?:li(?:fe|ves)|deaths?|mortality|survival|outcomes?|complications?|harm|injur(?:y|ies)|missed|"
                              r"diagnos\w*|detect\w*)\b")


def _only_money(claim: str) -> bool:
    return bool(ECONOMIC.match(claim)) and not CLINICAL_OUTCOME.search(claim)


# "cleared to help clinicians detect…", "indicated for…": the regulatory indication, not a benefit claim.
INDICATION_STATEMENT = compile_pattern(r"(?i)\b(?:cleared|granted|approved|authori[sz]ed|indicated)\b")


def _states_indication(doc: Document, position: int) -> bool:
    start, _ = doc.sentence_at(position)
    return bool(INDICATION_STATEMENT.search(doc.text, start, position))


def _mentions_by_product(doc: Document) -> dict[Product, list[Mention]]:
    grouped: dict[Product, list[Mention]] = {}
    for mention in doc.mentions:
        grouped.setdefault(mention.product, []).append(mention)
    return grouped


def benefit_without_risk(doc: Document) -> Iterator[Finding]:
    """Flag benefit claims for a registered product that give no risk information or risk link."""
    has_risk_words = bool(RISK_INFO.search(doc.text))
    for product, mentions in _mentions_by_product(doc).items():
        if product.regulatory_status not in _APPROVED_STATUSES:
            continue
        benefit = _first_benefit(doc, mentions)
        if benefit is None:
            continue
        has_link = bool(doc.urls) or bool(product.risk_info_url and product.risk_info_url in doc.text) or bool(
            RISK_PAGE.search(doc.text))
        if not has_risk_words:
            severity = "review" if doc.is_cited_near(*benefit.span()) else "block"
            yield doc.finding("claims.benefit_without_risk", "claims", *benefit.span(), severity,
                              f"A benefit claim for {product.name} needs its most important risks or limitations in the same post.",
                              f"Add the key limitation and a link: 'Risks and limitations: {product.risk_info_url or '<IFU link>'}'.")
        elif not has_link:
            severity = "block" if product.regulatory_status.startswith("rx_drug") and not doc.is_cited_near(*benefit.span()) else "review"
            yield doc.finding("claims.risk_link_missing", "claims", *benefit.span(), severity,
                              f"Risk wording is present but there is no link to {product.name}'s full risk information.",
                              f"Link the risk or IFU page: {product.risk_info_url or '<IFU link>'}.")


# "Full prescribing information: vantreca-pi.example.com": a risk page given by its bare domain.
RISK_PAGE = compile_pattern(
    r"(?i)\b(?:prescribing\s+info\w*|full\s+(?:pi|risks?|safety\s+info\w*|indications)|safety\s+info\w*|isi|ifu|pi|risks?)\s*"
    r"(?:[:\-\u2192>]|at|here)?\s*[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|health|info|uk|ca|au|nz|ie|us|co|care)\b"
)


def _words(text: str) -> str:
    """Return the text's words in lower case, one space apart: 'influenza-vaccine-adjuvanted' is 'influenza vaccine, adjuvanted'."""
    return " " + " ".join(re.findall(r"[^\W_]+", text.lower())) + " "


def established_names(doc: Document) -> Iterator[Finding]:
    """Flag a drug brand name used without its established (generic) name."""
    for product, mentions in _mentions_by_product(doc).items():
        # "PI: nerivane.example.com/isi": the name inside the product's own link is no use of the brand name.
        mentions = [mention for mention in mentions if not doc.in_url(mention.start)]
        if mentions and product.established_name and _words(product.established_name) not in _words(doc.text):
            yield doc.finding("claims.established_name", "claims", mentions[0].start, mentions[0].end, "block",
                              f"{product.name} must appear with its established name ({product.established_name}).",
                              f"Write '{product.name} ({product.established_name})'.")


def investigational_promotion(doc: Document) -> Iterator[Finding]:
    """Flag investigational products described as available, proven, safe or effective."""
    for product, mentions in _mentions_by_product(doc).items():
        if product.regulatory_status != "investigational":
            continue
        # Said of the product: in a sentence that names it or in the two after ("Lumidra is here. It listens to the call.
        # It's proven to…"), and not of a person ("Our lead investigator will be available for interviews").
        near = {doc.sentence_index(mention.start) + after for mention in mentions for after in range(3)}
        matches = [match.span() for match in AVAILABLE.finditer(doc.text) if doc.sentence_index(match.start()) in near
                   and not PERSON_AVAILABLE.match(doc.text, match.start())
                   and not doc.is_negated(match.start(), match.end()) and not _study_only(doc.text, match.start(), match.end())
                   and not UNKNOWN_BEFORE.search(doc.text, max(doc.sentence_at(match.start())[0], match.start() - 80), match.start())]
        for mention in mentions:
            works = WORKS_AFTER.match(doc.text, mention.end)
            if works and not doc.is_negated(mention.start, works.end()):
                matches.append((mention.start, works.end()))
        for span in matches:
            yield doc.finding("claims.investigational", "claims", *span, "block",
                              f"{product.name} is investigational: it may not be promoted as available, safe or effective.",
                              "Say 'Investigational device. Not available for sale in the United States.'")


# A sentence that goes on about the product just named: "It detects…", "This app…", "The ring knows…".
IT_OPENS = compile_pattern(r"(?i)\s*(?:and\s+|plus\s+|now\s+|honestly\s+)?(?:it|it'?s|it\s+also|this(?:\s+\w+)?|the\s+(?:app|ring|band|"
                           r"watch|device|tracker|game|tea|shake|supplement|clip|patch|program|coach))\b")
PEOPLE_WITH = compile_pattern(r"(?i)\b(?:with|living\s+with|diagnosed\s+with|has|have|had)\s+(?:early\s+|mild\s+|late-stage\s+)?$")


def wellness_disease_claims(doc: Document) -> Iterator[Finding]:
    """Flag disease or diagnosis claims for products that are not medical devices (general wellness)."""
    for product, mentions in _mentions_by_product(doc).items():
        if product.regulatory_status != "not_a_device":
            continue
        for mention in mentions:
            start, end = doc.sentence_at(mention.start)
            if re.match(r"\s*(?:[A-Z][\w+]*\s+){0,3}[\w+]*[!:]\s+", doc.text[mention.start : end + 2]) or (
                    end < len(doc.text) and IT_OPENS.match(doc.text, doc.sentence_at(end + 1)[0])):
                # "KestrelConnect Steps! … it can warn you about…", "…the Fertile Window Pro mode. It detects…": the next
                # sentence too
                end = doc.sentence_at(end + 1)[1]
            # "a GPS watch for a parent with dementia": the people it is for, not a claim about the disease
            match = next((m for m in DISEASE_CLAIM.finditer(doc.text, start, end)
                          if not PEOPLE_WITH.search(doc.text, max(start, m.start() - 25), m.start())), None)
            if match and not doc.is_negated(match.start()) and not _NOT_A_CLAIM.search(doc.text, start, end):
                span = (min(mention.start, match.start()), max(mention.end, match.end()))
                yield doc.finding("claims.wellness_disease", "claims", *span, "block",
                                  f"{product.name} is a wellness product; disease or diagnosis claims make it an unapproved device.",
                                  "Describe general wellness only ('tracks your heart-rate trends').")
                break


def off_label(doc: Document) -> Iterator[Finding]:
    """Flag claims outside a product's cleared indication (other uses, outcomes or populations)."""
    for product, mentions in _mentions_by_product(doc).items():
        indication = product.cleared_indication
        for mention in mentions:
            start, end = _claim_sentences(doc, mention)
            yield from _off_label_uses(doc, product, start, end)
            for match in POPULATION.finditer(doc.text, start, end):
                if indication is None or match.group(0).split()[-1].lower() not in indication.lower():
                    yield doc.finding("claims.off_label", "claims", *match.span(), "block" if indication else "review",
                                      f"The population claimed goes beyond what {product.name} is cleared for.",
                                      "Name only the cleared population and indication.")
            break
        if product.regulatory_status in _APPROVED_STATUSES:
            yield from _beyond_label(doc, product, mentions)


def _beyond_label(doc: Document, product: Product, mentions: list[Mention]) -> Iterator[Finding]:
    """Flag wording that says a cleared or approved product is used beyond its label, in a sentence naming it."""
    for start, end in sorted({doc.sentence_at(mention.start) for mention in mentions}):
        for match in EXPANSION.finditer(doc.text, start, end):
            if doc.is_negated(match.start()) or _NEGATED_USE.search(doc.text[max(0, match.start() - 25) : match.start()]):
                continue
            yield doc.finding("claims.off_label", "claims", match.start(), match.start() + len(match.group(0).rstrip()), "block",
                              f"The post describes a use of {product.name} beyond its label.",
                              "Describe only the cleared or approved indication.")


def _off_label_uses(doc: Document, product: Product, start: int, end: int) -> Iterator[Finding]:
    indication = product.cleared_indication
    if not indication:
        return
    for use, pattern in USE_CLASSES.items():
        if _positively_mentions(pattern, indication):
            continue
        for match in pattern.finditer(doc.text, start, end):
            if doc.is_negated(match.start()) or _NEGATED_USE.search(doc.text[max(0, match.start() - 25) : match.start()]):
                continue
            yield doc.finding("claims.off_label", "claims", *match.span(), "block",
                              f"{product.name} is not cleared for {use} claims; its indication is: {indication}.",
                              "Describe only the cleared indication.")


def _positively_mentions(pattern: re.Pattern[str], indication: str) -> bool:
    return any(not _NEGATED_USE.search(indication[max(0, m.start() - 25) : m.start()]) for m in pattern.finditer(indication))
