"""A synthetic news-reuse corpus with gold annotations, in the PAN text-alignment layout.

Reads a folder of real article texts (.txt, one paragraph per line or blank-line separated; files under 150
words are skipped) and writes, under OUT:

    docs/NAME.txt      every document: sources sNNNN.txt, targets tNNNN.txt; UTF-8, one paragraph per line
    pairs.tsv          target, source, class: the document pairs to compare
    gold/T-S.xml       PAN XML cases for each pair with reuse (written by `pan.write_folder`)
    documents.tsv      name, role, origin: which input file(s) each document comes from

Classes (each `per_class` document pairs; interleaved makes two pairs per target, so it has
ceil(per_class / 2) targets):

    verbatim      a passage of the source (2-6 consecutive sentences, 40-200 words) inserted unchanged at a
                  paragraph boundary of a host article (a different article, the target's own text)
    light_edits   as verbatim, with 1-3 small edits in every sentence: a word dropped or inserted, two
                  neighbouring words swapped, a spelling variant or typo, punctuation changed
    reordered     the passage's sentences shuffled, or two passages inserted in swapped order
    paraphrase    every sentence reworded by rule: synonyms, clause and attribution moves, adverbs dropped,
                  names given in full or shortened, framing and attribution added; of a few tries the one nearest
                  30-50% changed words is kept (`change_rate`; on political news most land at 15-35%)
    summary       3-8 consecutive sentences compressed into 1-3 (main clauses kept, asides dropped, joined)
    interleaved   runs of 1-3 sentences from two sources, alternating, inside a host; one case per run
    negative      two articles on the same topic (content-word Jaccard in the top decile of sampled pairs)
                  that share no run of 6 identical words; no cases

Gold spans are half-open character offsets into the docs/ texts, computed from the final strings and checked
before anything is written. Output is deterministic in (input folder, seed, per_class).

    cd benchmarks && python -m generate.reusecorpus SOURCE_FOLDER OUT [--seed N] [--per-class N]
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from newstrace.formats.pan import Case, write_folder
from newstrace.ingest.normalise import paragraphs, tidy

CLASSES = ("verbatim", "light_edits", "reordered", "paraphrase", "summary", "interleaved", "negative")
MIN_WORDS = 150
SHARED_RUN = 6  # hosts, sources and negative pairs share no run of this many identical words
_NEGATIVE_SAMPLE = 20_000  # article pairs sampled to find the top decile of topical overlap

# -- sentences and words ----------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset("""
    mr mrs ms messrs dr prof sen sens rep reps gov gen lt col maj sgt capt cmdr adm gov st jr sr rev hon pres
    supt det insp inc co corp ltd bros no nos vs etc approx est dept univ ave blvd rd mt ft jan feb mar apr
    jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun u.s u.k u.n e.u d.c
    a.m p.m e.g i.e al fig op
""".split())
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]* (?=[\"'“‘]|[A-Z])")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one whitespace-normalised paragraph; " ".join(result) == paragraph.

    A sentence ends after . ! or ? (and any closing quotes or brackets) followed by a space and a capital
    letter or an opening quote, except after common abbreviations (Mr. U.S. Sen. Jan. ...) and initials."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        mark = m.group()
        if mark.rstrip() == ".":  # a bare period: abbreviation or initial?
            word = paragraph[start:m.start()].rsplit(" ", 1)[-1].lstrip("\"'“‘([").lower()
            if word in _ABBREVIATIONS or re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", word):
                continue
        cut = m.end() - 1  # the space
        if cut > start:
            out.append(paragraph[start:cut])
            start = cut + 1
    if start < len(paragraph):
        out.append(paragraph[start:])
    return out


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits, inner apostrophes), punctuation dropped."""
    return _WORD.findall(text.lower())


def change_rate(original: str, rewritten: str) -> float:
    """Share of changed words: 1 - difflib's ratio over the two word lists, so words replaced, dropped,
    added or moved out of order all count (a word kept in place does not)."""
    a, b = words(original), words(rewritten)
    return 1 - SequenceMatcher(None, a, b, autojunk=False).ratio() if a or b else 0.0


def word_change_rate(original: str, rewritten: str) -> float:
    """Share of changed words ignoring order: 1 - Dice overlap of the two word multisets."""
    a, b = Counter(words(original)), Counter(words(rewritten))
    total = sum(a.values()) + sum(b.values())
    return 1 - 2 * sum((a & b).values()) / total if total else 0.0


_STOPWORDS = frozenset("""
    a about above after again against all also am an and any are as at be been before being below between both
    but by can could did do does doing down during each even ever every few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just last like made make
    many may me might more most much must my myself new no nor not now of off on once one only or other our
    ours out over own said same say says she should since so some still such than that the their theirs them
    themselves then there these they this those though through to too two under until up upon us very was we
    were what when where whether which while who whom whose why will with would year years yet you your
    told according also another because many mr mrs ms going get got well way back time first three
    it's don't that's he's i'm we're they're can't won't didn't doesn't isn't wasn't
""".split())


def _content_words(tokens: list[str]) -> frozenset[str]:
    return frozenset(w for w in tokens if len(w) >= 3 and w not in _STOPWORDS and not w.isdigit())


def _grams(tokens: list[str], n: int = SHARED_RUN) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def normalise_text(raw: str) -> list[str]:
    """The paragraphs of a raw text as the corpus writes them: tidied, whitespace runs made single spaces."""
    return [p for p in (" ".join(para.split()) for para in paragraphs(tidy(raw))) if p]


@dataclass(frozen=True)
class _Sentence:
    para: int
    start: int
    end: int


class _Article:
    def __init__(self, origin: str, paras: list[str]) -> None:
        self.origin = origin
        self.paras = paras
        self.text = "\n".join(paras)
        self.sentences: list[_Sentence] = []
        offset = 0
        for p, para in enumerate(paras):
            pos = offset
            for sentence in split_sentences(para):
                self.sentences.append(_Sentence(p, pos, pos + len(sentence)))
                pos += len(sentence) + 1
            offset += len(para) + 1
        tokens = words(self.text)
        self.n_words = len(tokens)
        self.grams = _grams(tokens)
        self.content = _content_words(tokens)
        # The first line is a headline when there is more than one paragraph: passages come from the body.
        self.first_body = 0
        if len(paras) > 1:
            self.first_body = next(i for i, s in enumerate(self.sentences) if s.para >= 1)
        self.sentence_words = [len(self.sentence(i).split()) for i in range(len(self.sentences))]
        # Whether each sentence starts inside a quotation opened earlier in its paragraph: passages neither
        # start nor end inside one.
        self.quoted: list[bool] = []
        for p in range(len(paras)):
            self.quoted += _inside_quotes([self.sentence(i) for i, s in enumerate(self.sentences) if s.para == p])

    @property
    def names(self) -> dict[str, str]:
        return full_names(self.text)

    @property
    def vocab(self) -> frozenset[str]:
        """Words the article writes in lower case somewhere."""
        return frozenset(_WORD.findall(re.sub(r"\b\w*[A-Z]\w*\b", " ", self.text)))

    def sentence(self, i: int) -> str:
        s = self.sentences[i]
        return self.text[s.start:s.end]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Character span of sentences i..j-1."""
        return self.sentences[i].start, self.sentences[j - 1].end

    def chunks(self, i: int, j: int) -> list[list[str]]:
        """Sentences i..j-1 grouped by paragraph."""
        out: list[list[str]] = []
        last = None
        for k in range(i, j):
            if self.sentences[k].para != last:
                out.append([])
                last = self.sentences[k].para
            out[-1].append(self.sentence(k))
        return out


def _join_chunks(chunks: list[list[str]]) -> str:
    return "\n".join(" ".join(chunk) for chunk in chunks if chunk)


def _read_folder(folder: Path) -> list[_Article]:
    articles = []
    for path in sorted(folder.glob("*.txt")):
        if not path.is_file():
            continue
        paras = normalise_text(path.read_text(encoding="utf-8", errors="replace"))
        if len(" ".join(paras).split()) < MIN_WORDS:
            continue
        articles.append(_Article(path.name, paras))
    return articles


# -- text helpers -----------------------------------------------------------------------------------------

_TOKEN = re.compile(r"^([^\w$£€]*)(.*?)([^\w%]*)$")
_QUOTES = "“”\"‘’"


def _parts(token: str) -> tuple[str, str, str]:
    """(leading punctuation, core, trailing punctuation) of a whitespace token."""
    m = _TOKEN.match(token)
    assert m is not None
    lead, core, trail = m.groups()
    if not core:  # all punctuation
        return token, "", ""
    return lead, core, trail


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _balanced(text: str) -> bool:
    """Quotes and brackets paired."""
    return (text.count("“") == text.count("”") and text.count('"') % 2 == 0
            and text.count("(") == text.count(")"))


# -- light edits ------------------------------------------------------------------------------------------

_US_UK = dict(pair.split("/") for pair in """
    color/colour colors/colours favor/favour favors/favours favorite/favourite favorable/favourable
    center/centre centers/centres defense/defence offense/offence labor/labour honor/honour honored/honoured
    behavior/behaviour neighbor/neighbour neighbors/neighbours rumor/rumour rumors/rumours organize/organise
    organized/organised organization/organisation organizations/organisations recognize/recognise
    recognized/recognised criticize/criticise criticized/criticised criticizing/criticising apologize/apologise
    apologized/apologised emphasize/emphasise emphasized/emphasised realize/realise realized/realised
    analyze/analyse program/programme programs/programmes traveled/travelled traveling/travelling
    canceled/cancelled license/licence catalog/catalogue gray/grey theater/theatre judgment/judgement
    skeptical/sceptical aging/ageing toward/towards afterward/afterwards among/amongst labeled/labelled
    fueled/fuelled modeled/modelled counselor/counsellor enrollment/enrolment fulfill/fulfil mom/mum
    jewelry/jewellery characterize/characterise characterized/characterised mobilize/mobilise
    mobilized/mobilised legalize/legalise legalized/legalised authorize/authorise authorized/authorised
    maximize/maximise minimize/minimise normalize/normalise polarized/polarised polarizing/polarising
""".split())
_SPELLING = {**_US_UK, **{uk: us for us, uk in _US_UK.items()}}
_INSERTABLE = ("also", "reportedly", "now", "still", "already", "even", "indeed", "then", "again")
# An inserted adverb goes after a subject pronoun or an auxiliary (else anywhere but after these function words).
_AFTER = frozenset("he she they it we i who is was are were has have had will would could can may might should "
                   "must does did do".split())
_NOT_AFTER = frozenset("the a an his her their its our my your this that these those of to in on for with at by "
                       "from as and or but".split())
_EDITS = ("drop", "insert", "swap", "spell", "punct")


def _plain(token: str) -> bool:
    return token.isalpha() and token.islower()


def _edit_once(tokens: list[str], op: str, rng: random.Random) -> bool:
    n = len(tokens)
    if op == "drop":
        options = [i for i in range(1, n - 1) if _plain(tokens[i])]
        if n < 6 or not options:
            return False
        del tokens[rng.choice(options)]
    elif op == "insert":
        options = [i for i in range(1, n) if tokens[i - 1].lower() in _AFTER and tokens[i][:1].islower()]
        if not options:
            options = [i for i in range(1, n) if not tokens[i - 1].endswith((".", ",", ";", ":"))
                       and tokens[i - 1].lower() not in _NOT_AFTER]
        if not options:
            return False
        tokens.insert(rng.choice(options), rng.choice(_INSERTABLE))
    elif op == "swap":
        options = [i for i in range(1, n - 2) if _plain(tokens[i]) and _plain(tokens[i + 1])]
        if not options:
            return False
        i = rng.choice(options)
        tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
    elif op == "spell":
        variants = [i for i, t in enumerate(tokens) if _parts(t)[1].lower() in _SPELLING]
        if variants:
            i = rng.choice(variants)
            lead, core, trail = _parts(tokens[i])
            new = _SPELLING[core.lower()]
            tokens[i] = lead + (_cap(new) if core[0].isupper() else new) + trail
            return True
        typos = [i for i, t in enumerate(tokens) if len(_parts(t)[1]) >= 5 and _parts(t)[1].isalpha()]
        if not typos:
            return False
        i = rng.choice(typos)
        lead, core, trail = _parts(tokens[i])
        k = rng.randrange(1, len(core) - 2)
        kind = rng.randrange(3)
        if kind == 0 and core[k] != core[k + 1]:
            core = core[:k] + core[k + 1] + core[k] + core[k + 2:]  # transposed letters
        elif kind == 1:
            core = core[:k] + core[k] + core[k:]  # doubled letter
        else:
            core = core[:k] + core[k + 1:]  # dropped letter
        tokens[i] = lead + core + trail
    elif op == "punct":
        commas = [i for i in range(n - 1) if tokens[i].endswith(",") and len(tokens[i]) > 1]
        if commas and rng.random() < 0.6:
            i = rng.choice(commas)
            tokens[i] = tokens[i][:-1]
        else:
            options = [i for i in range(1, n - 2) if tokens[i].isalpha() and tokens[i + 1].isalpha()]
            text = " ".join(tokens)
            if options:
                tokens[rng.choice(options)] += ","
            elif any(q in text for q in "“”"):
                tokens[:] = text.replace("“", '"').replace("”", '"').split(" ")
            else:
                return False
    return True


def light_edit(sentence: str, rng: random.Random) -> str:
    """The sentence with 1 to 3 small edits (never unchanged)."""
    tokens = sentence.split(" ")
    ops = rng.sample(_EDITS, rng.randint(1, 3))
    done = 0
    for op in ops:
        done += _edit_once(tokens, op, rng)
    result = " ".join(tokens)
    if not done or result == sentence:
        tokens = sentence.split(" ")
        tokens.insert(max(1, len(tokens) - 1), rng.choice(_INSERTABLE))
        result = " ".join(tokens)
    return result


# -- paraphrase -------------------------------------------------------------------------------------------

# Word and phrase substitutions, "key: alternative | alternative;". Keys are lower case; capitalised words are
# only replaced at the start of a sentence (elsewhere they are names). Longest phrase wins.
_SYNONYM_TABLE = """
said: stated | noted; says: states | notes; say: state; saying: stating; told: informed; tell: inform;
told reporters: informed journalists | said to reporters; reporters: journalists; reporter: journalist;
buy: purchase; bought: purchased; buying: purchasing; to help: to assist; will help: will assist;
helped: assisted; helping: assisting; big: large;
bigger: larger; biggest: largest; large: sizable; huge: enormous | massive; massive: huge; people: individuals;
because: since; because of: due to | owing to; due to: because of; want: wish; wants: wishes; wanted: wished;
try: attempt; tried: attempted; trying: attempting; think: believe; thinks: believes; believe: think;
believes: thinks; begin: start; began: started; begun: started; started: commenced; ended: concluded;
announced: revealed | declared; announce: declare; released: issued | put out; added: remarked;
noted: observed | pointed out; argued: contended | maintained; claimed: asserted | alleged;
suggested: indicated | hinted; expected: anticipated; found: determined; received: obtained | got;
showed: demonstrated; gave a speech: delivered a speech; held a: staged a; attacked: assailed | lashed out at;
criticized: faulted | slammed; criticised: faulted | slammed; supported: backed; supporting: backing;
supporters: backers; allow: permit; allowed: permitted; allows: permits; prevent: stop; reduce: cut | lower;
reduced: cut | lowered; provide: supply; provided: supplied; decide: choose; decided: chose; refused: declined;
admitted: acknowledged | conceded; appeared: seemed; appears: seems; seemed: appeared; seems: appears;
explained: clarified; discussed: talked about; talked about: discussed; talking about: discussing;
talk about: discuss; worried about: concerned about; asked about: questioned about; including: such as;
includes: contains; remain: stay; remains: stays; remained: stayed; built: constructed; fight: battle;
fighting: battling; warned: cautioned; insisted: stressed; emphasized: stressed; reported: disclosed;
responded: replied; country: nation; countries: nations; nation: country; candidate: contender;
candidates: contenders; race: contest; contest: race; officials: authorities; leaders: chiefs;
lawmakers: legislators; company: firm; companies: firms; money: funds; problem: issue; problems: issues;
issue: matter; issues: matters; questions: queries; children: kids; kids: children; group: organization;
groups: organizations; meeting: gathering; attack: assault; attacks: assaults; speech: address; speeches: addresses;
crowd: audience; plan to: intend to; plans to: intends to; planned to: intended to; plan: proposal; plans: proposals;
decision: choice; effort: attempt; efforts: attempts; idea: notion; chance: opportunity; goal: aim; bill: measure;
rules: regulations; deal with: handle; deal: agreement; comments: remarks; remarks: comments; comment: remark;
recent: latest; current: present; latest: most recent; previous: prior; difficult: hard; strong: robust;
clear: evident; key: crucial; top: leading; main: chief; entire: whole; whole: entire;
important: significant | crucial; significant: considerable; happy: pleased; quickly: rapidly; rapidly: quickly;
immediately: at once; often: frequently; frequently: often; usually: typically; again: once more;
completely: entirely; probably: likely; perhaps: maybe; maybe: perhaps; especially: particularly;
particularly: especially; mostly: largely; largely: mostly; mainly: chiefly; eventually: ultimately;
finally: ultimately; currently: at present; previously: earlier; soon: shortly; recently: lately; nearly: almost;
almost: nearly; however: nevertheless; but: yet; although: though; though: although;
even though: despite the fact that; as though: as if; despite: in spite of; in order to: to; as well as: along with;
a number of: several; many of: a lot of; for example: for instance; for instance: for example; in fact: indeed;
at the same time: simultaneously; so far: to date; a lot of: plenty of; lots of: plenty of; in the past: previously;
right now: at the moment; each other: one another; make sure: ensure; made sure: ensured;
take part in: participate in; took part in: participated in; find out: discover; found out: discovered;
came back: returned; went back: returned; pointed out: noted; points out: notes; according to: as stated by;
in the wake of: after; prior to: before; the majority of: most of; on the other hand: conversely;
as a result: consequently; is going to: will; are going to: will; was going to: would; were going to: would;
is likely to: will probably; are likely to: will probably; unable to: not able to; spokesman: spokesperson;
spokeswoman: spokesperson; politicians: political figures; politician: political figure; residents: locals;
soldiers: troops; troops: soldiers; war: conflict; arrested: detained; investigation: probe | inquiry;
approximately: about; whether or not: whether; across: throughout; obtained: acquired; purchase: buy;
demonstrate: show; stopped: halted; caused: led to; changed: altered; change: shift; changes: shifts;
seemed to: appeared to; happened: occurred; happen: occur; spoke: talked; met with: held talks with;
rejected: dismissed; denied: disputed; confirmed: verified; predicted: forecast; described: characterized;
urged: pressed; called for: urged; called on: urged; promised: pledged; promise: pledge; promises: pledges;
vowed: pledged; worried: concerned; concerned: worried; concerns: worries; fears: worries; simple: straightforward;
dangerous: hazardous; powerful: influential; wealthy: rich; rich: wealthy; every: each; numerous: many;
individuals: people; shortly after: soon after; former: onetime;
election night: election night; climate change: climate change;
once again: yet again; won: secured | captured; to win: to secure; support for: backing for;
support from: backing from; nominee: standard-bearer; night: evening; media: press; poll: survey; might: may;
may: might; real estate: property; real: genuine; ago: earlier; major: significant | key; information: details;
workers: employees; rally: event; rallies: events; gun: firearm; guns: firearms; victory: win; person: individual;
several: a number of; immigrants: migrants; leading: foremost; strategy: approach; position: stance;
donors: contributors; in response to: responding to; response: reaction; staffers: aides; candidacy: bid;
of course: naturally; lack of: absence of; billionaire: tycoon; spending: expenditure; using: employing; bad: poor;
potential: possible; committee: panel; families: households; income: earnings; numbers: figures; rival: opponent;
rivals: opponents; chairman: chair; someone: somebody; anyone: anybody; everyone: everybody; launched: kicked off;
in addition: additionally; in addition to: besides; a few: some; so-called: supposed; talks: negotiations;
meanwhile: in the meantime; afterward: later; called it: described it as; wrote on twitter: tweeted;
a statement: a written statement; is expected to: should; are expected to: should; at this point: now;
enormous: huge; critics: detractors; opponents: critics; aides: advisers; advisers: aides; advisors: aides;
campaign trail: stump; tough: difficult; anger: fury; furious: angry; effect: impact; impact: effect;
focus on: concentrate on; focused on: concentrated on; ahead of: before; need to: have to; needs to: has to;
needed to: had to; show that: indicate that; shows that: indicates that; showed that: indicated that;
part of the: a portion of the; around the country: throughout the country; across the country: nationwide;
around the world: worldwide; in an interview: during an interview; at the time: then; more and more: increasingly;
in recent years: lately; over the past: in the last; last year: a year ago; came up with: devised;
come up with: devise; pushed for: advocated; push for: advocate; step down: resign; stepped down: resigned;
stepping down: resigning; is set to: is poised to; such as: like; as well: too; in front of: before; next to: beside;
instead of: rather than; rather than: instead of; at the moment: currently; in particular: particularly;
on behalf of: for; with regard to: regarding; regarding: concerning; concerning: regarding; a majority of: most;
wrote: penned; leader: head; role: part; director: head; different: distinct; television: TV; global: worldwide;
always: consistently; contests: races; growth: expansion; firm: company; build: construct; final: last;
a ban: a prohibition; the ban: the prohibition; industry: sector; adviser: aide; banks: lenders; opportunity: chance;
telling: informing; international: global; similar: comparable; threat: danger; endorsed: backed; understand: grasp;
adding: saying; choice: option; turnout: participation; intend to: plan to; hopes to: aims to; hoped to: aimed to;
think that: believe that; seek: pursue; sought to: tried to; sought: pursued; seeking: pursuing;
despite the fact that: although;
at first: initially; initially: at first; in the end: ultimately; so that: in order that; beginning: start;
asked whether: inquired whether; asked if: inquired whether; took office: assumed office; take office: assume office;
took over: assumed control of; give up: abandon; gave up: abandoned; get rid of: eliminate; got rid of: eliminated;
look at: examine; looked at: examined; looking at: examining; looking for: seeking; look for: seek;
carry out: conduct; carried out: conducted; a great deal: a lot; impossible: not possible; unclear: not clear;
not sure: uncertain; true: accurate; false: untrue; angry: upset; afraid: fearful; ready: prepared; obvious: evident;
common: widespread; various: several; additional: extra; extra: additional; quick: swift; easy: simple;
famous: well-known; well-known: famous; sometimes: at times; indeed: in fact; therefore: thus; thus: therefore;
moreover: furthermore; furthermore: moreover; nonetheless: nevertheless; nevertheless: nonetheless; near: close to;
upon: on; child: kid; area: region; areas: regions; costs: expenses; answer: response; result: outcome;
article: piece; expert: specialist; experts: specialists; supporter: backer; opponent: rival; worker: employee;
doctor: physician; lawyer: attorney; lawyers: attorneys; with the help of: with the assistance of; a defeat: a loss;
the defeat: the loss; mistake: error; mistakes: errors; feeling: sentiment; concern: worry; purpose: aim;
step: measure; advantage: edge; believed: thought; chose: picked; choose: pick; created: established;
dropped out of: withdrew from; drop out of: withdraw from; dropping out of: withdrawing from; earned: gained;
forced: compelled; learned: discovered; placed: put; pushed: pressed; recalled: remembered; remembered: recalled;
revealed: disclosed; tells: informs; argues: contends; insists: maintains; warns: cautions; notes: observes;
adds: remarks; explains: clarifies; suggests: indicates; requires: needs; helps: assists; tries: attempts;
begins: starts; faces: confronts; calling for: urging; calling on: urging; growing: increasing; rising: increasing;
pushing: pressing; hoping to: aiming to; to stop: to halt; to show: to demonstrate; protect: safeguard;
improve: enhance; to address: to tackle; solve: resolve; avoid: sidestep; discuss: talk about; ensure: make sure;
fix: repair
"""
SYNONYMS: dict[str, tuple[str, ...]] = {
    key.strip(): tuple(v.strip() for v in value.split("|"))
    for key, value in (entry.split(":", 1) for entry in _SYNONYM_TABLE.replace("\n", " ").split(";") if entry.strip())
}
# Only before a number ("about 40", "more than a dozen").
_BEFORE_NUMBER = {"about": ("around", "roughly", "approximately"), "more than": ("over", "upwards of"),
                  "less than": ("under",), "fewer than": ("under",), "at least": ("no fewer than",)}
_NUMBER = re.compile(r"^(?:[$£€]?\d|a$|an$|half$|dozens?$|hundreds$|thousands$|millions$|one$|two$|three$|four$|"
                     r"five$|six$|seven$|eight$|nine$|ten$|twenty$|fifty$)")
_CONTRACTIONS = {"don't": "do not", "doesn't": "does not", "didn't": "did not", "can't": "cannot",
                 "won't": "will not", "isn't": "is not", "aren't": "are not", "wasn't": "was not",
                 "weren't": "were not", "it's": "it is", "we're": "we are", "they're": "they are",
                 "i'm": "I am", "couldn't": "could not", "wouldn't": "would not", "shouldn't": "should not",
                 "haven't": "have not", "hasn't": "has not", "we've": "we have", "they've": "they have",
                 "that's": "that is", "there's": "there is", "we'll": "we will", "they'll": "they will"}
_ADVERBS = frozenset("""
    very really also just actually simply clearly certainly quite strongly fully highly widely directly
    already even fairly truly extremely incredibly deeply openly repeatedly officially basically essentially
    totally absolutely definitely apparently seemingly effectively obviously literally merely somewhat
    increasingly relatively generally virtually
""".split())
_NOT_ADVERBS = frozenset("""
    only early likely daily weekly monthly yearly quarterly july italy supply reply apply rally ally family belly
    bully holy ugly silly elderly friendly lonely costly deadly lovely lively orderly nearly hardly barely
    scarcely fly imply comply assembly anomaly emily kelly billy sally molly holly reilly kelly o'reilly
""".split())


def _droppable_adverb(word: str) -> bool:
    return word in _ADVERBS or (len(word) > 5 and word.endswith("ly") and word.isalpha() and word.islower()
                                and word not in _NOT_ADVERBS and word not in SYNONYMS)


_PHRASE_MAX = max(len(k.split()) for k in [*SYNONYMS, *_BEFORE_NUMBER])
_SAY = r"(?:said|says|added|noted|argued|explained|wrote|insisted|warned|contended|told reporters)"
_POSSESSIVE_NEXT = frozenset("of in on at to for with from by about over against that which who".split())
_FOLLOWERS = frozenset("is was are were has had have will would could can may might should said says".split())
_COMMON = frozenset(
    {*_STOPWORDS, *_ADVERBS, *(w for k, vs in SYNONYMS.items() for x in (k, *vs) for w in x.split())}
) - {"i", "mr", "mrs", "ms"}
_TITLES = {"mr.": "", "mrs.": "", "ms.": "", "sen.": "Senator", "sens.": "Senators", "gov.": "Governor",
           "rep.": "Representative", "gen.": "General", "lt.": "Lieutenant", "atty.": "Attorney"}

# A clause that starts with one of these (or with a name) can stand as a sentence's subject.
_SUBJECT_WORDS = frozenset("""
    he she they it we i you the a an his her their its our this that these those there some many most all both
    several no one two three four five mr mrs ms sen gov rep dr president former officials critics supporters
    voters analysts democrats republicans
""".split())


def _subject_like(text: str) -> bool:
    core = _parts(text.split(" ", 1)[0])[1]
    return bool(core) and (core.lower() in _SUBJECT_WORDS or (core[0].isupper() and core.lower() not in _COMMON))


_ATTRIBUTIONS = ("officials familiar with the matter", "a senior party official", "local media reports",
                 "Mara Voss, a political analyst", "Daniel Pryce, a campaign aide", "people close to the campaign",
                 "a spokesperson", "Helen Okafor, who follows the race closely", "the newspaper",
                 "two people briefed on the discussions")
_TAILS = ("the report said", "officials said", "according to a report", "the outlet reported", "sources said",
          "according to people familiar with the matter")
_UNVERIFIED = "a claim that could not be independently verified"


def _lower_first(text: str, vocab: frozenset[str] = frozenset()) -> str:
    """Lower-case the first letter when the first word is a common word (not a name): one of ours, or one the
    article itself writes in lower case (`vocab`)."""
    first = text.split(" ", 1)[0]
    core = _parts(first)[1]
    if core and core[0].isupper() and (core.lower() in _COMMON or core.lower() in vocab) and not core.isupper():
        return text[:text.index(core[0])] + core[0].lower() + text[text.index(core[0]) + 1:]
    return text


def _words_in(text: str) -> int:
    return len(text.split())


_LEADING = re.compile(
    r"^(?P<sub>(?:After|Although|Though|While|When|Because|Since|If|As|Before|Until|Unless|Once|Despite|"
    r"Following|During|In|On|At|For|With|Without|Even though|Earlier|Last|This|Late|Over) [^,;:“”\"()]{3,150}),"
    r" (?P<main>[^“”\"]+?)(?P<p>[.!?])$")
_TRAILING = re.compile(
    r"^(?P<main>[^,;:“”\"()]{15,}?) (?P<conj>because|although|though|since|after|before|when|while|unless|"
    r"even though|once) (?P<sub>[^,;:“”\"()]{10,})(?P<p>[.!?])$")
_X_SAID_Y = re.compile(
    rf"^(?P<who>[A-Z][^,;:“”\"()]{{1,60}}?) (?P<verb>{_SAY})(?: that)? (?P<what>[^“”\"]{{20,}}?)(?P<p>[.!?])$")
_Y_X_SAID = re.compile(
    rf"^(?P<what>[^“”\"]{{20,}}), (?P<who>[^,;:“”\"()]{{2,60}}?) (?P<verb>{_SAY})(?P<p>[.!?])$")
_X_SAID_QUOTE = re.compile(
    rf"^(?P<who>[A-Z][^,;:“”\"()]{{1,60}}?) (?P<verb>{_SAY})[,:] (?P<q>[“\"])(?P<what>[^“”\"]{{10,}}?)"
    r"(?P<p>[.!?])(?P<cq>[”\"])$")
_QUOTE_X_SAID = re.compile(
    rf"^(?P<q>[“\"])(?P<what>[^“”\"]{{10,}}?)(?P<p>[,!?])(?P<cq>[”\"]) (?P<who>[^,;:“”\"()]{{2,60}}?) "
    rf"(?P<verb>{_SAY})\.$")
_QUOTE_SAID_X = re.compile(
    r"^(?P<q>[“\"])(?P<what>[^“”\"]{10,}?)(?P<p>[,!?])(?P<cq>[”\"]) (?P<verb>said|says|added) "
    r"(?P<who>[^,;:“”\"()]{2,60}?)\.$")
_ACCORDING = re.compile(r"^According to (?P<who>[^,“”\"]{2,60}), (?P<what>[^“”\"]{20,}?)(?P<p>[.!?])$")
_Y_ACCORDING = re.compile(r"^(?P<what>[^“”\"]{20,}), according to (?P<who>[^,“”\"]{2,60}?)(?P<p>[.!?])$")
_NUMBER_WORDS = {w: str(k) for k, w in enumerate("two three four five six seven eight nine".split(), 2)}
_NUMBER_WORDS.update({d: w for w, d in _NUMBER_WORDS.items()})
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_TIME_END = re.compile(
    rf"^(?P<main>[^,;:“”\"]{{20,}}?) (?P<when>(?:(?:on|by|since|until|in|during|earlier|later|last|this|next) "
    rf"(?:{_DAYS}|{_MONTHS}|week|month|year|weekend|morning|night|\d{{4}})(?: (?:\d{{1,2}}|night|morning|"
    rf"afternoon|evening))?)|(?:{_DAYS})(?: night| morning| afternoon| evening)?)(?P<p>[.!?])$")
_AND_CLAUSE = re.compile(r"^(?P<a>[^“”\"]{30,}?), and (?P<b>[^“”\"]{20,})$")
_SAYS_WORDS = re.compile(r"\b(?:said|says|told|added|stated|states|noted|notes|remarked|informed|wrote|penned|"
                         r"observed|argued|contended|maintained|warned|cautioned|insisted|stressed|claimed|asserted|"
                         r"explained|tweeted|reported)\b")


def _short(text: str, most: int = 7) -> bool:
    return 1 <= _words_in(text) <= most


def _restructure(sentence: str, rng: random.Random, vocab: frozenset[str] = frozenset()) -> str:
    """One clause or attribution move, if any applies (tried in random order)."""
    def leading(m: re.Match[str]) -> str | None:
        if _words_in(m["sub"]) > 20 or _words_in(m["main"]) < 4 or not _subject_like(m["main"]):
            return None
        return f"{_cap(m['main'])} {m['sub'][0].lower()}{m['sub'][1:]}{m['p']}"

    def trailing(m: re.Match[str]) -> str | None:
        if _words_in(m["main"]) < 4 or _words_in(m["sub"]) < 3 or _SAYS_WORDS.search(m["main"]):
            return None
        return f"{_cap(m['conj'])} {m['sub']}, {_lower_first(m['main'], vocab)}{m['p']}"

    def x_said_y(m: re.Match[str]) -> str | None:
        if not _short(m["who"], 6) or _words_in(m["what"]) < 5 or not _subject_like(m["who"]) \
                or not _subject_like(m["what"]):  # "said on Friday that ..." stays
            return None
        return f"{_cap(m['what'])}, {_lower_first(m['who'], vocab)} {m['verb']}{m['p']}"

    def y_x_said(m: re.Match[str]) -> str | None:
        if not _short(m["who"], 6) or _words_in(m["what"]) < 5 or not _subject_like(m["who"]):
            return None
        return f"{_cap(m['who'])} {m['verb']} that {_lower_first(m['what'], vocab)}{m['p']}"

    def x_said_quote(m: re.Match[str]) -> str | None:
        if not _short(m["who"], 6) or not _subject_like(m["who"]):
            return None
        mark = "," if m["p"] == "." else m["p"]
        return f"{m['q']}{m['what']}{mark}{m['cq']} {_lower_first(m['who'], vocab)} {m['verb']}."

    def quote_x_said(m: re.Match[str]) -> str | None:
        if not _short(m["who"], 6) or not _subject_like(m["who"]):
            return None
        mark = "." if m["p"] == "," else m["p"]
        return f"{_cap(m['who'])} {m['verb']}, {m['q']}{m['what']}{mark}{m['cq']}"

    def fronted(m: re.Match[str]) -> str | None:
        if not 5 <= _words_in(m["main"]) <= 25 or not _subject_like(m["main"]):
            return None
        return f"{_cap(m.group(2))}, {_lower_first(m['main'], vocab)}{m['p']}"

    def split_and(m: re.Match[str]) -> str | None:
        if _words_in(m["a"]) < 6 or _words_in(m["b"]) < 5 or not _subject_like(m["b"]):
            return None
        return f"{m['a']}. {_cap(m['b'])}"

    def according(m: re.Match[str]) -> str | None:
        return f"{_cap(m['what'])}, according to {m['who']}{m['p']}"

    def y_according(m: re.Match[str]) -> str | None:
        what = m["what"]
        connective = _CONNECTIVE.match(what)
        if connective and _words_in(connective["rest"]) >= 4:  # "But X, according to Y" -> "According to Y, X"
            what = connective["rest"]
        return f"According to {m['who']}, {_lower_first(what, vocab)}{m['p']}"

    moves = [(_LEADING, leading), (_TRAILING, trailing), (_X_SAID_Y, x_said_y), (_Y_X_SAID, y_x_said),
             (_X_SAID_QUOTE, x_said_quote), (_QUOTE_X_SAID, quote_x_said), (_QUOTE_SAID_X, quote_x_said),
             (_ACCORDING, according), (_Y_ACCORDING, y_according), (_TIME_END, fronted),
             (_AND_CLAUSE, split_and)]
    rng.shuffle(moves)
    for pattern, move in moves:
        m = pattern.match(sentence)
        if m:
            result = move(m)
            if result and result != sentence:
                return result
    return sentence


_NOT_NAMES = frozenset("""
    democratic republican democrats republicans senator president governor secretary former gop house white new
    united north south east west supreme court party national american americans federal state states city
    county university department committee street times post news fox media congress senate iowa york
    washington america america's mr mrs ms sen gov rep gen dr st super monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october november december
""".split())
_POSSESSIVE = re.compile(r"['’]s$")


def full_names(text: str) -> dict[str, str]:
    """Surname -> first name, for two-word names whose surname also stands alone in the text."""
    pairs: Counter[tuple[str, str]] = Counter()
    alone: set[str] = set()
    for line in text.split("\n"):
        tokens = line.split(" ")
        run: list[str] = []
        for token in [*tokens, ""]:
            lead, core, trail = _parts(token) if token else ("", "", "")
            core = _POSSESSIVE.sub("", core)
            if core[:1].isupper() and core.isalpha() and core[1:].islower() and not lead:
                run.append(core)
                if not trail:
                    continue
            if len(run) == 2:
                pairs[(run[0], run[1])] += 1
            elif len(run) == 1:
                alone.add(run[0])
            run = []
    firsts: dict[str, set[str]] = {}
    for first, last in pairs:
        firsts.setdefault(last, set()).add(first)
    names: dict[str, str] = {}
    for (first, last), _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        if (last in alone and len(firsts[last]) == 1  # "Clinton" alone is ambiguous beside Bill and Hillary
                and not {first.lower(), last.lower()} & (_NOT_NAMES | _COMMON)):
            names[last] = first
    return names


def _substitute(tokens: list[str], rng: random.Random, p: float, names: dict[str, str] | None = None
                ) -> list[str]:
    """Synonyms, contractions expanded, adverbs dropped, possessives turned round, names given in full or
    shortened; each with probability p."""
    names = names or {}
    out: list[str] = []
    parts = [_parts(t) for t in tokens]
    n = len(tokens)
    i = 0
    capitalise_next = False
    while i < n:
        lead, core, trail = parts[i]
        initial = i == 0 or any(q in lead for q in "“\"‘")
        done = False
        for size in range(min(_PHRASE_MAX, n - i), 0, -1):
            seg = parts[i:i + size]
            if any(s[2] for s in seg[:-1]) or any(s[0] for s in seg[1:]) or not all(s[1] for s in seg):
                continue
            cores = [s[1] for s in seg]
            if any(c[:1].isupper() for c in cores[1:]) or (cores[0][:1].isupper() and not initial):
                continue
            if any(c.isupper() and len(c) > 1 for c in cores):
                continue
            key = " ".join(cores).lower()
            options = None
            if key in _BEFORE_NUMBER and i + size < n and _NUMBER.match(parts[i + size][1].lower()):
                options = _BEFORE_NUMBER[key]
            elif key in SYNONYMS:
                options = SYNONYMS[key]
            elif key.replace("’", "'") in _CONTRACTIONS:
                options = (_CONTRACTIONS[key.replace("’", "'")],)
            if options is None:
                continue
            if rng.random() < p:
                new = rng.choice(options)
                if cores[0][0].isupper():
                    new = _cap(new)
                out.append(lead + new + seg[-1][2])
                i += size
                done = True
            break
        if done:
            continue
        if (_droppable_adverb(core.lower()) and (core.islower() or i == 0) and not lead
                and rng.random() < p):
            if i > 0 and not trail and i < n - 1:
                i += 1
                continue
            if i == 0 and trail == "," and n > 3:
                capitalise_next = True
                i += 1
                continue
        if core == "U.S" and trail.startswith(".") and rng.random() < p:
            out.append(lead + rng.choice(("United States", "US")) + (trail if i == n - 1 else trail[1:]))
            i += 1
            continue
        surname = _POSSESSIVE.sub("", parts[i + 1][1]) if i + 1 < n else ""
        if (names.get(surname) == core and not trail and not parts[i + 1][0] and rng.random() < p
                and not (i + 2 < n and parts[i + 2][1][:1].isupper())):
            out.append(lead + tokens[i + 1])  # "Donald Trump" -> "Trump"
            i += 2
            continue
        bare = _POSSESSIVE.sub("", core)
        previous_core = parts[i - 1][1] if i else ""
        if (bare in names and (i == 0 or not previous_core[:1].isupper() or parts[i - 1][2])
                and not (i + 1 < n and parts[i + 1][1][:1].isupper()) and rng.random() < p / 2):
            out.append(lead + names[bare] + " " + core + trail)  # "Trump" -> "Donald Trump"
            i += 1
            continue
        if core.lower() in _NUMBER_WORDS and not parts[i + 1 if i + 1 < n else i][0] and i + 1 < n \
                and parts[i + 1][1].islower() and parts[i + 1][1] not in _STOPWORDS and rng.random() < p:
            number = _NUMBER_WORDS[core.lower()]  # "three years" <-> "3 years"
            out.append(lead + (_cap(number) if core[0].isupper() else number) + trail)
            i += 1
            continue
        if core == "on" and not trail and i + 1 < n and parts[i + 1][1] in _DAYS.split("|") and rng.random() < p:
            i += 1  # "on Tuesday" -> "Tuesday"
            continue
        title = tokens[i].lower()
        if title in _TITLES and i + 1 < n and parts[i + 1][1][:1].isupper() and rng.random() < p:
            if _TITLES[title]:
                out.append(_TITLES[title])
            else:
                capitalise_next = capitalise_next or i == 0
            i += 1
            continue
        if (core == "percent" and not lead and out and out[-1][-1:].isdigit() and rng.random() < p):
            out[-1] += "%" + trail
            i += 1
            continue
        m = re.fullmatch(r"([A-Z][a-z]+)['’]s", core)
        previous = _parts(out[-1])[1] if out else ""
        if (m and i + 1 < n and not trail and not lead and rng.random() < p and parts[i + 1][1].isalpha()
                and parts[i + 1][1].islower() and not parts[i + 1][0]
                and parts[i + 1][1] not in _STOPWORDS and parts[i + 1][1] not in _ADVERBS
                and (parts[i + 1][2] in (",", ".", ";", ":")
                     or (i + 2 < n and parts[i + 2][1].lower() in _FOLLOWERS | _POSSESSIVE_NEXT))
                and (not previous or (previous.islower() and previous not in ("the", "a", "an")))):
            noun_lead, noun, noun_trail = parts[i + 1]
            out.extend([lead + ("The" if initial else "the"), noun, "of", m[1] + noun_trail])
            i += 2
            continue
        token = tokens[i]
        if capitalise_next:
            token = lead + _cap(core) + trail
            capitalise_next = False
        out.append(token)
        i += 1
    if capitalise_next and out:
        out[0] = _cap(out[0])
    for k in range(len(out) - 1):  # "a" / "an" before a replaced word
        lead, core, trail = _parts(out[k])
        if core.lower() in ("a", "an") and not trail and out[k + 1] not in tokens:
            vowel = _parts(out[k + 1])[1][:1].lower() in "aeiou"
            article = "an" if vowel else "a"
            out[k] = lead + (_cap(article) if core[0].isupper() else article)
    return out


def _frame(sentence: str, rng: random.Random, vocab: frozenset[str] = frozenset()) -> str:
    """Framing or attribution added around a sentence."""
    p = sentence[-1] if sentence[-1] in ".!?" else ""
    core = sentence[:-1] if p else sentence
    quoted_end = sentence.endswith(tuple(_QUOTES)) or core.endswith(tuple(_QUOTES))
    options = []
    if p == "." and not sentence.startswith(tuple(_QUOTES)) and not sentence.startswith("According"):
        options.append("according")
    if not quoted_end and p == "." and not _SAYS_WORDS.search(core[-40:]):
        options += ["tail", "unverified"]
    if not options:
        return sentence
    kind = rng.choice(options)
    if kind == "according":
        m = _CONNECTIVE.match(sentence)
        rest = m["rest"] if m and _words_in(m["rest"]) >= 4 else sentence
        return f"According to {rng.choice(_ATTRIBUTIONS)}, {_lower_first(rest, vocab)}"
    if kind == "tail":
        return f"{core}, {rng.choice(_TAILS)}."
    return f"{core} — {_UNVERIFIED} — {rng.choice(_TAILS)}."


def _swap_conjuncts(tokens: list[str], rng: random.Random, p: float) -> list[str]:
    """"A and B" -> "B and A" where A and B are single content words (both lower case, or both names)."""
    out = list(tokens)
    conjunctions = {i for i, t in enumerate(out) if t in ("and", "or")}
    for i in range(1, len(out) - 1):
        if i not in conjunctions or rng.random() >= p or conjunctions & {i - 2, i + 2}:
            continue
        a, b = out[i - 1], out[i + 1]
        before = out[i - 2] if i >= 2 else ""
        after = out[i + 2] if i + 2 < len(out) else ""
        la, ca, ta = _parts(a)
        lb, cb, tb = _parts(b)
        if la or ta or lb or not (ca.isalpha() and cb.isalpha()) or ca.lower() in _STOPWORDS \
                or cb.lower() in _STOPWORDS or ca.islower() != cb.islower() or ca == cb:
            continue
        plural_nouns = all(c.endswith("s") and not c.endswith(("ss", "us", "is")) for c in (ca, cb))
        if ca.islower() and not plural_nouns:  # only plural nouns ("minorities and women") or names
            continue
        if not ca.islower() and i - 1 == 0:
            continue
        single_a = not before or before.lower() in _STOPWORDS or before.endswith((",", ":", ";"))
        single_b = bool(tb) or not after or after.lower() in _STOPWORDS | _FOLLOWERS
        if single_a and single_b:
            out[i - 1], out[i + 1] = cb, ca + tb
    return out


def paraphrase_sentence(sentence: str, rng: random.Random, intensity: float, names: dict[str, str] | None = None,
                        quoted: bool = False, vocab: frozenset[str] = frozenset()) -> str:
    """One sentence reworded: up to two clause moves (not inside a quotation), then word-level rewriting."""
    if not quoted and rng.random() < 0.5 + 0.4 * intensity:
        sentence = _restructure(sentence, rng, vocab)
        if rng.random() < 0.5 * intensity:
            sentence = _restructure(sentence, rng, vocab)
    tokens = _swap_conjuncts(sentence.split(" "), rng, intensity)
    return " ".join(_substitute(tokens, rng, intensity, names))


def _inside_quotes(sentences: list[str]) -> list[bool]:
    """For each sentence, whether it starts inside a quotation opened by an earlier sentence."""
    out = []
    depth, straight, doubled = 0, False, False
    for sentence in sentences:
        out.append(depth > 0 or straight or doubled)
        depth = max(0, depth + sentence.count("“") - sentence.count("”"))
        straight ^= sentence.count('"') % 2 == 1
        doubled ^= sentence.count("''") % 2 == 1
    return out


def _has_quote(sentence: str) -> bool:
    return any(q in sentence for q in "“”\"") or "''" in sentence


def paraphrase(chunks: list[list[str]], rng: random.Random, names: dict[str, str] | None = None,
               vocab: frozenset[str] = frozenset()) -> list[list[str]]:
    """Every sentence reworded, framing added to one or two sentences outside quotations; of a few tries with
    rising intensity, the first whose change rate is within 30-50% (else the nearest)."""
    original = _join_chunks(chunks)
    flat = [(c, k) for c, chunk in enumerate(chunks) for k in range(len(chunk))]
    inside = dict(zip(flat, _inside_quotes([chunks[c][k] for c, k in flat]), strict=True))
    base = rng.randrange(2**32)
    best: tuple[float, list[list[str]]] | None = None
    for attempt, intensity in enumerate((0.55, 0.7, 0.85, 1.0, 1.0, 1.0)):
        sub = random.Random(base + attempt)
        result = [[paraphrase_sentence(s, sub, intensity, names, inside[(c, k)], vocab)
                   for k, s in enumerate(chunk)] for c, chunk in enumerate(chunks)]
        plain = [(c, k) for c, k in flat if not inside[(c, k)] and not _has_quote(chunks[c][k])
                 and not _has_quote(result[c][k]) and not _SAYS_WORDS.search(result[c][k])]
        framed = sub.sample(plain, min(len(plain), 1 if len(flat) < 3 or sub.random() < 0.5 else 2))
        for c, k in framed:
            result[c][k] = _frame(result[c][k], sub, vocab)
        rate = change_rate(original, _join_chunks(result))
        distance = 0.0 if 0.3 <= rate <= 0.5 else min(abs(rate - 0.3), abs(rate - 0.5))
        if best is None or distance < best[0]:
            best = (distance, result)
        if distance == 0.0:
            break
    assert best is not None
    return best[1]


# -- summary ----------------------------------------------------------------------------------------------

_ASIDES = [
    (re.compile(r" \([^()]*\)"), ""),  # parentheticals
    (re.compile(r" [—–] [^—–]+ [—–](?= )"), ""),  # spaced dash asides
    (re.compile(r"—[^— ][^—]*[^— ]—"), " "),  # unspaced dash asides
    (re.compile(r", (?:who|which|whose|where) [^,]+,(?= )"), ""),  # non-restrictive relative clauses
    (re.compile(r", (?:however|meanwhile|too|though|of course|in fact|for example|for instance),(?= )"), ""),
    (re.compile(r", according to [^,.;“”\"]+(?=[,.])"), ""),  # attribution tails
    (re.compile(r"; .*(?=[.!?]$)"), ""),  # a second clause after a semicolon
]
_CONNECTIVE = re.compile(r"^(?:But|And|However|Still|Meanwhile|Also|In addition|Moreover|Indeed|So|Yet|Now|"
                         r"Instead|Nonetheless|Nevertheless|Further|Furthermore|Then),? (?P<rest>.+)$")
_TRAILING_CLAUSE = re.compile(
    r", (?:while|although|though|as|because|since|after|before|when|where|which|who|including|even as|"
    r"even though|but|and|with|amid|despite|as well as|adding|saying)\b[^,]*(?P<end>[.!?][”\"]?)$")


def _tidy_spaces(text: str) -> str:
    return " ".join(text.split()).replace(" ,", ",").replace(" .", ".")


def compress(sentence: str) -> str:
    """The main clause: parentheticals, dash asides, relative and subordinate clauses dropped."""
    def keep(candidate: str) -> bool:
        return _words_in(candidate) >= 5 and _balanced(candidate)

    result = sentence
    m = _CONNECTIVE.match(result)
    if m and keep(m["rest"]):
        result = _cap(m["rest"])
    for pattern, replacement in _ASIDES:
        candidate = _tidy_spaces(pattern.sub(replacement, result))
        if keep(candidate):
            result = candidate
    m = _LEADING.match(result)
    if m and _words_in(m["main"]) >= 5:
        candidate = _cap(m["main"]) + m["p"]
        if keep(candidate):
            result = candidate
    m = _TRAILING_CLAUSE.search(result)
    if m:
        candidate = result[:m.start()] + m["end"]
        if keep(candidate):
            result = candidate
    return result


def _join(first: str, second: str, rng: random.Random, vocab: frozenset[str] = frozenset()) -> str | None:
    if first[-1:] != "." or _has_quote(first) or _has_quote(second):
        return None
    connector = rng.choice((", and ", ", while ", " and "))
    return first[:-1] + connector + _lower_first(second, vocab)


def summarise(sentences: list[str], rng: random.Random, vocab: frozenset[str] = frozenset()) -> str:
    """1 to 3 sentences from 3 to 8: the first sentence and some others (none inside a quotation), compressed,
    some pairs joined."""
    n = len(sentences)
    m = rng.randint(1, min(3, n - 1))
    quoted = [*_inside_quotes(sentences), False]
    # Only sentences that neither start inside a quotation nor leave one open are kept.
    whole = [i for i in range(n) if not quoted[i] and not quoted[i + 1]] or [0]
    k = max(1, min(len(whole), n - 1, 2 * m))
    m = min(m, k)
    chosen = [whole[0], *sorted(rng.sample(whole[1:], k - 1))]
    kept = [compress(sentences[i]) for i in chosen]
    pairs = set(rng.sample(range(m), k - m))  # which output sentences join two kept ones
    out: list[str] = []
    pos = 0
    for g in range(m):
        if g in pairs:
            joined = _join(kept[pos], kept[pos + 1], rng, vocab)
            out.append(joined if joined else kept[pos])
            pos += 2
        else:
            out.append(kept[pos])
            pos += 1
    return " ".join(out)


# -- the corpus -------------------------------------------------------------------------------------------


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


class _Builder:
    def __init__(self, articles: list[_Article], rng: random.Random) -> None:
        self.articles = articles
        self.rng = rng
        self.order = list(range(len(articles)))
        rng.shuffle(self.order)
        self.cursor = 0
        self.docs: dict[str, str] = {}
        self.source_names: dict[int, str] = {}
        self.documents: list[tuple[str, str, str]] = []
        self.pairs: list[tuple[str, str, str]] = []
        self.cases: list[Case] = []
        self.host_of: set[tuple[int, int]] = set()  # (host, source) combinations used
        self.host_uses: Counter[int] = Counter()

    # documents

    def source(self, a: int) -> str:
        if a not in self.source_names:
            name = f"s{len(self.source_names) + 1:04d}.txt"
            self.source_names[a] = name
            self.docs[name] = self.articles[a].text
            self.documents.append((name, "source", self.articles[a].origin))
        return self.source_names[a]

    def target(self, text: str, origin: str) -> str:
        name = f"t{len(self.documents) - len(self.source_names) + 1:04d}.txt"
        self.docs[name] = text
        self.documents.append((name, "target", origin))
        return name

    def case(self, cls: str, target: str, tspan: tuple[int, int], expected_target: str, source: str,
             sspan: tuple[int, int], expected_source: str) -> None:
        ttext, stext = self.docs[target], self.docs[source]
        if ttext[tspan[0]:tspan[1]] != expected_target:
            raise AssertionError(f"{target} {tspan}: the target span is not the inserted text")
        if stext[sspan[0]:sspan[1]] != expected_source:
            raise AssertionError(f"{source} {sspan}: the source span is not the original passage")
        self.cases.append(Case(target, tspan, source, sspan, cls))

    # choices

    def next_source(self, exclude: tuple[int, ...] = ()) -> int:
        """The next article in the shuffled cycle (sources are spread over the corpus)."""
        for _ in range(len(self.order)):
            a = self.order[self.cursor % len(self.order)]
            self.cursor += 1
            if a not in exclude and all(not (self.articles[a].grams & self.articles[e].grams) for e in exclude):
                return a
        return -1

    def host(self, sources: list[int]) -> int | None:
        """A host for these sources: topically close among a random sample, sharing no 6-word run with any."""
        pool = [h for h in range(len(self.articles))
                if h not in sources and all((h, s) not in self.host_of for s in sources)]
        if not pool:
            return None
        sample = self.rng.sample(pool, min(40, len(pool)))
        ok = [h for h in sample if all(not (self.articles[h].grams & self.articles[s].grams) for s in sources)]
        if not ok:
            return None
        best = max(ok, key=lambda h: (sum(_jaccard(self.articles[h].content, self.articles[s].content)
                                          for s in sources) - 0.05 * self.host_uses[h], -h))
        for s in sources:
            self.host_of.add((best, s))
        self.host_uses[best] += 1
        return best

    def passages(self, a: int, lo: int, hi: int, wmin: int, wmax: int) -> list[tuple[int, int]]:
        art = self.articles[a]
        out = []
        n = len(art.sentences)
        for i in range(art.first_body, n):
            if art.quoted[i]:
                continue
            total = 0
            for j in range(i, min(n, i + hi)):
                w = art.sentence_words[j]
                if not 4 <= w <= 100:
                    break
                total += w
                if j + 1 - i >= lo and wmin <= total <= wmax and (j + 1 == n or not art.quoted[j + 1]):
                    out.append((i, j + 1))
        return out

    def insert_at(self, host: int, count: int = 1) -> list[int]:
        """Paragraph boundaries for insertion: after the headline, before the last paragraph when possible."""
        n = len(self.articles[host].paras)
        lo, hi = min(1, n), max(min(1, n), n - 1)
        return sorted(self.rng.randint(lo, hi) for _ in range(count))

    # classes

    def with_passage(self, lo: int = 2, hi: int = 6, wmin: int = 40, wmax: int = 200
                     ) -> tuple[int, int, tuple[int, int]] | None:
        for _ in range(len(self.articles)):
            a = self.next_source()
            options = self.passages(a, lo, hi, wmin, wmax)
            if not options:
                continue
            host = self.host([a])
            if host is None:
                continue
            return a, host, self.rng.choice(options)
        return None

    def insertion(self, cls: str) -> bool:
        found = self.with_passage(*((3, 8, 50, 350) if cls == "summary" else ()))
        if found is None:
            return False
        a, host, (i, j) = found
        art = self.articles[a]
        original = _join_chunks(art.chunks(i, j))
        if cls == "reordered" and self.rng.random() < 0.5 and self.two_passages(a, host):
            return True
        if cls == "verbatim":
            inserted = original
        elif cls == "light_edits":
            inserted = _join_chunks([[light_edit(s, self.rng) for s in c] for c in art.chunks(i, j)])
        elif cls == "reordered":
            chunks = art.chunks(i, j)
            flat = [s for c in chunks for s in c]
            order = list(range(len(flat)))
            for _ in range(10):
                self.rng.shuffle(order)
                if order != sorted(order):
                    break
            else:
                order.reverse()
            shuffled = [flat[k] for k in order]
            regrouped, pos = [], 0
            for c in chunks:
                regrouped.append(shuffled[pos:pos + len(c)])
                pos += len(c)
            inserted = _join_chunks(regrouped)
        elif cls == "paraphrase":
            inserted = _join_chunks(paraphrase(art.chunks(i, j), self.rng, art.names, art.vocab))
        else:  # summary
            inserted = summarise([art.sentence(k) for k in range(i, j)], self.rng, art.vocab)
        text, starts = _compose(self.articles[host].paras, [(self.insert_at(host)[0], inserted)])
        target = self.target(text, f"{self.articles[host].origin} + {art.origin}")
        source = self.source(a)
        self.pairs.append((target, source, cls))
        self.case(cls, target, (starts[0], starts[0] + len(inserted)), inserted, source, art.span(i, j), original)
        return True

    def two_passages(self, a: int, host: int) -> bool:
        """Reordered, second form: two passages of the source inserted as paragraphs in swapped order."""
        options = self.passages(a, 2, 3, 20, 120)
        if not options:
            return False
        first = self.rng.choice(options)
        later = [o for o in options if o[0] > first[1]] + [o for o in options if o[1] < first[0]]
        if not later:
            return False
        second = self.rng.choice(later)
        early, late = sorted([first, second])
        art = self.articles[a]
        texts = [_join_chunks(art.chunks(*late)), _join_chunks(art.chunks(*early))]
        at = self.insert_at(host, 2)
        text, starts = _compose(self.articles[host].paras, list(zip(at, texts, strict=True)))
        target = self.target(text, f"{self.articles[host].origin} + {art.origin}")
        source = self.source(a)
        self.pairs.append((target, source, "reordered"))
        for span, passage, start in zip((late, early), texts, starts, strict=True):
            self.case("reordered", target, (start, start + len(passage)), passage, source, art.span(*span), passage)
        return True

    def interleaved(self) -> bool:
        for _ in range(len(self.articles)):
            n_runs = self.rng.randint(3, 6)
            lengths = [self.rng.randint(1, 3) for _ in range(n_runs)]
            first = self.rng.randrange(2)
            owner = [(first + r) % 2 for r in range(n_runs)]
            need = [sum(length for length, o in zip(lengths, owner, strict=True) if o == s) for s in (0, 1)]
            a = self.next_source()
            b = self.next_source(exclude=(a,))
            if a < 0 or b < 0:
                continue
            spans = []
            for s, art_index in enumerate((a, b)):
                options = self.passages(art_index, need[s], need[s], 10 * need[s], 60 * need[s])
                if not options:
                    break
                spans.append(self.rng.choice(options))
            if len(spans) < 2:
                continue
            host = self.host([a, b])
            if host is None:
                continue
            break
        else:
            return False
        light = self.rng.random() < 0.5
        cursor = [spans[0][0], spans[1][0]]
        block = ""
        runs = []  # (source index, sentence span, offset in block, inserted text, original text)
        for r in range(n_runs):
            s = owner[r]
            art = self.articles[(a, b)[s]]
            i, j = cursor[s], cursor[s] + lengths[r]
            cursor[s] = j
            original = _join_chunks(art.chunks(i, j))
            inserted = _join_chunks([[light_edit(x, self.rng) for x in c] for c in art.chunks(i, j)]) \
                if light else original
            if block:
                block += self.rng.choice((" ", " ", "\n"))
            runs.append((s, (i, j), len(block), inserted, original))
            block += inserted
        text, starts = _compose(self.articles[host].paras, [(self.insert_at(host)[0], block)])
        origins = f"{self.articles[host].origin} + {self.articles[a].origin} + {self.articles[b].origin}"
        target = self.target(text, origins)
        names = [self.source(a), self.source(b)]
        for s in (0, 1):
            self.pairs.append((target, names[s], "interleaved"))
        for s, span, offset, inserted, original in runs:
            start = starts[0] + offset
            self.case("interleaved", target, (start, start + len(inserted)), inserted, names[s],
                      self.articles[(a, b)[s]].span(*span), original)
        return True

    def negatives(self, count: int) -> int:
        n = len(self.articles)
        total = n * (n - 1) // 2
        if total <= _NEGATIVE_SAMPLE:
            sampled = [(i, j) for i in range(n) for j in range(i + 1, n)]
        else:
            seen: set[tuple[int, int]] = set()
            sampled = []
            while len(sampled) < _NEGATIVE_SAMPLE:
                i, j = sorted(self.rng.sample(range(n), 2))
                if (i, j) not in seen:
                    seen.add((i, j))
                    sampled.append((i, j))
        scored = sorted(((-_jaccard(self.articles[i].content, self.articles[j].content), i, j)
                         for i, j in sampled))
        decile = max(1, len(scored) // 10)
        top = [(i, j) for _, i, j in scored[:decile]]
        self.rng.shuffle(top)
        rest = [(i, j) for _, i, j in scored[decile:]]
        made = 0
        used: set[int] = set()
        for fresh_only in (True, False):
            for i, j in top + rest:
                if made >= count:
                    return made
                if (fresh_only and (i in used or j in used)) or (i, j) in self.host_of or (j, i) in self.host_of:
                    continue
                if self.articles[i].grams & self.articles[j].grams:
                    continue
                src, tgt = (i, j) if self.rng.random() < 0.5 else (j, i)
                target = self.target(self.articles[tgt].text, self.articles[tgt].origin)
                self.pairs.append((target, self.source(src), "negative"))
                self.host_of.update({(i, j), (j, i)})
                used.update((i, j))
                made += 1
        return made


def _compose(host: list[str], inserts: list[tuple[int, str]]) -> tuple[str, list[int]]:
    """Host paragraphs with each insert placed before host paragraph `at` (inserts at one boundary keep their
    order); returns the text and the start offset of each insert."""
    lines: list[str] = []
    starts = [0] * len(inserts)
    offset = 0
    for h in range(len(host) + 1):
        for k, (at, text) in enumerate(inserts):
            if at == h:
                starts[k] = offset
                lines.append(text)
                offset += len(text) + 1
        if h < len(host):
            lines.append(host[h])
            offset += len(host[h]) + 1
    return "\n".join(lines), starts


def generate(source_folder: Path, out: Path, *, seed: int = 1, per_class: int = 40) -> dict[str, int]:
    """Write a corpus under `out` and return the number of pairs per class."""
    articles = _read_folder(Path(source_folder))
    if len(articles) < 3:
        raise ValueError(f"{source_folder}: need at least 3 texts of {MIN_WORDS}+ words, found {len(articles)}")
    rng = random.Random(seed)
    builder = _Builder(articles, rng)
    counts = dict.fromkeys(CLASSES, 0)
    for cls in CLASSES[:5]:
        for _ in range(per_class):
            if not builder.insertion(cls):
                break
            counts[cls] += 1
    for _ in range(math.ceil(per_class / 2)):
        if not builder.interleaved():
            break
        counts["interleaved"] += 2
    counts["negative"] = builder.negatives(per_class)

    out = Path(out)
    for folder, pattern in (("docs", "*.txt"), ("gold", "*.xml")):
        if (out / folder).is_dir():
            for stale in (out / folder).glob(pattern):
                stale.unlink()
    (out / "docs").mkdir(parents=True, exist_ok=True)
    for name, text in builder.docs.items():
        (out / "docs" / name).write_text(text, encoding="utf-8", newline="\n")
    with open(out / "pairs.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("target\tsource\tclass\n")
        fh.writelines(f"{t}\t{s}\t{c}\n" for t, s, c in builder.pairs)
    with open(out / "documents.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("name\trole\torigin\n")
        fh.writelines(f"{n}\t{r}\t{o}\n" for n, r, o in builder.documents)
    write_folder(out / "gold", builder.cases)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generate.reusecorpus",
                                     description="Generate a synthetic news-reuse corpus with PAN gold cases.")
    parser.add_argument("source_folder", type=Path, help="folder of .txt article texts")
    parser.add_argument("out", type=Path, help="output folder (docs/, pairs.tsv, gold/)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-class", type=int, default=40)
    args = parser.parse_args(argv)
    if not args.source_folder.is_dir():
        parser.error(f"{args.source_folder} is not a folder")
    try:
        counts = generate(args.source_folder, args.out, seed=args.seed, per_class=args.per_class)
    except ValueError as exc:
        parser.error(str(exc))
    print(" ".join(f"{cls}={n}" for cls, n in counts.items()), f"-> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
