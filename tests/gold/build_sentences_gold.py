"""Build tests/gold/sentences_gold.jsonl: short news sentences written by the team, coded by the PLOVER manual.

A second development set for event extraction, in the format of ../shared/eval/plover_dev.jsonl: every
record has ``"scope": "events"`` (structural relations are not scored), entities are named as the text
names them, with ``iso`` for states and their officials and organs (and for collectives the text gives a
nationality), and each event is one directed relation actor → recipient. Coding follows the manual
(../shared/resources/plover/PLOVER_MANUAL.tex):

- a reciprocal event ("X and Y met", two-sided fighting) has all parties as actor and no recipient, so it
  yields no relation;
- future cooperative acts are AGREE (CONSULT, SUPPORT, COOPERATE, AID) and stay CONCEDE/RETREAT;
  an announced conflictual act is THREATEN;
- the topic of a protest is not an event of its own; a reported demand is a REQUEST of the one addressed.

The sentences were written and coded before the extractor was run on them. They are a check, not a spec:
rules are not tuned on them one sentence at a time. Run: python tests/gold/build_sentences_gold.py
"""

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent / "sentences_gold.jsonl"
DATE = "2024-03-15"


def E(id, *names, iso=None):
    e = {"id": id, "names": list(names)}
    if iso:
        e["iso"] = iso
    return e


def R(s, p, o, why, opt=False):
    r = {"s": [s] if isinstance(s, str) else list(s), "p": [p] if isinstance(p, str) else list(p),
         "o": [o] if isinstance(o, str) else list(o), "why": why}
    if opt:
        r["optional"] = True
    return r


# (id, text, entities, relations)
RECORDS = [
    ("agree-01", "Norway will provide 40 million dollars to rebuild schools in Sudan, the Norwegian development "
     "minister announced on Tuesday.",
     [E("norway", "Norway", iso="NOR"), E("norwegian_development_minister", "Norwegian development minister", iso="NOR"),
      E("sudan", "Sudan", iso="SDN")],
     [R(["norway", "norwegian_development_minister"], "agree", "sudan", "will provide (future AID)")]),
    ("agree-02", "Colombia's government offered to resume peace negotiations with the ELN guerrillas next month.",
     [E("colombia_s_government", "Colombia's government", iso="COL"), E("eln", "ELN guerrillas", "ELN", iso="COL")],
     [R("colombia_s_government", "agree", "eln", "offered to resume negotiations")]),
    ("consult-01", "The Kenyan foreign minister travelled to Addis Ababa for talks with Ethiopian officials on Thursday.",
     [E("kenyan_foreign_minister", "Kenyan foreign minister", iso="KEN"),
      E("ethiopian_officials", "Ethiopian officials", iso="ETH")],
     [R("kenyan_foreign_minister", "consult", "ethiopian_officials", "travelled for talks with (visit)")]),
    ("consult-02", "Chile's president spoke by telephone with his Argentine counterpart about the wildfires along "
     "their shared border.",
     [E("chile_s_president", "Chile's president", iso="CHL"), E("argentine_counterpart", "Argentine counterpart", iso="ARG")],
     [R("chile_s_president", "consult", "argentine_counterpart", "spoke by telephone with")]),
    ("consult-03", "Qatari diplomats mediated a round of talks between Sudanese army commanders and the Rapid Support "
     "Forces in Doha.",
     [E("qatari_diplomats", "Qatari diplomats", iso="QAT"), E("sudanese_army_commanders", "Sudanese army commanders", iso="SDN"),
      E("rsf", "Rapid Support Forces", iso="SDN")],
     [R("qatari_diplomats", "consult", ["sudanese_army_commanders", "rsf"], "mediated talks between")]),
    ("support-01", "The African Union praised Ethiopia's government for holding peaceful elections.",
     [E("african_union", "African Union"), E("ethiopia_s_government", "Ethiopia's government", iso="ETH")],
     [R("african_union", "support", "ethiopia_s_government", "praised")]),
    ("support-02", "Brazil formally recognised the new government in Bolivia on Wednesday.",
     [E("brazil", "Brazil", iso="BRA"), E("new_government_in_bolivia", "new government in Bolivia", "Bolivia", iso="BOL")],
     [R("brazil", "support", "new_government_in_bolivia", "recognised new government")]),
    ("concede-01", "Sri Lanka's president pardoned a Tamil politician who had been jailed for eight years.",
     [E("sri_lanka_s_president", "Sri Lanka's president", iso="LKA"), E("tamil_politician", "Tamil politician", iso="LKA")],
     [R("sri_lanka_s_president", "concede", "tamil_politician", "pardoned (manual: pardons are CONCEDE)")]),
    ("concede-02", "Serbia apologised to Croatia for the shelling of Vukovar during the war.",
     [E("serbia", "Serbia", iso="SRB"), E("croatia", "Croatia", iso="HRV")],
     [R("serbia", "concede", "croatia", "apologised (manual: regret is CONCEDE)")]),
    ("cooperate-01", "Kazakhstan extradited a former banker to Russia, where he faces fraud charges.",
     [E("kazakhstan", "Kazakhstan", iso="KAZ"), E("russia", "Russia", iso="RUS")],
     [R("kazakhstan", "cooperate", "russia", "extradited to (judicial cooperation)")]),
    ("cooperate-02", "Morocco shared intelligence with Spanish police about a smuggling network operating across the "
     "Strait of Gibraltar.",
     [E("morocco", "Morocco", iso="MAR"), E("spanish_police", "Spanish police", iso="ESP")],
     [R("morocco", "cooperate", "spanish_police", "shared intelligence with")]),
    ("aid-01", "The European Union sent medical supplies and tents to earthquake survivors in Turkey.",
     [E("european_union", "European Union", "EU"), E("survivors_in_turkey", "earthquake survivors in Turkey", "Turkey", iso="TUR")],
     [R("european_union", "aid", "survivors_in_turkey", "sent supplies to")]),
    ("aid-02", "Ukraine was given two more air-defence systems by Germany on Friday, the defence ministry in Kyiv said.",
     [E("ukraine", "Ukraine", iso="UKR"), E("germany", "Germany", iso="DEU")],
     [R("germany", "aid", "ukraine", "was given by (passive)")]),
    ("aid-03", "Ecuador granted asylum to a Nicaraguan opposition journalist.",
     [E("ecuador", "Ecuador", iso="ECU"), E("nicaraguan_journalist", "Nicaraguan opposition journalist", iso="NIC")],
     [R("ecuador", "aid", "nicaraguan_journalist", "granted asylum (manual: asylum is AID)")]),
    ("retreat-01", "Houthi rebels released 12 Saudi prisoners on Sunday.",
     [E("houthi_rebels", "Houthi rebels", "Houthi", iso="YEM"), E("saudi_prisoners", "Saudi prisoners", iso="SAU")],
     [R("houthi_rebels", "retreat", "saudi_prisoners", "released prisoners")]),
    ("retreat-02", "Rwandan troops withdrew from the eastern Congolese town of Goma on Saturday.",
     [E("rwandan_troops", "Rwandan troops", iso="RWA"), E("goma", "Goma"), E("congolese", "Congolese", iso="COD")],
     [R("rwandan_troops", "retreat", ["goma", "congolese"], "withdrew from")]),
    ("request-01", "Nigerian labour unions urged the federal government to reverse the fuel price increase.",
     [E("nigerian_labour_unions", "Nigerian labour unions", iso="NGA"), E("federal_government", "federal government", iso="NGA")],
     [R("nigerian_labour_unions", "request", "federal_government", "urged to reverse")]),
    ("request-02", "The UN refugee agency said Greece must stop pushing migrants back out to sea.",
     [E("unhcr", "UN refugee agency", "UNHCR"), E("greece", "Greece", iso="GRC")],
     [R("unhcr", "request", "greece", "said must stop (reported demand)")]),
    ("request-03", "Armenia asked Russian peacekeepers to reopen the Lachin corridor.",
     [E("armenia", "Armenia", iso="ARM"), E("russian_peacekeepers", "Russian peacekeepers", iso="RUS")],
     [R("armenia", "request", "russian_peacekeepers", "asked to reopen")]),
    ("accuse-01", "Pakistan's foreign office accused Afghanistan of sheltering militants who carried out a bombing in "
     "Peshawar.",
     [E("pakistan_s_foreign_office", "Pakistan's foreign office", iso="PAK"), E("afghanistan", "Afghanistan", iso="AFG")],
     [R("pakistan_s_foreign_office", "accuse", "afghanistan", "accused of sheltering")]),
    ("accuse-02", "French prosecutors opened an investigation into a Lebanese central bank governor over money "
     "laundering.",
     [E("french_prosecutors", "French prosecutors", iso="FRA"),
      E("lebanese_governor", "Lebanese central bank governor", iso="LBN")],
     [R("french_prosecutors", "accuse", "lebanese_governor", "opened an investigation into (investigate)")]),
    ("accuse-03", "Venezuela's electoral council was criticised by the Organization of American States for delaying "
     "the vote count.",
     [E("venezuela_s_electoral_council", "Venezuela's electoral council", iso="VEN"),
      E("oas", "Organization of American States", "OAS")],
     [R("oas", "accuse", "venezuela_s_electoral_council", "was criticised by (passive)")]),
    ("reject-01", "Eritrea rejected a proposal from the African Union for border talks with Ethiopia.",
     [E("eritrea", "Eritrea", iso="ERI"), E("african_union", "African Union", "AU"), E("ethiopia", "Ethiopia", iso="ETH")],
     [R("eritrea", "reject", "african_union", "rejected a proposal from")]),
    ("reject-02", "Hungary vetoed an EU aid package for Ukraine on Thursday.",
     [E("hungary", "Hungary", iso="HUN"), E("eu", "EU", "European Union"), E("ukraine", "Ukraine", iso="UKR")],
     [R("hungary", "reject", ["eu", "ukraine"], "vetoed aid package")]),
    ("threaten-01", "North Korea warned that it would shoot down any American spy plane entering its airspace.",
     [E("north_korea", "North Korea", iso="PRK"), E("american", "American", iso="USA")],
     [R("north_korea", "threaten", "american", "warned would shoot down")]),
    ("threaten-02", "Iran threatened to close the Strait of Hormuz if Washington imposed new oil sanctions.",
     [E("iran", "Iran", iso="IRN"), E("washington", "Washington", iso="USA")],
     [R("iran", "threaten", "washington", "threatened to close if")]),
    ("protest-01", "Thousands of Kenyan students marched outside parliament in Nairobi to protest against higher "
     "university fees.",
     [E("kenyan_students", "Kenyan students", iso="KEN"), E("parliament", "parliament", iso="KEN")],
     [R("kenyan_students", "protest", "parliament", "marched outside parliament")]),
    ("protest-02", "Farmers in Poland blocked border crossings with Ukraine to protest imports of cheap grain.",
     [E("farmers_in_poland", "Farmers in Poland", iso="POL"), E("ukraine", "Ukraine", iso="UKR")],
     [R("farmers_in_poland", "protest", "ukraine", "blocked crossings with Ukraine to protest imports")]),
    ("sanction-01", "Washington imposed visa restrictions on Ugandan officials over the anti-gay law.",
     [E("washington", "Washington", iso="USA"), E("ugandan_officials", "Ugandan officials", iso="UGA")],
     [R("washington", "sanction", "ugandan_officials", "imposed visa restrictions on")]),
    ("sanction-02", "Niger's military rulers expelled the French ambassador and ended defence cooperation with Paris.",
     [E("niger_s_military_rulers", "Niger's military rulers", iso="NER"), E("french_ambassador", "French ambassador", iso="FRA"),
      E("paris", "Paris", iso="FRA")],
     [R("niger_s_military_rulers", "sanction", ["french_ambassador", "paris"], "expelled ambassador; ended cooperation")]),
    ("mobilize-01", "Azerbaijan moved artillery and armoured units to its border with Armenia on Tuesday.",
     [E("azerbaijan", "Azerbaijan", iso="AZE"), E("armenia", "Armenia", iso="ARM")],
     [R("azerbaijan", "mobilize", "armenia", "moved artillery to border with")]),
    ("mobilize-02", "India deployed additional troops along the Line of Actual Control facing China.",
     [E("india", "India", iso="IND"), E("china", "China", iso="CHN")],
     [R("india", "mobilize", "china", "deployed troops facing")]),
    ("coerce-01", "Iranian authorities arrested a British-Iranian aid worker at Tehran airport.",
     [E("iranian_authorities", "Iranian authorities", iso="IRN"), E("aid_worker", "British-Iranian aid worker", iso="GBR")],
     [R("iranian_authorities", "coerce", "aid_worker", "arrested")]),
    ("coerce-02", "Two Swedish journalists were detained in Ethiopia while reporting on the conflict.",
     [E("ethiopia", "Ethiopia", iso="ETH"), E("swedish_journalists", "Swedish journalists", iso="SWE")],
     [R("ethiopia", "coerce", "swedish_journalists", "were detained in (authority of the place)")]),
    ("coerce-03", "Hong Kong police raided the offices of the pro-democracy newspaper Stand News and froze its assets.",
     [E("hong_kong_police", "Hong Kong police"), E("stand_news", "Stand News")],
     [R("hong_kong_police", "coerce", "stand_news", "raided offices of; froze assets")]),
    ("assault-01", "Sudanese army warplanes bombed positions of the Rapid Support Forces in Khartoum.",
     [E("sudanese_army", "Sudanese army warplanes", "Sudanese army", iso="SDN"), E("rsf", "Rapid Support Forces", iso="SDN")],
     [R("sudanese_army", "assault", "rsf", "bombed positions of")]),
    ("assault-02", "A convoy of Malian soldiers was ambushed by jihadist fighters near the border with Burkina Faso.",
     [E("malian_soldiers", "Malian soldiers", iso="MLI"), E("jihadist_fighters", "jihadist fighters"),
      E("burkina_faso", "Burkina Faso", iso="BFA")],
     [R("jihadist_fighters", "assault", "malian_soldiers", "was ambushed by (passive)")]),
    ("assault-03", "Israeli air strikes on Hezbollah targets in southern Lebanon killed four fighters.",
     [E("israeli", "Israeli", iso="ISR"), E("hezbollah", "Hezbollah", iso="LBN"), E("lebanon", "Lebanon", iso="LBN")],
     [R("israeli", "assault", "hezbollah", "air strikes on (nominal)")]),
    ("assault-04", "Armenian and Azerbaijani troops exchanged fire along the border overnight.",
     [E("armenian_troops", "Armenian troops", "Armenian", iso="ARM"), E("azerbaijani_troops", "Azerbaijani troops", iso="AZE")],
     []),  # two-sided violence: both sides are actors, no recipient
    ("consult-04", "The presidents of Egypt and Ethiopia met in Cairo to discuss the Nile dam.",
     [E("egypt", "Egypt", iso="EGY"), E("ethiopia", "Ethiopia", iso="ETH")],
     []),  # a meeting at which no side hosts: all participants are actors, no recipient
    ("accuse-04", "The Philippine coast guard accused Chinese vessels of ramming one of its supply boats.",
     [E("philippine_coast_guard", "Philippine coast guard", iso="PHL"), E("chinese_vessels", "Chinese vessels", iso="CHN")],
     [R("philippine_coast_guard", "accuse", "chinese_vessels", "accused of ramming"),
      R("chinese_vessels", "assault", "philippine_coast_guard", "ramming its boats (reported)", opt=True)]),
]


def main() -> None:
    lines = []
    for rid, text, ents, rels in RECORDS:
        rec = {"id": f"S-{rid}", "text": text, "date": DATE, "entities": ents, "relations": rels,
               "score_entities": False, "scope": "events"}
        lines.append(json.dumps(rec, ensure_ascii=False))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines)} records")


if __name__ == "__main__":
    main()
