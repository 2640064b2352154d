"""Builds questions.jsonl for the user_notes_test2 set."""
import json, pathlib

N = {i: n for i, n in enumerate(sorted(p.stem for p in (pathlib.Path(__file__).parent / "notes").glob("t2-note-*.md")), 1)}

A = []  # (question, lang, sources, keywords, support, type)
def a(q, lang, notes, kw, sp, typ):
    A.append(dict(question=q, language=lang, answerable=True, expected_sources=[N[n] for n in notes],
                  answer_keywords=kw, support_phrase=sp, type=typ))
def u(q, lang):
    A.append(dict(question=q, language=lang, answerable=False, expected_sources=[], answer_keywords=[],
                  support_phrase="", type="unanswerable"))

# --- answerable (40) ---
a("How many injecting booths and how many inhalation places will Kestrava's supervised consumption room at Brennagasse have?", "en", [1],
  [["8", "eight"], ["4", "four"]], "8 injection booths and 4 inhalation places", "number")
a("On what grounds did the opposition in Kestrava's council object to the Brennagasse site for the consumption room?", "en", [1],
  [["school"]], "too close to the Harbour primary school", "why")
a("How did the number of needles found in Fenwick Park in July-September 2024 compare with the same months a year before?", "en", [2],
  [["212"], ["74"]], "212 discarded needles had been collected in Fenwick Park", "comparison")
a("Which funding pot did the Dunholt partnership's chair suggest bidding to so Open Door's night outreach could continue?", "en", [2],
  [["Safer Streets"]], "Police and Crime Commissioner's Safer Streets fund", "fact")
a("What do the evaluators of the Marrisford peer naloxone pilot see as the main reason fewer distributors stayed active?", "en", [3],
  [["payment", "paid", "pay ", "unpaid", "fee", "remunerat"]], "lack of payment for peers' time", "why")
a("At which festivals will Oskelund offer drug checking in summer 2024?", "en", [4],
  [["Strandljus"], ["Kvarnrock"], ["Harbour Festival", "Harbour"]], "Strandljus (21-23 June)", "list")
a("Combien coûte le projet pilote d'analyse de drogues dans les festivals d'Oskelund, et quelle somme la municipalité apporte-t-elle ?", "fr", [4],
  [["1.9", "1,9"], ["1.2", "1,2"]], "The pilot costs SEK 1.9 million", "french")
a("Why is Tervolla putting more money into prevention in schools in its 2025 draft budget?", "en", [5],
  [["Compass"], ["22"]], "life-skills programme from 14 to 22 schools", "why")
a("What is the total proposed 2025 envelope for Tervolla's community safety and addiction services chapter?", "en", [5],
  [["6.82", "6,82", "6 820 000", "6,820,000", "6.820.000"]], "The total proposed allocation for 2025 is EUR 6.82 million", "number")
a("Who chairs Lanternway's board of trustees?", "en", [6],
  [["Okafor-Reilly", "Okafor Reilly"]], "chaired by Rev. Desmond Okafor-Reilly", "fact")
a("In the NIGHTLINK project, which partners lead the training work package and the reporting-app work package?", "en", [7],
  [["Lumen Notte"], ["Aldermoor"]], "WP2 Training (lead: Fondazione Lumen Notte)", "list")
a("Dans quelles langues la boîte à outils du projet NIGHTLINK doit-elle être publiée ?", "fr", [7],
  [["English", "anglais"], ["Italian", "italien"], ["Swedish", "suedois"]], "The toolkit will be published in English, Italian and Swedish", "french")
a("How do the four pilot cities in the Halvorsen brief sell regulated cannabis?", "en", [8],
  [["pharmac"], ["municipal shop", "municipal store"], ["social club"]], "Grelstadt and Vaasbeck use pharmacies", "list")
a("What held up Uhlenbrook's cannabis trial by six months?", "en", [8],
  [["police"], ["site", "location"]], "police were consulted only after the site had been chosen", "why")
a("How many people attended the Valmerino forum on cities and drugs, and how many cities signed its declaration?", "en", [9],
  [["340"], ["38"]], "38 cities signed the Valmerino Declaration", "number")
a("What did the cities signing the Valmerino Declaration commit to?", "en", [9],
  [["early warning"], ["naloxone"], ["people who use drugs", "drug policy bodies"]], "set up local early warning systems by 2026", "list")
a("Qui a prononcé la conférence principale du forum de Valmerino, et sur quel sujet ?", "fr", [9],
  [["Kalnins"], ["synthetic opioid", "opioides synthetiques", "opioide"]], "was given by Professor Arvid Kalnins", "french")
a("How often did officers in Harlowmere's Central District give naloxone in 2024?", "en", [10],
  [["19", "nineteen"]], "they administered it 19 times in 2024", "number")
a("What arrangement does the Harlowmere chief inspector want for the most vulnerable people at Quayside Square?", "en", [10],
  [["case conference"], ["20", "twenty"]], "joint weekly case conference on the 20 most vulnerable people", "fact")
a("Why did Lindqvarn's Green group oppose the alcohol ban around the station?", "en", [11],
  [["displace"], ["residential"]], "displace street drinkers to residential streets", "why")
a("What is holding up the sixth syringe vending machine in Corvennick?", "en", [12],
  [["railway"], ["permission"]], "the railway company has not yet granted permission", "why")
a("What proportion of Housing First Ardmoor participants were still in their homes one year and two years after moving in?", "en", [13],
  [["79"], ["71"]], "79 % of participants were still housed after 12 months", "number")
a("Why did people in Ardmoor's Housing First programme lose their tenancies?", "en", [13],
  [["prison", "imprison"], ["death", "died"], ["abandon"], ["evict", "anti-social"]], "imprisonment (7), death (4)", "list")
a("How many drug-related deaths did Pellingham county see in 2022 and in 2023?", "en", [14],
  [["29"], ["47"]], "from 29 in 2022 to 47 in 2023", "number")
a("When will Pellingham's drug-related death review panel begin meeting, and how often will it meet?", "en", [14],
  [["March 2025", "mars 2025"], ["month", "mensuel"]], "It will meet monthly, starting in March 2025.", "date")
a("Why were the 'Just Say No' assemblies scrapped in Stoneleigh Vale?", "en", [15],
  [["no measurable effect", "no effect", "not have any effect", "no impact"]], "found no measurable effect on pupils' behaviour", "why")
a("Who pays for Clear Choices, and how much does each funder contribute?", "en", [15],
  [["150,000", "150 000", "150000", "150k"], ["36,000", "36 000", "36000", "36k"]], "public health grant (GBP 150,000)", "number")
a("Quelles drogues les usagers du service PRISM de Haverlund citent-ils le plus souvent ?", "fr", [16],
  [["methamphetamine", "metamphetamine", "crystal"], ["GHB"], ["mephedrone"]], "methamphetamine (62 %)", "french")
a("What caused the six-week wait for counselling at PRISM in spring 2024?", "en", [16],
  [["vacan", "unfilled", "empty post"]], "one of the three counsellor posts was vacant for four months", "why")
a("Combien de postes de consommation la halte soins addictions de Saint-Aurèle-sur-Louve comptera-t-elle ?", "fr", [17],
  [["10", "dix"]], "10 postes de consommation", "french")
a("What rent will the association running Saint-Aurèle-sur-Louve's addiction care site pay for the rue des Tanneurs premises?", "en", [17],
  [["one euro", "1 euro", "un euro", "€1", "EUR 1", "1 €", "symbolic", "symbolique"]], "pour un loyer symbolique d'un euro", "fact")
a("How many drug law offences did Vescombes police record in the first eleven months of 2024?", "en", [18],
  [["412"]], "412 infractions à la législation sur les stupéfiants", "number")
a("Quand la campagne sur le protoxyde d'azote doit-elle démarrer dans les collèges de Vescombes ?", "fr", [18],
  [["printemps 2025", "spring 2025"]], "dans les collèges au printemps 2025", "date")
a("Combien de kits d'inhalation Le Fil d'Ariane a-t-il distribués en 2023, et combien l'année précédente ?", "fr", [19],
  [["642"], ["310"]], "642 kits d'inhalation (pipes à crack) distribués, contre 310 en 2022", "comparison")
a("Which villages does the Port-Ardrel harm-reduction centre's camper van visit?", "en", [19],
  [["Saint-Genole"], ["Kervoustic"], ["Pont-Melar"]], "Saint-Génolé-des-Landes, Kervoustic et Pont-Mélar", "list")
a("According to the Montcalvaire seminar summary, how much has the number of crack users followed by local addiction treatment centres grown?", "en", [20],
  [["180"], ["560"]], "passé de 180 en 2019 à 560 en 2024", "number")
a("Which city councils voted to back a supervised drug consumption facility, and how many councillors voted in favour in each?", "en", [1, 17],
  [["Kestrava"], ["Saint-Aur"], ["31"], ["35"]], "adopted Decision 2024/117 by 31 votes to 14", "multi-doc")
a("Which harm-reduction organisations started a mobile unit for rural villages in 2023, and in which month did each start?", "en", [6, 19],
  [["Lanternway"], ["Fil d'Ariane", "Port-Ardrel"], ["April 2023", "avril 2023"], ["May 2023", "mai 2023"]], "In April 2023 we launched a mobile van", "multi-doc")
a("Which documents report nitazenes being found in heroin?", "en", [9, 19],
  [["Valmerino", "Adriatic-Baltic"], ["Fil d'Ariane", "Port-Ardrel"]], "detecting nitazenes in heroin samples", "multi-doc")
a("How much will Lindqvarn spend on the park toilets and on the security patrols at the station?", "en", [11],
  [["210,000", "210 000", "210000", "210k"], ["290,000", "290 000", "290000", "290k"]], "including EUR 210,000 for the toilets", "number")

# --- unanswerable (20) ---
u("Who has been appointed medical director of the Brennagasse consumption room in Kestrava?", "en")
u("How much will the regional health authority put towards the running costs of Kestrava's consumption room?", "en")
u("Where will the Dunholt Community Safety Partnership hold its meeting of 15 January 2025?", "en")
u("What is the name of the peer organisation that delivered the Marrisford naloxone pilot alongside the needle and syringe programme?", "en")
u("Which laboratory confirms the unusual samples from Oskelund's festival drug-checking tent?", "en")
u("À quelle date le conseil municipal de Tervolla votera-t-il le budget 2025 ?", "fr")
u("Which local business donated Lanternway's mobile van?", "en")
u("Which university has been chosen to evaluate the NIGHTLINK project?", "en")
u("On what date and in which venue will the NIGHTLINK final conference be held in Aldermoor?", "en")
u("Which private foundation provides the Halvorsen Institute's core funding?", "en")
u("Which city will host the fourth Adriatic-Baltic Forum on Cities and Drugs in 2026?", "en")
u("In which city did Chief Inspector Okonkwo-Stern work in the drugs squad before coming to Harlowmere?", "en")
u("Which security firm won the contract to patrol the forecourt of Lindqvarn Central Station?", "en")
u("Who is the regional health agency epidemiologist sitting on the Corvennick vending machine steering committee?", "en")
u("On what date will Ardmoor's Cabinet discuss the Housing First evaluation's recommendations?", "en")
u("Who is the person with lived experience on Pellingham's Drug-Related Death Review Panel?", "en")
u("Quelle université réalise l'évaluation contrôlée du programme Clear Choices à Stoneleigh Vale ?", "fr")
u("On which dating apps will PRISM run its harm-reduction campaign?", "en")
u("Quel adjoint au maire présidera le comité de voisinage de la halte soins addictions de Saint-Aurèle-sur-Louve ?", "fr")
u("In which city will the FVOSU hold its second seminar on crack in autumn 2025?", "en")

import random
random.Random(2).shuffle(A)
out = pathlib.Path(__file__).parent / "questions.jsonl"
with out.open("w", encoding="utf-8") as f:
    for i, q in enumerate(A, 1):
        rec = {"id": f"t2-{i:03d}", **q}
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
print(len(A), "questions written")
