"""The words that say what kind of thing happened, as regular expressions over the text: each match is a `Cue`
of one kind (a protest, a clash, shelling, an arrest...). The kinds follow the wording of ACLED's codebook
(event_types.Rmd) for its 6 event types and 25 sub-event types; `types.py` decides the type from the cues of a
sentence and the people taking part. Written by hand from the codebook and ordinary news English."""

from __future__ import annotations

import re
from dataclasses import dataclass

_W = r"(?:[\w'’-]+\s+)"  # one word and its space, for "seized {0,3} weapons"

_RAW: dict[str, str] = {
    # demonstrations
    "protest": r"protest(?:s|ed|ing|ers?|ors?)?|counter-?protest\w*|demonstrat(?:ed|ing|ions?|ors?|e|es)|"
               r"rall(?:y|ies|ied|ying)|marche[sd]|marching|marchers|picket\w*|sit-?ins?|vigils?|"
               r"(?<!air )(?<!drone )(?<!missile )(?<!military )(?<!hunger )(?<!air-)(?<!artillery )(?<!rocket )"
               r"(?<!aerial )(?<!precision )(?<!retaliatory )(?<!targeted )(?<!drone-)(?<!counter-)"
               r"strik(?:es|ing|ers)\b|"
               r"went on (?:a )?strike|took to the streets|walk-?outs?|placards?|"
               r"(?:with|displayed|displaying|held|holding|carried|carrying|hung|unfurled|raised) (?:\S+ ){0,3}?"
               r"(?:banners?|placards?|signs|flags)|"
               r"(?:climate|general|labou?r|national|nationwide|teachers'?|workers'?|warning|sit-down|transport|"
               r"truckers'?|drivers'?|hunger) strikes?|"
               r"(?-i:march(?:ed|es|ing)?)|motorcades?|human chains?|"
               r"block(?:ed|ing|aded|ading)? (?:\S+ ){0,6}?(?:road|roads|highway|street|streets|entrance|traffic|"
               r"route|bridge|avenue|access|accesses|railway|junction|intersection|parking)|"
               r"(?:closed|cut) (?:\S+ ){0,3}?(?:road|roads|highway|street|streets|traffic)",
    # a gathering for a purpose: "gathered outside the court to demand justice"
    "assembly": r"(?:gathered|assembled|converged|congregated|staged|held|organi[sz]ed|met|surrounded|"
               r"occupied|camped|took over|blocked|closed) (?:\S+ ){0,20}?"
               r"(?:to (?:demand|denounce|condemn|call for|express|oppose|reject|press|urge|voice|show|commemorate|"
               r"mark|honou?r|support|raise awareness|complain|claim|ask|request|protest|call on|call upon)|"
               r"demand(?:ed|ing)|denounc(?:ed|ing)|condemn(?:ed|ing)|call(?:ed|ing) (?:for|on|upon)|against|"
               r"in (?:support|solidarity|protest|front of|memory|defen[cs]e)|to (?:defend|advocate|promote|"
               r"rally|raise)|over (?:the )?\w+)|"
               r"took (?:to )?the streets|interrupted (?:\S+ ){0,3}?(?:conference|meeting|event|speech|session)",
    "riot_word": r"(?<!anti-)riot(?:s|ed|ing|ers?)?\b(?! police| gear| squad| control| unit| officers)|rioting",
    "riot_act": r"stone-?pelting|pelt(?:ed|ing)|"
                r"thr(?:ew|own|owing) (?:\w+ ){0,2}(?:stones|rocks|bricks|objects|bottles|"
                r"molotov\w*|petrol bombs|projectiles|eggs|firecrackers|fireworks|chairs|sticks)|hurl(?:ed|ing)|"
                r"molotov\w*|petrol bombs?|fire ?bombs?|burn(?:ed|t|ing) (?:\w+ ){0,2}(?:tyres|tires)|"
                r"burning (?:tyres|tires)|barricad\w*|vandali[sz]\w*|ransack\w*|smash\w*|torch(?:ed|ing)|"
                r"set (?:\w+ ){0,4}(?:fire|ablaze|alight)|clash\w*|scuffl\w*|storm(?:ed|ing)|attack(?:ed|ing)|"
                r"damag(?:ed|ing)|destroy(?:ed|ing)|burn(?:ed|t|ing) down|loot(?:ed|ing)|broke (?:into|through)|"
                r"forced (?:their way|entry)|"
                r"(?:turned|became|got) violent|violently|beat(?:en|ing)? up|assault(?:ed|ing)|fought",
    "rioting": r"stone-?pelting|pelt(?:ed|ing)|thr(?:ew|own|owing) (?:\w+ ){0,2}(?:stones|rocks|bricks|bottles|"
               r"molotov\w*|petrol bombs)|hurl(?:ed|ing) (?:\w+ ){0,2}(?:stones|rocks|bricks|bottles|molotov\w*|"
               r"petrol bombs)|molotov cocktails?|petrol bombs?|burn(?:ed|t|ing) (?:\w+ ){0,2}(?:tyres|tires)|"
               r"burning (?:tyres|tires)|barricad\w*|"
               r"(?:setting|set|sets) (?:\S+ ){0,3}?(?:obstacles|objects|debris|tyres|tires|rubbish|garbage|"
               r"branches|trash|items) (?:on fire|ablaze|alight)|(?:setting|set) (?:on fire|ablaze|alight) "
               r"(?:\S+ ){0,2}?(?:obstacles|objects|debris|tyres|tires|rubbish|garbage|branches|trash)|"
               r"burning (?:debris|objects|rubbish|garbage|branches|trash|barricades|obstacles)|"
               r"block(?:ed|ing) (?:\S+ ){0,6}?with (?:\S+ ){0,4}?(?:rocks|stones|debris|rubbish|garbage|burning)",
    "mob": r"\bmobs?\b|lynch\w*|vigilante justice|mob justice|jungle justice|(?:angry|irate|enraged) "
           r"(?:residents|villagers|crowd|locals|youths|people|relatives|mob|group)|an? (?:angry )?crowd of|"
           r"(?:two|rival) groups? of (?:\w+ ){0,2}(?:people|residents|villagers|youths|men|locals|students|"
           r"supporters|individuals|persons)|"
           r"(?:residents|villagers|locals|youths|crowd|people) (?:\w+ ){0,2}(?:beat|attacked|lynched|set fire|"
           r"burned|torched|stoned|assaulted|clashed|fought)",
    "intervene": r"dispers\w*|tear-? ?gas|water ?cannons?|rubber (?:bullets|pellets)|pepper spray|batons?|"
                 r"baton-?charg\w*|lathi-?charg\w*|arrest\w*|detain\w*|prevent(?:ed|ing)|broke up|kettl\w*|"
                 r"pushed back|forcibly (?:removed|evicted|dispersed)|remov(?:ed|ing) (?:the )?(?:protesters|"
                 r"demonstrators|participants)|evict\w*|obstruct\w*|intervened|crack(?:ed)? down|crackdown|"
                 r"(?:stun|sound|smoke) grenades?|warning shots|fired (?:\w+ )?(?:into|in) the air|"
                 r"blocked (?:by|the (?:protesters|demonstrators|march))|confront(?:ed|ation)|clash\w*|"
                 r"scuffl\w*|scuffle|beat(?:en|ing)?|injur\w*|wound\w*|assault\w*|attack(?:ed|ing)|"
                 r"harass\w*|stopped",
    "excessive": r"live (?:ammunition|rounds|bullets|fire)|opened fire (?:on|at)|fired (?:live )?(?:shots |bullets )?"
                 r"(?:on|at|into) (?:the )?(?:protesters|demonstrators|crowd|marchers)|shot (?:dead|and killed)|"
                 r"killed|killing|died|dead|seriously (?:injured|wounded)|critically (?:injured|wounded)|"
                 r"stabbed|run over|ran over|gunned down",
    # battles
    "clash": r"clash(?:es|ed|ing)?|fight(?:ing|s)?|fought|battl(?:e|es|ed|ing)|gun ?battles?|gun ?fights?|"
             r"fire ?fights?|shoot-?outs?|exchang(?:ed|ing|es)? (?:of )?(?:heavy )?(?:fire|gunfire|shots)|"
             r"exchange of (?:heavy )?(?:fire|gunfire)|skirmish\w*|ambush\w*|engag(?:ed|ement|ements|ing) "
             r"(?:with|in)|armed (?:confrontations?|encounters?)|confrontations?|encounters?|repel\w*|repuls\w*|"
             r"counter-?attack\w*|counter-?offensives?|offensives?|besieg\w*|sieges?|hostilities|"
             r"cross-?fire|crossfire|firing|(?:gunfire|shooting|gunshots) (?:\w+ )?(?:erupted|broke out|between)|"
             r"small[- ]arms|light weapons|bursts of fire|gun ?fire exchange|fire exchange",
    "attack": r"attack(?:s|ed|ing|ers)?|assault(?:s|ed|ing)?|raid(?:s|ed|ing)?|stormed|open(?:ed)? fire|"
              r"fired (?:at|on|upon|shots)|shot|shoot(?:s|ing)?|gunned down|targeted|targeting|struck|"
              r"sniper|ambush\w*",
    "kill": r"kill(?:s|ed|ing|ings)?|murder(?:s|ed|ing)?|execut(?:ed|ing|ion|ions)|behead\w*|decapitat\w*|"
            r"assassinat\w*|slain|slew|massacr\w*|lynch\w*|burn(?:ed|t) (?:alive|to death)|hacked|stabb?(?:ed|ing)|"
            r"shot dead|gunned down|beat(?:en)? to death|died|dead|bodies|body of|(?:a|the|his|her) body|"
            r"corpses?|remains of|homicides?|femicides?|feminicides?|tortur\w*|mutilat\w*|dismember\w*|"
            r"beat(?:en|ing)?|assault(?:ed|ing)|injur(?:ed|ing|ies)|wound(?:ed|ing|s)|hit|harass\w*|"
            r"threaten\w*|intimidat\w*|whipp\w*|flogg\w*|lash(?:ed|ing)",
    # territory
    "gain": r"captur(?:ed|e|es|ing) (?:\w+ ){0,3}(?:town|city|village|villages|area|areas|base|bases|position|"
            r"positions|district|districts|hill|post|posts|outpost|checkpoint|headquarters|locality|territory|"
            r"settlement|airport|port|bridge|control)|"
            r"captur(?:ed|e|es|ing) (?:the )?(?-i:[A-Z][\w-]+)(?:,? (?-i:[A-Z][\w-]+))*(?= *[,.;]| on\b| in\b| from\b| "
            r"after\b| and\b| early\b| late\b| last\b)|"
            r"(?:took|take|taken|taking|gained?|gaining|wrest\w*|assum(?:ed|ing)|seiz(?:ed|e|ing)|establish\w*) "
            r"(?:\w+ ){0,2}control|took over|taken over|taking over|overr(?:an|un|unning)|overtook|overtaken|"
            r"conquer(?:ed|ing|s)?|fell to|fall of|occupied|(?-i:liberat(?:ed|ing|ion))|"
            r"(?:pushed|push|drove|drive|driven|forced|forcing|force|expelled|expel|ousted|oust|cleared|clear|"
            r"flushed|routed|chased|kicked) (?:\S+ ){0,12}?out\b|dislodg\w*",
    "regain": r"recaptur\w*|retook|retak(?:e|en|ing)|regain\w*|re-?establish\w* (?:\w+ ){0,2}control|"
              r"restor(?:ed|e|ing) (?:\w+ ){0,2}control|back in control|reclaim\w*|re-?took|won back|"
              r"wrest(?:ed)? back|re-?entered",
    "lose": r"retreat(?:s|ed|ing)?|withdr(?:ew|aw|awn|awal|awing)|pull(?:ed|ing) out|abandon(?:ed|ing)|"
            r"fled (?:from )?(?:their )?(?:positions?|bases?|strongholds?)|(?:have|has|had) (?:all )?left|"
            r"no presence|lost control|ced(?:ed|ing)|"
            r"(?:were|was|been|being|are|is) (?:\w+ )?(?:pushed|driven|forced|kicked|chased) out",
    "peaceful_transfer": r"peacefully|without (?:a |any )?(?:fight|resistance|fighting|bloodshed|violence|"
                         r"confrontation|clashes|a shot)|no (?:clashes|fighting|resistance|confrontation) "
                         r"(?:was|were) reported|"
                         r"hand(?:ed|s|ing)? over|handover|non-violent transfer|transfer(?:red)? (?:of )?control|"
                         r"negotiated withdrawal|agreed to withdraw",
    # explosions / remote violence
    "suicide": r"suicide (?:bomb\w*|attack\w*|vest|car|truck|vehicle|blast|explosion)|blew (?:himself|herself|"
               r"themselves) up|self-?detonat\w*|(?-i:SVBIED)|martyrdom operations?",
    "chemical": r"chemical (?:weapons?|attacks?|agents?|munitions?)|sarin|chlorine gas|mustard gas|nerve agents?",
    "air": r"air ?strikes?|air-?strikes?|air ?raids?|aerial (?:bombardments?|attacks?|strikes?|bombings?|"
           r"bombs?)|drone (?:strikes?|attacks?)|(?:armed|combat|kamikaze|suicide|attack) drones?|"
           r"drones? (?:struck|targeted|attacked|dropped|hit|strike)|war ?planes?|military (?:aircraft|planes?|"
           r"jets?|helicopters?)|fighter (?:jets?|planes?|aircraft)|jets? (?:bombed|struck|targeted|hit)|"
           r"helicopter gunships?|gunships?|(?:helicopters?|aircraft|planes?) (?:\w+ )?(?:bombed|struck|fired|"
           r"attacked|targeted|shelled)|bombers?|bombed from the air|air force (?:\w+ )?(?:struck|bombed|"
           r"targeted|hit|conducted|carried out)|(?-i:UAVs?)|dropped (?:\w+ )?bombs|barrel bombs?|sorties|"
           r"bombing (?:raids?|runs?)|airborne",
    "shell": r"shell(?:ed|ing|s)\b|artillery|mortars?|missiles?|rockets?|(?-i:RPGs?|MLRS)|rocket-?propelled|"
             r"multiple (?:launch )?rocket|(?-i:Grads?)|howitzers?|cannons?|tank (?:fire|shells?|rounds?)|"
             r"heavy (?:weapons|weaponry)|heavy machine ?guns?|bombard\w*|projectiles?|"
             r"(?:\d+|several|multiple|numerous|a number of|dozens of|hundreds of|many|two|three|four|five|six|"
             r"seven|eight|nine|ten) (?:\w+ )?explosions|explosions (?:involving|of|from)|anti-tank|(?-i:ATGMs?)|"
             r"shelling|launchers?|rocket fire|cluster (?:munitions|bombs)|grenade launchers?",
    "remote": r"(?-i:IEDs?)|improvised explosive|explosive devices?|land ?mines?|(?:anti-personnel|anti-tank|"
              r"anti-vehicle) mines?|(?<!gold )(?<!coal )(?<!illegal )(?<!the )\bmines?\b(?! workers)|"
              r"roadside bombs?|car bombs?|vehicle-borne|(?-i:VBIEDs?)|magnetic bombs?|sticky bombs?|"
              r"bombs? (?:\w+ )?(?:exploded|went off|blast|explosion|attacks?)|bombs?\b|bombing|bombed|"
              r"(?:planted|detonated|hidden) (?:\w+ )?(?:bombs?|explosives?)|detonat\w*|blasts?|explo(?:ded|sion|"
              r"sions|sive|sives)|booby-?trap\w*|unexploded|(?-i:UXOs?)|remote-?controlled|explosive-?laden|"
              r"parcel bombs?|letter bombs?",
    "grenade": r"(?<!stun )(?<!sound )(?<!smoke )(?<!gas )(?<!rocket-propelled )(?<!rocket propelled )"
               r"(?<!flash )\bgrenades?\b(?! launchers?)",
    # violence against civilians
    "abduct": r"abduct\w*|kidnap\w*|taken hostage|took (?:\w+ )?hostage|hostages?|forcibly disappear\w*|"
              r"(?:enforced|forced) disappearances?|carried away|taken away|whisked away|held captive|captives?|"
              r"ransom",
    "sexual": r"rap(?:e|ed|es|ing|ist|ists)\b|gang-?rap\w*|sexual(?:ly)? (?:assault\w*|abus\w*|violence|"
              r"harass\w*|exploit\w*|tortur\w*)|molest\w*|sodomi[sz]\w*|stripped (?:naked|her|him|them)",
    # strategic developments
    "arrest": r"arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|detention|apprehend\w*|(?:took|taken|taking) (?:\w+ )?"
              r"into custody|rounded up|nabbed|jailed|imprisoned|held for questioning|"
              r"captur(?:ed|ing) (?:\w+ ){0,3}(?:suspects?|members?|militants?|fighters?|leaders?|men|people|"
              r"persons|individuals|commanders?|soldiers?)",
    "agree": r"agreements?|agreed|accords?|signed|peace (?:deal|talks|treaty|pact|process)|cease-?fires?|truces?|"
             r"reconciliation|deal\b|negotiat\w*|memorand\w*|prisoner (?:exchange|swap)s?|exchange of "
             r"(?:prisoners|detainees|bodies)|(?:swap|exchange)(?:ped|d)? (?:\w+ ){0,2}(?:prisoners|detainees)|"
             r"released (?:\w+ ){0,2}(?:hostages|prisoners|detainees)",
    "disrupt": r"defus\w*|dismantl\w*|deactivat\w*|neutrali[sz]\w* (?:\w+ ){0,2}(?:explosive|device|IED|bomb|mine)s?|"
               r"intercept\w* (?:\S+ ){0,3}?(?:missiles?|drones?|rockets?|projectiles?|shells|weapons|arms|"
               r"shipments?|ammunition|explosives|UAVs?)|(?:missiles?|drones?|rockets?|projectiles?|UAVs?) "
               r"(?:\S+ ){0,3}?(?:were |was )?intercepted|shot down|downed|thwart\w*|foil(?:ed|ing)|"
               r"(?:IEDs?|explosives?|weapons|arms|ammunition|rifles|grenades|components|materiel|firearms|guns|"
               r"pistols|munitions)(?: \S+){0,8}? (?:were |was )?(?:seized|recovered|confiscated|defused|dismantled)|"
               r"seiz(?:ed|ing|ure of|es) (?:\w+ ){0,5}?(?:weapons|arms|ammunition|explosives|firearms|rifles|guns|"
               r"grenades|IEDs|ammo|cache|pistols?|munitions|bombs|launchers?|mines)|"
               r"(?:weapons|arms|ammunition|munitions|explosives) caches?|caches? of|"
               r"(?:recovered|found|discovered|located|unearthed) (?:\w+ ){0,4}?"
               r"(?:IEDs?|explosives?|explosive devices?|"
               r"bombs?|landmines?|weapons|arms|ammunition|rockets?|mortars?|grenades?|mines?)|"
               r"air defen[cs]es?|anti-aircraft|controlled (?:explosion|detonation)|safely detonated|"
               r"destroyed (?:\w+ ){0,3}drones?|(?:accidental|premature)(?:ly)? (?:\w+ )?(?:detonat|explo)\w*|"
               r"confiscat\w* (?:\w+ ){0,3}(?:weapons|arms|ammunition|explosives|firearms)|failed to (?:explode|"
               r"detonate)|did not (?:explode|detonate)|weapons? seizures?",
    "loot": r"loot\w*|plunder\w*|pillag\w*|ransack\w*|property destruction|land seizures?|"
            r"seiz(?:ed|ing|ure of) (?:\w+ ){0,3}?(?:land|lands|property|properties|houses|homes|farms|vehicles?|"
            r"cattle|livestock|goods|crops|laboratory|lab|plantation|assets|shops?)|confiscat\w*|"
            r"set (?:\w+ ){0,4}(?:fire|ablaze|alight)|torch(?:ed|ing)|arson|burn(?:ed|t|ing) (?:down )?(?:\w+ ){0,3}?"
            r"(?:houses?|homes?|buildings?|vehicles?|cars?|shops?|villages?|property|properties|offices?|schools?|"
            r"crops|huts|trucks?|motorcycles?|stores?|churches|church|mosques?|markets?|fields?)|raz(?:ed|ing)|"
            r"demolish\w*|demolition|bulldoz\w*|destroy(?:ed|ing|s)?|destruction|vandali[sz]\w*|damag(?:ed|ing)|"
            r"sabotag\w*|extort\w*|stole|stolen|steal\w*|robb(?:ed|ery|eries)|rustl\w*|sealed off|dynamit\w*|"
            r"blew up|blown up|graffiti",
    "base": r"(?:establish\w*|set(?:ting)? up|built|build|building|open(?:ed|ing)|erect(?:ed|ing)) (?:\w+ ){0,3}?"
            r"(?:base|bases|headquarters|camp|camps|outposts?|military posts?|training (?:camp|centre|center)s?|"
            r"strongholds?|foothold)|(?:headquarters|base) (?:was |were )?established",
    "change": r"deploy\w*|redeploy\w*|reinforc\w*|troop movements?|movements? of (?:\w+ )?(?:forces|troops)|"
              r"mov(?:ed|ing) (?:\w+ ){0,3}(?:troops|forces|convoys?|units|soldiers|fighters|equipment)|"
              r"mobili[sz]\w*|recruit\w*|conscript\w*|"
              r"(?:military|joint) (?:exercises?|drills?|build-?up|operations?)|"
              r"build-?up|merg(?:ed|er|ing)|splinter\w*|defect\w*|surrender\w*|disband\w*|pledg\w* allegiance|"
              r"rebrand\w*|join(?:ed)? forces|new (?:commander|leader|leadership)|patroll?\w*|convoys?|"
              r"amass(?:ed|ing)|stationed|fortif\w*|trenches|parade\w*|checkpoints?|cordon(?:ed)? off|"
              r"search operations?|operation|sweep|combing|graduat\w*|training|arrived|entered|"
              r"cross(?:ed|ing) (?:over )?(?:\S+ ){0,3}?(?:border|river|into)|incursions?|advanc(?:ed|ing)",
    "measure": r"curfews?|security measures?|lockdowns?|state of emergency|martial law|"
               r"(?:imposed|declared|announced|lifted|extended) (?:\S+ ){0,3}?(?:ban|restrictions?|measures?)",
    "other": r"mass graves?|displac\w*|fled (?:\w+ ){0,2}homes|forced to flee|refugees|evacuat\w*|"
             r"elections?|referend\w*|coup\b|coup d'|remnants|hunger strikes?|self-?immolat\w*|immolat\w*|"
             r"gunshots? (?:were )?(?:heard|fired)|shots (?:were )?(?:heard|fired)|"
             r"fired (?:\w+ )?(?:shots )?(?:into|in) "
             r"the air|celebratory (?:fire|gunfire)|shot in the air|fired warning shots",
}

# Abbreviations keep their case, (?-i:...), so that "is" is not "IS"; everything else is matched in any case.
CUES: dict[str, re.Pattern[str]] = {
    kind: re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.I) for kind, pattern in _RAW.items()
}


@dataclass(frozen=True)
class Cue:
    kind: str
    start: int
    end: int


def find_cues(text: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Every cue in text[start:end], in text order (one piece of text may be several kinds of cue)."""
    end = len(text) if end is None else end
    found = [Cue(kind, m.start(), m.end()) for kind, pattern in CUES.items()
             for m in pattern.finditer(text, start, end)]
    found.sort(key=lambda c: (c.start, c.end, c.kind))
    return found
