"""Demand coding: agreement with the hand-coded seeds, demands vs mentions, actors, codebook errors."""
import pandas as pd
import pytest

from analysis import InputError, sentences
from analysis.demands import (CODEBOOK_FILE, _all_spans, _first_match, _held_literals,
                              _lowered, category_totals, code_sentences, evidence_html,
                              load_codebook, make_coder, select_categories)
from analysis.validation import annotation_for, gold_codes, load_annotation, scores

REQUIRED = ["halt_training", "halt_weapons", "no_foreign_troops", "neutrality", "territory",
            "demilitarization", "denazification", "russian_withdrawal"]


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def code(texts, codebook):
    """Code invented one-paragraph articles; returns the evidence table."""
    docs = pd.DataFrame({"doc_id": [f"t{n:02d}" for n in range(len(texts))], "text": texts})
    return code_sentences(sentences(docs), codebook)


def test_codebook_has_the_required_categories_each_with_an_example_it_codes(codebook):
    assert set(REQUIRED) <= set(codebook["id"])
    evidence = code(list(codebook["example"]), codebook)
    for n, category in enumerate(codebook["id"]):
        coded = set(evidence.loc[evidence["doc_id"] == f"t{n:02d}", "category"])
        assert category in coded, category


def test_agreement_with_the_hand_coded_seeds(seed_sentences, codebook):
    evidence = code_sentences(seed_sentences, codebook)
    annotation = load_annotation(categories=codebook["id"])
    table = scores(evidence, seed_sentences, annotation, codebook["id"]).set_index("category")
    assert table.loc["micro", "f1"] >= 0.8
    assert table.loc["micro", "precision"] >= 0.85
    for category in REQUIRED:
        if table.loc[category, "annotated"] >= 2:
            assert table.loc[category, "f1"] >= 0.6, category


@pytest.mark.parametrize("text", [
    # From the seeds: an aid announcement and a refusal by the West are not demands.
    "The United States announced a $2.5 billion security assistance package for Ukraine.",
    "Western countries have so far declined its requests to supply weapons.",
    # Invented mentions in other wording.
    "Kyiv demanded faster deliveries of Western air defence systems and more weapons supplies.",
    "Britain has trained more than 30,000 Ukrainian soldiers since the invasion.",
    "Leaders met in Paris to discuss a possible peacekeeping mission after a ceasefire.",
    "Ukraine applied to join NATO in September 2022.",
    # An event expected to happen is no one's demand; training resumes when the holidays end.
    "Talks on the recognition of Crimea are expected to resume in the spring.",
    "The training of Ukrainian soldiers in Poland will resume when the holidays end.",
    # A negated objection objects to nothing.
    "Emmanuel Macron has said he does not rule out sending Western instructors to Ukraine.",
    # A proposal to send troops objects to nothing; Russia's own retreat is no territorial
    # demand; a world war averted is no threat; military activity is not the army.
    "Emmanuel Macron proposed sending European troops to Ukraine after a ceasefire.",
    "Russian troops withdrew from Kherson in November 2022, one of Kyiv's conditions for talks.",
    "Donald Trump said he would prevent World War III.",
    "Sergei Shoigu said Russia had proposed to limit military activity near Kyiv.",
    # Ukraine at war with Russia is no threat; a tank burning is a battlefield report; a country
    # ruling out its own troops objects to nothing said here; Russia's own peace terms.
    "Ukraine, which has been at war with Russia since 2022, asked for more air defence.",
    "Video showed a Russian tank burning near Avdiivka on Monday.",
    "Ukraine's army has grown since 2022, the ministry said, and will be reduced after the war.",
    "Moscow says the peace talks can start on Monday.",
    # A response, a regard, consequences and interceptions with no threat in them.
    "The ministry said it would respond to the letter in writing.",
    "Kyiv regards the proposal as a basis for talks.",
    "Officials warned of the consequences of the drought for the harvest.",
    "Air defences could destroy most of the missiles, the air force said.",
    # Reports dismissed, tanks sent with no threat.
    "The minister dismissed reports that the training mission for Ukrainian troops would be "
    "delayed.",
    "Analysts say the tanks Berlin is sending to Ukraine will arrive in March.",
    # Russian troops destroyed is a battlefield claim, not a threat against the West.
    "Russian troops in the area would be destroyed, the Ukrainian commander said.",
    # A deployment not ruled out; North Korea's arms; a force of "reassurance" proposed; "aims
    # to" is no aim of a demand.
    "Macron said the deployment of Western troops could not be ruled out.",
    "Seoul said North Korean weapons were sent to Russia by sea.",
    "London proposed a European reassurance force for Ukraine.",
    "The ministry aims to train more Ukrainian soldiers next year.",
    # Retaliation that is no military threat.
    "She said Moscow could retaliate diplomatically, for instance by expelling envoys.",
    # "in terms of" and "on good terms" set no terms.
    "In terms of Crimea, the talks covered little, and the two sides parted on good terms.",
    # Declining to discuss a topic objects to nothing.
    "Peskov would not discuss the training of Ukrainian troops in Britain.",
    # Russian troops sent to Ukraine are no foreign troops.
    "Russian troops sent to Ukraine in 2022 were unacceptable to Kyiv, the minister said.",
    # Russia accused of sending weapons is no demand to halt Western supplies; limiting military
    # aid is no cap on an army; ending talks by leaving them is no withdrawal.
    "Kyiv accused Moscow of interfering by sending in troops and weapons.",
    "Several capitals are limiting their military aid budgets this year.",
    "Moscow ended the talks by leaving the room, the diplomat said.",
    # NATO membership asked for is no demand of neutrality; "no instructors" and "no NATO" in a
    # report set no demand.
    "Kyiv asked for NATO membership at the summit in 2008.",
    "There were no instructors at the base and there is no NATO presence nearby.",
    # A contribution considered, a request for weapons, a withdrawal reported: no demand.
    "Ireland could consider a contribution to a peacekeeping mission.",
    "Kyiv asked its allies to speed up deliveries of weapons to Ukraine.",
    "Russian forces left Kherson in November.",
    # A government ruling out sending its own troops, or refusing to, objects to no one's.
    "Trump has ruled out sending American ground troops to Ukraine.",
    "Macron's refusal to rule out sending troops to Ukraine made headlines.",
    # Measures taken, and a vow, on no topic of the codebook.
    "The ministry will take appropriate measures to protect the harvest.",
    "Zelensky vowed to rebuild the city's schools.",
    # The West accused of becoming a party: an objection, not a threat of escalation; a
    # doctrine reported updated is no threat either.
    "Russia accused the West of becoming directly involved in the conflict.",
    "Putin approved an updated nuclear doctrine on Tuesday.",
    # The West declining to supply its own weapons.
    "The Ruritanian chancellor rules out cruise missiles for Ukraine.",
    # Ukraine's right to strike, and units that are nobody's in particular.
    "Ukraine has the right to strike military targets on Russian territory, the minister said.",
    "Officials accused Moscow of moving such units closer to the border.",
    # Strikes reported, not promised; a Ruritanian pullout "from the territory of" a region.
    "Russian forces struck them overnight, the governor said.",
    "Russian missiles hit depots storing Western weapons near the border, the ministry said.",
    "Ruritania pulled out its troops from the territory of the province in May.",
    # "by all means" is an idiom, not the means of a threat
    "Russia would keep NATO's new spending target in mind and ensure its security by all means.",
    # A task, a tough reception, a mistake and Kyiv's resolve threaten no escalation.
    "The European mission carries responsibility for training Ukrainian soldiers.",
    "The plan to send more weapons faced a tough response from lawmakers.",
    "Zelensky said cutting military aid would be a fatal mistake.",
    "If Russian troops advance, we will destroy them, the Ukrainian commander said.",
])
def test_a_mention_of_the_topic_is_not_coded(text, codebook):
    assert code([text], codebook).empty


@pytest.mark.parametrize("text, category, actor, target", [
    ("Moscow insists that Western countries must stop arming Kyiv before any talks can begin.",
     "halt_weapons", "Russia", "West"),
    ("Foreign Minister Sergei Lavrov said Russia would never accept NATO troops on Ukrainian "
     "soil.", "no_foreign_troops", "Sergei Lavrov", "NATO"),
    ("The Kremlin demanded that Kyiv formally renounce its bid for NATO membership.",
     "neutrality", "Russia", "Ukraine"),
    ("Vladimir Putin called on Ukraine to recognise Crimea and the Donbas as Russian territory.",
     "territory", "Vladimir Putin", "Ukraine"),
    ("Russian negotiators say any settlement must include limits on the size of Ukraine's "
     "army.", "demilitarization", None, None),
    ("Moscow has repeatedly called for the 'denazification' of its neighbour.",
     "denazification", "Russia", None),
    ("Olaf Scholz insisted that Russia withdraw all its forces from Ukraine.",
     "russian_withdrawal", "Olaf Scholz", "Russia"),
    ("Dmitry Peskov said Moscow objects to the training of Ukrainian pilots in Denmark.",
     "halt_training", "Dmitry Peskov", None),
    ("A senior Russian diplomat warned that any Western troops sent to Ukraine would be "
     "legitimate targets.", "escalation_threat", None, None),
    # Reported speech: "would not" for "will not".
    ("Sergei Lavrov said Moscow would not tolerate troops from NATO countries in Ukraine.",
     "no_foreign_troops", "Sergei Lavrov", "NATO"),
    ("The Kremlin has long said that Ukraine must remain neutral.", "neutrality", "Russia", None),
    ("Moscow wants Kyiv to stay out of NATO for good.", "neutrality", "Russia", None),
    # Someone expected to do something: a demand.
    ("Dmitry Peskov said Russia expected Western governments to accept the realities on the "
     "ground.", "territory", "Dmitry Peskov", None),
    # An end to two things at once, the second after "and".
    ("Putin said any settlement would have to end Western weapons supplies and the training "
     "of Ukrainian soldiers by NATO instructors.", "halt_training", "Vladimir Putin", None),
    # A condition ("only once"), and a settlement that must "take into account" the annexation.
    ("Peskov said talks can begin only once Ukraine accepts the new territorial realities.",
     "territory", "Dmitry Peskov", None),
    ("The Kremlin said any settlement must take into account the annexation of four regions.",
     "territory", "Russia", None),
    ("Putin said Ukraine must adopt a neutral, non-aligned, non-nuclear status.", "neutrality",
     "Vladimir Putin", None),
    # A quotation mark between the party and its verb.
    ("Josep Borrell said Russia must “withdraw its troops from the whole territory of Ukraine”.",
     "russian_withdrawal", "Josep Borrell", "Russia"),
    ("The embassy said the decision will lead to an escalation of the conflict.",
     "escalation_threat", None, None),
    # Past tense, a military contingent, a coming war, unpredictable consequences.
    ("Moscow would agree to a truce only if Kyiv withdrew its troops from the Kherson region.",
     "territory", "Russia", None),
    ("Sergei Ryabkov said Moscow rejects any military contingents of NATO countries in "
     "Ukraine.", "no_foreign_troops", "Sergei Ryabkov", None),
    ("Maria Zakharova said a clash between Russia and NATO would become inevitable if troops "
     "were sent.", "escalation_threat", "Maria Zakharova", None),
    ("A Duma deputy said sending NATO troops would drag the continent into a war with Russia.",
     "escalation_threat", None, None),
    ("The ambassador said the consequences would be catastrophic for European security.",
     "escalation_threat", None, None),
    ("Dmitry Medvedev said Russia could strike NATO bases if the missiles were used.",
     "escalation_threat", "Dmitry Medvedev", None),
    # "stop this training"; "be in NATO"; "drop" a bid; "no path to NATO"; an army capped.
    ("Sergei Lavrov demanded that Berlin stop this training at once.", "halt_training",
     "Sergei Lavrov", "Germany"),
    ("The Kremlin said Ukraine must never be in NATO.", "neutrality", "Russia", None),
    ("Moscow told Kyiv to drop its NATO bid.", "neutrality", "Russia", None),
    ("Russia wants a Ukraine with a reduced army and no path to NATO.", "neutrality", "Russia",
     None),
    ("Russia wants a Ukraine with a reduced army and no path to NATO.", "demilitarization",
     "Russia", None),
    ("The Russian side proposed capping Ukraine's army at 50,000 soldiers.", "demilitarization",
     None, None),
    # Refusals: land not ceded, integrity not negotiable, no veto for Moscow.
    ("Ukrainians will never gift their land to the aggressor, the foreign minister said.",
     "territory", None, None),
    ("Volodymyr Zelensky said Ukraine's territorial integrity is not negotiable.", "territory",
     "Volodymyr Zelensky", None),
    ("Mark Rutte said Moscow has no veto over a NATO presence in Ukraine.", "no_foreign_troops",
     "Mark Rutte", None),
    # Supplies that "drag out" the war, or make states "parties to the conflict".
    ("Dmitry Peskov said the continued supply of missiles only drags out the conflict.",
     "halt_weapons", "Dmitry Peskov", None),
    ("Russian diplomats say that arms deliveries to Kyiv make Western states parties to the "
     "conflict.", "halt_weapons", None, None),
    # Conditions for Russia's withdrawal: "the only path to peace", "no peace until".
    ("Josep Borrell said the only path to peace is for Russia to pull out of Ukraine.",
     "russian_withdrawal", "Josep Borrell", None),
    ("There will be no peace until Russian troops leave Ukraine, Volodymyr Zelensky said.",
     "russian_withdrawal", "Volodymyr Zelensky", None),
    # Training halted along with supplies; a batch or flow of weapons objected to.
    ("The embassy urged London to halt arms deliveries and training.", "halt_training", None,
     None),
    ("Maria Zakharova said every new batch of weapons prolongs the war.", "halt_weapons",
     "Maria Zakharova", None),
    ("The ambassador called on Canberra to stop the flow of arms to Kyiv.", "halt_weapons",
     None, None),
    # Blocs and alliances; NATO's expansion as a threat; the right to choose alliances.
    ("Peskov said Ukraine must reject any aims to enter any bloc.", "neutrality",
     "Dmitry Peskov", None),
    ("Lavrov said Russia regards the expansion of NATO as a direct threat.", "neutrality",
     "Sergei Lavrov", None),
    ("The Kremlin wants Kyiv to give up its right to choose its own alliances.", "neutrality",
     "Russia", None),
    # The regions' "independence", a question "closed", "territorial realities", "occupation".
    ("Peskov said the Luhansk republic is independent and Kyiv must accept that.", "territory",
     "Dmitry Peskov", None),
    ("As for Crimea, the question is closed, Peskov said.", "territory", "Dmitry Peskov", None),
    ("Lavrov said talks must start from the new territorial realities.", "territory",
     "Sergei Lavrov", None),
    ("Putin wants Kyiv to recognise the occupation.", "territory", "Vladimir Putin", None),
    ("Russia will cease fire if Ukraine pulls its troops out of the four regions.", "territory",
     "Russia", None),
    ("Putin wants Ukraine to disarm itself.", "demilitarization", "Vladimir Putin", None),
    # Russia's withdrawal, stated: "for Russia to withdraw", "no peace while", "by pulling out".
    ("The quickest way to end the war is for Putin to withdraw his troops, Rutte said.",
     "russian_withdrawal", "Mark Rutte", None),
    ("There can be no talk of peace while Russian soldiers remain on our land.",
     "russian_withdrawal", None, None),
    ("Russia can end this war today by withdrawing its troops.", "russian_withdrawal", None,
     None),
    ("A just peace means the aggressor withdraws.", "russian_withdrawal", None, None),
    ("Russia should get out of Ukraine, the prime minister said.", "russian_withdrawal", None,
     None),
    ("It is Russia that must withdraw, the ministry said.", "russian_withdrawal", None, None),
    # Supplied arms as targets, NATO "at war with Russia", "appropriate decisions".
    ("Peskov said the tanks will burn like all the rest.", "escalation_threat", "Dmitry Peskov",
     None),
    ("Medvedev warned that Western equipment and crews would be targeted.", "escalation_threat",
     "Dmitry Medvedev", None),
    ("Putin said such strikes would mean NATO countries are at war with Russia.",
     "escalation_threat", "Vladimir Putin", None),
    ("Putin said Moscow would make appropriate decisions in response.", "escalation_threat",
     "Vladimir Putin", None),
    # Threats of treatment as a belligerent, of a response, of consequences borne; convoys
    # that could be targeted; a world war in quotation marks; a clash made inevitable.
    ("Sergei Shoigu said Western instructors would be treated as enemy combatants.",
     "escalation_threat", "Sergei Shoigu", None),
    ("Moscow will regard any such contingent as a party to the conflict.", "escalation_threat",
     "Russia", None),
    ("The ministry said that Berlin's decision would be regarded as a deliberate escalation.",
     "escalation_threat", None, None),
    ("Sending the missiles would mean the open participation of the alliance in the war.",
     "escalation_threat", None, None),
    ("Maria Zakharova said Moscow would respond accordingly.", "escalation_threat",
     "Maria Zakharova", None),
    ("Our army will treat them accordingly, the general said.", "escalation_threat", None, None),
    ("Russia reserves the right to respond, the embassy said.", "escalation_threat", None,
     None),
    ("Oslo will bear full responsibility for the consequences.", "escalation_threat", None,
     None),
    ("The consequences will be felt in every European capital.", "escalation_threat", None,
     None),
    ("The Kremlin warned Warsaw of “consequences”.", "escalation_threat", "Russia", None),
    ("Sergei Lavrov said that supply convoys could be targeted.", "escalation_threat",
     "Sergei Lavrov", None),
    ("Medvedev said NATO membership would lead to “a third world war”.", "escalation_threat",
     "Dmitry Medvedev", None),
    ("Dmitry Peskov said such a step would render a clash with NATO inevitable.",
     "escalation_threat", "Dmitry Peskov", None),
    ("Putin said such strikes would mean NATO is “at war” with Russia.", "escalation_threat",
     "Vladimir Putin", None),
    # A threat objects to what it is about (the codebook's threat_category).
    ("Dmitry Medvedev wrote that any European contingent sent to Ukraine would become a "
     "legitimate target.", "no_foreign_troops", "Dmitry Medvedev", None),
    ("Sergei Ryabkov said Western weapons deliveries to Kyiv will be destroyed.", "halt_weapons",
     "Sergei Ryabkov", None),
    # An idea dismissed, no say for the other side, troops barred or prohibited, instructors
    # as participants in the war, an army capped, regions recognised "as Russian", tanks
    # "sending to Ukraine" under a threat, Ukraine brought into NATO.
    ("The foreign minister dismissed the idea of Western peacekeepers.", "no_foreign_troops",
     None, None),
    ("Jens Stoltenberg said Moscow has no right to decide whether NATO troops are deployed in "
     "Ukraine.", "no_foreign_troops", "Jens Stoltenberg", None),
    ("The draft treaty would have barred foreign troops from Ukraine.", "no_foreign_troops",
     None, None),
    ("Russia wants foreign military bases in Ukraine prohibited.", "no_foreign_troops", "Russia",
     None),
    ("The envoy said British instructors are participants in the war.", "halt_training", None,
     None),
    ("The draft would have capped Ukraine's army at 40,000 troops.", "demilitarization", None,
     None),
    ("Zelensky refused to recognise the regions as Russian.", "territory",
     "Volodymyr Zelensky", None),
    ("Medvedev said the tanks Berlin is sending to Ukraine would be destroyed.", "halt_weapons",
     "Dmitry Medvedev", None),
    ("Lavrov said plans to bring Ukraine into NATO were unacceptable.", "neutrality",
     "Sergei Lavrov", None),
    # "Rebuff", "ruling out" as objections.
    ("The remarks were a rebuff to leaders who floated sending European troops to Ukraine.",
     "no_foreign_troops", None, None),
    ("By ruling out European troops, Russia wants Ukraine left without guarantees.",
     "no_foreign_troops", None, None),
    # Cues: "bar ... from", "forbid", "mandatory", "the basis for any settlement", "out of the
    # question", "a breach of", "will not decide", "refrain from".
    ("The draft treaty would bar the alliance from admitting Ukraine.", "neutrality", None,
     None),
    ("The proposal would forbid Western countries from opening military bases in Ukraine.",
     "no_foreign_troops", None, None),
    ("Moscow said keeping Ukraine out of any military alliance was mandatory.", "neutrality",
     "Russia", None),
    ("The envoy called a neutral, non-aligned and non-nuclear status the basis for any "
     "settlement.", "neutrality", None, None),
    ("A NATO presence in Ukraine is out of the question, the deputy minister said.",
     "no_foreign_troops", None, None),
    ("The spokesman called the instructors a breach of the truce.", "halt_training", None,
     None),
    ("Kyiv says Moscow will not decide who trains its soldiers.", "halt_training", None, None),
    ("Moscow insisted that Western states refrain from any military activity on Ukrainian soil.",
     "no_foreign_troops", "Russia", None),
    # Topics in other words.
    ("Ukraine must never be drawn into NATO, the envoy said.", "neutrality", None, None),
    ("The deputy minister said brigades trained abroad were a provocation.", "halt_training",
     None, None),
    ("The Kremlin wants the Ukrainian army reduced to 50,000 troops.", "demilitarization",
     "Russia", None),
    ("The minister urged the Kremlin to pull its forces out without delay.",
     "russian_withdrawal", None, None),
    # Threats, and what they object to.
    ("Any Dutch soldiers deployed there would be treated no differently from Ukrainian troops, "
     "the ambassador said.", "no_foreign_troops", None, None),
    ("Any Dutch soldiers deployed there would be treated no differently from Ukrainian troops, "
     "the ambassador said.", "escalation_threat", None, None),
    ("Foreign trainers in Ukraine do not enjoy any immunity, the ministry said.",
     "halt_training", None, None),
    ("Moscow would answer with military-technical measures, the diplomat said.",
     "escalation_threat", "Russia", None),
    ("Peskov said arming Kyiv brought the nuclear powers closer to a direct clash with each "
     "other.", "halt_weapons", "Dmitry Peskov", None),
    # Cues: "essential for", "the aims of", "pressed ... to", "more deeply involved in",
    # "responsible for ... war", "adding fuel to the fire", "do not even think about".
    ("The envoy said a neutral status for Ukraine was essential for any lasting settlement.",
     "neutrality", None, None),
    ("Officials described the aims of the operation as the demilitarisation of the country.",
     "demilitarization", None, None),
    ("Negotiators pressed Kyiv to limit the size of its army.", "demilitarization", None, None),
    ("By supplying weapons to Kyiv, Finland is becoming more deeply involved in the conflict.",
     "halt_weapons", None, None),
    ("The envoy said states that kept pumping weapons into Ukraine were responsible for every "
     "day of the war.", "halt_weapons", None, None),
    ("Moscow said Washington was adding fuel to the fire by sending long-range missiles to Kyiv.",
     "halt_weapons", "Russia", None),
    ("Do not even think about sending soldiers into Ukraine, the senator warned Oslo.",
     "no_foreign_troops", None, None),
    # Topics in other words.
    ("The ambassador accused Denmark of funnelling arms to Kyiv.", "halt_weapons", None, None),
    ("The ministry said Swedish long-range missiles would only prolong the war.", "halt_weapons",
     None, None),
    ("Lavrov insisted that Western states no longer arm Kyiv.", "halt_weapons", "Sergei Lavrov",
     None),
    ("Moscow demanded that Ottawa suspend all military supplies to Kyiv.", "halt_weapons",
     "Russia", None),
    ("The Kremlin objected to the training of Ukrainian guardsmen in Canada.", "halt_training",
     "Russia", None),
    ("Moscow demanded that Oslo halt Ukrainian soldiers’ winter training.", "halt_training",
     "Russia", None),
    ("The deputy minister demanded that Western states pull out their instructors.",
     "halt_training", None, None),
    ("Moscow has repeatedly ruled out a European reassurance force.", "no_foreign_troops",
     "Russia", None),
    ("The senator warned against putting soldiers on Ukrainian soil.", "no_foreign_troops", None,
     None),
    ("No Ukraine in NATO, the envoy said.", "neutrality", None, None),
    ("The negotiator insisted that Crimea and the Donbas are Russian land.", "territory", None,
     None),
    ("Moscow demanded the four regions, the ministry said.", "territory", "Russia", None),
    ("Officials said the question of Crimea was closed for good.", "territory", None, None),
    ("Russian negotiators demanded a small army for Ukraine.", "demilitarization", None, None),
    ("Moscow pressed Kyiv to outlaw neo-Nazi groups.", "denazification", "Russia", None),
    ("She said Russia should pull its troops and heavy weapons out of eastern Ukraine.",
     "russian_withdrawal", None, None),
    ("Moscow must take its own soldiers home, the minister insisted.", "russian_withdrawal",
     None, None),
    # Threats.
    ("Moscow said a European peacekeeping mission would mean a direct clash with the alliance.",
     "escalation_threat", "Russia", None),
    ("A peacekeeping plan would lead to a direct military confrontation, the Kremlin warned.",
     "escalation_threat", None, None),
    ("Weapons convoys crossing into Ukraine could be attacked, the ministry warned.",
     "escalation_threat", None, None),
    ("Weapons convoys crossing into Ukraine could be attacked, the ministry warned.",
     "halt_weapons", None, None),
    ("Troops sent as peacekeepers would be fought by Russian forces, the envoy said.",
     "escalation_threat", None, None),
    ("Russia will respond with all the means it considers necessary, the ambassador said.",
     "escalation_threat", "Russia", None),
    ("The minister said Moscow would take all necessary measures, including military-technical "
     "ones.", "escalation_threat", None, None),
    ("Medvedev said Russia could respond with weapons of mass destruction.",
     "escalation_threat", None, None),
    # Cues: a price, an unfriendly act, recklessness, suspension, revocation, root causes,
    # refusals to negotiate.
    ("A neutral Ukraine is the price of any deal, the Kremlin says.", "neutrality", None, None),
    ("Any deliveries of lethal weapons to Kyiv would be an unfriendly act, the envoy said.",
     "halt_weapons", None, None),
    ("Supplying weapons to Kyiv would be a reckless step, the former president wrote.",
     "halt_weapons", None, None),
    ("The training of Ukrainian soldiers by foreign instructors would have to be suspended.",
     "halt_training", None, None),
    ("Moscow said the Bucharest pledge to Ukraine must be formally revoked.", "neutrality",
     "Russia", None),
    ("Peace must address the root causes, including NATO’s eastward expansion, Peskov said.",
     "neutrality", None, None),
    ("Crimea, the envoy said, is not on the table.", "territory", None, None),
    ("The status of Kherson and Donetsk will not be discussed, the Kremlin said.", "territory",
     None, None),
    # Topics in other words.
    ("The foreign minister warned against training Ukrainians on Ukrainian soil.",
     "halt_training", None, None),
    ("Moscow condemned the initiative to buy artillery shells for Ukraine abroad.",
     "halt_weapons", "Russia", None),
    ("Moscow expects Rome to keep its policy of not sending weapons to Kyiv.", "halt_weapons",
     "Russia", None),
    ("The draft would bar NATO from any military activity on the territory of Ukraine.",
     "no_foreign_troops", None, None),
    ("Any Polish or Italian units in Ukraine would be legitimate targets, the spokeswoman said.",
     "no_foreign_troops", None, None),
    ("Moscow wants guarantees that Ukraine will remain a non-aligned state.", "neutrality",
     "Russia", None),
    ("The Kremlin’s conditions: a neutral Ukraine and a small army.", "neutrality", "Russia",
     None),
    ("Moscow insists Kyiv cannot choose its own alliances.", "neutrality", "Russia", None),
    ("The drafts would bar Ukraine from ever joining the Western military alliance.",
     "neutrality", None, None),
    ("Only the allies decide on Ukraine’s membership, and Moscow has no veto.", "neutrality",
     None, None),
    ("Moscow wants guarantees that NATO will not expand further east.", "neutrality", "Russia",
     None),
    ("Officials said the question of Crimea’s status was closed for good.", "territory", None,
     None),
    ("He said no soldier would leave land that is Russian under our constitution.", "territory",
     None, None),
    ("We will not hand over our cities in the east, the minister said.", "territory", None,
     None),
    ("Moscow insists on a Donbas pull-out before any ceasefire.", "territory", "Russia", None),
    ("Moscow demanded the withdrawal of Ukrainian troops from the regions it claims.",
     "territory", "Russia", None),
    ("Demanding that Ukraine withdraw from its own land is an ultimatum, Kyiv said.",
     "territory", None, None),
    ("The illegal armed formations must be disbanded, the minister said.", "denazification",
     None, None),
    ("The minister urged Russia to pull its troops back from the border.", "russian_withdrawal",
     None, "Russia"),
    ("The allies urged Moscow to pull back the forces it has massed near Ukraine.",
     "russian_withdrawal", None, None),
    ("Moscow has ruled out pulling its forces back from any area it controls.",
     "russian_withdrawal", "Russia", None),
    ("The EU said the Russian forces massed on the border must return to their bases.",
     "russian_withdrawal", None, None),
    ("If there is no pullback of Russian troops, the bloc will act, he warned.",
     "russian_withdrawal", None, None),
    ("Peace will come when the last Russian soldier leaves Ukrainian soil, Kyiv said.",
     "russian_withdrawal", None, None),
    ("Peskov said a direct conflict between Russia and the alliance would follow.",
     "escalation_threat", None, None),
    ("Moscow would respond by military means to any such deployment, the envoy said.",
     "escalation_threat", "Russia", None),
    ("Moscow says Western instructors sent to Ukraine would be fair game for its forces.",
     "escalation_threat", "Russia", None),
    ("Putin said Russia had weapons capable of striking targets on their own territory.",
     "escalation_threat", None, None),
    ("The jets promised to Kyiv will be shot down once delivered, Russian officials said.",
     "escalation_threat", None, None),
    # More cues: terms, a refusal to agree, "not the subject of bargaining", undermining.
    ("Moscow’s terms include the recognition of Crimea as part of Russia.", "territory",
     "Russia", None),
    ("Russia would not agree to a pause that let the West rearm Ukraine, Peskov said.",
     "halt_weapons", None, None),
    ("The territories are not the subject of bargaining, the negotiator said.", "territory",
     None, None),
    ("A foreign military presence in Ukraine would undermine the truce, the spokesman said.",
     "no_foreign_troops", None, None),
    # More topics.
    ("In practice there would be no foreign instructors in the country.", "halt_training", None,
     None),
    ("Moscow warned Zagreb over its role in arming and training Ukraine.", "halt_training",
     "Russia", None),
    ("Moscow warned Zagreb over its role in arming and training Ukraine.", "halt_weapons",
     "Russia", None),
    ("Each new delivery of Western armour would prolong the war, Peskov said.", "halt_weapons",
     None, None),
    ("The West must stop tempting Kyiv with promises of weapons, the minister said.",
     "halt_weapons", None, None),
    ("Russia insists on a neutral, disarmed Ukraine.", "neutrality", "Russia", None),
    ("Moscow wants a guarantee that Ukraine will stay out of the alliance.", "neutrality",
     "Russia", None),
    ("Moscow would never accept the alliance’s open-door policy, the envoy said.", "neutrality",
     None, None),
    ("Kyiv has refused to hand over the rest of Luhansk.", "territory", "Ukraine", None),
    ("Moscow demanded that Kyiv cap the range of its missiles.", "demilitarization", "Russia",
     None),
    ("Moscow demanded that Kyiv halt mobilisation during the truce.", "demilitarization",
     "Russia", None),
    ("Lavrov insisted that the laws be purged of neo-Nazi ideology.", "denazification", None,
     None),
    ("Kyiv insists that Russian forces and their proxies leave all occupied land.",
     "russian_withdrawal", "Ukraine", None),
    ("The allies demand that Russia pull back the 100,000 troops it has massed.",
     "russian_withdrawal", None, None),
    ("She repeated her demand that Russia pull its troops and heavy weapons out of the Donbas.",
     "russian_withdrawal", None, None),
    ("Russia can end the war by taking its army out of Ukraine, he said.", "russian_withdrawal",
     None, None),
    ("Peskov said Russian forces would not leave a single metre of the land.",
     "russian_withdrawal", None, None),
    ("Supplies of offensive weapons to Kyiv would lead to a global catastrophe, Volodin wrote.",
     "escalation_threat", None, None),
    ("NATO countries arming Ukraine are courting a nuclear war, Medvedev wrote.",
     "escalation_threat", None, None),
    ("A Western deployment in Ukraine would be an act of war, the ministry warned.",
     "escalation_threat", None, None),
    ("States that send missiles to Kyiv should expect a response, he warned.",
     "escalation_threat", None, None),
    ("Arms deliveries could drag NATO into a direct confrontation with Russia, the envoy said.",
     "escalation_threat", None, None),
    ("Moscow would respond with more powerful weapons, Putin said.", "escalation_threat",
     "Russia", None),
    # Set 18's phrasings, in other words.
    ("The drafts would bar Western soldiers, trainers and bases from Ukraine.",
     "no_foreign_troops", None, None),
    ("Keeping Ukraine out of NATO is an absolute imperative for us, Ryabkov said.",
     "neutrality", None, None),
    ("The non-admission of Ukraine is our priority, the envoy said.", "neutrality", None, None),
    ("Moscow wants a pledge that the bloc will never admit Ukraine.", "neutrality", "Russia",
     None),
    ("Kyiv would not agree to declare itself neutral, the adviser said.", "neutrality", None,
     None),
    ("Peace must guarantee that Ukraine never becomes a springboard for NATO.", "neutrality",
     None, None),
    ("The Kremlin’s price for a truce: the four regions and no NATO", "neutrality", None, None),
    ("Putin said the new borders must be written into treaties.", "territory", None, None),
    ("Peskov said the regions were now integral parts of Russia.", "territory", None, None),
    ("Kyiv would have to agree to a complete pullout of its troops from Kramatorsk.",
     "territory", None, None),
    ("He said an army of more than 80,000 troops should be capped at that level.",
     "demilitarization", None, None),
    ("Russian troops would not be leaving the regions, Peskov said.", "russian_withdrawal",
     None, None),
    ("Kyiv insists any settlement must begin with a complete Russian withdrawal.",
     "russian_withdrawal", "Ukraine", None),
    ("The memorandum demands that Kyiv forgo Western weapons.", "halt_weapons", None, None),
    ("Moscow objected to the plan to sell fighter jets to Ukraine.", "halt_weapons", "Russia",
     None),
    ("By sending them tanks, NATO became a party to this war, the envoy said.", "halt_weapons",
     None, None),
    ("Western arms deliveries are the main obstacle to a ceasefire, Ryabkov said.",
     "halt_weapons", None, None),
    ("As long as Europe keeps pouring weapons into Ukraine, it prolongs the war, he said.",
     "halt_weapons", None, None),
    ("Lethal weapons would make Washington responsible for the consequences, the envoy said.",
     "halt_weapons", None, None),
    ("Moscow asked Oslo to keep the instructors away from Ukraine.", "halt_training", "Russia",
     None),
    ("Any Norwegian troops sent to Ukraine would be legitimate targets, the ministry said.",
     "no_foreign_troops", None, None),
    ("The deployment of units and depots of Western countries on the territory of Ukraine is "
     "unacceptable, Zakharova said.", "no_foreign_troops", None, None),
    ("Kyiv would have to agree that no third country could station forces on its soil.",
     "no_foreign_troops", None, None),
    ("Any peace must rule out foreign garrisons, he said.", "no_foreign_troops", None, None),
    ("If the West keeps sending instructors, we will have to respond, including by military "
     "means, he said.", "escalation_threat", None, None),
    ("Instructors training the Ukrainian army enjoy no immunity, Peskov said.",
     "escalation_threat", None, None),
    ("A European force would be treated as a direct entry into the war, Grushko warned.",
     "escalation_threat", None, None),
    ("Medvedev wrote that any Finns sent to fight would go home in coffins.",
     "escalation_threat", None, None),
    ("Russia said it would destroy any battle tanks the West sends to Ukraine.",
     "escalation_threat", "Russia", None),
    ("All such depots will be considered legitimate combat targets.", "escalation_threat", None,
     None),
    # cues: a refusal with an adverb, "not even up for discussion", "cessation", "no vote",
    # "the only realistic path to a lasting peace"
    ("“We categorically do not accept the deployment of military contingents in the country,” "
     "Zakharova said.", "no_foreign_troops", None, None),
    ("Kyiv will not legally recognise the annexation of Crimea, the minister said.", "territory",
     None, None),
    ("Ushakov said the question of European troops in Ukraine was not even up for discussion.",
     "no_foreign_troops", None, None),
    ("The key condition should be a complete cessation of foreign military aid to Kyiv.",
     "halt_weapons", None, None),
    ("Moscow does not get a vote on Ukraine's path to NATO, the secretary-general said.",
     "neutrality", None, None),
    ("The only realistic path to a lasting peace ends with Russian troops leaving the country.",
     "russian_withdrawal", None, None),
    # topics
    ("The ministry told Oslo to stop sending fighter jets to Ukraine.", "halt_weapons", None,
     None),
    ("Moscow warned Oslo to halt F-16 deliveries to Kyiv.", "halt_weapons", None, None),
    ("Every shell sent to Kyiv prolongs the war, the ambassador said.", "halt_weapons", None,
     None),
    ("Moscow rejects the European troop deployment plan.", "no_foreign_troops", None, None),
    ("The alliance pushed back against Moscow's demands on alliance membership.", "neutrality",
     None, None),
    ("The memorandum says Kyiv must give up territory, army and alliances.", "neutrality", None,
     None),
    ("The memorandum says Kyiv must give up territory, army and alliances.", "demilitarization",
     None, None),
    ("The Ukrainian armed forces must leave the territory of these regions, Lavrov said.",
     "territory", None, None),
    ("They want us to withdraw from our own land, the president said.", "territory", None, None),
    ("The minister said Ukraine would never withdraw its troops from its own territory.",
     "territory", None, None),
    ("Russian negotiators proposed capping Ukraine's military at 85,000 troops.",
     "demilitarization", None, None),
    ("Kyiv has flatly ruled out any cap on its forces.", "demilitarization", None, None),
    ("The envoy said the demands amounted to asking Ukraine to disarm in the middle of a war.",
     "demilitarization", None, None),
    ("Moscow said any ceasefire must include a halt to Ukrainian mobilization.",
     "demilitarization", None, None),
    ("Any truce would have to include a halt to Western arms deliveries and to mobilisation.",
     "demilitarization", None, None),
    ("A truce must not be used by Kyiv to mobilise more troops, the aide said.",
     "demilitarization", None, None),
    ("Russia must stop its attacks and withdraw, the minister said.", "russian_withdrawal", None,
     None),
    ("The only path to peace was for Moscow to accept a ceasefire and for its troops to "
     "withdraw.", "russian_withdrawal", None, None),
    ("Russia started this war, and Russia can end it by withdrawing its troops.",
     "russian_withdrawal", None, None),
    ("Officials said the jets would be treated as priority targets.", "escalation_threat", None,
     None),
    ("Ryabkov said Moscow would respond against those who supply the missiles.",
     "escalation_threat", None, None),
    # cues: "the only basis for peace", "only be possible once", "asking for", "there will be
    # no", "no one will decide", "not for Russia", "a matter for Ukraine", "the right to
    # choose", "will not vote for", "had to"
    ("The only basis for peace is the withdrawal of all Russian troops from the country.",
     "russian_withdrawal", None, None),
    ("Peace will only be possible once Russian troops leave Ukrainian territory.",
     "russian_withdrawal", None, None),
    ("Russia is asking for a neutral Ukraine and a small Ukrainian army.", "neutrality", None,
     None),
    ("Russia is asking for a neutral Ukraine and a small Ukrainian army.", "demilitarization",
     None, None),
    ("There will be no neutrality imposed by the aggressor, the spokesman said.", "neutrality",
     None, None),
    ("There can be no talk of its membership in NATO, now or in the future.", "neutrality",
     None, None),
    ("We see no possibility of agreeing to the deployment of NATO contingents.",
     "no_foreign_troops", None, None),
    ("No third country could impose neutrality on Ukraine, the ambassador said.", "neutrality",
     None, None),
    ("It is not for Russia to decide whether Ukraine becomes a member of NATO.", "neutrality",
     None, None),
    ("The question of training missions was a matter for Ukraine and its partners alone.",
     "halt_training", None, None),
    ("He said Ukraine had the right to choose its alliances.", "neutrality", None, None),
    ("Ruritania will not vote for Ukraine's membership in NATO, the premier said.", "neutrality",
     None, None),
    ("Peskov said any talks had to proceed from the realities that have formed on the ground.",
     "territory", None, None),
    # topics
    ("If Moscow wants the training to stop, it should withdraw its troops, he said.",
     "halt_training", None, None),
    ("The Kremlin wants no Western weapons, no instructors and no NATO.", "halt_training", None,
     None),
    ("The Kremlin wants no Western weapons, no instructors and no NATO.", "neutrality", None,
     None),
    ("Moscow wants a ceasefire that would leave Ukraine disarmed and isolated.",
     "demilitarization", None, None),
    ("Moscow hopes to make a halt to Western aid a condition of any truce.", "halt_weapons",
     None, None),
    ("Moscow wants a neutral Ukraine without Western weapons.", "halt_weapons", None, None),
    ("Russia wants Ukraine to be defenceless, without NATO and with a limited army.",
     "neutrality", None, None),
    ("The deployment of a European force would be a sovereign decision for Ukraine.",
     "no_foreign_troops", None, None),
    ("The premier said he would veto Ukraine in NATO.", "neutrality", None, None),
    ("Any deal that forced Kyiv to abandon its course towards NATO would reward the aggressor, "
     "he added.", "neutrality", None, None),
    ("We will not give up our European and Euro-Atlantic path, the envoy said.", "neutrality",
     None, None),
    ("No one will decide for Ukraine which alliances it joins, the president said.",
     "neutrality", None, None),
    ("No Ruritanian leader will sign away Ruritanian land, the president said.", "territory",
     None, None),
    ("The parties discussed a cap of 85,000 servicemen for the armed forces.",
     "demilitarization", None, None),
    ("Kyiv would never agree to restrictions on its armed forces, the aide said.",
     "demilitarization", None, None),
    ("The size of the Ukrainian army is not a subject for negotiations, he said.",
     "demilitarization", None, None),
    ("There will be no limits on our defence forces, the spokesman said.", "demilitarization",
     None, None),
    ("The precondition for peace is that Russia ends its aggression and withdraws its troops.",
     "russian_withdrawal", None, None),
    ("The first step is for Russia to stop its attacks and withdraw its troops, Kallas wrote.",
     "russian_withdrawal", None, None),
    # threats
    ("Such contingents would become a party to the conflict, with all the ensuing "
     "consequences.", "escalation_threat", None, None),
    ("Western instructors in the country will share the fate of the mercenaries, she said.",
     "escalation_threat", None, None),
    ("The ministry said deliveries of long-range weapons to Kyiv will not go unanswered.",
     "escalation_threat", None, None),
    ("The ministry said deliveries of long-range weapons to Kyiv will not go unanswered.",
     "halt_weapons", None, None),
    ("If you send troops, you will be at war with Russia, the analyst said.",
     "escalation_threat", None, None),
    ("Ukraine in NATO means a world war, the premier said.", "escalation_threat", None, None),
    ("Sending troops would bring the danger of a world war to Europe, the minister warned.",
     "escalation_threat", None, None),
    ("The ambassador said Moscow would consider NATO soldiers in Ukraine a target.",
     "no_foreign_troops", None, None),
    ("Lavrov said troops from Europe would be treated as the direct entry of NATO into the "
     "war.", "escalation_threat", None, None),
    ("We will regard such contingents as legitimate targets, he said.", "no_foreign_troops",
     None, None),
    ("If their troops appear in Ukraine, they will be a legitimate target, the envoy said.",
     "no_foreign_troops", None, None),
    # written from sets 25 and 26
    ("Moscow will treat them as enemy forces, the spokesman said.", "escalation_threat", None,
     None),
    ("The flow of weapons must stop, and the mobilisation in Ukraine must stop.",
     "demilitarization", None, None),
    ("It is not for Moscow to tell us whom we train, the minister said.", "halt_training",
     None, None),
    ("It is not for Moscow to tell us what weapons we send to our neighbour.", "halt_weapons",
     None, None),
    ("Every new package of weapons only prolongs the suffering, the ambassador said.",
     "halt_weapons", None, None),
    ("The ministry said the path to peace runs through the withdrawal of Russian troops.",
     "russian_withdrawal", None, None),
    ("Such a peace is impossible while Russian forces occupy Ukrainian land.",
     "russian_withdrawal", None, None),
    ("The president said the country should not take part in any military mission on "
     "Ukrainian territory.", "no_foreign_troops", None, None),
    ("The president refused to allow officers to take part in the mission coordinating "
     "training and weapons deliveries.", "halt_training", None, None),
    ("Peace will come when Russia withdraws its troops from Ukraine, the president said.",
     "russian_withdrawal", None, None),
    ("The Kremlin handed over a memorandum demanding neutrality and army limits.",
     "demilitarization", None, None),
    ("Moscow rejects the plan for a European force in Ukraine.", "no_foreign_troops", None,
     None),
    ("Britain will not be lectured by the Kremlin about who Ukraine trains, he said.",
     "halt_training", None, None),
    ("Nobody in Moscow will decide how big our army should be, he said.", "demilitarization",
     None, None),
    ("The only real guarantee of peace is Russian troops going home.", "russian_withdrawal",
     None, None),
    ("Moscow would not agree to a pause that would let Ukraine rearm with Western weapons.",
     "halt_weapons", None, None),
    ("The question of Ukraine's non-bloc status is fundamental for us, Peskov said.",
     "neutrality", None, None),
    ("If some troops appear there, they will be legitimate targets, Putin said.",
     "no_foreign_troops", None, None),
    ("I simply do not see any sense in the presence of foreign troops in Ukraine, he said.",
     "no_foreign_troops", None, None),
    ("She said any foreign military intervention in Ukraine was unacceptable.",
     "no_foreign_troops", None, None),
    ("Russia does not get to decide which countries' troops stand with Ukraine, he said.",
     "no_foreign_troops", None, None),
    ("There can be no sustainable peace without eliminating Ukraine's drift towards NATO.",
     "neutrality", None, None),
    ("He repeated that Kyiv would not withdraw its forces from the parts of the Donetsk region "
     "it still holds.", "territory", None, None),
    ("We will not give our land to the occupier, he said.", "territory", None, None),
    # Refusals and conditions in more words.
    ("Moscow sees no room for compromise on European peacekeepers, the minister said.",
     "no_foreign_troops", None, None),
    ("The plan to send a European force was a non-starter, the minister said.",
     "no_foreign_troops", None, None),
    ("The deployment of units of the armed forces of other states in Ukraine is unacceptable.",
     "no_foreign_troops", None, None),
    ("The memorandum demanded a ban on any military activity of third countries on its "
     "territory.", "no_foreign_troops", None, None),
    ("Moscow insisted that no foreign force could be deployed to Ukraine without its consent.",
     "no_foreign_troops", None, None),
    ("He saw no reason for foreign forces to be in Ukraine at all.", "no_foreign_troops",
     None, None),
    ("The Kremlin warned of war if Western countries sent troops to fight in Ukraine.",
     "no_foreign_troops", None, None),
    ("We will consider such multinational forces a legitimate military target, she said.",
     "no_foreign_troops", None, None),
    ("The appearance of European troops in Ukraine would be a step towards escalation.",
     "no_foreign_troops", None, None),
    ("I do not see any sense in their presence on the territory of Ukraine, he said.",
     "no_foreign_troops", None, None),
    ("Moscow wants a pledge that Ukraine will stay out of all military alliances.",
     "neutrality", None, None),
    ("He repeated that the attempt to draw Ukraine into NATO was a root cause of the war.",
     "neutrality", None, None),
    ("Moscow's demands included Ukraine giving up its bid to join NATO.", "neutrality",
     None, None),
    ("The minister ruled out any territorial concessions.", "territory", None, None),
    ("Moscow was asking Kyiv to hand over more land.", "territory", None, None),
    ("He said he would order a ceasefire and open talks if Kyiv began withdrawing its troops "
     "from the four regions.", "territory", None, None),
    ("Negotiations can only begin once Russian troops have left all Ukrainian territory.",
     "russian_withdrawal", None, None),
    ("Peace can only be built on the full withdrawal of Russian troops.",
     "russian_withdrawal", None, None),
    ("We call upon him to withdraw all Russian forces.", "russian_withdrawal", None, None),
    ("The price for a ceasefire is no more Western weapons.", "halt_weapons", None, None),
    ("Supplying weapons draws Western countries directly into the conflict, he said.",
     "halt_weapons", None, None),
    ("He said he aimed to demilitarise the country.", "demilitarization", None, None),
    # Threats in more words.
    ("Moscow says Western trainers will have ‘no immunity’ from strikes.",
     "escalation_threat", None, None),
    ("Russia vowed to destroy any Western military hardware sent to Ukraine.",
     "escalation_threat", None, None),
    ("Its forces could strike shipments of Western weapons, the minister said.",
     "escalation_threat", None, None),
    ("Any such step will be considered by us as participation in an armed conflict, he said.",
     "escalation_threat", None, None),
    ("Moscow had cautioned Washington about the consequences of such transfers.",
     "escalation_threat", None, None),
    ("Foreign trainers would not be spared, the Kremlin said.", "escalation_threat", None, None),
    ("Russia threatens to strike French instructors in Ukraine.", "escalation_threat", None, None),
    ("Any European contingent sent to Ukraine would be treated as a NATO force, he said.",
     "no_foreign_troops", None, None),
    ("Alliance members shall not conduct any military activity on the territory of Ukraine.",
     "no_foreign_troops", None, None),
    ("Sending soldiers from the alliance under a different flag was unacceptable, he said.",
     "no_foreign_troops", None, None),
    ("Moscow insisted that NATO deny membership to Ukraine.", "neutrality", None, None),
    ("The draft treaty would bar NATO from admitting any further members.", "neutrality",
     None, None),
    ("Russia demands NATO rule out Ukraine membership.", "neutrality", None, None),
    ("Moscow wanted guarantees that Ukraine would never be admitted to NATO.", "neutrality",
     None, None),
    ("Russia cannot have any say in the matter of Ukraine's membership in NATO, he wrote.",
     "neutrality", None, None),
    ("He said a NATO bid by Kyiv would not be allowed to change Ukraine's neutrality.",
     "neutrality", None, None),
    ("There would be no going into NATO by Ukraine, he posted.", "neutrality", None, None),
    ("NATO had ignored its demands to halt eastward expansion.", "neutrality", None, None),
    ("The Kremlin said it sees the Western deliveries as proof that NATO is taking part in the "
     "war.", "halt_weapons", None, None),
    ("Officials complained about foreign instructors training Ukrainian soldiers.",
     "halt_training", None, None),
    ("The capital would never recognise the outcome of what it called sham votes.",
     "territory", None, None),
    ("He said the main goal, the liberation of the whole of Donbas, remained unchanged.",
     "territory", None, None),
    ("Moscow demanded that Ukraine hand over the rest of the eastern Donetsk region.",
     "territory", None, None),
    ("He called on Ukrainian soldiers to lay down their weapons and go home.",
     "demilitarization", None, None),
    ("Moscow wants a Ukraine with no army worth the name, the official said.",
     "demilitarization", None, None),
    ("Putin orders military operation, vows 'demilitarization and denazification'.",
     "denazification", None, None),
    ("Canada demanded that Russia halt all hostile actions against Ukraine and immediately "
     "withdraw its forces.", "russian_withdrawal", None, None),
    ("He appealed directly to the Russian leader: “President Putin, bring your troops back to "
     "Russia.”", "russian_withdrawal", None, None),
    ("Washington asked Russia to show it was serious by returning its troops to barracks.",
     "russian_withdrawal", None, None),
    ("This is not a bluff, he said.", "escalation_threat", None, None),
    ("We will certainly use all the means at our disposal to protect our people.",
     "escalation_threat", None, None),
    ("Letting Kyiv fire Western missiles would mean NATO is at war with Russia, he said.",
     "escalation_threat", None, None),
    ("The question is whether NATO countries will be directly involved in the military "
     "conflict.", "escalation_threat", None, None),
    ("You should think about the consequences, he said.", "escalation_threat", None, None),
    ("Our response will be immediate, he warned.", "escalation_threat", None, None),
    ("An attack would lead you to such consequences as you have never seen.",
     "escalation_threat", None, None),
    ("Our country also has various means of destruction, he said.", "escalation_threat",
     None, None),
    ("Moscow would make 'appropriate decisions' in response, he said.", "escalation_threat",
     None, None),
    ("Moscow has repeatedly threatened consequences for Western involvement.",
     "escalation_threat", None, None),
    ("He says Russia has the right to strike countries whose arms Ukraine uses.",
     "escalation_threat", None, None),
    ("We consider ourselves entitled to use our weapons against their military facilities.",
     "escalation_threat", None, None),
    ("Russia would revise its nuclear doctrine in response, the minister said.",
     "escalation_threat", None, None),
    ("We will respond just as decisively and in a mirror-like manner, he added.",
     "escalation_threat", None, None),
    ("An attack with the support of a nuclear power would be treated as a joint attack.",
     "escalation_threat", None, None),
    ("The question is whether NATO countries become directly involved in the military "
     "conflict or not.", "escalation_threat", None, None),
    ("He warned against Tomahawks for Kyiv.", "halt_weapons", None, None),
    ("Any decision to give Ukraine long-range cruise missiles would destroy the improvement in "
     "relations, he warned.", "halt_weapons", None, None),
    ("All such units and facilities will be considered legitimate targets.",
     "no_foreign_troops", None, None),
    ("The plan for a multinational force in Ukraine amounts to foreign intervention.",
     "no_foreign_troops", None, None),
    ("We are not satisfied with the proposals to postpone Ukraine's admission to NATO.",
     "neutrality", None, None),
    ("NATO membership for Kyiv was not a realistic outcome, he told allies.", "neutrality",
     None, None),
    ("The invasion's declared aims were demilitarisation and the removal of the government.",
     "demilitarization", None, None),
    ("An annex sets the size of Ukraine's peacetime army, which Moscow demanded be small.",
     "demilitarization", None, None),
    ("Without taking these realities into account, no progress is possible, he said.",
     "territory", None, None),
    ("The Kremlin said a Russian troop pullout by Christmas was out of the question.",
     "russian_withdrawal", None, None),
    ("He rejected a call for Russia to begin withdrawing its troops.", "russian_withdrawal",
     None, None),
    ("Kyiv insisted that any document would have to get Russian soldiers out.",
     "russian_withdrawal", None, None),
    ("Talking to Moscow while Russian forces remained in Ukraine was out of the question.",
     "russian_withdrawal", None, None),
    # "a party to" a war named by its country; a responsibility borne; an arms package
    ("Officials say the Western arms decision makes Borduria a party to Ukraine war.",
     "halt_weapons", None, None),
    ("Those who supply weapons to Kyiv bear direct responsibility for the bloodshed, he said.",
     "halt_weapons", None, None),
    ("Every new arms package only prolongs the fighting, the envoy complained.", "halt_weapons",
     None, None),
    ("Moscow condemned the US aid approved by Congress on Saturday.", "halt_weapons", None, None),
    # strikes promised on Western weapons where they are kept
    ("The minister vowed more strikes on the depots where Western weapons are stored.",
     "escalation_threat", None, None),
    ("The minister vowed more strikes on the depots where Western weapons are stored.",
     "halt_weapons", None, None),
    ("Foreign troops would be considered a party to the conflict, the envoy said.",
     "escalation_threat", None, None),
    ("He said the soldiers would be treated as 'a party to the conflict'.", "escalation_threat",
     None, None),
    ("If their soldiers land there, Russia will strike them, he wrote.", "escalation_threat",
     None, None),
    ("Any response will not be limited to the battlefield, the spokeswoman said.",
     "escalation_threat", None, None),
    ("The responsibility for the consequences will lie with Washington, the envoy said.",
     "escalation_threat", None, None),
    ("Moscow would respond by all available means, he warned.", "escalation_threat", None, None),
    ("Their peacekeepers would come home “in zinc coffins”, he wrote.", "escalation_threat",
     None, None),
    ("The minister said the force would be a target.", "escalation_threat", None, None),
    ("Foreign instructors should have no illusions: wherever they are, they will be found and "
     "destroyed.", "halt_training", None, None),
    ("Any deployment of Ruritanian soldiers to Ukraine would amount to open intervention.",
     "no_foreign_troops", None, None),
    # Kyiv's withdrawal as a condition; land regarded as Russian; the question closed
    ("A settlement is impossible without Ukraine's army leaving the region.", "territory",
     None, None),
    ("Moscow regards Crimea and the four regions as Russian territory.", "territory", None,
     None),
    ("The question of the territories that joined Russia is closed, he said.", "territory",
     None, None),
    ("The Kremlin insists on the new realities before any talks, the envoy says.",
     "territory", None, None),
    ("He wants to cut our army, the president said.", "demilitarization", None, None),
    ("They want us giving up our land and our army.", "demilitarization", None, None),
    # Russia's withdrawal from all of Ukraine's land, not Kyiv's from a region
    ("It can stop this war at any time by withdrawing its troops from the sovereign territory "
     "of Ukraine.", "russian_withdrawal", None, None),
    ("Russia must withdraw its troops from all of Ukraine's territory, the minister said.",
     "russian_withdrawal", None, None),
    ("Kyiv's plan calls for a full Russian pullout.", "russian_withdrawal", None, None),
    # warnings of what allowing strikes or deploying troops would mean
    ("Allowing such strikes would make them direct participants in the war, he said.",
     "escalation_threat", None, None),
    ("It will mean that NATO countries are fighting Russia directly, he said.",
     "escalation_threat", None, None),
    ("We will draw the appropriate conclusions, the minister said.", "escalation_threat", None,
     None),
    ("Any attempt to deploy British forces would draw a military response, he said.",
     "escalation_threat", None, None),
    ("Any attempt to deploy British forces would draw a military response, he said.",
     "no_foreign_troops", None, None),
    ("I would caution them against miscalculations that may turn out to be fatal.",
     "escalation_threat", None, None),
    ("Attempts to inflict a strategic defeat on a nuclear power are doomed, he said.",
     "escalation_threat", None, None),
    ("Moscow is considering changes to its nuclear doctrine in response to Western deliveries.",
     "escalation_threat", None, None),
    ("British military bases in Ukraine would be a cause for concern, and we would not accept "
     "it.", "no_foreign_troops", None, None),
    ("Military facilities of Ruritania, a NATO member, on Ukrainian territory would be "
     "unacceptable.", "no_foreign_troops", None, None),
    ("European troops in Ukraine would be NATO intervention, the diplomat said.",
     "no_foreign_troops", None, None),
    ("Countries training Ukrainian pilots have made themselves complicit in the war.",
     "halt_training", None, None),
    ("We are ready for talks only on the basis of the realities on the ground.", "territory",
     None, None),
    ("Russia would not allow Ukraine to acquire a nuclear arsenal, he said.",
     "demilitarization", None, None),
])
def test_an_invented_demand_is_coded_with_its_category_actor_and_target(
        text, category, actor, target, codebook):
    evidence = code([text], codebook)
    row = evidence[evidence["category"] == category]
    assert len(row) == 1, evidence[["category", "matched", "cue"]]
    if actor is not None:
        assert row["actor"].iloc[0] == actor
    if target is not None:
        assert row["target"].iloc[0] == target


def test_restrictions_on_military_aid_are_no_cap_on_an_army(codebook):
    evidence = code(["He said Kyiv would not accept any restrictions on military assistance."],
                    codebook)
    assert "demilitarization" not in set(evidence["category"])


def test_no_nato_troops_is_no_refusal_of_nato_membership(codebook):
    evidence = code(["Moscow said there must be no NATO troops in the country."], codebook)
    assert list(evidence["category"]) == ["no_foreign_troops"]


def test_moscow_wanting_kyiv_to_pull_out_is_no_russian_withdrawal(codebook):
    evidence = code(["Moscow wants Ukraine to pull its forces out of the Donbas, the envoy said."],
                    codebook)
    assert list(evidence["category"]) == ["territory"]


def test_the_internationally_recognised_borders_are_kyivs_demand_not_moscows(codebook):
    evidence = code(["Kyiv insists that Russian troops withdraw to the internationally "
                     "recognised borders."], codebook)
    assert list(evidence["category"]) == ["russian_withdrawal"]


def test_a_quoted_demand_takes_the_speaker_named_after_the_quotation(codebook):
    evidence = code(["“NATO must halt the training of Ukrainian troops at once,” Sergei Lavrov "
                     "told reporters in Moscow."], codebook)
    assert list(evidence["category"]) == ["halt_training"]
    assert evidence["actor"].iloc[0] == "Sergei Lavrov"


def test_evidence_html_escapes_the_sentence_and_marks_the_match(codebook):
    evidence = code(["<script>x</script> Russia objects to the training of Ukrainian "
                     "troops & instructors."], codebook)
    page = evidence_html(evidence, "halt_training")
    assert "<script>" not in page and "&lt;script&gt;" in page and "&amp;" in page
    assert "<mark>training of Ukrainian troops</mark>" in page


def test_annotation_survives_a_coarser_split(seed_sentences):
    annotation = load_annotation()
    doc_id = annotation["doc_id"].iloc[0]
    first_two = seed_sentences[seed_sentences["doc_id"] == doc_id].head(2)
    merged = pd.DataFrame({"doc_id": [doc_id], "sentence_id": [0],
                           "sentence": [" ".join(first_two["sentence"])]})
    expected = {c for ids in annotation.loc[annotation["sentence"].isin(first_two["sentence"]),
                                            "categories"] for c in ids}
    assert expected  # the seeds' headline and lede are coded
    assert set(gold_codes(merged, annotation)["category"]) == expected


def test_the_annotation_scores_only_a_corpus_holding_all_its_articles(seed_docs):
    ids = ["halt_training", "neutrality"]      # a codebook without most of the seeds' ids
    assert annotation_for(seed_docs.iloc[1:], categories=ids) is None
    assert annotation_for(seed_docs).equals(load_annotation())
    with pytest.raises(InputError, match="unknown category"):
        annotation_for(seed_docs, categories=ids)


def codebook_file(tmp_path, text):
    path = tmp_path / "codebook.yaml"
    path.write_text(CODEBOOK_FILE.read_text(encoding="utf-8").replace(*text), encoding="utf-8")
    return path


@pytest.mark.parametrize("edit, field", [
    (("    label: Halt Western training\n", ""), "label"),
    (("  - id: halt_weapons\n", "  - id: halt_training\n"), "id"),
    (("'peacekeep\\w*'", "'peacekeep(\\w*'"), "patterns.opposed of 'no_foreign_troops'"),
    (("    - 'insist\\w*'\n", "    - '[insist'\n"), "cues.demand"),
    (("    patterns:\n      opposed:\n        - 'training", "    patterns:\n      maybe:\n"
      "        - 'training"), "patterns"),
])
def test_codebook_errors_name_the_file_and_field(tmp_path, edit, field):
    path = codebook_file(tmp_path, edit)
    with pytest.raises(InputError) as error:
        load_codebook(path)
    assert str(path) in str(error.value) and f"field '{field}'" in str(error.value)


def test_a_threat_objects_to_its_topic_only_while_the_codebook_names_a_threat_category(
        tmp_path, codebook):
    text = ["Medvedev said foreign peacekeepers in Ukraine would be legitimate targets."]
    coded = set(code(text, codebook)["category"])
    assert coded == {"escalation_threat", "no_foreign_troops"}
    without = load_codebook(codebook_file(tmp_path, ("threat_category: escalation_threat\n", "")))
    assert set(code(text, without)["category"]) == {"escalation_threat"}
    # A category chosen alone keeps the threats' objection.
    assert set(code(text, select_categories(codebook, ["no_foreign_troops"]))["category"]) == \
        {"no_foreign_troops"}


def test_a_threat_category_without_stated_patterns_is_an_input_error(tmp_path):
    path = codebook_file(tmp_path, ("threat_category: escalation_threat", "threat_category: x"))
    with pytest.raises(InputError) as error:
        load_codebook(path)
    assert "field 'threat_category'" in str(error.value)


def test_unknown_category_subset_is_an_input_error(codebook):
    assert list(select_categories(codebook, ["territory"])["id"]) == ["territory"]
    with pytest.raises(InputError, match="no category nonsense"):
        select_categories(codebook, ["nonsense"])


def test_every_match_of_a_pattern_or_cue_holds_a_literal_of_each_of_its_sets(seed_sentences,
                                                                          codebook):
    coder = make_coder()
    texts = list(seed_sentences["sentence"]) + list(codebook["example"])
    patterns = [(regex, required) for _, entries in coder.categories
                for _, regex, required, _ in entries]
    patterns += [(regex, [required]) for regex, _, required in coder.cues.values()]
    matched = 0
    for text in texts:
        lowered = _lowered(text, coder)
        assert lowered is not None
        for regex, required in patterns:
            for match in regex.finditer(text):
                matched += 1
                words = lowered[match.start():match.end()].split()
                for literals in required:
                    assert any(literal in word for literal in literals for word in words), \
                        (regex.pattern, match.group(), literals)
    assert matched > 150


def test_trying_a_pattern_only_where_a_start_begins_finds_what_a_search_finds(seed_sentences):
    coder = make_coder()
    texts = list(seed_sentences["sentence"]) + [
        "NATO membership, a member of NATO; Members of NATO's council.",
        "Stop arming Kyiv! He STOPPED supplying weapons, then halted arms deliveries.",
        "Russia won't accept it, objects to it and rejected it: “unacceptable”."]
    for text in texts:
        lowered = _lowered(text, coder)
        held = _held_literals(lowered, [(0, 0, len(text))], coder)[0][0]
        for _, entries in coder.categories:
            for _, regex, _, starts in entries:
                assert _span(_first_match(regex, starts, text, lowered, 0, len(text), held)) == \
                    _span(regex.search(text)), (regex.pattern, text)
        for regex, starts, _ in coder.cues.values():
            assert _all_spans(regex, starts, text, lowered, held) == \
                [match.span() for match in regex.finditer(text)], text


def _span(match):
    return match and match.span()


def test_evidence_html_shows_at_most_max_rows_and_says_how_many_more(codebook):
    sentences = [f"Russia demands a halt to the training of Ukrainian troops number {n}."
                 for n in range(5)]
    evidence = code(sentences, codebook)
    assert (evidence["category"] == "halt_training").sum() == 5
    page = evidence_html(evidence, "halt_training", max_rows=2)
    assert page.count("<mark>") == 2 and "… and 3 more sentences" in page
    assert evidence_html(evidence, "halt_training", max_rows=5).count("<mark>") == 5
    assert "more sentences" not in evidence_html(evidence, "halt_training", max_rows=5)


def test_category_totals_sum_sentences_count_articles_and_keep_uncoded_categories():
    codebook = pd.DataFrame({"id": ["neutrality", "territory", "halt_weapons"],
                             "label": ["Neutrality", "Territory", "No weapons"]})
    counts = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "b", "b"],
                           "category": ["neutrality", "territory", "halt_weapons"] * 2,
                           "sentences": [2, 1, 0, 1, 0, 0]})
    totals = category_totals(counts, codebook)
    assert totals.values.tolist() == [["neutrality", "Neutrality", 3, 2],
                                      ["territory", "Territory", 1, 1],
                                      ["halt_weapons", "No weapons", 0, 0]]


def test_an_accusation_that_supplies_make_the_west_a_party_is_no_threat(codebook):
    evidence = code(["Officials said Western deliveries make NATO countries a party to the "
                     "conflict."], codebook)
    assert list(evidence["category"]) == ["halt_weapons"]


def test_a_withdrawal_from_every_inch_of_ukrainian_territory_is_russias_not_kyivs(codebook):
    evidence = code(["Russia must understand that the war ends with the full withdrawal of its "
                     "forces from every inch of Ukrainian territory."], codebook)
    assert list(evidence["category"]) == ["russian_withdrawal"]
    evidence = code(["Kyiv must order the withdrawal of its forces from the four regions."],
                    codebook)
    assert list(evidence["category"]) == ["territory"]


def test_quotation_marks_inside_a_phrase_do_not_break_it_and_the_match_is_the_texts(codebook):
    sentence = "Peskov said such deliveries would “not go unanswered”, a day after the vote."
    evidence = code([sentence], codebook)
    row = evidence[evidence["category"] == "escalation_threat"].iloc[0]
    assert row["matched"] == "would “not go unanswered"
    assert sentence[row["match_start"]:row["match_end"]] == row["matched"]
    # An apostrophe after a letter stays: "countries’ troops" is still the countries' troops.
    evidence = code(["Moscow rejected the idea of other countries’ troops in Ukraine."], codebook)
    assert list(evidence["category"]) == ["no_foreign_troops"]


def test_unquoted_text_maps_every_span_back_to_the_same_words():
    import re

    from analysis.demands import _Unquoted

    text = "“Stop,” he said. ‘Never’ — “the ‘red lines’” stay; Russia’s “terms” hold."
    unquoted = _Unquoted(text)
    # A closing single quote after a letter stays: it may be an apostrophe ("countries’").
    assert unquoted.text == "Stop, he said. Never’ — the red lines’ stay; Russia’s terms hold."
    for word in re.finditer(r"[\w’]+", unquoted.text):
        start, end = unquoted.restored(*word.span())
        assert text[start:end] == word.group()
        assert unquoted.span(start, end) == word.span()
