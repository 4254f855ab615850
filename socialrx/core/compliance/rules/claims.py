"""Claim rules: FDA status, cures, guarantees, absolutes, comparisons, evidence and misinformation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialrx.core.compliance.document import NEGATION, OPEN_QUOTE, REPORTED, Document
from socialrx.core.compliance.findings import Finding, Severity
from socialrx.core.compliance.patterns import compile_pattern
from socialrx.core.compliance.roles import health_count

_SEP = r"[\s\-_]*"
FDA_APPROVED = compile_pattern(
    rf"(?i)\b(?:FDA|F-D-A)(?:['\u2019]s)?{_SEP}(?:has\s+|just\s+|officially\s+)*(?:approv\w*|ap{{1,2}}r(?:oo|u)v\w*|ap{{1,2}}rv(?:e?d)\b|a-p-p-r-o-v-e-d)|\bapprov\w*\s+(?:by|from|of)\s+(?:the\s+)?(?:US\s+)?FDA\b"
    rf"|\b(?:De{_SEP}Novo|510{_SEP}\(?k\)?|PMA){_SEP}approv\w*"
    # Spanish and Portuguese: "aprobado por la FDA", "aprovado pela FDA", "FDA-aprobado".
    r"|\bapro[bv]ad[oa]s?\s+(?:por|pela|pelo|x)\s+(?:la\s+|el\s+|a\s+)?FDA\b|\bFDA[\s-]+apro[bv]ad[oa]s?\b"
    # French and Haitian Creole: "approuvé par la FDA", "FDA apwouve".
    r"|\bapprouv[\u00e9e]e?s?\s+(?:par\s+)?(?:la\s+)?FDA\b|\bFDA[\s-]+(?:approuv\w*|apwouve)\b|\bapwouve\s+(?:pa|pou)\s+FDA\b"
    # Arabic: "معتمد من FDA", "موافق عليه من FDA".
    r"|(?:معتمد|معتمدة|موافق\s+عليه|موافق\s+عليها)\s+من\s+(?:ال)?(?i:FDA)"
    # Korean: "FDA 승인", "에프디에이 승인".
    r"|(?i:FDA|에프디에이)\s?승인"
)
# FDA submission numbers say what a product has: K = 510(k) clearance, DEN = De Novo grant, P = PMA approval.
SUBMISSION_NUMBER = compile_pattern(r"\b(?:(K)\d{6}|(DEN)\d{6}|(P)\d{6}(?:/S\d{3})?)\b")
_SUBMISSION_STATUS = {"K": "510k_cleared", "DEN": "de_novo_granted", "P": "pma_approved"}
FDA_CLEARED = compile_pattern(rf"(?i)\bFDA{_SEP}(?:510\s*\(?k\)?{_SEP})?(?:clear\w*|grant\w*|authori[sz]\w*)|\b510\s*\(?k\)?{_SEP}cleared\b")
FDA_ENDORSED = compile_pattern(
    rf"(?i)\bFDA{_SEP}(?:certifi\w*|endors\w*|recogni[sz]ed|registered|backed|sanctioned|validated|verified|"
    r"compliant|blessed)\b|\b(?:certified|endorsed|backed|recommended|validated)\s+by\s+(?:the\s+)?FDA\b"
    r"|\bregistered\s+(?:w/?|with)\s+(?:the\s+)?FDA\b"
    r"|\b(?:[cs]ertificad|avalad|respaldad|registrad|recomendad)[oa]s?\s+(?:por|pela|pelo|ante|x)\s+(?:la\s+|el\s+|a\s+)?FDA\b"
    # French: "certifié par la FDA", "homologué par la FDA".
    r"|\b(?:certifi|homologu|valid|recommand|enregistr)[\u00e9e]e?s?\s+(?:par\s+)?(?:la\s+)?FDA\b"
    r"|(?i:FDA|에프디에이)\s?(?:인증|등록|추천|공인)"
)
_DISEASE = (
    r"cancers?|disease|diabetes|sepsis|infections?|strokes?|tumou?rs?|dementia|alzheimer'?s|heart\s+disease|"
    r"obesity|depression|afib|hypertension|covid(?:-19)?|arthritis|asthma|"
    r"pre-?diabetes|myopia|glaucoma|cataracts?|heart\s+failure|kidney\s+disease|neuropathy|insomnia|anxiety|migraines?|"
    r"eczema|psoriasis|acne|copd|sleep\s+apnea|apnea|osteoporosis|fibromyalgia|ibs|crohn'?s|colitis|lupus|parkinson'?s|"
    r"adhd|autism|cavities|gum\s+disease|gingivitis|neutropenia|chemo\s+brain|lymphedema|atherosclerosis|fatty\s+liver|"
    r"high\s+blood\s+pressure|high\s+cholesterol|plantar\s+fasciitis|tendinitis|tendonitis|sciatica|gout|"
    r"(?:back|knee|joint|neck|hip|nerve)\s+pain"
    r"|diab[e\u00e8]te|dyab[e\u00e8]t|tansyon|tension|d[e\u00e9]pression|depresyon|anxi[e\u00e9]t[e\u00e9]|anksyete|"
    r"c[a\u00e1]ncer|gripa|gripe|resfriados?|presi[o\u00f3]n\s+alta|press[a\u00e3]o\s+alta|artritis|artrite|asma|obesidad|depresi[o\u00f3]n|depress[a\u00e3]o|"
    r"ansiedad|ansiedade|colesterol|az[u\u00fa]car|a[c\u00e7][u\u00fa]car|tiroides|migra[\u00f1n]as?|enxaqueca|sik"
)
CURE = compile_pattern(
    # "test-of-cure", "cure rates of 81% vs 79%" in a trial report: an endpoint's name, not a promise
    rf"(?i)(?<!test-of-)(?<!test\sof\s)\b(?:cur(?:e|es|ed|ing)|eradicat\w+)\b(?:\s+(?:\w+\s+){{0,2}}?(?:{_DISEASE}))?"
    rf"|\b(?:eliminat|revers)(?:e|es|ed|ing)\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){{0,2}}?(?:{_DISEASE})\b"
    # not a cause's name: "Walk to End Alzheimer's", "our mission to end cancer"
    rf"|(?<!walk\sto\s)(?<!run\sto\s)(?<!ride\sto\s)(?<!race\sto\s)(?<!mission\sto\s)(?<!campaign\sto\s)(?<!fight\sto\s)"
    rf"(?<!together\sto\s)(?<!working\sto\s)(?<!help\sus\s)"
    rf"\b(?:ends?|ended|ending|wip(?:e|es|ed|ing)\s+out|knock(?:s|ed|ing)?\s+out|gets?\s+rid\s+of|got\s+rid\s+of|defeats?|conquers?)\s+"
    rf"(?:the\s+)?(?:\w+\s+){{0,2}}?(?:{_DISEASE}|(?:\w+\s+)?deaths?)\b"
    # A fix said to be permanent: "beat apnea for good", "fixes it for good", "eliminate your inherited clot risk for good".
    r"|\b(?:beat|beats|beating|fix|fixes|fixed|fixing|kick|kicks|kicked|banish\w*|eliminat\w+|erase[sd]?|gets?\s+rid\s+of|"
    r"got\s+rid\s+of|ends?|ended|stops?|stopped|solves?|solved|clears?|cleared)\s+(?:[\w'\u2019-]+\s+){0,4}?for\s+(?:good|ever)\b"
    # "his diabetes is just gone. reversed."
    rf"|\b(?:{_DISEASE})\s+(?:is|was|are|were)\s+(?:just\s+|completely\s+|totally\s+|basically\s+|all\s+)?(?:gone|reversed|cured)\b"
    # "make arthritis go away for good"
    r"|\b(?:go|goes|went|gone|going)\s+away\s+for\s+(?:good|ever)\b|\b(?:disappears?|disappeared|vanish(?:es|ed)?)\s+for\s+(?:good|ever)\b"
    r"|\bpermanently\s+(?:fix\w*|eliminat\w+|cur\w+|revers\w+|end\w*|remov\w+)\b"
    # "cannabis oil kills cancer cells", "this tea shrinks tumors"
    r"|\b(?:kills?|killed|killing|destroys?|destroyed|destroying|shrinks?|shrank|shrinking|dissolves?|dissolved|melts?\s+away)\s+"
    r"(?:the\s+)?(?:\w+\s+)?(?:cancer(?:ous)?(?:\s+cells)?|tumou?rs?)\b"
    # Spanish, Portuguese, Haitian Creole: "le cur\u00f3 la diabetes", "cura a diabetes", "geri sik".
    rf"|\b(?:cur(?:a|an|ar|\u00f3|aron|ou|am)|geri|kirye|gu[e\u00e9]ri[rt]?|gu[e\u00e9]rissent)\s+(?:\w+\s+){{0,2}}?(?:{_DISEASE})\b"
    # Creole puts the cure after the disease: "tansyon w ap geri", "sik la ap geri nèt".
    rf"|\b(?:{_DISEASE})\s+(?:\w+\s+){{0,2}}?(?:ap\s+|pral\s+|va\s+)?geri\b"
    # Korean: "관절염 다 나았어요", "완치", "당뇨를 고쳐줘요".
    r"|[\uac00-\ud7a3]+\s?(?:이|가|을|를|도)?\s?(?:다|싹|완전히)\s?나았|완치|(?:을|를)?\s?고쳐\s?(?:줘|준|줍|주)"
)
GUARANTEE = compile_pattern(
    # also misspelled: "garunteed", "guarenteed", "garanteed"
    r"(?i)(?<!money-back\s)(?<!money\sback\s)(?<!satisfaction\s)\b(?:guarantee[sd]?|g(?:ua|a|u)r[aeu]n?tee[sd]?)\b(?:\s+\w+)?"
    r"|\bnever\s+fails\b"
    r"|\b(?:resultados?\s+)?garanti[zs]?ad[oa]s?\b|\bnunca\s+falla\b|\bnunca\s+falha\b"
    # "te garantizo", "le garantiso", "garantizamos": the Spanish verb, however spelled
    r"|\bgaranti[zs](?:o|a|amos|an)\b"
    # "we'll have him back on the court by playoffs, we promise"
    r"|\b(?:back\s+(?:on|in|to)|off\s+(?:insulin|meds|medications?|oxygen|the\s+\w+)|pain[\s-]free|healed|cured|better)\b"
    r"[^.!?\n]{0,40}?,?\s+(?:we\s+promise|i\s+promise|i\s+swear|you\s+have\s+my\s+word)\b"
    # An outcome promised with a refund behind it: "sleep better in 30 nights or we refund every penny", "you hit your goal
    # or month 3 is on us".
    r"|(?:\b(?:you|your|sleep|lose|feel|see|hit|get|results?|breathe|look)\b[^.!?\n,]{0,40}?|\b(?:in|within)\s+\d+\s+\w+\s+)"
    r"\bor\s+(?:we(?:'ll|\u2019ll|\s+will)?\s+refund|"
    r"(?:you\s+get\s+)?your\s+money\s+back|(?:(?:the|your|ur)\s+)?(?:next\s+)?month\s+\d*\s*(?:is\s+)?(?:on\s+us|free)|it'?s\s+free|"
    r"you\s+don'?t\s+pay|(?:i'?ll|ill|i\s+will)\s+eat\s+my)\b[^.!?\n,]{0,25}"
)
ABSOLUTE_ACCURACY = compile_pattern(
    r"(?i)\b100\s*(?:%|percent|per\s+cent)\s*(?:정확|دقيق|مضمون|accura\w*|sensitiv\w*|specific\w*|reliab\w*|precis\w*|correct\w*|detection|effective|"
    r"exact[oa]s?|precis[oa]s?|confiable|efica[zc])"
    r"|\bnever\s+(?:misses|miss|missed|makes\s+mistakes|gets\s+it\s+wrong|fails\s+to\s+(?:detect|catch))\b"
    r"|\bzero\s+(?:errors|false\s+(?:negatives|positives)|misses|missed\s+\w+|mistakes)\b"
    r"|\b(?:perfect|flawless)\s+(?:accuracy|sensitivity|specificity|detection|reads?|results)\b|\berror[\s-]*free\b"
    r"|\b(?:works?|performs?|runs?|reads?)\s+flawlessly\b|\bnever\s+(?:gives?|makes?|returns?|shows?|reports?)\s+(?:a\s+|an\s+)?"
    r"(?:wrong|false|bad|incorrect|inaccurate)\s+(?:reading|result|answer|read|alert|alarm|diagnosis)s?\b"
    r"|\bcatch(?:es)?\s+(?:every|all)\s+(?:single\s+)?(?:case|cancer|stroke|nodule|tumou?r)s?\b"
    r"|\b(?:no|zero|not\s+(?:a|one)\s+single|not\s+one)\s+(?:[\w-]+\s+){0,3}?(?:is|are|was|were|goes?|gets?|went)\s+"
    r"(?:ever\s+)?(?:missed|undetected|overlooked|unnoticed|undiagnosed)\b"
    r"|\bne\s+(?:rate|manque|se\s+trompe)\s+jamais\b|\bpa\s+janm\s+(?:bliye|rate|twonpe|manke)\b|\bworks?\s+100\s*%\s+of\s+the\s+time\b|\bevery\.?\s+single\.?\s+time\b|\bnunca\s+se\s+equivoca\w*\b|\bno\s+se\s+le\s+(?:escapa|pasa)\s+(?:na|nada|ni\s+una)\b|\bnada\s+se\s+le\s+escapa\b|\bmiss(?:es)?\s+nothing\b|\bnothing\s+(?:slips|gets|goes)\s+(?:through|past|by)\b|\b(?:won't|will\s+never|never\s+ever)\s+miss\b"
    r"|\b(?:every|all)\s+(?:single\s+)?(?:case|stroke|bleed|nodule|fracture|cancer|tumou?r|heart\s+attack)s?\s+(?:caught|detected|flagged)\b"
)
ABSOLUTE_SAFETY = compile_pattern(
    r"(?i)\b(?:no|zero|without)\s+side[\s-]*(?:effects?|affects?|efects?|effetcs?)\b"
    r"|\b(?:sin|no\s+tiene|no\s+causa|sem|n[a\u00e3]o\s+tem|zero|cero|ning[u\u00fa]n)\s+(?:ning[u\u00fa]n\s+)?(?:efectos?\s+secundarios?|efeitos\s+colaterais)\b"
    r"|\b(?:100\s*%|totalmente|completamente|cien\s+por\s+ciento)\s+segur[oa]s?\b|\bside[\s-]*effects?[\s-]*free\b|\bzero[\s-]+(?:[a-z]+[\s-]+)?risks?\b(?![\s-]+(?:info\w*|statements?|language|disclosures?|warnings?|wording|factors?))|\brisk[\s-]*free\b|\bno\s+risks?\b(?!\s+factors?)"
    r"|\b(?:completely|totally|perfectly|100\s*%|entirely|absolutely|fully)\s+safe\b(?:\s+for\s+(?:every|all|any)\w*(?:\s+\w+)?)?"
    # Hinglish: "koi side effect nahi" (no side effects), "bilkul safe".
    r"|\bkoi\s+(?:bhi\s+)?side[\s-]*effects?\s+nahi(?:n)?\b|\bbilkul\s+safe\b"
    # Privacy and security promised absolutely: "100% HIPAA compliant", "zero risk of a data breach".
    r"|\b(?:100\s*%|completely|totally|fully|entirely|absolutely)\s+(?:HIPAA[\s-]+(?:compliant|secure|safe)|secure|unhackable)\b"
    r"|\bzero\s+(?:risk|chance)\s+of\s+(?:a\s+|any\s+)?(?:data\s+)?(?:breach|leak|hack)\w*"
    r"|\b(?:can'?t|cannot|can\s+not)\s+(?:possibly\s+|ever\s+)?hurt\s+(?:you|u|anyone|anybody|your\s+\w+)\b(?!,?\s+but\b)"
    r"|\b(?:literally|absolutely|there'?s|there\s+is)\s+nothing\s+to\s+worry\s+about\b|\bzero\s+(?:reason|need)\s+to\s+worry\b"
    r"|\bharmless\b|\bsafe\s+for\s+(?:every|all|any)(?:one|body|\s+\w+)|\b(?:has\s+|with\s+|there\s+(?:is|are)\s+)?no\s+(?:downsides?|drawbacks?)\b"
    r"|\bno\s+(?:harm|danger)\s+(?:from|in|at)\b|\b(?:doesn't|does\s+not|don't|do\s+not|won't|will\s+never|never|can't|cannot)\s+"
    r"(?:ever\s+)?(?:cause|causes)\s+(?:any\s+)?(?:bleeding|side[\s-]*effects?|harm|damage|problems|complications|reactions)\b"
    # "it doesn't interact with any of your meds", "no drug interactions at all"
    r"|\b(?:doesn't|does\s+not|don't|do\s+not|won't|will\s+not|never|can't|cannot)\s+interact\s+with\s+(?:any|anything|other|your)\b"
    r"|\bno\s+(?:drug\s+)?interactions?\s+(?:at\s+all|with\s+(?:any|anything|other))\b|\bzero\s+(?:drug\s+)?interactions?\b"
)
AI_OVERCLAIM = compile_pattern(
    r"(?i)\bfully\s+autonomous\b(?:[\s,;:\u2014\u2013-]+no\s+\w+\s+(?:needed|required))?"
    r"|\bno\s+(?-i:MD|DO|RN|NP|PA|IBCLC|RD|RDN|PT|OT|RT|CNM|DDS|DMD|LCSW|LPC|BCBA|CRNA|EMT|OD|PsyD|DPM|OB|GI|ENT)s?\s+"
    r"(?:needed|required|necessary)\b"  # "no IBCLC needed", "no MD required"
    r"|\bno\s+(?:[\w-]+\s+)?(?:doctors?|docs?|radiologists?|physicians?|clinicians?|humans?|pathologists?|specialists?|human\s+review|"
    r"counsel(?:l)?ors?|therapists?|nurses?|pharmacists?|experts?|\w+ologists?|sleep\s+(?:lab|study|clinic))\s+"
    # "No human read required", "no radiologist sign-off needed"
    r"(?:visit\s+|reads?\s+|review\s+|sign-?off\s+|oversight\s+|over-?read\s+)?(?:needed|required|necessary)\b"
    r"|\bnever\s+(?:again\s+)?need\s+(?:a\s+|an\s+|the\s+|your\s+|another\s+)?(?:[\w-]+\s+)?(?:doctors?|radiologists?|physicians?|"
    r"clinicians?|counsel(?:l)?ors?|therapists?|specialists?|pathologists?|dermatologists?|cardiologists?|nurses?)\b"
    r"|\breplac(?:es|e|ing)\s+(?:[\w-]+\s+){0,3}?(?:doctors?|radiologists?|physicians?|clinicians?|pathologists?|"
    r"dermatologists?|specialists?|nurses?|readers?|reads?|humans?|staff)\b(?!\s+(?:burnout|shortages?|fatigue|workload))"
    r"|\b(?:(?:completely|totally|100\s*%|fully)\s+)?(?:unbiased|bias[\s-]*free)\b(?:\s+across\s+all\s+\w+)?"
    r"|\bnever\s+wrong\b|\balways\s+(?:right|correct|accurate)\b"
    r"|\bzero\s+bias\b|\b(?:completely|totally|100\s*%|fully|entirely)\s+free\s+(?:of|from)\s+(?:any\s+)?bias\b"
    r"|(?:의사|간호사|전문의)\s?없이도?|(?:의사|병원)\S*\s?(?:갈\s?)?필요\s?없"
    # "our nurses don't have to worry about spotting sepsis anymore", "…don't have to stare at strips anymore"
    r"|\b(?:nurses?|doctors?|docs?|clinicians?|staff|radiologists?|physicians?|you)\s+(?:don'?t|do\s+not|no\s+longer)\s+(?:have|need)\s+"
    r"to\s+(?:worry\s+about\s+)?(?:spot|catch|watch|check|monitor|read|screen|look|stare|review)(?:s|es|t?ing)?\b"
    # "No dermatologist? No problem.", "reads an echo with no cardiologist in the loop"
    r"|\bno\s+(?:doctor|physician|clinician|\w+ologist|\w+iatrist|specialist|therapist)\?\s+no\s+problem\b"
    r"|\bno\s+(?:doctors?|physicians?|clinicians?|\w+ologists?|humans?|one|nurses?)\s+in\s+the\s+loop\b"
    # "the AI reads the density now so no radiologist has to look at it"
    r"|\bno\s+(?:[\w-]+\s+)?(?:doctors?|docs?|radiologists?|physicians?|clinicians?|humans?|nurses?|specialists?|\w+ologists?)\s+"
    r"(?:has|have|needs?)\s+to\s+(?:look\s+at|read|review|see|check)\b"
    # "the cardiologist just has to sign", "no need of cardiologist to read"
    r"|\b(?:the\s+|your\s+|a\s+)?(?:doctors?|physicians?|radiologists?|clinicians?|cardiologists?|ophthalmologists?|\w+ologists?)\s+"
    r"(?:just|only)\s+(?:has|have|needs?)\s+to\s+(?:sign|click|approve|confirm|glance)\b"
    r"|\bno\s+need\s+(?:for\s+|of\s+)?(?:the\s+|a\s+|your\s+|any\s+)?(?:doctors?|physicians?|radiologists?|clinicians?|nurses?|"
    r"therapists?|dermatologists?|cardiologists?|endocrinologists?|specialists?)\b"
)
# Autonomy and replacement claims count when made for our product, not as opinions about AI in general.
PRODUCT_AUTONOMY = compile_pattern(
    r"(?i)\b(?:reads?|diagnos\w+|decides?|doses?|adjusts?|prescribes?|figures?\s+out|sets?|calculates?|picks?|titrates?|rules?\s+out\s+\w+|works?|interprets?|acts?|runs?|operates?|triages?|treats?)\s+"
    r"(?:\w+\s+){0,3}?(?:on\s+its\s+own|by\s+itself|autonomously|alone)\b"
    r"|\b(?:don't|do\s+not|no\s+longer|won't|never)\s+need\s+(?:a\s+|the\s+|any\s+)?(?:double\s+reading|second\s+read\w*|"
    r"radiologists?|doctors?|physicians?|biops(?:y|ies)|specialists?|cardiologists?|pathologists?)\b"
    r"|\bno\s+(?:biopsy|second\s+read(?:er|ing)?|double\s+reading|doctor|radiologist)\s+(?:needed|required|necessary)\b"
    r"|\bwill\s+replace\s+(?:\w+\s+){0,2}?(?:doctors?|radiologists?|physicians?|clinicians?|cardiologists?|pathologists?|nurses?)\b"
)
OWN_SUBJECT = compile_pattern(r"(?i)\b(?:our|my|this|their)\s+(?:\w+\s+)?(?:ai|tool|model|app|algorithm|software|product|device|platform)\b")
_CLINICIANS = (
    r"doctors?|docs?|derms?|physicians?|radiologists?|clinicians?|dermatologists?|cardiologists?|pathologists?|oncologists?|"
    r"neurologists?|nurses?|specialists?|humans?|experts?|residents?|surgeons?|readers?|ophthalmologists?|optometrists?|"
    r"endocrinologists?|pulmonologists?|gastroenterologists?|urologists?|psychiatrists?|pat-?downs?|guards?|"
    # any specialist by name: "neuroradiologists", "electrophysiologists", "podiatrists"
    r"\w+ologists?|\w+iatrists?"
)
VS_CLINICIANS = compile_pattern(
    r"(?i)\b(?:outperform\w*|better\s+(?:[\w-]+\s+){0,2}?than|beats?|beating|superior\s+to|more\s+accurate\s+than|smarter\s+than|"
    rf"surpass\w*|exceeds?|out-?diagnos\w*|(?:faster|quicker|earlier|sharper|more\s+(?:[\w-]+\s+){{0,2}}?[\w-]+)\s+(?:eyes\s+)?than)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?(?:{_CLINICIANS})\b"
    # "as good as your OB's machine": the product set level with the clinician's own equipment or judgement
    rf"|\bas\s+good\s+as\s+(?:your|a|an|the|any)\s+(?:[\w-]+\s+)?(?:ob-?gyns?|obgyns?|obs?|{_CLINICIANS})['\u2019]s?\s+[\w-]+"
)
_CLINICOS_ES = (
    r"(?:cualquier|un|una|el|la|los|las|tu|su|tus|sus|much[oa]s)\s+(?:dentistas?|doctor(?:es|as?)?|m[e\u00e9]dic[oa]s?|"
    r"radi[o\u00f3]log[oa]s?|especialistas?|enfermer[oa]s?|dermat[o\u00f3]log[oa]s?|humanos?)\b"
)
SEES_MORE_THAN_CLINICIANS = compile_pattern(
    rf"(?i)\b(?:sees?|finds?|catch(?:es)?|spots?|knows?|detects?)\s+more\s+than\s+(?:any|a|the|your|most|every)?\s*(?:\w+\s+)?(?:{_CLINICIANS})\b"
    rf"|\b(?:ur|your|the)\s+(?:{_CLINICIANS})\s+(?:is|are)\s+(?:basically\s+|now\s+|pretty\s+much\s+)?(?:optional|obsolete|unnecessary|redundant)\b"
    # Spanish: "ve más caries q cualquier dentista", "detecta mejor que un médico", "más preciso que el radiólogo"
    rf"|\b(?:ve|ven|detecta|detectan|encuentra|encuentran|lee|leen)\s+(?:m[a\u00e1]s|mejor)\s+(?:[\w\u00e1\u00e9\u00ed\u00f3\u00fa\u00f1]+\s+){{0,3}}?(?:que|q)\s+"
    rf"{_CLINICOS_ES}"
    rf"|\b(?:mejor|m[a\u00e1]s\s+(?:precis[oa]|exact[oa]|r[a\u00e1]pid[oa]|confiable|segur[oa]))\s+(?:que|q)\s+{_CLINICOS_ES}"
    # French and Haitian Creole: "mieux que les infirmières", "pi byen pase enfimyè a".
    r"|\bmieux\s+que\s+(?:les?|la|un|une|votre|vos|ton|tes)\s+(?:m[\u00e9e]decins?|docteurs?|infirmi[\u00e8e]re?s?|dentistes?)\b"
    r"|\bpi\s+(?:byen|bon|fo)\s+pase\s+(?:\w+\s+)?(?:enfimy[\u00e8e]|dokt[\u00e8e]|doktè|dantis|famasyen)\b"
    # Korean: "간호사가 재는 것보다 더 정확", "의사보다 낫다".
    r"|(?:의사|간호사|전문의|선생님|병원)[\uac00-\ud7a3]*\s?(?:[\uac00-\ud7a3]+\s){0,2}?(?:[\uac00-\ud7a3]*)보다\s?(?:더\s?)?(?:정확|잘|빠르|낫)"
)
SEES_WHAT_CLINICIANS_MISS = compile_pattern(
    rf"(?i)\b(?:sees?|catch(?:es)?|finds?|spots?|detects?)\s+what\s+(?:\w+\s+)?(?:{_CLINICIANS})\s+"
    r"(?:miss|misses|missed|can't\s+see|cannot\s+see|overlook)\b"
)
VS_COMPETITORS = compile_pattern(
    r"(?i)\b(?:better\s+than|outperform\w*|beats?|superior\s+to|more\s+accurate\s+than)\s+"
    r"(?:any|every|all|other|competing|rival|traditional|legacy|existing)\b[^.!?]{0,40}"
    # "our patients walk farther and go home sooner than anyone coming out of a SNF"
    r"|\b(?:sooner|faster|farther|further|better|longer|stronger|quicker)\s+than\s+(?:anyone|anybody|any\s+other|other\s+\w+)\b[^.!?]{0,40}"
    # "gets better outcomes than the big university programs in Chicago"
    r"|\bbetter\s+(?:outcomes|results|survival|care)\s+than\s+(?:the\s+)?(?:[\w-]+\s+){0,3}(?:programs?|hospitals?|centers?|centres?|"
    r"clinics?|systems?|practices?)\b[^.!?]{0,40}"
)
# A head-to-head claim against a named or described rival: "twice as accurate as the Corvana patch", "more accurate than
# the other brand", "catches more AFib than Brand X". A comparison with the past ("better than ever") is no rival.
VS_RIVAL = compile_pattern(
    r"(?i)\b(?:(?:twice|three\s+times|\d+(?:\.\d+)?\s*(?:x|times|%))\s+(?:as\s+(?:accurate|sensitive|fast|reliable|good|effective)"
    r"\s+as|(?:more\s+)?(?:accurate|sensitive|reliable|effective|better|faster)\s+than)"
    r"|(?:more\s+(?:accurate|sensitive|reliable|effective|precise)|better|faster|safer|smarter)\s+than)\s+"
    r"(?!(?:ever|before|yesterday|usual|expected|last\s+\w+|we|i|you|it|that|this|a\s+year\s+ago|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?|january|february|march|april|may|june|july|august|september|"
    r"october|november|december|christmas|thanksgiving|google)\b)"
    r"(?:the\s+(?:other|old|leading|big|next|competing|rival)\b|(?:the\s+)?(?-i:[A-Z])[\w-]+|(?:any|every|all|other|competing|rival|"
    r"traditional|legacy|existing|standard|conventional|manual)\b)[^.!?]{0,40}"
)
SUPERLATIVE = compile_pattern(
    r"(?i)(?<![\w#])#1\b|\bnumber\s+one\b|\bno\.\s*1\b|\bbest\b(?![\s-]+(?:practices?|regards|wishes|of\s+luck|interests?|friends?|performing\s+(?:ads?|posts?|videos?|campaigns?|emails?|creatives?|content|clips?)))[^.!?,]{0,40}"
    r"|\bmost\s+(?:accurate|advanced|reliable|trusted|effective|powerful|precise|innovative|sensitive)\b[^.!?,]{0,40}"
    r"|\bfirst\s+and\s+only\b|\bworld[\s-]*(?:class|leading|'s\s+first)\b|\bindustry[\s-]*leading\b"
    r"|\b(?:el|la|los|las)\s+mejor(?:es)?\b(?!\s+(?:manera|forma|opci[o\u00f3]n\s+para\s+usted|de\s+los\s+casos))[^.!?,]{0,40}|\bn[u\u00fa]mero\s+uno\b"
    r"|제일\s?(?:좋|빠른|정확|싼|잘)|최고(?!령|치|급|기온)|\bunmatched\b|\bunrivall?ed\b|\bunparalleled\b|\bthe\s+only\s+(?:AI|tool|device|platform|solution|product|software|app|test)\b"
)
EXPERT_ENDORSEMENT = compile_pattern(
    # Korean: "의사 선생님들도 다 추천하는", "간호사 10명 중 9명이 추천하는".
    r"(?i)(?:의사|간호사|약사|한의사|전문의)\s?(?:선생님)?(?:들|분들)?(?:도|이|가)?\s?(?:\d+\s?명\s?중\s?\d+\s?명[이가]?\s?)?(?:다\s?)?추천"
    r"|\b(?:doctors|physicians|clinicians|nurses|dentists|experts|surgeons|pharmacists|\w+ologists|\w+iatrists)\s+"
    r"(?:recommend|prefer|trust|choose|agree|endorse)\b"
    r"|\b\d+\s+(?:out\s+of|in|of\s+every)\s+\d+\s+\w+(?:\s+\w+)?\s+(?:recommend|prefer|trust|choose|agree|endorse)\w*\b[^.!?]{0,60}"
    r"|\b(?:recommended|trusted|preferred|endorsed|chosen)\s+by\s+(?:over\s+|more\s+than\s+)?(?:\d[\d,]*\+?\s+)?(?:\w+\s+)?"
    r"(?:doctors|physicians|clinicians|nurses|dermatologists|radiologists|cardiologists|experts|hospitals)\b"
)
STATISTIC = compile_pattern(
    r"(?i)\b\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)(?!\s*(?:off|discount|CI|confidence)\b)"
    r"|\b\d+(?:\.\d+)?\s*(?:x|times|fold)\s+(?:faster|more|better|fewer|less|higher|lower|quicker|greater)\b"
    r"|\b\d+(?:\.\d+)?\s*(?:minutes?|mins?|hours?|hrs?|seconds?|secs?|days?)\s+(?:faster|sooner|earlier|quicker|less|saved)\b"
    r"|\bin\s+(?:under\s+|less\s+than\s+|just\s+)?\d+\s*(?:seconds?|secs?|minutes?|mins?)\b"
    r"|\b(?:trusted|used|chosen|loved)\s+by\s+(?:over\s+|more\s+than\s+)?\d[\d,]*\+?\s+\w+"
    r"|\b\d{1,3}(?:,\d{3})+\+?\s+(?:lives\s+saved|lives|doctors|physicians|hospitals|clinicians)\b"
    # Korean: "10명 중 6명", "2명 중 1명".
    r"|\d+\s?명\s?중\s?\d+\s?명"
)
EVIDENCE = compile_pattern(
    r"(?i)\bclinically\s+(?:proven|validated|tested|shown)\b|\bstudies\s+(?:show|prove|confirm)\b"
    r"|\bresearch\s+(?:shows|proves|confirms)\b|\bscience[\s-]*backed\b|\bproven\s+to\b|\bevidence[\s-]*based\b"
    r"|\b(?:full\s+)?study\s+coming\s+soon\b|\bnew\s+data\b|\bdata\s+(?:show|prove)s?\b"
    # Korean: "과학적으로 증명된", "연구에 의하면", "새 연구 결과", "임상적으로 입증".
    r"|(?:과학적으로|임상적으로|임상)\s?(?:증명|입증)|연구에\s?(?:의하면|따르면)|연구\s?결과"
)
ECONOMIC = compile_pattern(
    r"(?i)\b(?:guaranteed\s+)?ROI\b(?:\s+in\s+\d+\s+\w+)?|\bsav(?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,4}?(?:about\s+|over\s+|up\s+to\s+|nearly\s+)?\$\s*\d[\d,.]*\w*"
    r"|\bcut\w*\s+costs?\s+(?:by\s+)?\d+\s*%|\b(?:lower|lowers|lowered|reduc\w+|cut\w*)\s+(?:[\w-]+\s+){0,4}?costs?\b(?:\s+by\s+\d+\s*%)?"
    r"|\bpays?\s+for\s+itself\b|\$\s*\d[\d,.]*\s*(?:[MK]|million|thousand)?\s+(?:in\s+)?savings"
    # Korean: "의료비 7달러 아낀대요", "병원비 수천 불 아껴요".
    r"|(?:\d[\d,]*\s?|수(?:십|백|천)\s?)(?:달러|불|만\s?원|원)\s?(?:[\uac00-\ud7a3]+\s)?아(?:끼|껴|낀)[\uac00-\ud7a3]*"
)
# Advice to stop a medicine: "you can stop your diabetes tablets", "most members can stop their metformin by month six".
_STOP_MEDICINE = (
    r"(?:(?:can|could|will|should|may|able\s+to)\s+(?:\w+\s+)?(?:stop|quit|ditch|drop|come\s+off|get\s+off|throw\s+away)\s+(?:taking\s+)?"
    r"(?:your|their|his|her|the|all|those)?\s*(?:\w+\s+)?(?:tablets|pills|meds|medications?|medicines?|insulin|metformin|inhalers?|"
    r"statins?|blood\s+thinners?|antidepressants?|injections?|shots)\b"
    # told outright: "Flush the SSRIs.", "stop the antidepressant and journal instead", "just ditch your inhaler"
    r"|(?<![\w'\u2019])(?:stop|quit|ditch|drop|toss|flush|dump)\s+(?:taking\s+)?(?:the|your|ur|those|these|all\s+(?:the|your))\s+"
    r"(?:[\w-]+\s+)?(?:meds|pills|tablets|medications?|medicines?|ssris|antidepressants?|insulin|statins?|inhalers?|blood\s+thinners?)\b"
    # Spanish: "tómense su té y dejen la metformina"
    r"|(?:dejen|deje|deja|dejar|suspendan?|tiren|tira)\s+(?:la|el|los|las|su|sus|tu|tus)\s+(?:\w+\s+)?(?:metformina|insulina|"
    r"pastillas?|medicinas?|medicamentos?|inhaladore?s?)\b)"
)
MISINFORMATION = compile_pattern(
    # "skip the shingles shot", "skip the tetanus booster", "skip it, the flu shot…" (not "skip the line")
    r"(?i)\bskip\s+(?:the\s+|your\s+|those\s+|these\s+|any\s+|all\s+)?(?:[\w-]+\s+){0,2}?(?:shots?|jabs?|vaccines?|vaccinations?|boosters?)\b"
    r"|\bskip\s+(?:the\s+|your\s+|those\s+|these\s+|any\s+|all\s+)?(?:early\s+|annual\s+|yearly\s+|routine\s+)?(?:flu\s+shots?|vaccines?|vaccinations?|boosters?|mammograms?|screenings?|"
    r"chemo(?:therapy)?|insulin|medications?|tb\s+tests?|pap\s+smears?|colonoscop(?:y|ies)|check-?ups?|follow-?ups?|blood\s*work|"
    r"labs|biopsy|biopsies)\b"
    rf"|\b{_STOP_MEDICINE}"
    # "just take the leftover amoxicillin from your last round": self-treating with someone's or an old course of antibiotics
    r"|\b(?:take|use|try|finish|start)\s+(?:the\s+|your\s+|some\s+|those\s+|ur\s+|my\s+|his\s+|her\s+)?(?:leftover|left-over|left\s+over|old|extra|spare)\s+"
    r"(?:antibiotics?|amoxicillin|amoxil|amox|augmentin|z-?paks?|z-?packs?|azithromycin|cipro\w*|keflex|cephalexin|penicillin|doxy\w*|"
    r"bactrim|clindamycin)\b"
    r"|\b(?:you|u|ya)\s+(?:really\s+)?(?:don'?t|do\s+not)\s+need\s+(?:your\s+|the\s+|any\s+)?(?:antidepressants?|insulin|statins?|"
    r"chemo(?:therapy)?|inhalers?|meds|medications?|blood\s+pressure\s+(?:meds|pills)|psych\s+meds)\b"
    # "you honestly don't need to sit through the hospital anatomy scan"
    r"|\b(?:you|u|ya)\s+(?:\w+\s+)?(?:don'?t|do\s+not)\s+need\s+to\s+(?:sit\s+through|bother\s+with|get|go\s+for|book|schedule)\s+"
    r"(?:the|your|a|an|that)\s+(?:[\w-]+\s+){0,2}?(?:scans?|ultrasounds?|mammograms?|screenings?|check-?ups?|tests?|biops(?:y|ies)|"
    r"colonoscop(?:y|ies)|shots?|vaccines?|appointments?|visits?)\b"
    r"|\bnatural\s+immunity\s+is\s+(?:all\s+(?:[\w-]+\s+){0,3}?needs?|enough|better)\b"
    # Talking the reader out of care: "I stopped mine and so should you"; "tape works just as well as CPAP".
    r"|\b(?:stopped|quit|ditched|skipped|dropped|tossed)\s+(?:mine|my\s+\w+|them|it|taking\s+\w+)\b[^.!?]{0,20}\bso\s+should\s+you\b"
    r"|\b(?:works?|worked|is|are)\s+(?:just\s+)?as\s+(?:good|well|effective)\s+as\s+(?:a\s+|an\s+|your\s+)?(?:cpap|chemo(?:therapy)?|"
    r"insulin|vaccines?|vaccinations?|antibiotics|surgery|dialysis|radiation|inhalers?|epipens?)\b"
    r"|\bvaccines?\s+(?:cause|causes|caused)\b[^.!?]{0,30}"
    # "the vit k shot is honestly optional", "lasts all day at the pool so no need to reapply"
    r"|\b(?:vit(?:amin)?\s*k|vaccines?|flu\s+shots?|boosters?|insulin|antibiotics|inhalers?|seizure\s+meds)\s+(?:shots?\s+)?(?:is|are)\s+"
    r"(?:honestly\s+|really\s+|totally\s+|kinda\s+|basically\s+)?optional\b|\bno\s+need\s+to\s+reapply\b"
    # "the vaccine she got that fall is what triggered her ALS"
    r"|\b(?:vaccines?|vaccinations?|flu\s+shots?|jabs?|boosters?)\b[^.!?\n]{0,40}?\b(?:triggered|caused|brought\s+on|gave\s+(?:her|him|me|them))\s+"
    r"(?:her|his|my|their|your|the)\s+(?:\w+\s+)?(?:als|ms|autism|cancer|dementia|diabetes|alzheimer'?s|infertility|sids|"
    r"seizures|epilepsy|parkinson'?s|lupus|arthritis)\b"
    # "masks do nothing for flu", "masks don't work"
    r"|\bmasks?\s+(?:do\s+(?:absolutely\s+)?nothing|don'?t\s+(?:do\s+anything|work)|are\s+(?:useless|pointless))\b"
    r"|\bdetox\w*\s+(?:cures?|heals?|removes?\s+toxins)\b|(?<![\"\u201c])\bflush\w*\s+(?:out\s+)?(?:the\s+|all\s+the\s+|your\s+)?toxins\b[^.!?]{0,30}"
    r"|\bantibiotics\s+(?:for|treat|cure)\s+(?:the\s+|a\s+|your\s+)?(?:flu|colds?|viral|viruses|covid)\b"
    r"|\b(?:don't|do\s+not|no\s+need\s+to)\s+(?:need\s+(?:to\s+)?)?(?:get\s+)?(?:vaccinat\w+|a\s+vaccine|your\s+vaccines?)"
    r"|\b(?:ivermectin|hydroxychloroquine|bleach|essential\s+oils?)\s+(?:cures?|treats?|prevents?)\b"
    r"|\bcancer\s+is\s+(?:caused\s+by\s+\w+|a\s+fungus)|\bstop\s+taking\s+(?:your\s+)?(?:medications?|meds|insulin|statins?)"
    # "X causes <disease>" for the usual targets of health misinformation, and its close relatives.
    r"|\b(?:vaccines?|vaccinations?|flu\s+shots?|jabs?|boosters?|sunscreens?|fluoride|5g|statins?|chemo(?:therapy)?|"
    r"antidepressants?|mammograms?|masks?|alumin(?:um|ium)|microwaves?)\s+(?:can\s+|will\s+|may\s+|actually\s+|really\s+|secretly\s+|"
    r"(?:is|are)\s+what\s+)?(?:cause[sd]?|give[sn]?\s+you|"
    r"gave\s+(?:me|him|her|them))\s+(?:\w+\s+){0,2}?(?:cancer|autism|(?:the\s+)?flu|covid|infertility|dementia|diabetes|"
    r"alzheimer'?s|death|strokes?|heart\s+attacks?|weight\s+gain|sids)\b"
    r"|\bantibiotics?\s+(?:is|are|works?|helps?)\s+(?:\w+\s+)?(?:for|against|with)\s+(?:the\s+|a\s+|your\s+)?(?:flu|colds?|viral|"
    r"viruses|covid)\b"
    r"|\b(?:the\s+)?(?:covid\s+)?vaccines?(?:\s+for\s+covid)?\s+(?:is|are)\s+(?:more\s+dangerous|worse|deadlier)\s+than\b[^.!?]{0,30}"
    r"|\b(?:don'?t|do\s+not|never)\s+need\s+(?:chemo(?:therapy)?|insulin|vaccines?|antibiotics|surgery|your\s+(?:meds|"
    r"medications?|insulin))\s+if\b[^.!?]{0,30}"
    # "farm kids don't need the flu shot", "you can toss your antidepressants"
    r"|\b(?:don'?t|do\s+not|doesn'?t|does\s+not|never)\s+need\s+(?:the|a|their|any|them)\s+(?:flu\s+shots?|vaccines?|shots?|boosters?|"
    r"antidepressants?|insulin|inhalers?|meds|medications?)\b"
    # Spanish: "ya no necesita la vacuna", "no necesitas la vacuna de la gripe"
    r"|\b(?:ya\s+)?no\s+necesita[ns]?\s+(?:la|su|tu|ninguna|las|sus|tus)\s+vacunas?\b"
    # Haitian Creole and French: "kite grenn tansyon yo" (quit the pressure pills), "arrêtez vos médicaments".
    r"|\bkite\s+(?:grenn|medikaman|ensilin|piki)\b|\barr[\u00eae]te[rz]?\s+(?:vos|tes|les|ton|votre|son|sa|ses)\s+(?:m[\u00e9e]dicaments?|pilules|insuline|traitement)\b"
    # "no hace falta antibiótico, un diente de ajo y se quita", "no hace falta la vacuna"
    r"|\bno\s+(?:hace\s+falta|hacen\s+falta|se\s+necesita[n]?)\s+(?:el\s+|la\s+|los\s+|las\s+|ning[u\u00fa]n\s+|ninguna\s+)?"
    r"(?:antibi[o\u00f3]tico|vacuna|insulina|medicina|medicamento|quimio|inhalador|dentista|m[e\u00e9]dico|doctor)s?\b"
    r"|\b(?:can|could|should)\s+(?:just\s+)?(?:toss|ditch|throw\s+out|quit|stop|drop)\s+(?:taking\s+)?(?:your|their|his|her|the)\s+"
    r"(?:antidepressants?|insulin|meds|medications?|pills|inhalers?|statins?|blood\s+pressure\s+(?:meds|pills))\b"
    r"|\b(?:vaxxed|unvaxxed|vaccinated|unvaccinated)\s+(?:people|kids|folks|patients)\s+(?:gain|get|die|are|have|shed)\b[^.!?]{0,30}"
    # Hinglish: "BP ki goli chhod do", "metformin band kar do".
    r"|\b(?:goli|goliyan|golian|dawai|dawa|dawaiyan|insulin|metformin|medicine|tablet)\s+(?:\w+\s+)?(?:chhod|chod|band\s+kar)\s*"
    r"(?:do|dijiye|de|dena|sakte)\b"
    # Arabic: "ما في داعي لإبرة الانفلونزا" (no need for the flu shot), "المناعة الطبيعية أحسن من الإبرة".
    r"|ما\s+(?:في|فيه|بدك)\s+داعي\s+(?:ل|لل)?(?:إبرة|ابرة|اللقاح|لقاح|الدوا|دوا|الدواء|الإبرة|الابرة)|المناعة\s+الطبيعية\s+(?:أحسن|احسن|أفضل)"
    # Korean: "독감주사 안 맞으셔도 돼요" (you needn't get the flu shot), "약 안 드셔도 돼요".
    r"|(?:독감\s?주사|독감\s?백신|백신|예방\s?접종|주사|약|혈압약|당뇨약)\s?(?:은|는|을|를)?\s?안\s?(?:맞|드|먹)[\uac00-\ud7a3]*\s?(?:도|돼)"
    # "fluoride is literally poison", "vaccines are a scam"
    r"|\b(?:fluoride|vaccines?|vaccinations?|flu\s+shots?|sunscreens?|chemo(?:therapy)?|insulin|statins?|antibiotics|antidepressants?)\s+"
    r"(?:is|are)\s+(?:literally\s+|basically\s+|just\s+|pure\s+|actually\s+)?(?:poison|toxic|a\s+scam|a\s+hoax|a\s+lie)\b[^.!?]{0,40}"
)
NONHUMAN = compile_pattern(
    r"(?i)(?:쥐|동물|세포|생쥐)\s?실험|\bin\s+vitro\b|\bpetri\s+dish\b|\ben\s+(?:ratones|ratas|animales|cerdos|monos|laboratorio)\b|\bin\s+(?:mice|rats|animals|pigs|sheep|dogs|monkeys|primates|baboons|calves|cattle|cows)\b"
    r"|\b(?:mice|rats|calves|cattle|cows|pigs|baboons|monkeys)\s+(?:on|given|fed|treated|trained|grew|kept|lived|showed)\b"
    r"|\bif\s+it\s+works?\s+(?:on|for|in)\s+(?:calves|cows|cattle|pigs|dogs|horses|mice|rats|animals)\b"
    r"|\b(?:mouse|murine|rat|animal|rodent|sheep|ovine|pig|porcine|dog|canine|primate|monkey)\s+(?:models?|study|studies|trials?|experiments?)\b"
    r"|\bin\s+(?:the\s+)?lab(?:oratory)?\s+(?:testing|tests?|studies|study|experiments?)\b|\bbench\s+(?:testing|tests?)\b"
    r"|\bin\s+silico\b|\bsimulat\w+\b|\bcell\s+lines?\b|\bpreclinical\b|\btumou?r\s+cells\b"
)
NONHUMAN_DISCLAIMER = compile_pattern(
    r"(?i)\bnot\s+(?:yet\s+)?(?:been\s+)?tested\s+in\s+(?:humans|people|patients)|\bpreclinical\s+(?:result|finding|data)s?\s*[;.:]"
    r"|\bno\s+human\s+data\b|\bearly\s+(?:lab\s+)?research\b|\bmay\s+not\s+translate\b"
    r"|\bnot\s+(?:for\s+(?:outcome|clinical|efficacy)|evidence\s+(?:in|of|for)|proof)\b|\bno\s+real\s+patients\b|\bdon'?t\s+translate\b"
    # "Simulations are estimates; your real result depends on…", "animal results don't show benefit in people"
    r"|\b(?:simulations?|models?|renderings?|previews?)\s+(?:are|is)\s+(?:only\s+)?(?:estimates?|approximations?|illustrations?)\b"
    r"|\bnot\s+a\s+promise\b|\b(?:don'?t|doesn'?t|do\s+not|does\s+not)\s+(?:show|prove|mean)\s+(?:\w+\s+){0,2}(?:in|for)\s+(?:people|humans|patients)\b"
)
# Cheap gates: a rule's pattern is only tried when one of its keywords occurs in the text.
CURE_KEYWORDS = ("cur", "eradicat", "eliminat", "revers", "end", "wip", "rid of", "defeat", "conquer", "geri", "kirye", "for good", "knock",
                 "guéri", "gueri", "나았", "완치", "고쳐",
                 "for ever", "permanently", "kill", "destroy", "shrink", "shrank", "dissolv", "melt")
GUARANTEE_KEYWORDS = ("guarant", "never fail", "garanti", "nunca fall", "nunca falh", "tee", "refund", "money back", "on us", "free", "promise", "eat my", "my word", "swear",
                      "don't pay", "dont pay")
ACCURACY_KEYWORDS = ("100", "never", "zero", "perfect", "flawless", "error", "catch", "missed", "undetected", "overlooked",
                     "unnoticed", "undiagnosed", "nothing", "miss", "caught", "detected", "flagged", "equivoca", "escapa", "se le pasa",
                     "jamais", "janm")
SAFETY_KEYWORDS = ("side", "risk", "safe", "harmless", "hurt", "worry", "downside", "drawback", "harm", "cause", "efectos", "efeitos", "segur",
                   "hipaa", "secure", "unhackable", "interact")
AI_OVERCLAIM_KEYWORDS = ("autonom", "need", "required", "necessary", "replac", "bias", "never wrong", "always", "no problem", "loop",
                         "have to", "has to", "없이", "필요")
MISINFORMATION_KEYWORDS = ("skip", "leftover", "left-over", "left over", "spare", "extra", "old ", "immunity", "don't need", "dont need", "do not need", "so should you", "as well as", "as good as", "as effective as", "vaccin", "detox", "antibiotic", "ivermectin", "hydroxychloroquine", "bleach",
                           "essential oil", "cancer is", "stop taking", "toxin", "alumin", "optional", "reapply", "cause", "give", "gave", "vaxx", "need", "jab", "shot", "booster", "trigger", "toss", "ditch",
                           "throw out", "quit", "stop", "drop", "necesita", "hace falta", "hacen falta", "kite ", "arrêt", "arret",
                           "poison", "toxic", "scam", "hoax", " lie", "mask", "flush", "dump", "dej", "suspend", "tir", "안 맞", "안 드", "안 먹", "داعي", "المناعة", "chhod", "chod", "band kar")
NONHUMAN_KEYWORDS = ("vitro", "petri", "mice", "rats", "animal", "mouse", "rodent", "silico", "simulat", "cell line",
                     "preclinical", "cells", "murine", "rat ", "sheep", "ovine", "pig", "porcine", "dog", "canine", "primate",
                     "monkey", "lab", "bench", "calves", "cattle", "cows", "baboon", "ratones", "ratas", "animales", "cerdos",
                     "monos", "laboratorio", "실험")
COMPARISON_KEYWORDS = ("outperform", " than", "as good as", "beat", "superior", "more accurate", "smarter", "surpass", "exceed", "diagnos")
SUPERLATIVE_KEYWORDS = ("#1", "number one", "no.", "best", "most ", "first and only", "world", "industry", "unmatched", "mejor", "mero uno", "제일", "최고",
                        "unrival", "unparallel", "the only")
PATIENT_BENEFIT = compile_pattern(
    r"(?i)\bkill\w*|\bcure\w*|\bwithin\s+reach\b|\bpatients\b|\bbreakthrough\b|\bdestroy\w*|\beliminat\w*|\bheal\w*"
    r"|\bwip\w*\s+out\b|\bis\s+(?:basically\s+|almost\s+|nearly\s+)?here\b|\byour\s+(?:own\s+)?(?:heart|health|body|kids|family)\b"
    r"|\b(?:our|your)\s+(?:\w+\s+)?(?:customers|users|members|patients)\b|\bwon'?t\s+(?:carry|catch|get|bring)\b"
    # "Now picture that for YOU", "imagine what it'll do for your teen", "results for you", "it'll work on your toddler's"
    r"|\b(?:picture|imagine)\s+(?:that|this|what)\b|\b(?:results?|do|work|works)\s+(?:for|on)\s+(?:you|your)\b|\bfor\s+you\b"
    r"|\bimagin[ae]\b|\bpara\s+(?:ti|usted|tu|su|sus|tus)\b|\bse\s+acaba[nr]?\b|\badi[o\u00f3]s\s+a\b"
    r"|예방|어르신|여러분|\bacab(?:a|an|\u00f3|aron|ar\u00e1)\s+con\b|\bno\s+(?:van\s+a\s+)?necesita(?:r|n)\b|\bcur(?:a|an|\u00f3|ar\u00e1)\b"
)


def _hit(doc: Document, rule: str, start: int, end: int, severity: Severity, message: str, fix: str) -> Finding:
    return doc.finding(rule, "claims", start, end, severity, message, fix)


# "Q: Is the Wrenvox Tab "FDA approved"?" / "A: No.": an FAQ's question and answer, marked or not.
FAQ_QUESTION = compile_pattern(r"(?i)\s*(?:Q\s*[:.)-]\s*)?(?:is|are|was|were|does|do|has|have)\s+(?:it|this|that|they|the\s+\w+|\w+)\s+(?:\w+\s+)?[\"\u201c]?$")
FAQ_ANSWER = compile_pattern(
    r"(?i)[^.!?\n]{0,12}\?\s*(?:A\s*[:.)-]\s*)?(?:no\b|not\b|it'?s\s+(?:fda\s+)?(?:cleared|granted|not)|it\s+is\s+(?:fda\s+)?(?:cleared|granted|not)|"
    r"nope|actually)"
)


def fda_status(doc: Document) -> Iterator[Finding]:
    """Flag 'FDA approved' for products that are not PMA-approved and 'cleared' for ones that are not cleared."""
    for match in FDA_APPROVED.finditer(doc.text):
        if doc.is_negated(match.start(), match.end()):
            continue
        question_start = max(doc.sentence_at(match.start())[0], doc.text.rfind("\n", 0, match.start()) + 1)
        if FAQ_QUESTION.fullmatch(doc.text, question_start, match.start()) and FAQ_ANSWER.match(doc.text, match.end()):
            continue  # "Is it FDA approved? It's FDA cleared through the 510(k) pathway": a question answered right
        status, name = _status_near(doc, match.start())
        if status is None:
            yield _hit(doc, "claims.fda_status", *match.span(), "review",
                       "The post says 'FDA approved' but names no registered product to check it against.",
                       "Name the product, and use its exact status: 'FDA cleared' (510(k)), 'granted' (De Novo), 'approved' (PMA).")
        elif status not in {"pma_approved", "rx_drug_approved"} or re.match(r"(?i)de|510", match.group(0)):
            yield _hit(doc, "claims.fda_status", *match.span(), "block",
                       f"{name} is {_status_words(status)}, not FDA approved; "
                       "calling it approved is misbranding (21 CFR 807.97).",
                       f"Say '{_correct_wording(status)}'.")
    for match in FDA_CLEARED.finditer(doc.text):
        product = doc.product_near(match.start())
        if product and product.regulatory_status in {"investigational", "not_a_device", "exempt", "breakthrough_designation"}:
            if not doc.is_negated(match.start(), match.end()):
                yield _hit(doc, "claims.fda_status", *match.span(), "block",
                           f"{product.name} is {_status_words(product.regulatory_status)}; it has no FDA clearance.",
                           f"Say '{_correct_wording(product.regulatory_status)}'.")
    yield from _submission_numbers(doc)


def _status_near(doc: Document, position: int) -> tuple[str | None, str]:
    """Return the regulatory status that applies at a position: a cited submission number, the product, or the registry."""
    # The number cited in the same sentence, nearest first ("• Quillon 3 … (K233581). • SenzaTrak 7 is PMA approved
    # (P220417)": each claim is read against its own number); otherwise any number in a post that names no product.
    sentence_start, sentence_end = doc.sentence_at(position)
    numbers = list(SUBMISSION_NUMBER.finditer(doc.text))
    in_sentence = [m for m in numbers if sentence_start <= m.start() < sentence_end]
    product = doc.product_near(position)
    chosen = min(in_sentence, key=lambda m: abs(m.start() - position), default=None) or (numbers[0] if numbers and product is None else None)
    if chosen:
        return _SUBMISSION_STATUS[next(g for g in chosen.groups() if g)], f"The product ({chosen.group(0)})"
    if product is not None:
        return product.regulatory_status, product.name
    statuses = {p.regulatory_status for p in doc.config.products}
    if statuses and not statuses & {"pma_approved", "rx_drug_approved"}:
        return "not_approved", "No registered product"
    return None, ""


def _submission_numbers(doc: Document) -> Iterator[Finding]:
    """Flag a cited K/DEN/P number that contradicts the registered status of the product it is cited for."""
    for match in SUBMISSION_NUMBER.finditer(doc.text):
        implied = _SUBMISSION_STATUS[next(g for g in match.groups() if g)]
        product = doc.product_near(match.start())
        if product is None or product.regulatory_status in (implied, "rx_drug_approved") or doc.is_negated(match.start()):
            continue
        yield _hit(doc, "claims.fda_status", *match.span(), "block",
                   f"{match.group(0)} implies {_status_words(implied)}, but {product.name} is "
                   f"{_status_words(product.regulatory_status)} in the product registry.",
                   f"Cite the product's own submission, or say '{_correct_wording(product.regulatory_status)}'.")


def _status_words(status: str) -> str:
    return {
        "not_approved": "not PMA-approved (no product in the registry is)",
        "510k_cleared": "510(k)-cleared", "de_novo_granted": "granted through De Novo", "pma_approved": "PMA-approved",
        "exempt": "exempt from premarket review", "investigational": "investigational",
        "not_a_device": "not a regulated medical device", "breakthrough_designation": "designated a Breakthrough Device",
        "rx_drug_approved": "an approved prescription drug",
    }[status]


def _correct_wording(status: str) -> str:
    return {
        "not_approved": "FDA cleared' or 'FDA granted' as the product's registry entry says",
        "510k_cleared": "FDA cleared", "de_novo_granted": "FDA granted (De Novo)", "pma_approved": "FDA approved",
        "exempt": "exempt from FDA premarket review", "investigational": "Investigational device; not available for sale in the US",
        "not_a_device": "a general wellness product, not a medical device",
        "breakthrough_designation": "received FDA Breakthrough Device designation (not a clearance or approval)",
        "rx_drug_approved": "FDA approved",
    }[status]


def fda_endorsement(doc: Document) -> Iterator[Finding]:
    """Flag wording that implies the FDA certifies, endorses or registers a product."""
    for match in FDA_ENDORSED.finditer(doc.text):
        before = doc.text[max(0, match.start() - 50) : match.start()]
        if NEGATION.search(before) or doc.is_withdrawn(match.start(), match.end()):
            continue  # 'there is no "FDA certified" for a lab', 'it is not FDA registered' (never 'asking if it's …')
        yield _hit(doc, "claims.fda_endorsement", *match.span(), "block",
                   "The FDA does not certify or endorse products; registration is not approval (21 CFR 807.39).",
                   "Use the product's actual status, e.g. 'FDA cleared for <indication>'.")


def _lexicon_rule(
    doc: Document,
    pattern: re.Pattern[str],
    rule: str,
    message: str,
    fix: str,
    *,
    keywords: tuple[str, ...],
    negatable: bool = True,
) -> Iterator[Finding]:
    if not doc.contains_any(keywords):
        return
    for match in pattern.finditer(doc.text):
        if negatable and (doc.is_negated(match.start(), match.end())
                          or NO_ONE_IS_A.search(doc.text, max(0, match.start() - 90), match.start())):
            continue
        if not negatable and NO_ONE_IS.search(doc.text, max(0, match.start() - 40), match.start()):
            continue  # "no tool is 100% accurate", "nothing is risk-free": said of everything, claimed of nothing
        if META_AFTER.match(doc.text, match.end()):
            continue  # "every cure-style headline", "guarantee language": talk about such claims, not one
        yield _hit(doc, rule, match.start(), match.end(), "block", message, fix)


ANSWERED_NO = compile_pattern(r"(?i)[^.!?\n]{0,20}\?\s*\(?\s*(?:no|nope|false|myth|not\s+true)\b")
NO_ONE_IS = compile_pattern(r"(?i)\b(?:no|none\s+of\s+(?:the|these|our))\s+(?:[\w-]+\s+){0,2}(?:is|are|can\s+be|will\s+be)\s+$|\bnothing\s+is\s+$")
# "no diabetes drug, glenvora included, is a cure": every one of them denied, however long the subject
NO_ONE_IS_A = compile_pattern(r"(?i)\b(?:no|none\s+of\s+(?:the|these|our))\s+[\w-]+(?:\s+[\w-]+)?[^.!?]{0,60}?\b(?:is|are)\s+(?:a\s+|an\s+)?$")
# 'about "guaranteed" anything', '"cure" claims': the word itself talked about
META_AFTER = compile_pattern(r"(?i)(?:-|\s+)?(?:style|type|language|wording|headlines?)\b|-like\b"
                             r"|[\"\u201d']\s+(?:anything|claims?|promises?|language|wording|messaging|copy|ads?)\b")


def cures(doc: Document) -> Iterator[Finding]:
    """Flag claims that a product cures, eliminates or reverses disease."""
    yield from _lexicon_rule(doc, CURE, "claims.cure", "Claims that a product cures or reverses disease are deceptive (FTC Act §5).",
                             "Describe what the product does ('may support earlier recognition'), with evidence.",
                             keywords=CURE_KEYWORDS)


def guarantees(doc: Document) -> Iterator[Finding]:
    """Flag guaranteed outcomes."""
    yield from _lexicon_rule(doc, GUARANTEE, "claims.guarantee", "Health and performance outcomes cannot be guaranteed.",
                             "Remove the guarantee; state typical results with their source.",
                             keywords=GUARANTEE_KEYWORDS)


def absolute_accuracy(doc: Document) -> Iterator[Finding]:
    """Flag claims of perfect accuracy ('100% accurate', 'never misses')."""
    yield from _lexicon_rule(doc, ABSOLUTE_ACCURACY, "claims.absolute_accuracy",
                             "No diagnostic tool is perfect; absolute accuracy claims are deceptive.",
                             "Give measured sensitivity/specificity with confidence intervals and the study.",
                             keywords=ACCURACY_KEYWORDS, negatable=False)


def absolute_safety(doc: Document) -> Iterator[Finding]:
    """Flag claims of absolute safety ('no side effects', 'zero risk')."""
    yield from _lexicon_rule(doc, ABSOLUTE_SAFETY, "claims.absolute_safety",
                             "Claims of zero risk or no side effects are misleading for any medical product.",
                             "Link to the risks and limitations instead: 'See risks and limitations: <IFU link>'.",
                             keywords=SAFETY_KEYWORDS)


def ai_overclaims(doc: Document) -> Iterator[Finding]:
    """Flag exaggerated AI capability claims ('fully autonomous', 'no radiologist needed', 'unbiased')."""
    yield from _lexicon_rule(doc, AI_OVERCLAIM, "claims.ai_overclaim",
                             "The FTC warns against exaggerating what AI can do; clinicians remain responsible.",
                             "Say 'decision support; results are reviewed by a clinician'.",
                             keywords=AI_OVERCLAIM_KEYWORDS)


def product_autonomy(doc: Document) -> Iterator[Finding]:
    """Flag 'reads scans on its own', 'no biopsy needed' and 'will replace cardiologists' said of our product."""
    if not doc.contains_any(("its own", "by itself", "autonom", "need", "replace", "alone")):
        return
    for match in PRODUCT_AUTONOMY.finditer(doc.text):
        start, end = doc.sentence_at(match.start())
        ours = any(start <= m.start < end for m in doc.mentions) or OWN_SUBJECT.search(doc.text, start, end)
        if ours and not doc.is_negated(match.start(), match.end()):
            yield _hit(doc, "claims.ai_overclaim", *match.span(), "block",
                       "The FTC warns against exaggerating what AI can do; clinicians remain responsible.",
                       "Say 'decision support; results are reviewed by a clinician'.")


# Myth-busting: "Myth: X. Fact: …", "X? False.", "X is a myth" (unless taken back: "… jk it's true").
MYTH_BEFORE = compile_pattern(r"(?i)\b(?:myth|false|fake|wrong|misconception|fiction|debunk\w*|no,)\s*[:\-\u2014]?\s*[\"'\u201c]?$")
MYTH_AFTER = compile_pattern(r"(?i)^[\"'\u201d]?\s*(?:\?\s*)?(?:is\s+(?:a\s+)?(?:myth|false|not\s+true|fake|wrong)|isn'?t\s+true|[.?!]?\s*(?:false|myth|"
                        r"not\s+true|wrong)\b)(?![^!?\n]{0,16}\b(?:jk|just\s+kidding|kidding)\b)")


LEFTOVER_COURSE = compile_pattern(r"(?i)(?:take|use|try|finish|start)\b")
NO_ONE_BEFORE = compile_pattern(r"(?i)\b(?:nobody|no\s*-?\s*one|nadie|ningu[eé]m)\s+$")


def misinformation(doc: Document) -> Iterator[Finding]:
    """Flag statements that contradict public-health consensus (not when the post is debunking them)."""
    if not doc.contains_any(MISINFORMATION_KEYWORDS):
        return
    for match in MISINFORMATION.finditer(doc.text):
        start, end = match.span()
        sentence_start = doc.sentence_at(start)[0]
        if MYTH_BEFORE.search(doc.text, max(sentence_start, start - 12), start) or MYTH_AFTER.match(doc.text[end : end + 40]):
            continue
        if ANSWERED_NO.match(doc.text, end):
            continue  # "Can the flu shot give you the flu? (Nope.)": the question, answered
        if match.group(0).lower().startswith("antibiotics") and doc.is_negated(start):
            continue  # "you don't need antibiotics for a cold": the public-health advice itself
        if REPORTED.search(doc.text, max(sentence_start, start - 60), start):
            continue  # "we removed a post claiming vaccines cause long COVID": someone else's claim, reported
        if doc.is_withdrawn(start, end):
            continue  # '"The HPV vaccine causes infertility." It doesn't.', 'Correction: a post told people to skip vaccines'
        if LEFTOVER_COURSE.match(match.group(0)) and NEGATION.search(doc.text, max(sentence_start, start - 50), start):
            continue  # "Never take leftover antibiotics": the advice itself
        if NO_ONE_BEFORE.search(doc.text, max(sentence_start, start - 20), start):
            continue  # "Nobody should stop metformin because of a drink": the advice denied for everyone
        if MYTHS_POST.search(doc.text) and OPEN_QUOTE.search(doc.text, max(0, start - 60), start):
            continue  # 'Three vaccine myths I heard … "The flu shot gives you the flu." The shot has no live virus.'

        if ADVICE_AGAINST_CARE.match(match.group(0)) and ADVICE_DENIED_BEFORE.search(doc.text, max(sentence_start, start - 40), start):
            continue  # "you don't need to skip vaccines": the advice against care, denied
        if STOP_MEDICINE.fullmatch(match.group(0)) and PRESCRIBER.search(doc.text, *doc.sentence_at(start)):
            continue  # "Ask your doctor whether you can stop your statin": stopping, as the prescriber decides
        yield _hit(doc, "claims.misinformation", start, end, "block",
                   "This contradicts public-health consensus and breaks platform misinformation policies.",
                   "Remove it; point people to their clinician ('Talk to your clinician about flu vaccination').")


# A post about myths, and a claim it quotes: each quoted claim is a myth it answers.
MYTHS_POST = compile_pattern(r"(?i)\b(?:myths?|misconceptions?|mitos?|fact[\s-]*check\w*|debunk\w*)\b")
# Advice to stop a medicine (one of the misinformation patterns), and the prescriber who may decide it instead.
STOP_MEDICINE = compile_pattern(rf"(?i){_STOP_MEDICINE}")
PRESCRIBER = compile_pattern(
    r"(?i)\b(?:doctors?|docs?|physicians?|clinicians?|pharmacists?|prescribers?|providers?|care\s+team|nurse\s+practitioners?|"
    r"cardiologists?|endocrinologists?|\w+ologists?|gp|pcp)\b"
)
_AGAINST_CARE = r"(?:skip|stop|avoid|ditch|quit|refuse|drop|throw\s+out)\w*\b"
_DENIED = (r"\b(?:don't|do\s+not|dont|never|no\s+need\s+to|shouldn't|should\s+not|(?:doesn't|does\s+not)\s+mean\s+(?:that\s+)?(?:you|u)"
           r"(?:\s+should)?|no\s+reason\s+to)"
           r"\s+(?:[\w']+\s+){0,3}")
ADVICE_AGAINST_CARE = compile_pattern(rf"(?i){_AGAINST_CARE}")
ADVICE_DENIED_BEFORE = compile_pattern(rf"(?i){_DENIED}$")
# Advice against care, denied: "you don't need to skip vaccines", "never stop your insulin".
DENIED_ADVICE = compile_pattern(rf"(?i){_DENIED}{_AGAINST_CARE}")


_VS_CLINICIANS_ADVICE = (
    "Claims of beating clinicians need a head-to-head study and usually misstate the intended use.",
    "Describe the studied use ('as an adjunct, improved reader sensitivity in <study>') and cite it.",
)
_VS_RIVAL_ADVICE = (
    "A head-to-head claim against a competitor needs a head-to-head study (R05).",
    "Remove the comparison, or cite the head-to-head study and describe what it measured.",
)


def superiority(doc: Document) -> Iterator[Finding]:
    """Flag comparisons with clinicians or competitors and superlatives without a cited study."""
    comparisons = doc.contains_any(COMPARISON_KEYWORDS)
    matches = [*VS_CLINICIANS.finditer(doc.text)] if comparisons else []
    if doc.contains_any((" what ",)):
        matches += SEES_WHAT_CLINICIANS_MISS.finditer(doc.text)
    if doc.contains_any((" more than", "optional", "obsolete", "unnecessary", "redundant", "mejor", " que ", " q ",
                             "mieux", "pase", "보다")):
        matches += SEES_MORE_THAN_CLINICIANS.finditer(doc.text)
    versus = [(match, _VS_CLINICIANS_ADVICE) for match in matches]
    if comparisons or doc.contains_any((" as ",)):
        versus += [(match, _VS_RIVAL_ADVICE) for match in VS_RIVAL.finditer(doc.text)]
    for match, (message, fix) in versus:
        if not doc.is_negated(match.start()):
            severity: Severity = "review" if doc.is_cited_near(*match.span()) else "block"
            yield _hit(doc, "claims.superiority", *match.span(), severity, message, fix)
    patterns = ((VS_COMPETITORS,) if comparisons else ()) + ((SUPERLATIVE,) if doc.contains_any(SUPERLATIVE_KEYWORDS) else ())
    for pattern in patterns:
        for match in pattern.finditer(doc.text):
            if not doc.is_cited_near(*match.span()):
                yield _hit(doc, "claims.superlative", *match.span(), "review",
                           "Superlatives and comparisons ('best', '#1', 'most accurate') need substantiation.",
                           "Remove the superlative or cite the comparative study and claim ID.")


def expert_endorsements(doc: Document) -> Iterator[Finding]:
    """Flag 'doctors recommend' and 'N out of M prefer' claims without a cited survey."""
    if not doc.contains_any(("recommend", "prefer", "trust", "choose", "chosen", "agree", "endorse", "추천")):
        return
    for match in EXPERT_ENDORSEMENT.finditer(doc.text):
        if not doc.is_cited_near(*match.span()):
            # R25 is R(Reg) in the rules reference: regulatory review, not an automatic block.
            yield _hit(doc, "claims.expert_endorsement", *match.span(), "review",
                       "Expert-endorsement and survey claims need a documented survey behind them (16 CFR 255.3).",
                       "Cite the survey (who, how many, method) or remove the claim.")


def uncited_statistics(doc: Document) -> Iterator[Finding]:
    """Flag numeric outcome claims with no citation nearby."""
    for match in STATISTIC.finditer(doc.text):
        if not doc.is_cited_near(*match.span()):
            yield _hit(doc, "claims.uncited_statistic", *match.span(), "review",
                       "A numeric outcome claim needs its source next to it.",
                       "Add the citation (Author et al., year, DOI) or the approved claim ID.")


def evidence_claims(doc: Document) -> Iterator[Finding]:
    """Flag 'clinically proven' and 'studies show' without a citation."""
    if not doc.contains_any(("clinically", "studies", "research", "science", "proven", "evidence", "study", "data", "증명", "입증",
                             "연구")):
        return
    for match in EVIDENCE.finditer(doc.text):
        if not doc.is_cited_near(*match.span()):
            yield _hit(doc, "claims.evidence", *match.span(), "review",
                       "Evidence claims ('clinically proven', 'studies show') need the study cited.",
                       "Cite the published study, or remove the claim until it is published.")


def economic_claims(doc: Document) -> Iterator[Finding]:
    """Flag ROI and cost-saving claims without a cited case study."""
    if not doc.contains_any(("roi", "save", "cost", "pays for", "pay for", "saving", "아끼", "아껴", "아낀")):
        return
    for match in ECONOMIC.finditer(doc.text):
        if not doc.is_cited_near(*match.span()):
            yield _hit(doc, "claims.economic", *match.span(), "review",
                       "Return-on-investment and savings claims need a documented case study.",
                       "Link the case study and describe the setting it applies to.")


def nonhuman_evidence(doc: Document) -> Iterator[Finding]:
    """Flag lab, animal or simulated results presented as a benefit to patients."""
    if not doc.contains_any(NONHUMAN_KEYWORDS) or NONHUMAN_DISCLAIMER.search(doc.text):
        return
    for match in NONHUMAN.finditer(doc.text):
        start, end = doc.sentence_at(match.start())
        if match.group(0).lower().startswith("simulat") and not health_count(doc.text[start:end]):
            continue  # "simulated phishing", "a simulated fire drill": no health result at all
        if PATIENT_BENEFIT.search(doc.text):
            yield _hit(doc, "claims.nonhuman_evidence", start, end, "block",
                       "Lab, animal or simulated results do not show benefit to patients.",
                       "Say 'Preclinical result; not tested in humans' and drop patient-benefit language.")
            return
