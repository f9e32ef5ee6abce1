"""ACLED's event type and sub-event type of a sentence, from its cues (`cues.py`) and who takes part in them,
following the codebook (event_types.Rmd):

- demonstrations first: a protest whose demonstrators turn violent is a riot ("Violent demonstration"); one
  met with lethal or serious violence is "Excessive force against protesters"; one dispersed, arrested or
  otherwise stopped is "Protest with intervention"; else "Peaceful protest". A mob (a crowd, residents,
  villagers) attacking someone is "Mob violence".
- explosions and remote violence by the means (suicide bomb, chemical weapon, air or drone strike, shelling,
  artillery or missiles, remote explosive, landmine or IED, grenade), unless the sentence says armed groups
  fought (then the explosions are part of a battle); a defused device, an interception or a seizure of weapons
  is "Disrupted weapons use".
- territory changing hands after fighting is a battle: "Government regains territory" when state forces win
  it, "Non-state actor overtakes territory" when a non-state group wins it (also from another non-state
  group); handed over without a fight it is "Non-violent transfer of territory".
- fighting between armed, organised groups is an "Armed clash"; violence against people who are not armed
  is violence against civilians ("Attack", "Sexual violence", "Abduction/forced disappearance").
- then the strategic developments: arrests (by the state; an "arrest" by a non-state group is an abduction),
  looting or property destruction, bases established, agreements, other (displacement, mass graves, shots in
  the air), change to group/activity (deployments, recruitment, security measures)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .records import EventType

ARMED = (1, 2, 3, 4, 8)
SUB_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
_MOB_WORDS = re.compile(r"\b(?:groups?|crowds?|mobs?|residents|villagers|youths|locals|people|relatives|"
                        r"neighbou?rs|community members|students|fans|supporters|passers-?by|onlookers)\b", re.I)
_RECIPROCAL = re.compile(r"^(?:clash\w*|scuffl\w*|fought|fight\w*)$", re.I)
_OPERATION = re.compile(r"operation|offensive|sweep|combing|raid", re.I)
_HANDED = re.compile(r"hand|transfer", re.I)
_SEVERE_EXPLOSIVE = ("suicide", "chemical", "air", "shell", "remote", "grenade")


@dataclass
class Seen:
    """One cue as the sentence uses it: its kind and span, whether it is the sentence's own news (not in a
    relative clause, a purpose or a demand: "protested against the killing of" does not report a killing),
    and the inter codes of its initiator and target when the parse gives them (None: not said)."""

    kind: str
    start: int
    end: int
    primary: bool
    agent: int | None = None
    patient: int | None = None
    agent_words: str = ""
    patient_words: str = ""
    text: str = ""


@dataclass
class Decision:
    event_type: EventType
    sub_event_type: str
    cue: Seen
    extra: dict[str, bool] = field(default_factory=dict)


def _first(seen: list[Seen], *kinds: str) -> Seen | None:
    return next((s for s in seen if s.kind in kinds), None)


def _all(seen: list[Seen], *kinds: str) -> list[Seen]:
    return [s for s in seen if s.kind in kinds]


def decide(cues: list[Seen]) -> Decision | None:
    """The type a sentence reports, from its cues (in text order); None when it reports no event. A sentence
    that only says a protest was stopped or met with force ("Police fired tear gas") is a detail: it can only
    join a demonstration told before it (`extra["detail"]`)."""
    primary = [c for c in cues if c.primary]
    if not primary:
        return None
    force = [c for c in primary if c.kind in ("intervene", "excessive") and c.agent not in (6, 7)]
    if force and not any(c.kind in ("protest", "assembly") for c in primary):
        # "police fired tear gas to disperse students who were protesting": the protest is told in passing
        primary = primary + [c for c in cues if c.kind == "protest" and not c.primary][:1]
    found = _demonstration(primary) or _explosion(primary) or _territory(primary) or \
        _violence(primary) or _strategic(primary)
    if found is None and force:
        sub = "Excessive force against protesters" if force[0].kind == "excessive" else "Protest with intervention"
        return Decision("Protests", sub, force[0], {"detail": True})
    return found


def _is_mob(c: Seen) -> bool:
    """Whether the initiator is a crowd rather than an armed group: rioters, residents, villagers, a group of
    people (a lone "man" who kills is coded as an unidentified armed actor, not a mob)."""
    return c.agent == 5 or (c.agent in (7, None) and bool(_MOB_WORDS.search(c.agent_words))
                            and not re.search(r"\barmed\b", c.agent_words, re.I))


def _demonstration(primary: list[Seen]) -> Decision | None:
    protest = _first(primary, "protest", "assembly")
    violent_by_protesters = [c for c in primary if c.agent == 6 and c.kind in ("riot_act", "attack", "kill",
                                                                               "clash", "loot")]
    if protest is None and violent_by_protesters:
        protest = violent_by_protesters[0]
    riot = _first(primary, "riot_word") or _first(primary, "rioting")
    if protest is None:
        if riot is not None:
            # rioters with a target outside a demonstration are a mob (codebook: mob violence)
            targeted = [c for c in primary if c.kind in ("riot_act", "attack", "kill") and c.patient is not None
                        and c.patient != 5]
            return Decision("Riots", "Mob violence" if targeted else "Violent demonstration", riot)
        return _mob(primary)
    # violence by the demonstrators; a clash with the police is theirs as much as the police's
    rioting = [c for c in primary if c.kind in ("riot_act", "rioting")
               and (c.agent not in (1, 8) or _RECIPROCAL.search(c.text))
               and not (c.agent is None and c.patient == 6)]
    if riot is not None or rioting:
        return Decision("Riots", "Violent demonstration", riot or rioting[0])
    if any(c.kind == "excessive" and c.agent != 6 for c in primary):
        return Decision("Protests", "Excessive force against protesters", protest)
    intervene = [c for c in primary if c.kind == "intervene" and c.agent != 6]
    if intervene:
        return Decision("Protests", "Protest with intervention", protest)
    return Decision("Protests", "Peaceful protest", protest)


def _mob(primary: list[Seen]) -> Decision | None:
    mob = _first(primary, "mob")
    if mob is not None and not _first(primary, "clash") or mob is not None and _is_mob(mob):
        return Decision("Riots", "Mob violence", mob)
    for c in primary:
        if c.kind in ("attack", "kill", "clash", "riot_act", "loot", "abduct") and c.agent_words and _is_mob(c):
            return Decision("Riots", "Mob violence", c)
    return None


def _explosion(primary: list[Seen]) -> Decision | None:
    disrupt = _first(primary, "disrupt")
    explosive = [c for c in primary if c.kind in _SEVERE_EXPLOSIVE]
    if disrupt is not None and (not explosive or disrupt.start <= explosive[0].start) \
            and not _first(primary, "kill"):
        return Decision("Strategic developments", "Disrupted weapons use", disrupt)
    if not explosive:
        return None
    clash = _first(primary, "clash")
    if clash is not None and not _is_mob(clash) and clash.patient not in (5, 6, 7):
        return None  # explosions in a battle are part of the battle (codebook)
    for kind, sub in (("suicide", "Suicide bomb"), ("chemical", "Chemical weapon"), ("air", "Air/drone strike")):
        found = _first(explosive, kind)
        if found is not None:
            return Decision("Explosions/Remote violence", sub, found)
    first = explosive[0]
    sub = {"shell": "Shelling/artillery/missile attack", "remote": "Remote explosive/landmine/IED",
           "grenade": "Grenade"}[first.kind]
    return Decision("Explosions/Remote violence", sub, first)


def _armed_both(c: Seen) -> bool:
    return c.agent in ARMED and c.patient in ARMED


def _territory(primary: list[Seen]) -> Decision | None:
    change = _first(primary, "gain", "regain", "lose")
    if change is None:
        handed = next((c for c in primary if c.kind == "peaceful_transfer" and _HANDED.search(c.text)), None)
        if handed is not None:
            return Decision("Strategic developments", "Non-violent transfer of territory", handed)
        return None
    if _first(primary, "peaceful_transfer") is not None:
        return Decision("Strategic developments", "Non-violent transfer of territory", change)
    winner, loser = territory_sides(change)
    return Decision("Battles", territory_sub(winner, loser, change.kind), change, {"territory": True})


def territory_sides(c: Seen) -> tuple[int | None, int | None]:
    """(winner, loser) inter codes of a change of control: the initiator of "captured" wins; the initiator of
    "retreated" loses."""
    if c.kind == "lose":
        return c.patient, c.agent
    return c.agent, c.patient


def territory_sub(winner: int | None, loser: int | None, kind: str) -> str:
    if winner == 1 or (winner is None and kind == "regain"):
        return "Government regains territory"
    if winner is None and loser in (2, 3, 4) and kind == "lose":
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def _violence(primary: list[Seen]) -> Decision | None:
    sexual = _first(primary, "sexual")
    if sexual is not None:
        return Decision("Violence against civilians", "Sexual violence", sexual)
    operation = next((c for c in primary if c.kind == "change" and _OPERATION.search(c.text)
                      and c.patient in (2, 3, 4, 8)), None)
    if operation is not None:
        return Decision("Battles", "Armed clash", operation)  # "an operation against JNIM militants"
    clash = _first(primary, "clash")
    if clash is not None and not _is_mob(clash):
        if clash.patient == 7 and clash.agent not in ARMED:
            return Decision("Violence against civilians", "Attack", clash)
        return Decision("Battles", "Armed clash", clash)
    arrest = _first(primary, "arrest")
    abduct = _first(primary, "abduct")
    killed = _first(primary, "kill")
    if abduct is not None and (arrest is None or abduct.start < arrest.start):
        if killed is not None and _deadly(primary):
            return Decision("Violence against civilians", "Attack", killed)
        return Decision("Violence against civilians", "Abduction/forced disappearance", abduct)
    # someone hurt, with nobody said to have hurt them, is a detail of an event, not one itself
    violent = [c for c in primary if c.kind == "attack" or c.kind == "kill" and (c.agent is not None or
                                                                                  c.start not in _hurt_only(primary))]
    if arrest is not None and (not violent or arrest.start < violent[0].start):
        if killed is not None and _deadly(primary) and arrest.agent not in (2, 3, 4):
            return Decision("Violence against civilians", "Attack", killed)  # "arrested and killed"
        return _arrest(arrest)
    if violent:
        first = violent[0]
        target = next((c.patient for c in violent if c.patient is not None), None)
        agent = next((c.agent for c in violent if c.agent is not None), None)
        if target in ARMED and agent != 7:
            return Decision("Battles", "Armed clash", first)
        if _is_mob(first):
            return Decision("Riots", "Mob violence", first)
        return Decision("Violence against civilians", "Attack", first)
    if arrest is not None:
        return _arrest(arrest)
    return None


_HURT = re.compile(r"^(?:injur\w*|wound\w*|hurt|hit|harass\w*|threaten\w*|intimidat\w*)$", re.I)


def _hurt_only(cues: list[Seen]) -> set[int]:
    """Starts of the "kill" cues that only say someone was hurt ("wounded", "injured", "hit")."""
    return {c.start for c in cues if c.kind == "kill" and _HURT.match(c.text)}


def _deadly(cues: list[Seen]) -> bool:
    """Whether someone died or was gravely hurt (the "excessive" words are those of death and grave harm)."""
    return any(c.kind == "excessive" for c in cues)


def _arrest(c: Seen) -> Decision:
    if c.agent in (2, 3, 4):
        return Decision("Violence against civilians", "Abduction/forced disappearance", c)
    return Decision("Strategic developments", "Arrests", c)


def _strategic(primary: list[Seen]) -> Decision | None:
    for kind, sub in (("disrupt", "Disrupted weapons use"), ("loot", "Looting/property destruction"),
                      ("base", "Headquarters or base established"), ("agree", "Agreement"),
                      ("other", "Other"), ("change", "Change to group/activity"),
                      ("measure", "Change to group/activity")):
        found = _first(primary, kind)
        if kind == "change":
            # a movement, a patrol, a deployment is news of an armed actor, not of nobody in particular
            found = next((c for c in primary if c.kind == kind and (c.agent in ARMED or c.patient in ARMED)), None)
        if found is not None:
            return Decision("Strategic developments", sub, found)
    return None


SEVERITY = {"Peaceful protest": 0, "Protest with intervention": 1, "Excessive force against protesters": 2,
            "Violent demonstration": 3}


def refine(first: Decision, others: list[Decision]) -> Decision:
    """The type of several sentences about one event: the first sentence's, sharpened by what the others add
    (a protest later dispersed, a clash that ends with the town taken, an abduction that ends in a killing)."""
    best = first
    for other in others:
        if best.event_type == "Protests" and other.sub_event_type == "Arrests":
            other = Decision("Protests", "Protest with intervention", other.cue)
        if best.event_type == "Protests" and other.event_type == "Riots":
            # a demonstration whose people then throw stones or burn things is a violent demonstration
            best = Decision("Riots", "Violent demonstration", best.cue)
        elif best.event_type in ("Protests", "Riots") and other.event_type in ("Protests", "Riots") \
                and best.sub_event_type != "Mob violence" and other.sub_event_type != "Mob violence" \
                and SEVERITY.get(other.sub_event_type, 0) > SEVERITY.get(best.sub_event_type, 0):
            best = Decision(other.event_type, other.sub_event_type, best.cue)
        elif best.sub_event_type == "Armed clash" and other.extra.get("territory"):
            best = Decision("Battles", other.sub_event_type, other.cue, other.extra)
        elif best.sub_event_type == "Attack" and best.cue.agent is None and best.cue.patient is None \
                and other.sub_event_type == "Armed clash":
            best = Decision("Battles", "Armed clash", other.cue)  # "the shooting started" in a battle
        elif best.sub_event_type == "Change to group/activity" and other.event_type == "Battles":
            best = other  # an operation that ends in fighting
        elif best.sub_event_type == "Abduction/forced disappearance" and other.sub_event_type == "Attack":
            best = Decision("Violence against civilians", "Attack", best.cue)
        elif best.sub_event_type == "Attack" and other.sub_event_type == "Sexual violence":
            best = Decision("Violence against civilians", "Sexual violence", other.cue)
        elif best.event_type == "Explosions/Remote violence" and other.sub_event_type == "Armed clash" \
                and other.cue.kind == "clash":
            best = Decision("Battles", "Armed clash", other.cue)  # "the blast was followed by an exchange of fire"
    return best
