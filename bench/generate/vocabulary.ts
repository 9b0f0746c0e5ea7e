/**
 * Word lists the generator composes articles from. Names are combinations of common given names
 * and surnames, so the population of speakers can grow to tens of thousands without repeating.
 */

export const GIVEN_NAMES = `James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard
Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Lisa Matthew Nancy Anthony Betty Mark Sandra Donald Ashley Steven
Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie
Ronald Rebecca Jason Sharon Edward Laura Jeffrey Cynthia Ryan Amy Jacob Angela Gary Anna Nicholas Ruth Eric Brenda Jonathan
Pamela Stephen Nicole Larry Katherine Justin Samantha Scott Christine Brandon Emma Benjamin Rachel Samuel Carolyn Gregory
Janet Alexander Maria Patrick Olivia Frank Heather Raymond Helen Jack Catherine Dennis Diane Jerry Julie Tyler Victoria
Aaron Joyce Jose Lauren Adam Kelly Nathan Christina Henry Ruth Zachary Joan Douglas Evelyn Peter Judith Kyle Andrea Noah
Hannah Ethan Megan Jeremy Cheryl Walter Jacqueline Christian Martha Keith Madison Roger Teresa Terry Gloria Austin Sara
Sean Janice Gerald Ann Carl Kathryn Harold Abigail Dylan Sophia Arthur Frances Lawrence Jean Jordan Alice Jesse Judy Bryan
Isabella Billy Julia Bruce Grace Gabriel Amber Joe Denise Logan Danielle Alan Marilyn Juan Beverly Albert Charlotte Willie
Natalie Elijah Theresa Wayne Diana Randy Brittany Vincent Doris Mason Kayla Roy Alexis Ralph Lori Bobby Marie Russell
Hiroshi Yuki Kenji Aiko Takeshi Mei Wei Li Jun Min Seo-yeon Ji-ho Olena Dmitri Sergei Irina Anya Pavel Lars Ingrid Sven
Astrid Pierre Camille Louis Chloe Hans Greta Klaus Lena Marco Giulia Luca Sofia Carlos Lucia Miguel Elena Diego Valentina
Ahmed Fatima Omar Layla Yusuf Amina Rahul Priya Arjun Ananya Kwame Ama Chinedu Ngozi Tunde Zainab`.split(/\s+/)

export const SURNAMES = `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez
Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson
Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell
Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook
Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez
Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell
Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson
Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar
Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen
Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz
Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels
Tanaka Suzuki Sato Watanabe Yamamoto Nakamura Kobayashi Wang Zhang Liu Yang Huang Zhao Park Choi Jung Kang Shevchenko
Kovalenko Bondarenko Ivanov Petrov Volkov Sokolov Lindqvist Johansson Larsen Nielsen Dubois Lefevre Moreau Laurent
Schneider Fischer Weber Becker Rossi Russo Ferrari Esposito Bianchi Romano Fernandes Costa Oliveira Santos Haddad Khalil
Nasser Rahman Hussain Khan Sharma Gupta Singh Iyer Mensah Owusu Okafor Adeyemi Balogun Mwangi`.split(/\s+/)

/** Roles a speaker is introduced with ("State Department spokesperson Matthew Miller"). */
export const ROLES = [
  'spokesperson',
  'minister',
  'senator',
  'governor',
  'mayor',
  'chief executive',
  'economist',
  'analyst',
  'professor',
  'ambassador',
  'general',
  'chairman',
  'director',
  'police chief',
  'lawmaker',
  'prime minister',
  'president',
  'union leader',
  'prosecutor',
  'judge',
]

export const PLACES = `Washington|London|Paris|Berlin|Tokyo|Beijing|Moscow|Kyiv|Seoul|Pyongyang|New Delhi|Islamabad|Tehran|
Jerusalem|Cairo|Nairobi|Lagos|Johannesburg|Brasilia|Buenos Aires|Mexico City|Ottawa|Canberra|Wellington|Jakarta|Manila|
Bangkok|Hanoi|Singapore|Kuala Lumpur|Dhaka|Kabul|Baghdad|Damascus|Beirut|Ankara|Athens|Rome|Madrid|Lisbon|Dublin|Brussels|
Amsterdam|Vienna|Warsaw|Prague|Budapest|Bucharest|Sofia|Belgrade|Stockholm|Oslo|Copenhagen|Helsinki|Reykjavik|Geneva|
Zurich|Frankfurt|Munich|Milan|Barcelona|Marseille|Lyon|Manchester|Edinburgh|Chicago|Houston|Los Angeles|San Francisco|
Seattle|Boston|Miami|Atlanta|Denver|Toronto|Vancouver|Montreal|Sydney|Melbourne|Osaka|Shanghai|Hong Kong|Taipei|Mumbai|
Karachi|Riyadh|Doha|Dubai|Addis Ababa|Accra|Dakar|Kinshasa|Lima|Bogota|Santiago|Caracas|Havana|Anchorage|Honolulu`
  .replace(/\n/g, '')
  .split('|')

export const ORG_STEMS = `Energy Finance Health Transport Defence Agriculture Labour Education Trade Justice Interior Foreign
Commerce Housing Environment Water Mining Aviation Shipping Telecom Insurance Steel Textile Pharmaceutical Fisheries
Railway Tourism Media Security Nuclear Space Digital Ocean Forest Coal Solar Wind Grain Cotton Copper Lithium Gold`.split(/\s+/)

export const ORG_PATTERNS: ReadonlyArray<(stem: string, place: string) => string> = [
  (s) => `Ministry of ${s}`,
  (s, p) => `${p} ${s} Authority`,
  (s) => `National ${s} Council`,
  (s, p) => `${p} ${s} Group`,
  (s) => `International ${s} Federation`,
  (s, p) => `${p} Institute of ${s}`,
  (s) => `${s} Workers Union`,
  (s, p) => `${p} ${s} Corporation`,
  (s) => `United ${s} Holdings`,
  (s, p) => `${p} ${s} Commission`,
]

export const OUTLET_WORDS = `Herald Courier Gazette Tribune Chronicle Post Times Journal Observer Sentinel Daily Dispatch
Examiner Monitor Independent Star Record Express Standard Mirror Ledger Bulletin Register Review Leader`.split(/\s+/)

export const WIRES = ['Reuters', 'Associated Press', 'Agence France-Presse', 'Kyodo', 'Bloomberg']

export const NOUNS = `government plan budget deal talks vote election economy market inflation rate bank tax reform
policy agreement sanctions exports imports tariffs growth jobs wages strike protest court ruling law bill parliament
council committee report inquiry investigation evidence prices energy supply demand fuel oil gas power grid network
outbreak vaccine hospital patients schools teachers students housing rents construction bridge railway airport port
ceasefire troops border security attack missile drill summit visit delegation region province city residents farmers
harvest drought flood storm wildfire earthquake recovery aid funding contract merger shares profits losses investors
deficit debt bonds currency yen dollar euro data survey poll campaign candidates coalition opposition ministry agency
pension pensions benefits welfare subsidies refinery pipeline reactor turbine factory factories warehouse logistics freight
container shipments harvests livestock fertiliser pesticide irrigation reservoir dam coastline fisheries quota licence
licences permits regulator regulation oversight audit accounts auditors lawsuit appeal verdict sentence prison detainees
refugees migrants asylum visas passports census statistics unemployment productivity innovation research laboratory
universities scholarships curriculum exams pharmacy medicines prescriptions clinics nurses doctors surgeons ambulance
emergency evacuation shelters reconstruction infrastructure highways tunnels stadium festival museum heritage monument
broadcaster newspaper journalists censorship privacy surveillance encryption software semiconductors chips batteries
vehicles charging emissions carbon methane pollution recycling plastics landfill wildlife conservation biodiversity
satellites launch rocket spacecraft telescope payments lending mortgages savings pensioners retailers consumers shoppers
spending revenue dividends buyback acquisition bankruptcy creditors restructuring layoffs recruitment apprenticeships
negotiations mediation referendum constitution amendment impeachment resignation appointment cabinet reshuffle`.split(/\s+/)

export const ADJECTIVES = `new major key final early late strong weak sharp modest rapid slow national regional local
international foreign domestic public private military civilian economic political financial social legal federal
central northern southern eastern western annual monthly quarterly record historic unprecedented significant serious
growing falling rising stable uncertain fragile broader wider temporary permanent additional controversial ambitious
costly sweeping landmark bipartisan emergency preliminary provisional comprehensive sustainable renewable industrial
agricultural commercial residential municipal parliamentary presidential judicial diplomatic humanitarian environmental
technological medical educational cultural strategic tactical cautious aggressive decisive lengthy`.split(/\s+/)

export const VERBS_PAST = `announced approved rejected delayed proposed signed criticised welcomed warned confirmed denied
launched suspended extended raised cut expanded reviewed blocked backed opposed cancelled unveiled postponed ordered
reported estimated completed resumed reached negotiated finalised scrapped overturned challenged investigated
dismissed endorsed condemned praised questioned accelerated abandoned downgraded upgraded renewed drafted
published withdrew tightened loosened`.split(/\s+/)

export const VERBS_BASE = `support oppose protect review delay approve reject expand reduce restore strengthen defend
address resolve monitor improve increase cut respond continue pursue deliver achieve ensure consider safeguard
negotiate finance rebuild overhaul scrutinise challenge accelerate guarantee prioritise modernise investigate
compensate reassure stabilise`.split(/\s+/)

export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

export const CUES = ['said', 'told reporters', 'said in a statement', 'told a news conference', 'added', 'wrote']
