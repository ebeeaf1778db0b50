"""Cleaning, checked against what a careful reader marked in each seed: what must go, what must stay."""
import re

import pytest

from analysis.clean import clean_text
from conftest import doc

# Read off the seed files by hand: page furniture that is not the article.
MUST_GO = {
    "000": ["Category", "Latest news", "3 min read", "Authors", "(Source: Getty Images)", "See all"],
    "001": ["Enjoying ad-free content?", "disabled all ads", "Support us", "Our journalism is banned",
            "Sign up for our free weekly newsletter", "You will receive it in your mailbox",
            "Subscribers agree to the Privacy Policy", "A Message from The Moscow Times",
            "Dear readers", "We are facing unprecedented challenges", "These actions are direct attempts",
            "refuse to be silenced", "Your support, no matter how small", "By supporting The Moscow Times",
            "Monthly", "Not ready to support today?", "Remind me later", "Read more", "×"],
    "002": ["Image description"],
    "003": [],
    "004": ["Home / Writings & News", "About خاکسار", "Check Also", "Tehran reacts to fresh hostile EU sanctions",
            "Nasser Kan’ani", "Leave a Reply", "Your email address will not be published"],
}
# Article text that must survive, including the first and last paragraph of each article.
MUST_STAY = {
    "000": ["Russia intends to demand that Ukraine halt the training",
            "In total, more than 200,000 Ukrainian soldiers have received training",
            "namely, the Minsk agreements."],
    "001": ["The Kremlin said Friday that the arrival of about 300 U.S. paratroopers",
            "Western countries have so far declined its requests to supply weapons",
            "Canada and Poland have pledged to send 200 and 50 instructors respectively this year."],
    "002": ["Russia is against the deployment of Western peacekeeping troops",
            "secretary of state Antony Blinken said.",
            "a nearly $1 billion tranche of drones, ammunition and equipment."],
    "003": ["The Kremlin has issued a stark warning", "Ukraine’s neutral status is non-negotiable",
            "it must never become a member of NATO", "Trump’s Efforts to Mediate",
            "an even greater conflict involving NATO."],
    "004": ["Russia’s foreign minister accused the West on Thursday",
            "since sending its troops into Ukraine on Feb. 24.",
            "Putin again blamed the West for encouraging Ukraine to prolong the war"],
}


@pytest.mark.parametrize("prefix", sorted(MUST_GO))
def test_page_furniture_is_removed(seed_docs, prefix):
    text = doc(seed_docs, prefix)["text"]
    for phrase in MUST_GO[prefix]:
        assert phrase not in text, phrase


@pytest.mark.parametrize("prefix", sorted(MUST_STAY))
def test_article_text_stays(seed_docs, prefix):
    text = doc(seed_docs, prefix)["text"]
    for phrase in MUST_STAY[prefix]:
        assert phrase in text, phrase


def test_headline_printed_twice_is_kept_once(seed_docs):
    text = doc(seed_docs, "000")["text"]
    assert text.count("Russia Demands NATO Halt Training of Ukrainian Troops to End War") == 1


def test_every_removed_line_has_a_rule_and_comes_from_the_raw_text(seed_docs):
    for raw, removed in zip(seed_docs["raw_text"], seed_docs["removed"]):
        for line_number, line, rule in removed:
            assert rule
            assert line.split()[0] in raw.split("\n")[line_number - 1]


def test_a_byline_in_lower_case_under_a_headline_is_not_joined_to_it():
    text = ("Envoy warns Example against backing arms deliveries to Ukraine\n\nby Jane Smith\n\n"
            "The ambassador said on Tuesday that deliveries would prolong the war.")
    cleaned = clean_text(text)
    assert cleaned.text.split("\n") == [
        "Envoy warns Example against backing arms deliveries to Ukraine",
        "The ambassador said on Tuesday that deliveries would prolong the war."]
    assert [rule for *_, rule in cleaned.removed] == ["byline"]


def test_broken_paragraph_is_rejoined():
    result = clean_text("Moscow said it would send its troops\n\ninto the region on Monday.\nNext one.")
    assert result.text.split("\n") == ["Moscow said it would send its troops into the region on Monday.",
                                       "Next one."]


@pytest.mark.parametrize("line, rule", [
    ("Home > World > Europe", "breadcrumb"),
    ("5 min read", "read time"),
    ("By Jane Smith", "byline"),
    ("Tags:", "label"),
    ("Soldiers at a checkpoint near Kharkiv. Photo: Reuters", "photo credit"),
    ("Soldiers at a checkpoint near Kharkiv. (Photo: Reuters)", "photo credit"),
    ("Subscribe to our newsletter", "newsletter box"),
    ("Please consider a donation to keep our journalism free.", "donation appeal"),
    ("Leave a comment", "comment form"),
    ("Related articles", "teaser"),
    ("Kyiv says Russia will be forced to negotiate if the West keeps up …", "teaser"),
    ("___", "no words"),
    ("Updated 9:14 AM EDT, Tue June 3, 2025", "time stamp"),
    ("Published On 12 Apr 2024", "time stamp"),
    ("14 Nov 2023 08.30 GMTLast modified on 14 Nov 2023 10.02 GMT", "time stamp"),
    ("3 hours ago", "time stamp"),
    ("WhatsApp", "label"),
    ("Copy link", "label"),
    ("Contact us, opens new tab", "link text"),
    ("1.2K", "counter"),
    ("57 Likes · 12 Comments", "counter"),
    ("A tank near Bakhmut on Monday. (AP Photo/Libkos)", "photo credit"),
    ("Sergei Shoigu in Moscow [File: Maxim Shemetov/Reuters]", "photo credit"),
    ("Olaf Scholz in Berlin on Tuesday. Photograph: Michael Kappeler/dpa", "photo credit"),
    ("The talks in Minsk © Pavel Bednyakov/Pool", "photo credit"),
    ("[3/5] Soldiers fire a howitzer near Kherson", "photo credit"),
    ("© 2024 Example News Ltd", "copyright"),
    ("Copyright 2023 Example Media. All rights reserved.", "copyright"),
    ("Reporting by Jane Smith in Kyiv and Tom Brown; Editing by Ann Lee", "credit line"),
    ("Source: news agencies", "credit line"),
    ("Associated Press writer John Doe in Warsaw, Poland, contributed to this report.",
     "credit line"),
    ("Thank you for reading. Subscribe for free to get new posts.", "newsletter box"),
    ("If you can, please consider supporting us with a monthly gift.", "donation appeal"),
    ("Become a member", "donation appeal"),
    ("Read also: Kremlin rejects ceasefire plan", "teaser"),
    ("Watch: Lavrov walks out of the meeting", "teaser"),
    ("Explore more on these topics", "teaser"),
    ("We use cookies to give you the best experience on our website.", "cookie notice"),
    ("Accept all cookies", "cookie notice"),
    ("Manage preferences", "cookie notice"),
    ("Copyright © Example Media Group", "copyright"),
    ("Show 418 comments", "comment form"),
    ("Join the conversation", "comment form"),
    ("Issued on: 07/03/2022 - 15:12", "time stamp"),
    ("Follow us on:", "label"),
    ("On the same topic", "teaser"),
    ("Popular on Example.org", "teaser"),
    ("Read moreWhat is a humanitarian corridor?", "teaser"),
    ("Lavrov at the talks in Minsk Credit: Maxim Shemetov/Reuters", "photo credit"),
    ("Vladimir Putin in Moscow, June 14, 2024. Gavriil Grigorov/Sputnik via AP", "photo credit"),
    ("We and our partners store and/or access information on a device, such as cookies.",
     "cookie notice"),
    ("By Jane Smith, Senior Foreign Correspondent and Tom Brown in Kyiv", "byline"),
    ("Story by Jane Smith, Tom Brown, CNN", "byline"),
    ("By Jane Smith and RFE/RL's Russian Service", "byline"),
    ("Jane Smith in Riga and Pieter de Graaf in Brussels", "byline"),
    ("Story continues below advertisement", "label"),
    ("Link Copied!", "label"),
    ("Skip to content", "label"),
    ("Follow Example News on WhatsApp", "label"),
    ("Follow our coverage of the war at https://example.com/hub/ukraine", "label"),
    ("Listen to this article · 7:42 min Learn more", "audio player"),
    ("Voiced by artificial intelligence.", "audio player"),
    ("(EXAMPLE NEWS with AFP and REUTERS)", "editor's note"),
    ("(Reuters)", "editor's note"),
    ("(Updates with comments from the minister in ninth paragraph.)", "editor's note"),
    ("Update 8/18/23, 10:05 a.m. ET: This article was updated with comment from the embassy.",
     "editor's note"),
    ("A version of this article appears in print on June 15, 2024, Section A, Page 1 of the New "
     "York edition with the headline: Talks Stall as Both Sides Harden Their Positions.",
     "editor's note"),
    ("Get unlimited access to Example.com", "newsletter box"),
    ("Request a free trial", "newsletter box"),
    ("Support free-thinking journalism and attend our events", "donation appeal"),
    ("Read: Why the Kremlin fears a neutral Finland", "teaser"),
    ("Related Content", "teaser"),
    ("Comments (14)", "comment form"),
    ("Updated May 2, 2025 — 6.05am, first published at 4.30am", "time stamp"),
    ("Powered by Example Audio", "audio player"),
    ("Produced by Example Voices using AI narration.", "audio player"),
    ("Published in The Example Daily, March 3rd, 2023", "editor's note"),
    ("Log in, register or subscribe to save articles for later.", "account prompt"),
    ("You must be logged in to follow.", "account prompt"),
    ("Click here to get the evening briefing", "account prompt"),
    ("If you see a typo, select it and press Ctrl+Enter", "tip line"),
    ("Jane Smith/The Example Press", "photo credit"),
    ("Sergei Lavrov speaks to reporters in Moscow on May 5. — AFP", "photo credit"),
    ("See more on: Vladimir Putin, NATO, Sergei Lavrov", "teaser"),
    ("Read more about: Ukraine war , Peace talks", "teaser"),
    ("Edited by: Jane Smith", "credit line"),
    ("--With assistance from Jane Smith and Tom Brown.", "credit line"),
    ("Example News’s Jane Smith in Paris and Tom Brown in Kyiv contributed reporting.",
     "credit line"),
    ("Soldiers at a training ground near Kharkiv on Wednesday. (Jane Smith/Example Press)",
     "photo credit"),
    ("Vladimir Putin chairs a meeting in Moscow on Tuesday. (Reuters)", "photo credit"),
    ("Maria Zakharova at a briefing (Russian Foreign Ministry - Example Agency)", "photo credit"),
    ("By Jane Smith | Example News", "byline"),
    ("By Jane Smith | Edited by Tom Brown", "byline"),
    ("Subjects: Russia, negotiations, Istanbul, neutrality", "label"),
    ("Social Sharing", "label"),
    ("Close main menu", "label"),
    ("Duration 2:14", "label"),
    ("Journalist: Jane Smith, Editor: Tom Brown", "credit line"),
    ("With files from Reuters and Example Press", "credit line"),
    ("CLICK HERE TO GET THE EXAMPLE NEWS APP", "app prompt"),
    ("Get the Example app for the latest news, updates and more", "app prompt"),
    ("KREMLIN SAYS WEST MUST STOP ARMING KYIV BEFORE TALKS", "link in capitals"),
    ("NEWYou can now listen to Example News articles!", "audio player"),
    ("WATCH | Minister announces new military aid for Ukraine:", "teaser"),
    ("Already have an account? Sign in", "newsletter box"),
    ("Sign up", "newsletter box"),
    ("Support EN or become our patron!", "donation appeal"),
    ("The use of materials is permitted only with a hyperlink to Example News.", "copyright"),
    ("Feb 27, 2024 06:42 PM IST", "time stamp"),
    ("Jane Smith — Tuesday, 29 March 2022, 19:40", "time stamp"),
    ("Example Press / Updated: Mar 7, 2022, 20:51 IST", "time stamp"),
    ("By political reporter Jane Smith", "byline"),
    ("Published by Example Newspapers Ltd", "byline"),
    ("Kremlin spokesman Dmitry Peskov (File photo: Reuters)", "photo credit"),
    ("Tanks at a base near Sydney. (Supplied: Department of Defence)", "photo credit"),
    ("Recruits at a training ground in England. (Example News: Supplied)", "photo credit"),
    ("Dmitry Peskov in Moscow on Thursday.Jane Smith / Pool via AP file", "photo credit"),
    ("(With inputs from agencies)", "credit line"),
    ("EN/Reuters", "credit line"),
    ("Reuters and Agence France-Presse", "credit line"),
    ("Reuters contributed.", "credit line"),
    ("Explainer | What are Russia’s terms for ending the war?", "teaser"),
    ("Watch Kremlin lists its conditions for ending the war", "teaser"),
    ("MOST WATCHED NEWS VIDEOS", "teaser"),
    ("Popular from World", "teaser"),
    ("Other Topics of Interest", "teaser"),
    ("Play Video. Duration: 1 minute 58 seconds", "label"),
    ("1 m 58 s", "label"),
    ("X (formerly Twitter)", "label"),
    ("Why you can trust Example News", "label"),
    ("Join our Telegram channel for the latest updates from Ukraine", "label"),
    ("Feedback", "label"),
    ("Support Example Post’s independent journalism", "donation appeal"),
    ("Our reporters are on the front lines. Become a member and help us keep telling the story.",
     "donation appeal"),
    ("Enter your email", "newsletter box"),
    ("Get our breaking news alert", "newsletter box"),
    ("The comments below have not been moderated.", "comment form"),
    ("By posting your comment you agree to our house rules.", "comment form"),
    ("Example News has removed its comment section. Join the discussion on social media.",
     "comment form"),
    ("Do not sell or share my personal information", "cookie notice"),
    ("The views expressed above do not necessarily reflect the views of Example News.",
     "disclaimer"),
    ("IE 11 is not supported. For an optimal experience visit our site on another browser.",
     "browser notice"),
    ("Please use Chrome browser for a more accessible video player", "browser notice"),
    ("Got a news tip?", "tip line"),
    ("If you have inside knowledge of a topic in the news, contact Example News.", "tip line"),
    ("This service may include material from Example Press, which is copyright.", "copyright"),
    ("Sunday, Jan 15th 2023 4PM 6°C 7PM 3°C 5-Day Forecast", "weather"),
    ("Town hall in Vilnius / Ž. Kairytė/Example", "photo credit"),
    ("Marta Kairytė / Jonas Žukas/Example", "photo credit"),
    ("Main image credit: Example Agency/Flickr (under CC BY-SA 4.0)", "photo credit"),
    ("Troops at a training ground in western Ukraine. Source: (Example Army Command)",
     "photo credit"),
    ("Donate via Example Pay", "donation appeal"),
    ("Your email address", "comment form"),
    ("Comments are moderated and may take some time to appear.", "comment form"),
    ("Get exclusive analysis and insights on the region’s politics and business.",
     "newsletter box"),
    ("Foreign ministers arrive for talks in Vienna on Monday. [Example Press]", "photo credit"),
    ("Soldiers unload shells near Kharkiv in March. AFP Photo", "photo credit"),
    ("Anna Berg | Photo: Jan Novák, example.cz", "photo credit"),
    ("Anna Berg | Photo: Example.gov, CC BY 4.0", "photo credit"),
    ("Exampress / Jan Novák", "photo credit"),
    ("Mar 3, 2024 9:15 am IDT", "time stamp"),
    ("This content was published on March 3, 2024 - 09:15", "time stamp"),
    ("EXAMPLE NEWS - Mar 3, 2024 - 09:15 | World, Europe", "time stamp"),
    ("Get email alerts for articles from Example News", "newsletter box"),
    ("Gift this article", "label"),
    ("Share on Facebook", "label"),
    ("Tweet", "label"),
    ("Click the bell icon to follow topics:", "account prompt"),
    ("Comments under this article have been deactivated. See our other debates here.",
     "comment form"),
    ("Popular Stories", "teaser"),
    ("Articles in this story", "teaser"),
    ("Compiled by Example News staff with wires", "credit line"),
    ("Click to share on X (Opens in new window)", "account prompt"),
    ("Read the full interview (Opens in new window)", "link text"),
    ("Tagged: NATO, Russia, Ukraine war", "label"),
    ("Join now", "label"),
    ("@examplenews", "label"),
    ("OK", "cookie notice"),
    ("(photo source: example.gov)", "photo credit"),
    ("Delegations meet at a palace in Istanbul on June 2. / Example News", "photo credit"),
    ("Please keep comments civil, constructive and on topic.", "comment form"),
    ("Please log in here to leave a comment.", "comment form"),
    ("Join the conversation in our comments section below and tell us what you think.",
     "comment form"),
    ("Comments will be moderated. Keep comments relevant to the article. Remarks containing "
     "abusive language will be removed.", "comment form"),
    ("TOP", "label"),
    ("Back to top", "label"),
    ("Story highlights", "label"),
    ("Follow Example News", "label"),
    ("Do you like the content of this article?", "label"),
    ("Was this article helpful?", "label"),
    ("Related search: Russia, Ukraine, missiles, Kremlin", "label"),
    ("This story has been viewed 2,841 times.", "counter"),
    ("Example Media Inc. No reproduction without permission.", "copyright"),
    ("Soldiers unload shells near Kharkiv in March. (Photo by Exampress)", "photo credit"),
    ("The foreign minister at a briefing. Scanpix/AFP photo", "photo credit"),
    ("The envoy has warned that troops would mean war. Credit: Example.gov / Wikimedia "
     "Commons / CC BY 4.0", "photo credit"),
    ("Related: Ruritania Will Not Send Troops, Its Premier Says", "teaser"),
    ("Read more in Example Daily: what Moscow wants, and why Kyiv says no", "teaser"),
    ("Latest on Russia-Ukraine war", "teaser"),
    ("Example Post Most Recent", "teaser"),
    ("Close and accept", "cookie notice"),
    ("Please support The Example Globe's independent journalism by becoming a patron.",
     "donation appeal"),
    ("You could close this page. Or you could join our community and help us produce more "
     "materials like this.", "donation appeal"),
    ("The minister speaks to reporters in Ruritania City on March 11, 2025.", "photo caption"),
    ("Soldiers fire a howitzer toward enemy positions near the river on 2 June 2025.",
     "photo caption"),
    ("The president chairs a meeting of the security council on Tuesday, April 1, 2025.",
     "photo caption"),
    ("The president chairs a meeting in the capital. [Photo/Agencies]", "photo credit"),
    ("Featured photo via Facebook/Aino Lehtinen", "photo credit"),
    ("The two ministers at the conference. Photo via Facebook/Aino Lehtinen", "photo credit"),
    ("Share - WeChat", "label"),
    ("Change Size", "label"),
    ("Close x", "label"),
    ("Did you find an error?", "label"),
    ("Read the article in: Ruritanian, Russian", "label"),
    ("TEXT AD: Call Example Motors today", "label"),
    ("jane.smith@example.com", "label"),
    ("Android: https://example.com/app", "label"),
    ("Categories: International, Politics.", "label"),
    ("If you have a Facebook account, become a fan of Example News.", "account prompt"),
    ("Get 50% off now", "newsletter box"),
    ("Your premium period will expire in 0 day(s)", "newsletter box"),
    ("This article was published in example.com with the title \"Talks stall\".",
     "editor's note"),
    ("Make Contribution", "donation appeal"),
    ("It is essential to acknowledge that news costs money, and we take pride in never placing "
     "our stories behind a prohibitive paywall.", "donation appeal"),
    ("Whether you turn to us for daily updates, in-depth investigations or entertaining trending "
     "stories, we value your readership.", "donation appeal"),
    ("Commenting for this story is now closed.", "comment form"),
    ("Top stories", "teaser"),
    ("The spokesman speaks to journalists in Ruritania City, March 2025.", "photo caption"),
    ("Delegation head Aino Lehtinen, center, arrives for talks at the palace on Monday.",
     "photo caption"),
    ("Soldiers at a range in the east. Photo: Ministry of Defence.", "photo credit"),
    ("The two ministers held talks at the palace on Tuesday [Jane Smith/POOL/AFP via Getty]",
     "photo credit"),
    ("Jane Smith, Exampress/Kremlin Pool Photo via Associated Press", "photo credit"),
    ("Further reading", "teaser"),
    ("For more on politics in Ruritania, make sure to check out our dedicated section.",
     "teaser"),
    ("You can contribute here. Thank you.", "donation appeal"),
    ("Example News is an independent outlet. We exist thanks to our readers.",
     "donation appeal"),
    ("Already contributed? Log in to hide these messages.", "donation appeal"),
    ("Would you join us to help keep our stories free for all? Your contribution of as little as "
     "$2 will go a long way.", "donation appeal"),
    ("Whether you come to us for updates on the government, hard-hitting investigations into "
     "critical issues facing our country today, or trending stories, we appreciate you.",
     "donation appeal"),
    ("At Example News, we believe that everyone needs journalism, but we understand that not "
     "everyone can afford to pay for expensive news subscriptions.", "donation appeal"),
    ("By signing up, you agree to our Privacy Notice and Terms of Use.", "newsletter box"),
    ("Comments are subject to our community guidelines, which can be viewed here.",
     "comment form"),
    ("Registered in England No. 123456.", "copyright"),
    ("Registered office: 1 Example Street, London.", "copyright"),
    ("Available on the App Store", "app prompt"),
    ("Get it on Google Play", "app prompt"),
    ("Find Example News on WhatsApp and stay up to date", "newsletter box"),
    ("Stay up to date with the latest news. Follow EN on WhatsApp Channels.", "newsletter box"),
    ("Keep up with all the latest news from Ruritania by following Example News",
     "newsletter box"),
    ("Be the first to comment on this story.", "comment form"),
    ("Showing 2 comments", "comment form"),
    ("Support Example News", "donation appeal"),
    ("Independent journalism is under threat. Help us by donating today.", "donation appeal"),
    ("Example News is banned in Ruritania. Every donation from our readers helps us keep "
     "reporting.", "donation appeal"),
    ("MORE: Ruritania says it is ready to talk", "teaser"),
    ("Jane Smith speaks to reporters in the capital. AFP", "photo credit"),
    ("- AFP", "photo credit"),
    ("Jane Smith set out her terms in a speech in the capital. (Reuters: Tom Brown)",
     "photo credit"),
    ("Tom Brown is Eastern Europe Correspondent of Example News", "author bio"),
    ("Example News - back to home", "label"),
    ("This article received 1 comments", "comment form"),
    ("Add a comment", "comment form"),
    ("Advertisement 2", "label"),
    ("Open this photo in gallery:", "label"),
    ("Follow related authors and topics", "label"),
    ("Share this article in your social network", "label"),
    ("Available on the App Store and Google Play.", "app prompt"),
    ("Please log in to listen to this story", "account prompt"),
    ("You can save this article by registering for free here.", "account prompt"),
    ("To continue reading, please subscribe:", "account prompt"),
    ("Report a typo or error", "tip line"),
    ("Cancel anytime", "newsletter box"),
    ("Subscribe for €1 for 3 months", "newsletter box"),
    ("Show Comments", "comment form"),
    ("Comments are now closed on this article.", "comment form"),
    ("Read our House Rules", "comment form"),
    ("– With reporting from AFP and Example Press", "credit line"),
    ("The audio version of this article is generated by text-to-speech.", "audio player"),
    ("Join EN’s WhatsApp Channel and get the latest news and must-reads.", "newsletter box"),
    ("Stay updated with the latest news!", "newsletter box"),
    ("Enjoying this article? Click here to subscribe for full access. Just $5 a month.",
     "newsletter box"),
    ("Already a member? Sign in to stop seeing this", "newsletter box"),
    ("By subscribing, you can help us get the story right.", "donation appeal"),
    ("We’re really pleased that you’ve read 8 Example News articles in the past month.",
     "donation appeal"),
    ("Jane Smith attends a session in the capital on Thursday. (AFP-Yonhap)", "photo credit"),
    ("Views: 1,318", "counter"),
    ("Share/Print:", "label"),
    ("Short link:", "label"),
    ("https://example.com/News/481234.aspx", "label"),
    ("PHOTO GALLERY (CLICK TO ENLARGE)", "label"),
    ("Advertise with us", "label"),
    ("Tel : +82-2-727-0114", "label"),
    ("Tom Brown is a Prague-based analyst who writes on Russian foreign policy.", "author bio"),
    ("This was published 6 months ago", "editor's note"),
    ("Example News acknowledges the traditional owners of country throughout Ruritania.",
     "acknowledgement"),
    ("READ | Ruritania and Borduria sign a trade deal", "teaser"),
    ("Related Links", "teaser"),
    ("EDITORS' PICK", "teaser"),
    ("Please enter your comment!", "comment form"),
    ("You have entered an incorrect email address!", "comment form"),
    ("Save my name, email, and website in this browser for the next time I comment.",
     "comment form"),
    ("Comments have been closed for this article.", "comment form"),
    ("ePaper", "label"),
    ("Go to the Example News homepage", "label"),
    ("Full article", "label"),
    ("Did you find this article insightful?", "label"),
    ("Don't miss out on the latest news and information.", "newsletter box"),
    ("If you have a Facebook account, become a fan and get updates from Example News.",
     "account prompt"),
    ("Ruritanian Foreign Ministry spokeswoman Jane Smith at a briefing in the capital. | Photo: "
     "Example / Tom Brown", "photo credit"),
    ("The minister speaks at a briefing in the capital. - REUTERS PIC", "photo credit"),
    ("The minister now heads the country's security council. (example.gov.rb)", "photo credit"),
    ("Follow Example News on Facebook and X", "label"),
    ("File photo", "label"),
    ("examplenews.com", "label"),
    ("Get Breaking News Alerts From Example News", "newsletter box"),
    ("Get the latest news delivered daily!", "newsletter box"),
    ("Get the latest news updates from Example News on WhatsApp", "newsletter box"),
    ("Watch the latest episode of The Briefing on Example TV", "teaser"),
    ("Send your news stories to newsdesk@example.com and via WhatsApp.", "tip line"),
    ("Jane Smith and Tom Brown in the capital on Wednesday / AP", "photo credit"),
    ("Jane Smith and Tom Brown signed the declaration in the capital on Thursday [Getty]",
     "photo credit"),
])
def test_line_rules_on_text_from_other_outlets(line, rule):
    body = "The minister said the talks would continue next week in Geneva."
    removed = {text: why for _, text, why in clean_text(f"{body}\n{line}\n{body} Again.").removed}
    assert removed.get(line) == rule


def test_article_sentences_with_cue_like_words_stay():
    text = ("Ukraine asked the West for more support, and Kyiv signed up to the plan.\n"
            "He said Ukraine must never become a member of NATO.\n"
            "The donation of tanks was announced on Monday by the ministry of defence.\n"
            "Reporting by the BBC showed that the shells were fired on May 9, 2022.\n"
            "Watch: that was the word Peskov used, a reporter said.\n"
            "A Reuters reporter in Kyiv contributed the photographs to the exhibition in Lviv.\n"
            "Last week, on Monday, 4 May, the talks began.\n"
            "Moscow wants the sanctions lifted (Photo shoots were cancelled) and talks resumed.\n"
            "In 2013 a US diplomat handed out cookies to protesters on the Maidan.\n"
            "Copyright law was not on the agenda, the ministry said.\n"
            "Accept all of it or nothing, Lavrov told them.\n"
            "Read more closely, the memorandum says little, and the left/right split remains.\n"
            "The Kremlin will not rule it out, Peskov said of a corridor in the Black Sea/Azov.\n"
            "(The Kremlin later denied that Putin had set any such condition.)\n"
            "Russia and Ukraine\n"
            "Follow the money, the minister said on television.\n"
            "By Friday, Russia and Ukraine had agreed to resume the talks in Istanbul.\n"
            "Support for the talks in Moscow remains strong today.\n"
            "An update on the talks: this article's author was not allowed in.\n"
            "WHAT RUSSIA WANTS\n"
            "Russian conscripts were told to download the state services app, the ministry said.\n"
            "By the end of March, the talks in Istanbul had stalled.\n"
            "Reuters and AP reporters saw the convoy. It headed north.\n"
            "The Kremlin said it would study the plan. Photo: the convoy on the road to Kyiv.\n"
            "Russians use the Tor browser to read blocked sites, activists say.\n"
            "If you have information about the attack, contact police, the ministry said.\n"
            "Temperatures fell to -20°C in Kharkiv, leaving thousands without heating.\n"
            "Watch what Moscow does, not what it says, the diplomat said.\n"
            "Donate to the Red Cross appeal for Ukraine, the minister urged viewers.\n"
            "The source: (a senior official in Kyiv) was not named by the ministry.\n"
            "Get exclusive access to the front, the general promised the reporters.\n"
            "Moscow Warns Latvia, Estonia Over Role in Arming and Training Kyiv\n"
            "Kyiv will never give up its land, he said of the region [Crimea]\n"
            "The talks were compiled by staff into a report, the Kremlin said on March 3, 2024.\n"
            "Click fraud and fake accounts spread the claims, researchers say.\n"
            "Comments under this article have been many, the editors noted.\n"
            "Popular support for the talks is falling in Ukraine, a poll found.\n"
            "Ok, the minister said, we will talk. Join now or never, he told Kyiv.\n"
            "The delegations met in Istanbul on June 2. / The talks lasted an hour.\n"
            "Top officials from both sides met again on Tuesday in Geneva.\n"
            "Follow the talks, the minister told Russia on Monday.\n"
            "Related: the talks in Geneva were about the same issues.\n"
            "The latest on the talks is that they have stalled, the diplomat said.\n"
            "Conscripts earn just $50 a month, the ministry said.\n"
            "He gave them credit: the talks were going well.\n"
            "The memoir was printed without permission, but reproduction of it is rare.\n"
            "The photo by the agency showed the convoy (Photo archives were closed) yesterday.\n"
            "Russia and Ukraine held peace talks in Istanbul on May 16, 2025.\n"
            "The delegations will hold talks in Geneva on June 2, 2025.\n"
            "Waves of drones struck the city on 2 June 2025.\n"
            "Peskov said the proposal was “not serious”. — AFP\n"
            "Top officials said they will close the airport on Tuesday.\n"
            "Ask the minister: she will tell you the same, the envoy said.\n"
            "Putin, left, and Xi met at the Kremlin, where they signed “a new era” pact.\n"
            "The two leaders last met in Beijing in May 2024, the Kremlin said.\n"
            "For more on the talks, the ministry said, reporters should wait.")
    assert clean_text(text).text == text


ARTICLE = ["The Kremlin set out its terms on Friday, officials in Moscow said.",
           "The talks ended without an agreement, the foreign ministry said later."]


def test_runs_of_short_lines_that_end_no_sentence_go_as_link_lists():
    tags = ["Explore", "Russia", "Ukraine war", "Sergei Lavrov"]
    cleaned = clean_text("\n".join(ARTICLE[:1] + tags + ARTICLE[1:]))
    assert cleaned.text.split("\n") == ARTICLE
    assert {rule for *_, rule in cleaned.removed} == {"link list"}


def test_fewer_short_lines_than_a_link_list_stay():
    subheadings = (ARTICLE[:1] + ["Red lines"] + ARTICLE[1:]
                   + ["What comes next", ARTICLE[0] + " Again."])
    assert clean_text("\n".join(subheadings)).text.split("\n") == subheadings


def test_short_lines_continued_by_removed_furniture_make_a_link_list():
    lines = ARTICLE[:1] + ["Share", "Facebook", "Russia"] + ARTICLE[1:]
    removed = {line: rule for _, line, rule in clean_text("\n".join(lines)).removed}
    assert removed == {"Share": "label", "Facebook": "label", "Russia": "link list"}


@pytest.mark.parametrize("teaser", ["Read more: Kremlin rejects the ceasefire plan",
                                    "Read moreKremlin rejects the ceasefire plan"])
def test_a_teaser_with_its_own_headline_heads_no_list(teaser):
    lines = ARTICLE[:1] + [teaser, "Red lines and demands", ARTICLE[1]]
    cleaned = clean_text("\n".join(lines))
    assert cleaned.text.split("\n") == [ARTICLE[0], "Red lines and demands", ARTICLE[1]]


@pytest.mark.parametrize("items", [
    ["- Neutrality", "- No NATO troops", "- A smaller army"],
    ["1. Neutrality", "2. No NATO troops", "3. A smaller army"],
])
def test_an_articles_bulleted_list_stays(items):
    lines = ARTICLE[:1] + items + ARTICLE[1:]
    assert clean_text("\n".join(lines)).text.split("\n") == lines


def test_a_list_a_sentence_introduces_stays():
    lines = ARTICLE[:1] + ["Russia's conditions for a ceasefire are:", "Neutrality",
                           "Demilitarisation", "Recognition of Crimea"] + ARTICLE[1:]
    assert clean_text("\n".join(lines)).text.split("\n") == lines


def test_headlines_under_a_teaser_heading_go_up_to_the_next_sentence():
    teasers = ["More on this story", "Kremlin says talks with Kyiv are stalled",
               "What does Russia want from Ukraine?", "12 May 2025",
               "Zelensky arrives in Turkey for the talks"]
    cleaned = clean_text("\n".join(ARTICLE[:1] + teasers + ARTICLE[1:]))
    assert cleaned.text.split("\n") == ARTICLE
    assert [rule for *_, rule in cleaned.removed] == [
        "teaser", "teaser (after its heading)", "teaser (after its heading)", "time stamp",
        "teaser (after its heading)"]


def test_a_section_name_heads_teasers_only_after_the_article_has_begun():
    page = ["Top stories", "Kremlin sets out its terms for a ceasefire"] + ARTICLE + [
        "Top stories", "Kremlin says talks with Kyiv are stalled", "Zelensky arrives in Turkey"]
    cleaned = clean_text("\n".join(page))
    assert cleaned.text.split("\n") == page[1:4]
    assert [rule for *_, rule in cleaned.removed] == [
        "teaser", "teaser", "teaser (after its heading)", "teaser (after its heading)"]


def test_teasers_under_a_heading_that_ends_in_a_colon_go():
    teasers = ["Read more from Example News:", "Kremlin says talks with Kyiv are stalled",
               "Zelensky arrives in Turkey for the talks"]
    cleaned = clean_text("\n".join(ARTICLE[:1] + teasers + ARTICLE[1:]))
    assert cleaned.text.split("\n") == ARTICLE


def test_a_teaser_headline_may_end_in_a_quoted_phrase():
    teasers = ["Trending", "Medvedev warns peacekeepers would be ‘legitimate targets’",
               "Kremlin says talks with Kyiv are stalled"]
    assert clean_text("\n".join(ARTICLE[:1] + teasers + ARTICLE[1:])).text.split("\n") == ARTICLE


def test_a_run_of_buttons_ends_a_teaser_list_and_the_headline_after_it_stays():
    headline = "Putin warns the West against allowing long-range strikes"
    lines = ["More from Example News", "Kremlin says talks with Kyiv are stalled", "Facebook",
             "Email", "Print", "Latest", "Russia-Ukraine war", headline, *ARTICLE]
    cleaned = clean_text("\n".join(lines))
    assert cleaned.text.split("\n") == [headline, *ARTICLE]


def test_a_teaser_heading_followed_by_its_kicker_is_no_menu_item():
    lines = [ARTICLE[0], "Share", "Read next", "World",
             "Oil steadies as markets weigh output plans", ARTICLE[1]]
    assert clean_text("\n".join(lines)).text.split("\n") == ARTICLE


def test_a_teaser_heading_in_a_menu_heads_no_list():
    menu = ["Home", "Trending", "Cities", "U.S."]
    headline = "Kremlin warns of conflict with NATO if troops are sent"
    cleaned = clean_text("\n".join(menu + [headline] + ARTICLE))
    assert cleaned.text.split("\n") == [headline, *ARTICLE]


def test_a_label_heading_a_link_list_goes_with_it_and_an_introduction_to_a_quote_stays():
    lines = ARTICLE[:1] + ["In:", "Ukraine", "Russia", "Vladimir Putin"] + ARTICLE[1:]
    cleaned = clean_text("\n".join(lines))
    assert cleaned.text.split("\n") == ARTICLE
    assert {rule for *_, rule in cleaned.removed} == {"link list"}
    quoted = ARTICLE[:1] + ["He said:", "“We will not accept foreign troops.”"] + ARTICLE[1:]
    assert clean_text("\n".join(quoted)).text.split("\n") == quoted


BIO = "Jane Smith is a Moscow correspondent for Example News, based in Berlin."


@pytest.mark.parametrize("lines", [
    ["By Jane Smith", *ARTICLE, BIO],
    [*ARTICLE, BIO],
    [*ARTICLE, "Jane Smith reports on Ukraine and the war there for Example News from Kyiv."],
    [*ARTICLE, "Smith is The Example Post’s Baltics correspondent, based in Riga, Latvia."],
    ["By Jane Smith", *ARTICLE,
     "Jane Smith is foreign affairs and defence correspondent for Example News, based in Rome."],
])
def test_a_note_on_the_author_goes(lines):
    cleaned = clean_text("\n".join(lines))
    assert cleaned.text.split("\n") == ARTICLE
    assert cleaned.removed[-1][2] == "author bio"


def test_the_name_above_a_note_on_the_author_goes_with_it():
    cleaned = clean_text("\n".join([*ARTICLE, "Jane Smith", BIO]))
    assert cleaned.text.split("\n") == ARTICLE
    assert [rule for *_, rule in cleaned.removed] == ["author bio", "author bio"]


def test_a_sentence_about_a_journalist_the_article_names_again_stays():
    lines = [ARTICLE[0],
             "Evan Doe is a reporter for Example News who was detained in Yekaterinburg.",
             "Doe has denied the charges, his lawyer said.", ARTICLE[1]]
    assert clean_text("\n".join(lines)).text.split("\n") == lines


def test_a_short_line_that_recurs_goes_every_time_but_a_headline_printed_again_stays_once():
    lines = (["Russia sets out its terms", "Jump to comments", ARTICLE[0], "Russia sets out its terms",
              "Jump to comments", ARTICLE[1], "Red lines"])
    cleaned = clean_text("\n".join(lines))
    assert cleaned.text.split("\n") == ["Russia sets out its terms", *ARTICLE, "Red lines"]
    assert [(text, rule) for _, text, rule in cleaned.removed] == [
        ("Jump to comments", "repeated label"), ("Russia sets out its terms", "repeated line"),
        ("Jump to comments", "repeated label")]


def test_list_items_and_sentences_that_recur_are_not_labels():
    lines = [ARTICLE[0], "- Neutrality", ARTICLE[1], "- Neutrality", "Talks failed.",
             "Talks failed."]
    removed = [(text, rule) for _, text, rule in clean_text("\n".join(lines)).removed]
    assert removed == [("- Neutrality", "repeated line"), ("Talks failed.", "repeated line")]


def test_short_run_inside_a_donation_block_goes_but_the_article_around_it_stays():
    article = ["The ceasefire held overnight, officials in Kyiv said on Tuesday."] * 1
    appeal = ["Dear readers,", "Independent reporting costs money.", "Please support us today."]
    text = "\n".join(article + appeal + ["The talks resume on Friday, the ministry said."])
    kept = clean_text(text).text
    assert "Independent reporting costs money." not in kept
    assert "The talks resume on Friday" in kept and "The ceasefire held overnight" in kept


@pytest.mark.parametrize("line, rule", [
    ("Your support, no matter how small, makes a world of difference to our newsroom and to the "
     "reporters we keep in the region this winter.", "donation appeal"),
    ("Get our weekly briefing on the war, with analysis from our correspondents, delivered to your "
     "inbox every Friday morning before the markets open.", "newsletter box"),
    ("Firefighters work at the site of a drone strike on a residential building in the city of "
     "Kharkiv on Tuesday morning. (Photo: Sergey Bobok / AFP)", "photo credit"),
    ("The foreign minister said on Tuesday that the talks would resume in Istanbul next month, "
     "according to a statement carried by state media that also …", "teaser"),
    ("This website and our partners use cookies to measure how our pages are used and to show "
     "you content that matches your interests; you can change this at any time.",
     "cookie notice"),
    ("Copyright (c) 2025 Example Radio, Inc. Used with the permission of Example Radio, 100 Main "
     "Street, Suite 4, Springfield, for personal and non-commercial use only.", "copyright"),
    ("Our reporters work where a free press is banned, and they depend on support from readers "
     "like you to keep telling the stories nobody else will tell.", "donation appeal"),
    ("When citing or reprinting any of our materials on the internet, a hyperlink to the site "
     "not lower than the first paragraph is obligatory, as is the name of the agency.",
     "copyright"),
    ("Ruritanian President Jane Smith delivers a televised address to the nation in the capital "
     "on Thursday evening after the talks ended. | EXAMPLE / VIA REUTERS", "photo credit"),
    ("We acknowledge Aboriginal and Torres Strait Islander peoples as the First Australians and "
     "Traditional Custodians of the lands where we live, learn, and work.", "acknowledgement"),
    ("Upgrade now for just $5 a month and enjoy an ads-free website, exclusive analysis and the "
     "full archive of our reporting from the region. Click here>>", "donation appeal"),
    ("Read more in Example News: Ruritania's coalition edges towards a peacekeeping force — but "
     "who will send the troops and who will pay for them?", "teaser"),
    ("TEXT AD: Get 20% off your first order at Example Shop – shop now and enjoy free delivery "
     "in the capital and in every other city of the country", "label"),
    ("Subscribe for full access to premium content from Example News, including in-depth "
     "analysis, the weekly edition and our whole archive of reporting.", "newsletter box"),
    ("Now you can read the Example Observer ePaper anytime, anywhere. The Example Observer ePaper "
     "is available to you at home or at work, the same edition as in print.", "newsletter box"),
    ("Good journalism costs a lot of money. Yet only good journalism can ensure the possibility "
     "of a good society and an accountable democracy.", "donation appeal"),
    ("For continued free access to the best investigative journalism in the country we ask you "
     "to consider making a modest support to this noble endeavour.", "donation appeal"),
    ("By contributing to EXAMPLE NEWS, you are helping to sustain a journalism of relevance and "
     "ensuring it remains free and available to all.", "donation appeal"),
    ("Disclaimer: Comments do not represent the views of Example.net. We reserve the right to "
     "exclude comments which are inconsistent with our editorial standards.", "comment form"),
    ("We'll send you latest news updates through the day. You can manage them any time by "
     "clicking on the notification icon.", "newsletter box"),
])
def test_rules_also_catch_long_lines(line, rule):
    assert len(line.split()) > 20
    removed = {text: why for _, text, why in clean_text(line).removed}
    assert removed.get(line) == rule


def test_folds_to_ascii_lists_every_character_a_case_insensitive_pattern_folds_to_ascii():
    import re
    import string

    from analysis.clean import FOLDS_TO_ASCII

    text = "".join(chr(code) for code in range(128, 0x110000) if not 0xD800 <= code < 0xE000)
    folded = {c for letter in string.ascii_lowercase for c in re.findall(f"(?i){letter}", text)}
    assert folded == set(FOLDS_TO_ASCII)


def _every_rule_tried(line):
    """The plain definition of the rule of a line, without pruning by the document's triggers."""
    from analysis.clean import RULES, SHORT_LINE_MAX_WORDS, TRIGGERS

    short = len(line.split()) <= SHORT_LINE_MAX_WORDS
    lowered = line.lower()
    for name, pattern in RULES:
        if (short or any(trigger in lowered for trigger in TRIGGERS.get(name, ()))) \
                and pattern.search(line):
            return name
    return None


@pytest.mark.parametrize("extra", [
    [],
    ["Please ſupport us today.", "Dear readers,", "Sign up for our newsletter"],
    ["(Photo: Reuters)", "Subscribe now", "Remind me later", "Cancel reply", "See all"],
    ["Your support, no matter how small, makes a world of difference to our newsroom and to the "
     "reporters we keep in the region this winter, said the editor in a message from Kyiv.",
     "An İmage: the Kelvin sign K and a dotless ı in a caption"],
    ["Home / World / Europe", "News » Politics » Elections", "Most popular", "Editor’s picks",
     "More from the region", "Related articles:", "Trending", "You may also like", "Recommended",
     "Load more", "3 comments", "Post a comment", "Log in to reply", "Ministers met again…",
     "Payment methods", "Become a paying member", "Never miss a story", "Photo: Reuters"],
    ["Readers who want the full picture can support us today by becoming a member, the editor "
     "wrote in a long note under the article about the talks and the ceasefire.",
     "If you value reporting from the region, please consider making a donation today so that "
     "our reporters can stay there through the winter and keep writing about the war.",
     "Please ſupport us, the editor wrote in a note to readers about the contribution of the "
     "local staff to the coverage of the talks in the capital this week and the last.",
     "Officials declined to comment on the report, and said that anyone who wants to comment "
     "should log in to comment on the ministry's own website after reading the statement."],
])
def test_rules_pruned_by_the_document_give_the_rule_of_every_line(seed_docs, extra):
    from analysis.clean import _line_rules, _logical_lines

    for raw in seed_docs["raw_text"]:
        lines = _logical_lines(raw + "\n" + "\n".join(extra))
        assert _line_rules("\n".join(line for _, line in lines)) == \
            [_every_rule_tried(line) for _, line in lines]


def test_a_cue_written_with_a_folding_character_is_still_caught():
    # "ſupport us" contains no trigger once lower-cased, but the pattern matches it.
    removed = clean_text("The talks resumed on Monday.\nPlease ſupport us today.").removed
    assert [rule for _, _, rule in removed] == ["donation appeal"]


def test_single_spaced_equals_splitting_at_every_kind_of_whitespace():
    from analysis.clean import _single_spaced

    lines = ["plain words here", " leading", "trailing ", "two  spaces", "tab\there",
             "no-break\u00a0space", "thin\u2009space", "zero\u200bwidth", "line\u2028separator",
             "file\x1cseparator", "", " ", "\u3000ideographic", "“curly” quotes’ here"]
    for line in lines:
        assert _single_spaced(line) == " ".join(line.split()), repr(line)


def test_a_documents_lower_and_casefold_split_at_newlines_are_those_of_its_lines():
    # clean_text lowers and casefolds each document once, not each line.
    lines = ["ΟΔΟΣ", "Σ", "ΑΣ", "Straße İstanbul", "“Curly” K ſ", "x"]
    joined = "\n".join(lines)
    assert joined.lower().split("\n") == [line.lower() for line in lines]
    assert joined.casefold().split("\n") == [line.casefold() for line in lines]


@pytest.mark.parametrize("raw", ["plain\nlines here\n\nand “quotes”", "two  spaces\nok", " lead\nx",
                                 "x\ntrail ", "a \nb", "a\n b", "tab\there\nx", "nbsp\u00a0x\ny",
                                 "", "\n\n", "one"])
def test_single_spaced_lines_equal_splitting_each_line(raw):
    from analysis.clean import _single_spaced_lines

    assert _single_spaced_lines(raw) == [" ".join(line.split()) for line in raw.split("\n")]


@pytest.mark.parametrize("pattern, required", [
    # Of the sets of texts every match holds one of, the one whose shortest text is longest
    # (tests/test_regex_literals.py tests the reading itself).
    (r"\b(?:make|consider) a (?:donation|contribution)\b", ("donation", "contribution")),
    (r"\bpay(?:ment|ing) methods?\b", (" method",)),
    (r"Σx", ("x",)), (r"^[^\w]*$", None),
])
def test_required_text_read_off_a_pattern(pattern, required):
    from analysis.clean import required_text

    assert required_text(pattern) == required


def test_required_is_read_off_every_rule_but_those_that_fail_fast_and_those_without_text():
    from analysis.clean import FAIL_FAST, REQUIRED, RULES, required_text

    without_text = {"no words", "time stamp", "counter", "link in capitals"}
    assert set(REQUIRED) == {name for name, _ in RULES} - {*without_text, *FAIL_FAST}
    assert all(required_text(pattern.pattern) for name, pattern in RULES if name in FAIL_FAST)


def test_every_line_a_rule_matches_holds_its_required_text(seed_docs):
    from analysis.clean import FOLDS_TO_ASCII, REQUIRED, RULES, required_text

    source = open(__file__, encoding="utf-8").read()
    lines = {line for raw in seed_docs["raw_text"] for line in raw.split("\n")}
    lines |= set(re.findall(r'"([^"\n]+)"', source)) | set(re.findall(r"'([^'\n]+)'", source))
    lines = {variant for line in lines for variant in (line, line.upper(), line.lower())
             if not any(character in variant for character in FOLDS_TO_ASCII)}
    matched = 0
    for name, pattern in RULES:
        required = required_text(pattern.pattern)
        assert REQUIRED.get(name, required) == required
        for line in filter(pattern.search, lines):
            matched += 1
            assert required is None or any(text in line.lower() for text in required), (name, line)
    assert matched > 200


def test_every_match_of_a_cue_holds_its_required_text():
    from analysis.clean import CUE_PHRASES, _cues, required_text

    lines = ["Support us today", "Consider making a donation", "Payment methods", "Never miss a story",
             "Log in to reply", "3 comments", "Editors picks", "Editor’s picks", "Show all »",
             "Sign up for our newsletter", "You may also like", "The talks went on..."]
    for phrases in CUE_PHRASES.values():
        for phrase in phrases:
            required = required_text(_cues(phrase))
            for line in lines:
                if re.search(_cues(phrase), line):
                    assert any(text in line.lower() for text in required), (phrase, line)


@pytest.mark.parametrize("raw", ["", " ", "\n\n", "\r\n \t\n"])
def test_a_text_without_lines_cleans_to_nothing(raw):
    cleaned = clean_text(raw)
    assert cleaned.text == "" and cleaned.removed == []


def test_a_contribution_a_state_considers_is_no_donation_appeal():
    line = ("The prime minister said Ruritania could consider a contribution to a peacekeeping "
            "mission.")
    assert clean_text(f"{ARTICLE[0]}\n{line}\n{ARTICLE[1]}").text.split("\n") == [
        ARTICLE[0], line, ARTICLE[1]]


def test_a_menu_under_a_teaser_heading_ends_the_list_and_the_headline_after_it_stays():
    headline = "Ruritania warns foreign troops would be 'legitimate targets'"
    menu = ["Watch Live", "Home", "World", "Politics", "Business"]
    kept = clean_text("\n".join(["Example News - back to home", *menu, headline, *ARTICLE]))
    assert kept.text.split("\n")[-3:] == [headline, *ARTICLE]
    assert not set(menu) & set(kept.text.split("\n"))


@pytest.mark.parametrize("note, after", [
    ("Example News is Ruritania's oldest English-language daily, founded in 1921.", []),
    ("The Ruritania Times is part of Example Media, a network of more than 100 news sites.", []),
    ("Example News was founded in 2010 and is owned by Example Media Ltd.", []),
    # named in the article too, but also in the page's copyright line
    ("Example Wire is an independent news agency founded in 1992.", ["© 1992-2025 Example Wire"]),
])
def test_an_outlets_note_on_itself_goes(note, after):
    lines = [ARTICLE[0], "A source told Example Wire that the talks were over.", ARTICLE[1],
             note, *after]
    removed = {text: why for _, text, why in clean_text("\n".join(lines)).removed}
    assert removed.get(note) == "outlet description"


def test_an_articles_sentence_about_another_outlet_or_a_unit_founded_in_a_year_stays():
    note = "The Daily Ruritanian is a pro-government newspaper founded in 1917."
    lines = [ARTICLE[0], note, "The minister told The Daily Ruritanian that the talks were over.",
             "The Example Battalion was founded in 2014 as a volunteer militia.", ARTICLE[1]]
    assert clean_text("\n".join(lines)).text.split("\n") == lines


def test_a_feed_of_timed_headlines_goes_but_a_live_reports_entries_stay():
    feed = ["15:02 Ruritania and Borduria sign a trade deal",
            "14:47 Drones shot down over the capital overnight",
            "14:31 Exchange rates: the crown weakens against the dollar"]
    live = ["10:15 The minister said the talks would resume in Geneva on Monday.",
            "10:02 Air raid sirens sounded across the east of the country this morning."]
    cleaned = clean_text("\n".join([ARTICLE[0], *live, ARTICLE[1], *feed]))
    assert cleaned.text.split("\n") == [ARTICLE[0], *live, ARTICLE[1]]
    assert {why for _, _, why in cleaned.removed} == {"teaser (timed feed)"}


def test_latest_heads_teasers_after_the_article_but_a_menu_above_it_ends_no_list_below():
    teasers = ["Ruritania's inflation climbs to a five-year high",
               "Borduria beat Ruritania to reach the final"]
    for heading in ("Latest", "Latest World News"):
        cleaned = clean_text("\n".join([*ARTICLE, heading, *teasers]))
        assert cleaned.text.split("\n") == ARTICLE
    # Below the article a teaser list may run through a footer's menu to the lines after it.
    footer = ["Related", "Contact Us", "Help", "Terms", "Example News is a member of the Press "
              "Council"]
    assert clean_text("\n".join([*ARTICLE, *footer])).text.split("\n") == ARTICLE


def test_a_video_title_heads_no_teaser_list_and_the_headline_below_it_stays():
    headline = "Ruritania must ‘disarm’ or its army will settle the issue, the minister warns"
    lines = ["Watch Live", "News / World / Ruritania", headline, *ARTICLE]
    assert headline in clean_text("\n".join(lines)).text.split("\n")


def test_tags_under_a_keywords_label_go_a_list_of_them_too():
    lines = [*ARTICLE, "KEYWORDS", "Ruritania, Borduria, Example Alliance, Missiles"]
    assert clean_text("\n".join(lines)).text.split("\n") == ARTICLE



def test_readers_comments_go_but_a_live_reports_entries_stay():
    comments = ["Comments", "Jane Doe", "28 March 2025 at 11:42",
                "The minister is bluffing again. Nothing changes.", "Reply", "2 Tom",
                "(#) Jun 21st, 2025 - 01:20 pm -3", "Both sides keep moving the goalposts.",
                "Report abuse"]
    cleaned = clean_text("\n".join([*ARTICLE, *comments]))
    assert cleaned.text.split("\n") == ARTICLE
    assert {why for _, text, why in cleaned.removed if "goalposts" in text or "Tom" in text} == \
        {"reader comment"}
    live = ["10:15", "The minister said the talks would resume in Geneva on Monday.", "Share"]
    assert clean_text("\n".join([ARTICLE[0], *live, ARTICLE[1]])).text.split("\n") == \
        [ARTICLE[0], live[1], ARTICLE[1]]


def test_a_teaser_of_its_own_continues_the_list_it_stands_in():
    teasers = ["More in World", "Ruritania's inflation climbs to a five-year high",
               "Borduria beat Ruritania to reach the final",
               "Analysis: Europe's rearmament push runs into the limits of its factories",
               "Greenland vote leaves the capital bracing for another visit",
               "Ruritania’s peace mission: six months on, what has it achieved?"]
    assert clean_text("\n".join([*ARTICLE, *teasers])).text.split("\n") == ARTICLE


def test_the_headlines_after_previous_and_next_article_go():
    links = ["Previous article", "Ruritania's central bank cuts its key rate", "Next article",
             "Remittances to Borduria fall for a second month"]
    assert clean_text("\n".join([*ARTICLE, *links])).text.split("\n") == ARTICLE


def test_tags_under_topics_go_lower_case_ones_too_but_a_headline_under_a_section_stays():
    lines = [*ARTICLE, "Topics :", "Ruritania", "Borduria", "United States", "conflict",
             "peace talks"]
    assert clean_text("\n".join(lines)).text.split("\n") == ARTICLE
    headline = "Ruritania warns Borduria"
    lines = ["Section:", "World", headline, *ARTICLE]
    assert headline in clean_text("\n".join(lines)).text.split("\n")


def test_comments_under_a_comment_form_go_by_their_headers_and_a_name_may_end_in_an_initial():
    comments = ["Comments (3)", "Guest, 2025-12-03 11:04", "Five hours of talks and no deal.",
                "Viktors, 2025-12-03 12:31", "Europe should be at the table.", "Jan K.",
                "March 14, 2025 at 10:12 am", "You could not make it up.", "Reply"]
    lines = ["MOSCOW, March 3, 2025 10:15", *ARTICLE, *comments]
    cleaned = clean_text("\n".join(lines))
    assert cleaned.text.split("\n") == ["MOSCOW, March 3, 2025 10:15", *ARTICLE]
    removed = {text: why for _, text, why in cleaned.removed}
    assert {removed[line] for line in comments[1:6] + comments[7:]} == \
        {"reader comment"}


def test_an_address_alone_on_a_line_is_no_rest_of_a_broken_paragraph():
    cleaned = clean_text("\n".join([*ARTICLE, "Contact the newsroom", "news@example.ee"]))
    assert ("news@example.ee", "label") in {(text, why) for _, text, why in cleaned.removed}


@pytest.mark.parametrize("sentence", [
    "By contributing to the fund, Germany hopes to speed up deliveries of air defence systems.",
    "Ireland could consider making a contribution to the peacekeeping mission, the minister said.",
    "The minister's comments do not reflect government policy, a spokesman said on Tuesday.",
    "Macron did not become a fan of the plan, aides said after the meeting in Paris.",
])
def test_an_article_sentence_near_a_cue_of_an_appeal_or_a_form_stays(sentence):
    lines = [ARTICLE[0], sentence, ARTICLE[1]]
    assert clean_text("\n".join(lines)).text.split("\n") == lines
