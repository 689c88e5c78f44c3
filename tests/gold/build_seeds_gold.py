"""Build /work/main/tests/gold/seeds_gold.jsonl from the seed files and the annotations below."""
import json
import re
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
OUT = Path(__file__).resolve().parent / "seeds_gold.jsonl"
STRUCT = {"officialOf", "leaderOf", "memberOf", "basedIn", "locatedIn"}
PLOVER = {"agree", "consult", "support", "concede", "cooperate", "aid", "retreat", "request",
          "accuse", "reject", "threaten", "protest", "sanction", "mobilize", "coerce", "assault"}
TYPES = {"State", "Group", "Official", "Place", "Person"}

def L(x):
    return [x] if isinstance(x, str) else list(x)

def E(id, type, *names, iso=None, optional=False):
    e = {"id": id, "names": list(names)}
    if iso:
        e["iso"] = iso
    e["type"] = type
    if optional:
        e["optional"] = True
    return e

def R(s, p, o, why, opt=False):
    r = {"s": L(s), "p": L(p), "o": L(o), "why": why}
    if opt:
        r["optional"] = True
    return r

OFF = ["officialOf"]
LEAD = ["leaderOf", "officialOf"]
HEAD = ["officialOf", "leaderOf"]   # head of state/government: officialOf, leaderOf both right
DOCS = {}

# ---------------------------------------------------------------- 01
DOCS["01-us-pakistan-sanctuaries.txt"] = dict(date="2018-03-12", entities=[
    E("usa", "State", "United States", "U.S.", "Washington", "American", "Americans", "Trump administration", iso="USA"),
    E("pak", "State", "Pakistan", "Pakistani", "Islamabad", "Pakistani officials", "Pakistani official", "Pakistan's military", iso="PAK"),
    E("afg", "State", "Afghanistan", "Afghan", "Kabul", "Afghan soldiers", "Afghan intelligence officials", "Afghan leaders", iso="AFG"),
    E("chn", "State", "China", "Beijing", iso="CHN"),
    E("haqqani", "Group", "Haqqani network", "Haqqani", "Haqqani fighters", "Haqqani commanders"),
    E("taliban", "Group", "Taliban", "Afghan Taliban", "Taliban leaders"),
    E("ttp", "Group", "Pakistani Taliban"),
    E("nato", "Group", "NATO", optional=True),
    E("potohar", "Group", "Potohar Policy Institute"),
    E("mattis", "Official", "James Mattis", "U.S. Secretary of Defense James Mattis", "Secretary of Defense James Mattis", "Mattis"),
    E("abbasi", "Official", "Shahid Khaqan Abbasi", "Prime Minister Shahid Khaqan Abbasi", "Abbasi"),
    E("bajwa", "Official", "Qamar Javed Bajwa", "Gen. Qamar Javed Bajwa", "Bajwa"),
    E("trump", "Official", "Donald Trump", "President Donald Trump"),
    E("asif", "Official", "Khawaja Muhammad Asif", "Foreign Minister Khawaja Muhammad Asif"),
    E("nicholson", "Official", "John Nicholson", "Gen. John Nicholson", "Nicholson"),
    E("ghani", "Official", "Ashraf Ghani", "President Ashraf Ghani"),
    E("sirajuddin", "Official", "Sirajuddin Haqqani"),
    E("ghafoor", "Official", "Asif Ghafoor", "Maj. Gen. Asif Ghafoor"),
    E("mirza", "Person", "Sana Mirza", optional=True),
    E("rawalpindi", "Place", "Rawalpindi"),
    E("north_waziristan", "Place", "North Waziristan"),
    E("quetta", "Place", "Quetta"),
    E("khost", "Place", "Khost province", "Khost"),
], relations=[
    R("mattis", OFF, "usa", "U.S. Secretary of Defense James Mattis"),
    R("abbasi", HEAD, "pak", "Prime Minister Shahid Khaqan Abbasi"),
    R("bajwa", OFF, "pak", "Gen. Qamar Javed Bajwa, the Pakistani army chief"),
    R("trump", HEAD, "usa", "President Donald Trump"),
    R("asif", OFF, "pak", "Foreign Minister Khawaja Muhammad Asif"),
    R("nicholson", OFF, "usa", "Gen. John Nicholson, the commander of U.S. forces in Afghanistan"),
    R("ghani", HEAD, "afg", "President Ashraf Ghani ... his country"),
    R("sirajuddin", LEAD, "haqqani", "Its leader, Sirajuddin Haqqani"),
    R("sirajuddin", HEAD, "taliban", "a deputy leader of the Taliban"),
    R("ghafoor", OFF, "pak", "Maj. Gen. Asif Ghafoor, the army's chief spokesman"),
    R("haqqani", "memberOf", "taliban", "a semi-autonomous faction of the Afghan Taliban"),
    R("haqqani", "basedIn", "north_waziristan", "Haqqani commanders operating from North Waziristan"),
    R("mattis", "consult", "pak", "Mattis's visit to Islamabad / spent less than a day in Islamabad"),
    R("mattis", "consult", "abbasi", "Mattis met Prime Minister Shahid Khaqan Abbasi"),
    R("mattis", "consult", "bajwa", "held talks with Gen. Qamar Javed Bajwa"),
    R("mattis", "request", "pak", "Mattis urged Pakistan to arrest or expel Haqqani commanders"),
    R("usa", "sanction", "pak", "the Trump administration suspended most security assistance to Pakistan"),
    R("trump", "threaten", "pak", "Trump threatened to cut civilian aid"),
    R("abbasi", "reject", ["mattis", "usa"], "Abbasi and Bajwa both rejected the suggestion"),
    R("bajwa", "reject", ["mattis", "usa"], "Abbasi and Bajwa both rejected the suggestion"),
    R("abbasi", "request", "usa", "asked the United States to act against fighters of the Pakistani Taliban"),
    R("nicholson", "accuse", "pak", "accused Pakistan last week of sheltering Taliban leaders"),
    R("ghani", "accuse", "pak", "accused Pakistan of waging an undeclared war"),
    R("haqqani", "assault", "afg", "checkpoint manned by Afghan soldiers ... was attacked by Haqqani fighters"),
    R("usa", "sanction", "haqqani", "designated a terrorist organisation by the United States"),
    R("ghafoor", "request", "usa", "invited Washington to share specific intelligence"),
    R("chn", "support", "pak", "China ... defended its ally"),
    R("chn", ["aid", "cooperate"], "pak", "China, which is financing roads, ports and power plants across the country", True),
    R(["pak", "usa"], ["agree", "cooperate"], ["usa", "pak"], "Pakistan and the United States would form a working group"),
    # optional
    R(["abbasi", "bajwa", "pak"], "consult", ["mattis", "usa"], "reverse direction of the meetings", True),
    R("usa", "consult", ["pak", "abbasi", "bajwa"], "meetings attributed to the U.S.", True),
    R("usa", "request", "pak", "request attributed to the U.S.", True),
    R("usa", "threaten", "pak", "Trump's threat attributed to the U.S.", True),
    R("pak", "reject", ["usa", "mattis"], "Pakistani officials have long rejected the charge", True),
    R("asif", ["reject", "accuse"], "usa", "would not accept blame for the failures of the war", True),
    R("ghafoor", "reject", "usa", "no organised terrorist sanctuaries remained", True),
    R("usa", "accuse", "pak", "whose commanders Washington says cross freely", True),
    R("nicholson", "accuse", "haqqani", "the group was responsible for several of the bombings", True),
    R("pak", ["support", "aid"], ["taliban", "haqqani"], "sheltering (as alleged)", True),
    R("afg", "accuse", "pak", "Afghan leaders make a similar case", True),
    R("abbasi", "accuse", "ttp", "Pakistani Taliban sheltering and launching raids", True),
    R("ttp", "assault", "pak", "launching raids across the frontier (as alleged)", True),
    R("ttp", "basedIn", "afg", "sheltering in eastern Afghanistan", True),
    R("haqqani", "basedIn", "pak", "train fighters on its soil", True),
    R("taliban", "basedIn", ["quetta", "pak"], "the area around Quetta as a rear base", True),
    R("potohar", "basedIn", "pak", "an independent research group in Islamabad", True),
    R("mirza", "memberOf", "potohar", "an analyst at the Potohar Policy Institute (not an official)", True),
    R(["north_waziristan", "quetta", "rawalpindi"], "locatedIn", "pak", "places in Pakistan", True),
    R("khost", "locatedIn", "afg", "Khost province", True),
])

# ---------------------------------------------------------------- 02
DOCS["02-india-pakistan-kashmir-attack.txt"] = dict(date="2018-10-12", entities=[
    E("ind", "State", "India", "Indian", "New Delhi", "Delhi", "Ministry of External Affairs", "Indian officials", "Indian army", iso="IND"),
    E("pak", "State", "Pakistan", "Pakistani", "Islamabad", "Foreign Office", iso="PAK"),
    E("chn", "State", "China", "Beijing", "Chinese", iso="CHN"),
    E("usa", "State", "United States", iso="USA"),
    E("fra", "State", "France", iso="FRA"),
    E("gbr", "State", "Britain", iso="GBR"),
    E("un", "Group", "United Nations"),
    E("unsc", "Group", "UN Security Council"),
    E("committee", "Group", "sanctions committee"),
    E("jem", "Group", "Jaish-e-Mohammed"),
    E("let", "Group", "Lashkar-e-Taiba"),
    E("alqaeda", "Group", "al-Qaeda", optional=True),
    E("saket", "Group", "Saket Foundation for Security Studies"),
    E("bisaria", "Official", "Ajay Bisaria", "High Commissioner Ajay Bisaria"),
    E("gokhale", "Official", "Vijay Gokhale", "Foreign Secretary Vijay Gokhale"),
    E("mahmood", "Official", "Sohail Mahmood"),
    E("swaraj", "Official", "Sushma Swaraj"),
    E("azhar", "Official", "Masood Azhar", "Azhar"),
    E("modi", "Official", "Narendra Modi", "Prime Minister Narendra Modi", "Modi"),
    E("qureshi", "Official", "Shah Mahmood Qureshi"),
    E("khan", "Official", "Imran Khan", "Prime Minister Imran Khan", "Khan"),
    E("saeed", "Official", "Hafiz Saeed", "Saeed"),
    E("lu", "Official", "Lu Kang"),
    E("kulkarni", "Person", "Meera Kulkarni", optional=True),
    E("kupwara", "Place", "Kupwara"),
    E("kashmir", "Place", "Kashmir", "Indian-administered Kashmir"),
    E("bahawalpur", "Place", "Bahawalpur"),
    E("punjab", "Place", "Punjab"),
    E("rajasthan", "Place", "Rajasthan"),
    E("loc", "Place", "Line of Control"),
    E("mumbai", "Place", "Mumbai"),
    E("lahore", "Place", "Lahore"),
    E("muridke", "Place", "Muridke"),
], relations=[
    R("ind", "sanction", "pak", "India recalled its high commissioner from Islamabad"),
    R("ind", "accuse", "pak", "accused Pakistan of sheltering the militants"),
    R("jem", "assault", "ind", "raid on an army camp ... Jaish-e-Mohammed claimed responsibility"),
    R("jem", "basedIn", "pak", "a militant group based in Pakistan"),
    R("bisaria", OFF, "ind", "High Commissioner Ajay Bisaria ... called back to New Delhi"),
    R("gokhale", OFF, "ind", "Foreign Secretary Vijay Gokhale"),
    R("mahmood", OFF, "pak", "Sohail Mahmood, Pakistan's high commissioner"),
    R("gokhale", ["accuse", "consult"], ["mahmood", "pak"], "summoned Sohail Mahmood ... handed him a formal protest"),
    R("swaraj", OFF, "ind", "Sushma Swaraj, India's external affairs minister"),
    R("swaraj", "request", "pak", "Pakistan must take credible and verifiable action"),
    R("azhar", LEAD, "jem", "its founder, Masood Azhar"),
    R("modi", HEAD, "ind", "Prime Minister Narendra Modi"),
    R("modi", "threaten", "pak", "warned Pakistan that India would choose the time and place of its response"),
    R("pak", "reject", "ind", "Pakistan rejected the accusations"),
    R("qureshi", OFF, "pak", "Shah Mahmood Qureshi, Pakistan's foreign minister"),
    R("qureshi", "threaten", "ind", "warned that Pakistan would answer any military action"),
    R("khan", HEAD, "pak", "Prime Minister Imran Khan"),
    R("khan", "request", "ind", "called on India to resume a dialogue"),
    R("ind", "accuse", "let", "the older and larger group that India blames for the 2008 assault on Mumbai"),
    R("saeed", LEAD, "let", "Hafiz Saeed, the leader of Lashkar-e-Taiba"),
    R("saeed", "support", "jem", "praised Jaish-e-Mohammed's fighters as martyrs"),
    R(["un", "unsc", "committee"], "sanction", "saeed", "designated a terrorist by the United Nations"),
    R("let", "basedIn", "muridke", "the group's headquarters at Muridke"),
    R("ind", "request", ["committee", "unsc"], "renewed its request to the UN Security Council's sanctions committee"),
    R("chn", "reject", ["ind", "usa", "fra", "gbr"], "China blocked the listing"),
    R("lu", OFF, "chn", "Lu Kang, a spokesman for the Chinese foreign ministry"),
    R("usa", "accuse", "chn", "The United States, France and Britain criticised the decision"),
    R("fra", "accuse", "chn", "The United States, France and Britain criticised the decision"),
    R("gbr", "accuse", "chn", "The United States, France and Britain criticised the decision"),
    R("ind", ["consult", "request"], "chn", "they would keep raising the matter with Beijing (future)", True),
    # optional
    R("jem", "basedIn", "bahawalpur", "Jaish-e-Mohammed's leadership in Bahawalpur", True),
    R("let", "basedIn", ["lahore", "pak"], "headquarters at Muridke, on the outskirts of Lahore", True),
    R("ind", "mobilize", "pak", "placed units along the Line of Control on high alert", True),
    R("ind", "assault", ["pak", "jem"], "India could strike militant camps (hypothetical)", True),
    R("pak", "accuse", "ind", "New Delhi had blamed Islamabad ... without any investigation", True),
    R("qureshi", ["agree", "cooperate"], "ind", "offered to cooperate with an inquiry if India shared its evidence", True),
    R("let", "assault", "ind", "the 2008 assault on Mumbai (as blamed)", True),
    R(["usa", "fra", "gbr"], "support", "ind", "the proposal, co-sponsored by", True),
    R(["committee", "unsc"], "sanction", "azhar", "would subject him to a travel ban and asset freeze (hypothetical)", True),
    R("chn", "support", ["azhar", "jem", "pak"], "technical hold on the listing", True),
    R("committee", "memberOf", "unsc", "the UN Security Council's sanctions committee", True),
    R("unsc", "memberOf", "un", "UN Security Council", True),
    R("saket", "basedIn", "ind", "a research institute in New Delhi", True),
    R("kulkarni", "memberOf", "saket", "a senior fellow (not an official)", True),
    R(["kupwara"], "locatedIn", ["kashmir", "ind"], "the Kupwara district of Indian-administered Kashmir", True),
    R(["bahawalpur", "punjab", "lahore", "muridke"], "locatedIn", ["pak", "punjab", "lahore"], "places in Pakistan", True),
    R(["rajasthan", "mumbai", "kashmir"], "locatedIn", "ind", "places in India", True),
])

# ---------------------------------------------------------------- 03
DOCS["03-doha-afghan-talks.txt"] = dict(date="2019-05-07", entities=[
    E("usa", "State", "United States", "U.S.", "Washington", "American", "State Department", iso="USA"),
    E("afg", "State", "Afghanistan", "Afghan", "Kabul", "Afghan government", "Afghan soldiers", "Afghan officials", iso="AFG"),
    E("qat", "State", "Qatar", "Qatari", "Doha", iso="QAT"),
    E("pak", "State", "Pakistan", "Pakistani officials", iso="PAK"),
    E("taliban", "Group", "Taliban", "Taliban negotiators", "Taliban delegation", "Taliban fighters"),
    E("nato", "Group", "NATO"),
    E("alqaeda", "Group", "al-Qaeda", optional=True),
    E("icrc", "Group", "International Committee of the Red Cross"),
    E("kcpr", "Group", "Kabul Centre for Peace Research"),
    E("khalilzad", "Official", "Zalmay Khalilzad", "Khalilzad"),
    E("baradar", "Official", "Mullah Abdul Ghani Baradar", "Abdul Ghani Baradar", "Baradar"),
    E("qat_fm", "Official", "Sheikh Mohammed bin Abdulrahman Al Thani", "Mohammed bin Abdulrahman Al Thani"),
    E("ghani", "Official", "Ashraf Ghani", "President Ashraf Ghani", "Ghani"),
    E("shaheen", "Official", "Suhail Shaheen"),
    E("mohib", "Official", "Hamdullah Mohib"),
    E("miller", "Official", "Scott Miller", "Gen. Scott Miller"),
    E("pompeo", "Official", "Mike Pompeo", "Secretary of State Mike Pompeo"),
    E("haibatullah", "Official", "Mullah Haibatullah Akhundzada", "Haibatullah Akhundzada"),
    E("noori", "Person", "Laila Noori", optional=True),
    E("bagram", "Place", "Bagram prison", "Bagram"),
    E("ghazni", "Place", "Ghazni province", "Ghazni"),
    E("kunduz", "Place", "Kunduz"),
    E("helmand", "Place", "Helmand province", "Helmand"),
], relations=[
    R("khalilzad", OFF, "usa", "Zalmay Khalilzad, the U.S. special representative"),
    R("khalilzad", "consult", "taliban", "sat down with Taliban negotiators / Khalilzad's talks with the Taliban"),
    R("baradar", HEAD, "taliban", "a co-founder of the movement who heads its political office"),
    R("qat_fm", OFF, "qat", "Qatar's foreign minister, Sheikh Mohammed bin Abdulrahman Al Thani"),
    R("qat_fm", "consult", ["khalilzad", "usa"], "met both delegations"),
    R("qat_fm", "consult", ["taliban", "baradar"], "met both delegations"),
    R("ghani", HEAD, "afg", "President Ashraf Ghani"),
    R("ghani", "request", "taliban", "demanded on Sunday that the Taliban accept a ceasefire"),
    R(["taliban", "shaheen"], "reject", ["ghani", "afg"], "The Taliban rejected the demand / refused to negotiate directly"),
    R("shaheen", OFF, "taliban", "Suhail Shaheen, a spokesman for the group's political office"),
    R("shaheen", "accuse", ["ghani", "afg"], "dismissed Ghani's administration as a puppet"),
    R("mohib", OFF, "afg", "Hamdullah Mohib, Ghani's national security adviser"),
    R("mohib", "accuse", "usa", "criticised the United States ... for sidelining the elected government"),
    R("afg", "retreat", "taliban", "The Afghan government released 175 Taliban prisoners (CAMEO 0841 release persons = PLOVER RETREAT)"),
    R("taliban", "retreat", "afg", "the Taliban freed 14 Afghan soldiers (CAMEO 0841 release persons = PLOVER RETREAT)"),
    R("taliban", "assault", "afg", "A police headquarters in Kunduz was attacked by Taliban fighters"),
    R(["usa", "miller"], "assault", "taliban", "American aircraft struck Taliban positions"),
    R("miller", OFF, "usa", "Gen. Scott Miller, the commander of U.S. and NATO forces"),
    R("pompeo", OFF, "usa", "Secretary of State Mike Pompeo"),
    R("pompeo", "consult", "ghani", "spoke with Ghani by telephone"),
    R("pak", "request", "taliban", "has urged the Taliban to show flexibility"),
    R("haibatullah", LEAD, "taliban", "The movement's supreme leader"),
    # optional
    R(["taliban", "baradar"], "consult", ["khalilzad", "usa"], "reverse direction of the talks", True),
    R("usa", "consult", "taliban", "talks attributed to the U.S.", True),
    R(["khalilzad", "taliban", "baradar"], "consult", ["qat_fm", "qat"], "reverse direction of the meetings", True),
    R("qat", ["consult", "support", "cooperate"], ["taliban", "usa"], "Qatar ... has hosted the Taliban office / main venue", True),
    R("taliban", "basedIn", "qat", "its political office in Doha", True),
    R("miller", OFF, "nato", "commander of U.S. and NATO forces", True),
    R("usa", ["accuse", "reject"], ["mohib", "afg"], "a sharp response from the State Department", True),
    R("ghani", "consult", ["pompeo", "usa"], "reverse direction of the call", True),
    R(["pompeo", "usa"], ["agree", "support"], ["ghani", "afg"], "assured him that Washington would not conclude a settlement that left Kabul out", True),
    R("usa", "retreat", "afg", "could withdraw about half of its troops (hypothetical)", True),
    R("pak", "retreat", ["baradar", "taliban"], "released Baradar from custody (release persons = RETREAT)", True),
    R("taliban", ["cooperate", "consult"], "icrc", "handing them over to the ICRC", True),
    R("kcpr", "basedIn", "afg", "Kabul Centre for Peace Research", True),
    R("noori", "memberOf", "kcpr", "a researcher (not an official)", True),
    R(["bagram", "ghazni", "kunduz", "helmand"], "locatedIn", "afg", "places in Afghanistan", True),
])

# ---------------------------------------------------------------- 04
DOCS["04-russia-sanctions-kerch.txt"] = dict(date="2019-03-18", entities=[
    E("rus", "State", "Russia", "Russian", "Moscow", "Kremlin", "Russian authorities", "Russian coast guard", "Foreign Ministry", iso="RUS"),
    E("usa", "State", "United States", "U.S.", "Washington", "U.S. Treasury Department", "Treasury Department", iso="USA"),
    E("can", "State", "Canada", iso="CAN"),
    E("ukr", "State", "Ukraine", "Ukrainian", "Kyiv", iso="UKR"),
    E("deu", "State", "Germany", "German", "Berlin", iso="DEU"),
    E("fra", "State", "France", iso="FRA"),
    E("eu", "Group", "European Union", "EU", "Brussels"),
    E("fsb", "Group", "Federal Security Service", "FSB", "Border Service"),
    E("normandy", "Group", "Normandy format", optional=True),
    E("cepss", "Group", "Centre for Eurasian Policy Studies"),
    E("lavrov", "Official", "Sergei Lavrov", "Russian Foreign Minister Sergei Lavrov", "Lavrov"),
    E("mnuchin", "Official", "Steven Mnuchin", "Treasury Secretary Steven Mnuchin"),
    E("mogherini", "Official", "Federica Mogherini"),
    E("peskov", "Official", "Dmitry Peskov", "Peskov"),
    E("putin", "Official", "Vladimir Putin", "President Vladimir Putin", "Putin"),
    E("zakharova", "Official", "Maria Zakharova"),
    E("poroshenko", "Official", "Petro Poroshenko", "President Petro Poroshenko"),
    E("merkel", "Official", "Angela Merkel", "German Chancellor Angela Merkel"),
    E("orlov", "Person", "Pavel Orlov", optional=True),
    E("kerch", "Place", "Kerch Strait"),
    E("crimea", "Place", "Crimea"),
    E("azov", "Place", "Sea of Azov"),
], relations=[
    R("lavrov", OFF, "rus", "Russian Foreign Minister Sergei Lavrov"),
    R("lavrov", "accuse", "eu", "condemned new sanctions imposed by the European Union / accused Brussels"),
    R("lavrov", "accuse", "usa", "condemned new sanctions imposed by ... the United States / accused Washington"),
    R("lavrov", "threaten", "eu", "said Moscow would answer with measures of its own"),
    R("lavrov", "threaten", "usa", "Russia would respond on a reciprocal basis"),
    R("eu", "sanction", "rus", "The European Union on Friday froze the assets of eight Russian officials"),
    R("rus", "assault", "ukr", "Russian coast guard ships fired on ... two Ukrainian gunboats"),
    R("rus", "coerce", "ukr", "captured ... / sailors were detained by Russian authorities"),
    R("usa", "sanction", "rus", "The United States and Canada announced parallel measures"),
    R("can", "sanction", "rus", "The United States and Canada announced parallel measures"),
    R("mnuchin", OFF, "usa", "Treasury Secretary Steven Mnuchin"),
    R("mogherini", OFF, "eu", "Federica Mogherini, the EU's High Representative"),
    R("mogherini", "request", "rus", "called on Russia to release them"),
    R("peskov", OFF, "rus", "Dmitry Peskov, the spokesman for President Vladimir Putin"),
    R("putin", HEAD, "rus", "President Vladimir Putin"),
    R("peskov", "reject", ["eu", "usa"], "sanctions had never changed Russia's position and would not change it now"),
    R("zakharova", OFF, "rus", "Maria Zakharova, the Foreign Ministry's spokeswoman"),
    R("zakharova", "accuse", "ukr", "accusing Kyiv of staging a provocation"),
    R("poroshenko", HEAD, "ukr", "In Kyiv, President Petro Poroshenko"),
    R("poroshenko", "support", "eu", "welcomed the sanctions and thanked the European Union"),
    R("poroshenko", "support", "usa", "thanked ... the United States"),
    R("merkel", HEAD, "deu", "German Chancellor Angela Merkel"),
    R("merkel", "consult", "putin", "raised the sailors' detention with Putin in two telephone calls"),
    # optional
    R("rus", "threaten", ["eu", "usa"], "Moscow would answer (attributed to Russia)", True),
    R("rus", "accuse", ["eu", "usa"], "condemnation attributed to Russia", True),
    R("eu", "sanction", "fsb", "those listed include senior officers of the Border Service of the FSB", True),
    R("fsb", "memberOf", "rus", "Russia's security service", True),
    R(["mnuchin", "usa"], ["threaten", "sanction"], "rus", "Washington would keep imposing costs on Moscow", True),
    R("rus", ["coerce", "assault"], ["ukr", "crimea"], "Crimea, the peninsula that Russia annexed from Ukraine", True),
    R("eu", "request", "rus", "request attributed to the EU", True),
    R("rus", "reject", ["eu", "usa"], "The Kremlin struck a similar tone", True),
    R("zakharova", "accuse", ["eu", "usa"], "at the urging of its Western partners", True),
    R(["eu", "usa"], "support", "ukr", "standing with Ukraine", True),
    R("ukr", "support", ["eu", "usa"], "support attributed to Ukraine", True),
    R("putin", "consult", "merkel", "reverse direction of the calls", True),
    R(["deu", "merkel"], ["consult", "agree"], ["rus", "putin"], "Berlin remained open to dialogue with Moscow", True),
    R(["deu", "fra"], "consult", "rus", "keep diplomatic contacts with Russia alive", True),
    R(["deu", "fra", "rus", "ukr"], "memberOf", "normandy", "the Normandy format, which also includes Ukraine", True),
    R("cepss", "basedIn", "rus", "a private research group in Moscow", True),
    R("orlov", "memberOf", "cepss", "an analyst (not an official)", True),
    R("crimea", "locatedIn", ["ukr", "rus"], "Crimea (contested)", True),
])

# ---------------------------------------------------------------- 05
DOCS["05-unsc-yemen-red-sea.txt"] = dict(date="2018-08-02", entities=[
    E("unsc", "Group", "United Nations Security Council", "Security Council", "council"),
    E("un", "Group", "United Nations"),
    E("houthis", "Group", "Houthi movement", "Houthis", "Houthi", "Houthi forces", "Houthi leaders"),
    E("coalition", "Group", "Saudi-led coalition", "coalition"),
    E("yem", "State", "Yemen", "Yemeni", iso="YEM"),
    E("sau", "State", "Saudi Arabia", "Saudi", iso="SAU"),
    E("irn", "State", "Iran", "Iranian", "Tehran", iso="IRN"),
    E("usa", "State", "U.S.", "American", iso="USA"),
    E("gbr", "State", "Britain", "British", iso="GBR"),
    E("rus", "State", "Russia", iso="RUS"),
    E("chn", "State", "China", iso="CHN"),
    E("are", "State", "United Arab Emirates", iso="ARE"),
    E("wfp", "Group", "World Food Programme", optional=True),
    E("bamrg", "Group", "Bab al-Mandab Research Group"),
    E("guterres", "Official", "António Guterres", "Secretary-General António Guterres", "Guterres"),
    E("griffiths", "Official", "Martin Griffiths", "Griffiths"),
    E("hadi", "Official", "Abd-Rabbu Mansour Hadi", "President Abd-Rabbu Mansour Hadi", "Hadi"),
    E("mouallimi", "Official", "Abdallah al-Mouallimi"),
    E("haley", "Official", "Nikki Haley"),
    E("zarif", "Official", "Mohammad Javad Zarif"),
    E("abdulsalam", "Official", "Mohammed Abdulsalam"),
    E("abdulmalik", "Official", "Abdul-Malik al-Houthi"),
    E("omar", "Person", "Hisham Omar", optional=True),
    E("red_sea", "Place", "Red Sea"),
    E("hodeidah", "Place", "Hodeidah"),
    E("bab", "Place", "Bab el-Mandeb strait", "Bab el-Mandeb"),
    E("sanaa", "Place", "Sanaa"),
    E("aden", "Place", "Aden"),
    E("london", "Place", "London"),
], relations=[
    R("unsc", "request", "houthis", "a resolution ... demanding that Yemen's Houthi movement stop attacking"),
    R("houthis", "assault", "sau", "two Saudi oil tankers ... were attacked by Houthi forces"),
    R("unsc", "sanction", "houthis", "the arms embargo that the council imposed on Houthi leaders in 2015"),
    R("guterres", OFF, "un", "Secretary-General António Guterres"),
    R("guterres", "request", "houthis", "urged the Houthis and the coalition to exercise maximum restraint"),
    R("guterres", "request", "coalition", "urged the Houthis and the coalition to exercise maximum restraint"),
    R("griffiths", OFF, "un", "Martin Griffiths, his special envoy for Yemen"),
    R("griffiths", "consult", "houthis", "Griffiths met Houthi leaders in Sanaa"),
    R("griffiths", "consult", ["yem", "hadi"], "held talks with the government of President Abd-Rabbu Mansour Hadi"),
    R("hadi", HEAD, "yem", "President Abd-Rabbu Mansour Hadi"),
    R("coalition", ["support", "aid", "cooperate"], ["yem", "hadi"], "which is backed by the coalition"),
    R("coalition", "assault", "houthis", "Coalition aircraft have struck Houthi positions"),
    R("are", "memberOf", "coalition", "The United Arab Emirates, a leading member of the coalition"),
    R("mouallimi", OFF, "sau", "Abdallah al-Mouallimi, Saudi Arabia's ambassador"),
    R("mouallimi", "accuse", "irn", "accused Iran of supplying the Houthis"),
    R("haley", OFF, "usa", "Nikki Haley, the U.S. ambassador to the United Nations"),
    R("haley", "accuse", "irn", "Tehran had repeatedly broken the embargo"),
    R(["irn", "zarif"], "reject", ["sau", "mouallimi", "usa", "haley"], "Iran rejected the accusations"),
    R("zarif", OFF, "irn", "Its foreign minister, Mohammad Javad Zarif"),
    R("zarif", "accuse", "coalition", "accused the coalition of using American and British bombs"),
    R("abdulsalam", OFF, "houthis", "Mohammed Abdulsalam, the movement's chief spokesman"),
    R(["abdulsalam", "houthis"], "reject", "unsc", "the Houthis rejected the resolution as one-sided"),
    R("abdulsalam", "threaten", "coalition", "threatened to strike further coalition vessels"),
    R("abdulmalik", LEAD, "houthis", "The movement's leader, Abdul-Malik al-Houthi"),
    # optional
    R(["rus", "chn"], "accuse", "coalition", "ignoring air strikes by the Saudi-led coalition", True),
    R("gbr", "support", "unsc", "the text, which was drafted by Britain", True),
    R("unsc", "request", "guterres", "asks Secretary-General António Guterres to report", True),
    R("guterres", "consult", ["houthis", "coalition"], "return to the talks", True),
    R("houthis", "consult", "griffiths", "reverse direction of the meeting", True),
    R(["yem", "hadi"], "consult", "griffiths", "reverse direction of the talks", True),
    R("yem", "assault", "houthis", "forces loyal to Hadi began an offensive to retake the city", True),
    R("sau", ["memberOf", "leaderOf"], "coalition", "the Saudi-led coalition", True),
    R("are", "mobilize", "houthis", "has deployed several thousand troops on the coast", True),
    R("mouallimi", "support", "unsc", "welcomed the vote", True),
    R("sau", "accuse", "irn", "accusation attributed to Saudi Arabia", True),
    R("usa", "accuse", "irn", "accusation attributed to the U.S.", True),
    R("irn", ["support", "aid"], "houthis", "supplying the Houthis (as alleged)", True),
    R(["unsc", "haley"], ["sanction", "threaten"], "irn", "the council could sanction Iranian entities (hypothetical)", True),
    R("zarif", "accuse", ["usa", "gbr"], "American and British bombs", True),
    R("irn", "accuse", "coalition", "accusation attributed to Iran", True),
    R("houthis", "threaten", "coalition", "threat attributed to the Houthis", True),
    R("bamrg", "basedIn", ["london", "gbr"], "a consultancy in London", True),
    R("omar", "memberOf", "bamrg", "an analyst (not an official)", True),
    R(["hodeidah", "sanaa", "aden"], "locatedIn", "yem", "places in Yemen", True),
    R("london", "locatedIn", "gbr", "London", True),
])

# ---------------------------------------------------------------- 06
FOUR = ["sau", "are", "bhr", "egy"]
DOCS["06-gulf-mediation-airspace.txt"] = dict(date="2019-12-03", entities=[
    E("sau", "State", "Saudi Arabia", "Saudi", "Riyadh", "Saudi officials", iso="SAU"),
    E("are", "State", "United Arab Emirates", "UAE", "Emirati", "Abu Dhabi", iso="ARE"),
    E("qat", "State", "Qatar", "Qatari", "Doha", iso="QAT"),
    E("kwt", "State", "Kuwait", "Kuwaiti", iso="KWT"),
    E("omn", "State", "Oman", "Muscat", iso="OMN"),
    E("bhr", "State", "Bahrain", "Bahraini", "Bahraini officials", iso="BHR"),
    E("egy", "State", "Egypt", iso="EGY"),
    E("irn", "State", "Iran", "Tehran", iso="IRN"),
    E("tur", "State", "Turkey", "Turkish", iso="TUR"),
    E("gcc", "Group", "Gulf Cooperation Council"),
    E("icao", "Group", "International Civil Aviation Organization"),
    E("un", "Group", "United Nations"),
    E("kuna", "Group", "Kuwait News Agency", optional=True),
    E("aljazeera", "Group", "Al Jazeera", optional=True),
    E("qatar_airways", "Group", "Qatar Airways", optional=True),
    E("bayt", "Group", "Bayt al-Hikma Centre for Gulf Studies"),
    E("sabah", "Official", "Sheikh Sabah al-Ahmad al-Jaber al-Sabah", "Sabah al-Ahmad al-Jaber al-Sabah", "Emir of Kuwait"),
    E("qat_fm", "Official", "Sheikh Mohammed bin Abdulrahman Al Thani", "Mohammed bin Abdulrahman Al Thani"),
    E("mbs", "Official", "Mohammed bin Salman", "Saudi Crown Prince Mohammed bin Salman", "Crown Prince Mohammed bin Salman"),
    E("yusuf", "Official", "Yusuf bin Alawi bin Abdullah"),
    E("qaboos", "Official", "Sultan Qaboos bin Said", "Qaboos bin Said"),
    E("gargash", "Official", "Anwar Gargash"),
    E("khater", "Official", "Lolwah al-Khater"),
    E("tamim", "Official", "Sheikh Tamim bin Hamad Al Thani", "Tamim bin Hamad Al Thani"),
    E("hajri", "Person", "Mariam al-Hajri", optional=True),
    E("bayan", "Place", "Bayan Palace"),
], relations=[
    R("sau", ["agree", "concede"], "qat", "Saudi Arabia ... have agreed to reopen their airspace to Qatari aircraft"),
    R("are", ["agree", "concede"], "qat", "the United Arab Emirates have agreed to reopen their airspace"),
    R("kwt", "consult", "qat", "Kuwait has mediated between Doha and Riyadh"),
    R("kwt", "consult", "sau", "Kuwait has mediated between Doha and Riyadh"),
    R("sau", "sanction", "qat", "Saudi Arabia, the UAE, Bahrain and Egypt cut diplomatic and trade ties with Doha"),
    R("are", "sanction", "qat", "Saudi Arabia, the UAE, Bahrain and Egypt cut diplomatic and trade ties with Doha"),
    R("bhr", "sanction", "qat", "Saudi Arabia, the UAE, Bahrain and Egypt cut diplomatic and trade ties with Doha"),
    R("egy", "sanction", "qat", "Saudi Arabia, the UAE, Bahrain and Egypt cut diplomatic and trade ties with Doha"),
    R(FOUR, "accuse", "qat", "accusing it of supporting terrorism"),
    R("sabah", HEAD, "kwt", "The Emir of Kuwait, Sheikh Sabah al-Ahmad al-Jaber al-Sabah"),
    R("sabah", "consult", ["qat_fm", "qat"], "received Qatar's foreign minister"),
    R("qat_fm", OFF, "qat", "Qatar's foreign minister, Sheikh Mohammed bin Abdulrahman Al Thani"),
    R("sabah", "consult", ["mbs", "sau"], "spoke by telephone with Saudi Crown Prince Mohammed bin Salman"),
    R("mbs", ["officialOf", "leaderOf"], "sau", "Saudi Crown Prince Mohammed bin Salman"),
    R("yusuf", OFF, "omn", "Yusuf bin Alawi bin Abdullah, Oman's minister responsible for foreign affairs"),
    R("yusuf", "consult", "sau", "travelled to Riyadh"),
    R("yusuf", "consult", "are", "travelled to ... Abu Dhabi"),
    R("qaboos", HEAD, "omn", "Sultan Qaboos bin Said"),
    R("qat", ["concede", "agree"], FOUR, "Qatar agreed to drop the complaints it filed against the four boycotting countries"),
    R(FOUR, "request", "qat", "they demanded that Doha shut down the Al Jazeera television network"),
    R("qat", "reject", FOUR, "Qatar rejected those demands"),
    R("tur", ["aid", "support", "cooperate", "mobilize"], "qat", "Turkey, which sent troops to Qatar"),
    R("gargash", OFF, "are", "Anwar Gargash, the UAE's minister of state for foreign affairs"),
    R("gargash", "accuse", "qat", "accused Doha of continuing to finance extremist groups"),
    R("khater", OFF, "qat", "Lolwah al-Khater, a spokeswoman for Qatar's foreign ministry"),
    R("khater", "reject", ["gargash", "are"], "rejected the accusation as recycled"),
    R("sau", "threaten", "qat", "Saudi officials warned that the overflights could be suspended again"),
    R("tamim", HEAD, "qat", "Qatar's emir, Sheikh Tamim bin Hamad Al Thani"),
    R("tamim", "support", ["sabah", "kwt"], "thanked the Emir of Kuwait for his patient efforts"),
    R("kwt", "memberOf", "gcc", "Kuwait and Oman, like Qatar, belong to the six-member Gulf Cooperation Council"),
    R("omn", "memberOf", "gcc", "Kuwait and Oman, like Qatar, belong to the six-member Gulf Cooperation Council"),
    R("qat", "memberOf", "gcc", "Kuwait and Oman, like Qatar, belong to the six-member Gulf Cooperation Council"),
    # optional
    R("omn", "consult", ["sau", "are", "qat"], "shuttle diplomacy by Kuwait and Oman", True),
    R("kwt", "consult", ["are", "bhr", "egy"], "shuttle diplomacy by Kuwait", True),
    R(["qat", "qat_fm"], "consult", ["sabah", "kwt"], "reverse direction of the meeting", True),
    R(["mbs", "sau"], "consult", ["sabah", "kwt"], "reverse direction of the call", True),
    R(["sau", "are"], "consult", ["yusuf", "omn"], "reverse direction of the visits", True),
    R("qaboos", "consult", ["sau", "are"], "carrying messages from Sultan Qaboos bin Said", True),
    R("omn", ["support", "aid", "cooperate"], "qat", "kept its embassy in Doha open and its ports available", True),
    R("qat", "reject", FOUR, "Qatar has always denied the charges", True),
    R("qat", "accuse", FOUR, "the complaints it filed against the four boycotting countries", True),
    R("qat", "request", "icao", "complaints filed at the ICAO", True),
    R("icao", "memberOf", "un", "the United Nations aviation agency", True),
    R(["bhr"], ["sanction", "reject"], "qat", "would keep its own restrictions until Qatar met the conditions", True),
    R(FOUR, ["concede", "agree"], "qat", "a broader settlement could see the four restore relations (hypothetical)", True),
    R("are", "accuse", "qat", "accusation attributed to the UAE", True),
    R("qat", "reject", ["gargash", "are"], "rejection attributed to Qatar", True),
    R("qat", "support", ["kwt", "omn"], "thanks attributed to Qatar", True),
    R(["sau", "are", "bhr"], "memberOf", "gcc", "six-member Gulf Cooperation Council", True),
    R("bayt", "basedIn", "kwt", "a private institute in Kuwait City", True),
    R("hajri", "memberOf", "bayt", "a researcher (not an official)", True),
    R("bayan", "locatedIn", "kwt", "Bayan Palace", True),
])

# ---------------------------------------------------------------- 07
DOCS["07-somalia-al-shabaab-amisom.txt"] = dict(date="2019-04-03", entities=[
    E("som", "State", "Somalia", "Somali", "Somali National Army", "Somali forces", "Somali army", iso="SOM"),
    E("usa", "State", "United States", "U.S.", "Washington", iso="USA"),
    E("uga", "State", "Ugandan", "Ugandan troops", iso="UGA"),
    E("ken", "State", "Kenya", "Kenyan", "Nairobi", "Kenyan government", "Kenyan police", iso="KEN"),
    E("shabaab", "Group", "Al-Shabaab", "al-Shabaab fighters", "Al-Shabaab fighters"),
    E("au", "Group", "African Union", "African Union Commission"),
    E("amisom", "Group", "African Union Mission in Somalia", "AMISOM", "AMISOM troops", "peacekeepers"),
    E("alqaeda", "Group", "al-Qaeda"),
    E("africom", "Group", "U.S. Africa Command", "AFRICOM", "Africa Command"),
    E("amnesty", "Group", "Amnesty International"),
    E("danab", "Group", "Danab"),
    E("rage", "Official", "Sheikh Ali Mohamud Rage", "Ali Mohamud Rage"),
    E("madeira", "Official", "Francisco Madeira"),
    E("waldhauser", "Official", "Thomas Waldhauser", "Gen. Thomas Waldhauser"),
    E("farmaajo", "Official", "Mohamed Abdullahi Mohamed", "President Mohamed Abdullahi Mohamed", "Mohamed"),
    E("faki", "Official", "Moussa Faki Mahamat"),
    E("umar", "Official", "Ahmed Umar", "Abu Ubaidah"),
    E("omamo", "Official", "Raychelle Omamo"),
    E("kenyatta", "Official", "Uhuru Kenyatta", "Kenyan President Uhuru Kenyatta"),
    E("warsame", "Person", "Abdirahman Warsame", optional=True),
    E("janaale", "Place", "Janaale"),
    E("lower_shabelle", "Place", "Lower Shabelle"),
    E("jilib", "Place", "Jilib"),
    E("middle_juba", "Place", "Middle Juba"),
    E("mombasa", "Place", "Mombasa"),
    E("addis", "Place", "Addis Ababa"),
], relations=[
    R("shabaab", "assault", ["amisom", "au", "uga"], "Al-Shabaab fighters stormed an African Union base"),
    R(["amisom", "uga"], "assault", "shabaab", "its troops had killed at least 20 militants"),
    R("uga", "memberOf", "amisom", "Ugandan troops serving with the African Union Mission in Somalia"),
    R("shabaab", "memberOf", "alqaeda", "Al-Shabaab, al-Qaeda's affiliate in East Africa"),
    R("rage", OFF, "shabaab", "Sheikh Ali Mohamud Rage, the group's spokesman"),
    R("rage", "threaten", "ken", "threatened further attacks on Kenya"),
    R("madeira", LEAD, "amisom", "Francisco Madeira, the head of AMISOM"),
    R(["africom", "usa"], "assault", "shabaab", "carried out two airstrikes near Janaale, killing 12 al-Shabaab fighters"),
    R("waldhauser", HEAD, ["africom", "usa"], "Gen. Thomas Waldhauser, the commander of U.S. Africa Command"),
    R("amnesty", "accuse", ["usa", "africom"], "accused the United States of killing civilians"),
    R(["africom", "usa"], "reject", "amnesty", "a finding that AFRICOM rejected"),
    R("farmaajo", HEAD, "som", "President Mohamed Abdullahi Mohamed"),
    R("farmaajo", "accuse", "shabaab", "condemned the attack on Janaale"),
    R("farmaajo", "support", "au", "thanked the African Union"),
    R("farmaajo", "support", "usa", "thanked ... the United States"),
    R("usa", ["aid", "support", "cooperate"], ["som", "danab"], "Washington also trains and equips Danab"),
    R("faki", HEAD, "au", "Moussa Faki Mahamat, the chairperson of the African Union Commission"),
    R("faki", "accuse", "shabaab", "condemned the attack in a statement"),
    R("umar", LEAD, "shabaab", "The group, which has been led since 2014 by Ahmed Umar"),
    R("shabaab", "basedIn", "jilib", "from its stronghold of Jilib"),
    R("ken", "memberOf", "amisom", "Kenya, which contributes about 3,600 troops to AMISOM"),
    R("shabaab", "assault", "ken", "Al-Shabaab carried out the siege of the DusitD2 hotel complex in Nairobi"),
    R("omamo", OFF, "ken", "Raychelle Omamo, Kenya's defence minister"),
    R(["omamo", "ken"], "reject", ["shabaab", "rage"], "the threats would not change Kenya's course"),
    R("kenyatta", HEAD, "ken", "Kenyan President Uhuru Kenyatta"),
    R("kenyatta", "consult", "farmaajo", "Kenyatta met Mohamed in Nairobi"),
    # optional
    R("amisom", "memberOf", "au", "the African Union Mission", True),
    R("rage", "request", "ken", "unless the Kenyan government withdrew its soldiers", True),
    R("shabaab", "threaten", "ken", "threat attributed to the group", True),
    R("madeira", "reject", ["rage", "shabaab"], "denied that the base had fallen", True),
    R("africom", "memberOf", "usa", "U.S. Africa Command", True),
    R(["usa", "africom"], "assault", "som", "killing civilians (as alleged)", True),
    R("som", "accuse", "shabaab", "condemnation attributed to Somalia", True),
    R("som", "support", ["au", "usa"], "thanks attributed to Somalia", True),
    R(["au", "usa"], "support", "som", "standing with Somalia", True),
    R("au", "accuse", "shabaab", "condemnation attributed to the AU", True),
    R("danab", "memberOf", "som", "an elite unit of the Somali National Army", True),
    R(["danab", "som"], "cooperate", "amisom", "fights alongside AMISOM troops", True),
    R("shabaab", "basedIn", "som", "runs much of the countryside in southern and central Somalia", True),
    R("ken", "coerce", "shabaab", "Kenyan police arrested three men ... recruiting for the group", True),
    R("farmaajo", "consult", "kenyatta", "reverse direction of the meeting", True),
    R("ken", "consult", ["som", "farmaajo"], "meeting attributed to Kenya", True),
    R("amisom", "retreat", "som", "the mission could withdraw several thousand troops (hypothetical)", True),
    R(["janaale", "lower_shabelle", "jilib", "middle_juba"], "locatedIn", ["som", "lower_shabelle", "middle_juba"], "places in Somalia", True),
    R("mombasa", "locatedIn", "ken", "Mombasa", True),
])


def norm(name):  # same as shared/eval/score.py
    name = name.lower().replace("\u2019", "'")
    name = re.sub(r"^the\s+", "", name)
    name = re.sub(r"'s$", "", name)
    return re.sub(r"[^a-z0-9]+", "", name)


def main():
    files = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert files == sorted(DOCS), (files, sorted(DOCS))
    problems, lines = [], []
    for fid in files:
        raw = (SEEDS / fid).read_bytes()
        text = raw.decode("utf-8")
        d = DOCS[fid]
        ids = [e["id"] for e in d["entities"]]
        if len(ids) != len(set(ids)):
            problems.append(f"{fid}: duplicate entity ids")
        seen = {}
        for e in d["entities"]:
            if e["type"] not in TYPES:
                problems.append(f"{fid}: bad type {e}")
            for n in e["names"]:
                if n not in text:
                    problems.append(f"{fid}: name not in text: {e['id']} {n!r}")
                k = norm(n)
                if k in seen and seen[k] != e["id"]:
                    problems.append(f"{fid}: name {n!r} shared by {seen[k]} and {e['id']}")
                seen[k] = e["id"]
        used = set()
        for r in d["relations"]:
            for x in r["s"] + r["o"]:
                if x not in ids:
                    problems.append(f"{fid}: unknown id {x} in {r}")
                used.add(x)
            for p in r["p"]:
                if p not in STRUCT | PLOVER:
                    problems.append(f"{fid}: bad predicate {p}")
            if set(r["s"]) == set(r["o"]) and len(r["s"]) == 1:
                problems.append(f"{fid}: self relation {r}")
        rec = {"id": fid, "text": text, "date": d["date"], "entities": d["entities"],
               "relations": d["relations"], "score_entities": False}
        lines.append(json.dumps(rec, ensure_ascii=False))
        req = sum(1 for r in d["relations"] if not r.get("optional"))
        opt = len(d["relations"]) - req
        print(f"{fid}: words={len(text.split())} entities={len(ids)} required={req} optional={opt}")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # re-read and verify
    for line, fid in zip(OUT.read_text(encoding="utf-8").splitlines(), files, strict=True):
        rec = json.loads(line)
        assert rec["text"].encode("utf-8") == (SEEDS / fid).read_bytes(), fid
        ids = {e["id"] for e in rec["entities"]}
        assert all(x in ids for r in rec["relations"] for x in r["s"] + r["o"])
    print("wrote", OUT)


main()
