/**
 * Well-known names: countries (with their short forms and adjectives), major cities and regions,
 * international organisations, US government bodies, wire services and major outlets.
 *
 * These are facts, not tuning: they serve two purposes, alias resolution ("N Korea" → North Korea,
 * "U.S. State Department" → US State Department) and gazetteer features for the tagger.
 */
import type { EntityType } from '../document.js'

/** "Canonical/alias/alias;adjective,adjective", entries separated by "|". */
const COUNTRIES = `
Afghanistan;Afghan|Albania;Albanian|Algeria;Algerian|Andorra;Andorran|Angola;Angolan|Argentina;Argentine,Argentinian
|Armenia;Armenian|Australia;Australian|Austria;Austrian|Azerbaijan;Azerbaijani,Azeri|Bahamas/The Bahamas;Bahamian
|Bahrain;Bahraini|Bangladesh;Bangladeshi|Barbados;Barbadian|Belarus/Byelorussia;Belarusian,Belarussian|Belgium;Belgian
|Belize;Belizean|Benin;Beninese|Bhutan;Bhutanese|Bolivia;Bolivian|Bosnia and Herzegovina/Bosnia/Bosnia-Herzegovina;Bosnian
|Botswana;|Brazil;Brazilian|Brunei;|Bulgaria;Bulgarian|Burkina Faso;|Burundi;Burundian|Cambodia;Cambodian|Cameroon;Cameroonian
|Canada;Canadian|Cape Verde;|Central African Republic;|Chad;Chadian|Chile;Chilean|China/People's Republic of China/PRC;Chinese
|Colombia;Colombian|Comoros;|Congo;Congolese|Democratic Republic of Congo/DR Congo/DRC/Zaire;|Costa Rica;Costa Rican
|Croatia;Croatian,Croat|Cuba;Cuban|Cyprus;Cypriot|Czech Republic/Czechia;Czech|Czechoslovakia;Czechoslovak
|Denmark;Danish,Dane|Djibouti;|Dominican Republic;Dominican|Ecuador;Ecuadorean,Ecuadorian|Egypt;Egyptian|El Salvador;Salvadoran
|Equatorial Guinea;|Eritrea;Eritrean|Estonia;Estonian|Eswatini/Swaziland;|Ethiopia;Ethiopian|Fiji;Fijian|Finland;Finnish,Finn
|France;French|Gabon;Gabonese|Gambia/The Gambia;Gambian|Georgia;Georgian|Germany;German|West Germany;West German|East Germany;East German
|Ghana;Ghanaian|Greece;Greek|Guatemala;Guatemalan|Guinea;Guinean|Guinea-Bissau;|Guyana;Guyanese|Haiti;Haitian
|Honduras;Honduran|Hong Kong;|Hungary;Hungarian|Iceland;Icelandic|India;Indian|Indonesia;Indonesian|Iran;Iranian
|Iraq;Iraqi|Ireland/Irish Republic;Irish|Israel;Israeli|Italy;Italian|Ivory Coast/Cote d'Ivoire;Ivorian|Jamaica;Jamaican
|Japan;Japanese|Jordan;Jordanian|Kazakhstan;Kazakh|Kenya;Kenyan|Kosovo;Kosovar|Kuwait;Kuwaiti|Kyrgyzstan;Kyrgyz
|Laos;Laotian|Latvia;Latvian|Lebanon;Lebanese|Lesotho;|Liberia;Liberian|Libya;Libyan|Liechtenstein;|Lithuania;Lithuanian
|Luxembourg;|North Macedonia/Macedonia;Macedonian|Madagascar;Malagasy|Malawi;Malawian|Malaysia;Malaysian|Maldives;
|Mali;Malian|Malta;Maltese|Mauritania;Mauritanian|Mauritius;|Mexico;Mexican|Moldova;Moldovan|Monaco;|Mongolia;Mongolian
|Montenegro;Montenegrin|Morocco;Moroccan|Mozambique;Mozambican|Myanmar/Burma;Burmese|Namibia;Namibian|Nepal;Nepali,Nepalese
|Netherlands/The Netherlands/Holland;Dutch|New Zealand;New Zealander|Nicaragua;Nicaraguan|Niger;|Nigeria;Nigerian
|North Korea/N Korea/N. Korea/DPRK/Democratic People's Republic of Korea;North Korean|Norway;Norwegian|Oman;Omani
|Pakistan;Pakistani|Palestine;Palestinian|Panama;Panamanian|Papua New Guinea;|Paraguay;Paraguayan|Peru;Peruvian
|Philippines/The Philippines;Philippine,Filipino|Poland;Polish,Pole|Portugal;Portuguese|Qatar;Qatari|Romania;Romanian
|Russia/Russian Federation;Russian|Rwanda;Rwandan|Saudi Arabia;Saudi|Senegal;Senegalese|Serbia;Serbian,Serb
|Sierra Leone;Sierra Leonean|Singapore;Singaporean|Slovakia;Slovak|Slovenia;Slovenian,Slovene|Somalia;Somali
|South Africa;South African|South Korea/S Korea/S. Korea/Republic of Korea/ROK;South Korean|South Sudan;|Spain;Spanish
|Sri Lanka;Sri Lankan|Sudan;Sudanese|Suriname;|Sweden;Swedish,Swede|Switzerland;Swiss|Syria;Syrian|Taiwan;Taiwanese
|Tajikistan;Tajik|Tanzania;Tanzanian|Thailand;Thai|Togo;Togolese|Trinidad and Tobago;|Tunisia;Tunisian|Turkey/Turkiye;Turkish
|Turkmenistan;Turkmen|Uganda;Ugandan|Ukraine/The Ukraine;Ukrainian|United Arab Emirates/UAE;Emirati
|United Kingdom/UK/U.K./Britain/Great Britain;British,Briton|United States/US/U.S./USA/U.S.A./United States of America/America;American
|Uruguay;Uruguayan|Uzbekistan;Uzbek|Venezuela;Venezuelan|Vietnam/Viet Nam;Vietnamese|Yemen;Yemeni|Yugoslavia;Yugoslav
|Zambia;Zambian|Zimbabwe;Zimbabwean|Soviet Union/USSR;Soviet|Korea;Korean|England;English|Scotland;Scottish,Scot
|Wales;Welsh|Northern Ireland;|Gaza/Gaza Strip;|West Bank;|Crimea;Crimean|Chechnya;Chechen|Tibet;Tibetan|Kurdistan;Kurdish,Kurd
|Europe;European|Asia;Asian|Africa;African|Latin America;Latin American|Middle East;Middle Eastern|Antarctica;|Arctic;
|North America;North American|South America;South American|Balkans;Balkan|Caribbean;|Scandinavia;Scandinavian
|Korean Peninsula;|Western Europe;West European|Eastern Europe;East European|Southeast Asia;|Central Asia;|Persian Gulf/Gulf;
`

/** Cities, regions and US states, "|"-separated. */
const PLACES = `
Moscow|Washington|Washington D.C.|Washington, D.C.|New York|New York City|NYC|Los Angeles|LA|Chicago|Houston|Boston
|San Francisco|Philadelphia|Atlanta|Miami|Dallas|Seattle|Detroit|Denver|Las Vegas|Phoenix|San Diego|New Orleans|Baltimore
|London|Paris|Berlin|Rome|Madrid|Lisbon|Brussels|Amsterdam|The Hague|Vienna|Prague|Warsaw|Budapest|Bucharest|Sofia
|Athens|Istanbul|Ankara|Kyiv|Kiev|Minsk|St Petersburg|St. Petersburg|Saint Petersburg|Stockholm|Oslo|Copenhagen|Helsinki
|Dublin|Edinburgh|Geneva|Zurich|Bern|Frankfurt|Munich|Hamburg|Bonn|Milan|Belgrade|Zagreb|Sarajevo|Tirana|Riga|Vilnius
|Tallinn|Tbilisi|Yerevan|Baku|Beijing|Peking|Shanghai|Hong Kong|Taipei|Tokyo|Osaka|Seoul|Pyongyang|Vladivostok|Manila
|Jakarta|Bangkok|Hanoi|Ho Chi Minh City|Kuala Lumpur|New Delhi|Delhi|Mumbai|Bombay|Calcutta|Kolkata|Karachi|Islamabad
|Kabul|Tehran|Baghdad|Damascus|Beirut|Amman|Jerusalem|Tel Aviv|Cairo|Riyadh|Doha|Dubai|Abu Dhabi|Tripoli|Tunis|Algiers
|Nairobi|Lagos|Johannesburg|Cape Town|Pretoria|Addis Ababa|Kinshasa|Khartoum|Sydney|Melbourne|Canberra|Wellington
|Toronto|Montreal|Ottawa|Vancouver|Mexico City|Havana|Caracas|Bogota|Lima|Santiago|Buenos Aires|Sao Paulo|Rio de Janeiro
|Brasilia|Wall Street|Silicon Valley|Amur|Siberia|Donbas|Donetsk|Luhansk|Kharkiv|Odesa|Odessa|Mariupol|Bakhmut|Kherson
|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois|Indiana|Iowa
|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada
|New Hampshire|New Jersey|New Mexico|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island
|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|West Virginia|Wisconsin|Wyoming|Iowa|Quebec|Ontario
|Bavaria|Kashmir|Punjab|Bengal|Xinjiang|Sichuan|Guangdong|Okinawa|Hokkaido|Chechnya|Kosovo|Kurdistan|Sahara|Sinai
`

/** Organisations: "Canonical|alias|alias" per "|"-group, groups separated by newlines. */
const ORGS = `
United Nations|UN|U.N.|United Nations Organization
UN Security Council|U.N. Security Council|United Nations Security Council|Security Council|UNSC
UN General Assembly|U.N. General Assembly|United Nations General Assembly|General Assembly
NATO|North Atlantic Treaty Organization|Nato
European Union|EU|E.U.
European Commission|EC
European Central Bank|ECB
International Monetary Fund|IMF
World Bank
World Trade Organization|WTO|World Trade Organisation
World Health Organization|WHO|World Health Organisation
International Atomic Energy Agency|IAEA
Organization of the Petroleum Exporting Countries|OPEC
Group of Seven|G7|G-7
Group of 20|G20|G-20
International Criminal Court|ICC
Red Cross|International Committee of the Red Cross|ICRC
Amnesty International
Human Rights Watch
Kremlin
US State Department|U.S. State Department|US Department of State|U.S. Department of State|State Department|Department of State
US Department of Defense|U.S. Department of Defense|Department of Defense|Defense Department|U.S. Defense Department|US Defense Department|Pentagon|DoD
US Treasury Department|U.S. Treasury Department|Treasury Department|Department of the Treasury|US Treasury|U.S. Treasury
US Department of Justice|U.S. Department of Justice|Department of Justice|Justice Department|U.S. Justice Department|US Justice Department|DOJ
US Department of Homeland Security|Department of Homeland Security|Homeland Security Department|DHS
US Department of Commerce|Department of Commerce|Commerce Department|U.S. Commerce Department|US Commerce Department
US Department of Energy|Department of Energy|Energy Department
US Department of Agriculture|Department of Agriculture|Agriculture Department|USDA
US Department of Labor|Department of Labor|Labor Department
White House
US Congress|U.S. Congress|Congress
US Senate|U.S. Senate|Senate
US House of Representatives|U.S. House of Representatives|House of Representatives
US Supreme Court|U.S. Supreme Court|Supreme Court
Federal Reserve|Fed|U.S. Federal Reserve|US Federal Reserve
Federal Bureau of Investigation|FBI
Central Intelligence Agency|CIA
National Security Agency|NSA
National Security Council|NSC
Securities and Exchange Commission|SEC
Democratic Party|Democrats
Democratic National Committee|DNC
Republican Party|Republicans|GOP
Republican National Committee|RNC
Reuters|Thomson Reuters|Reuters News Agency
Associated Press|AP|The Associated Press
Agence France-Presse|AFP|Agence France Presse
Bloomberg|Bloomberg News
CNN|Cable News Network
BBC|British Broadcasting Corporation
Fox News|Fox
NBC|NBC News
CBS|CBS News
ABC|ABC News
MSNBC
NPR|National Public Radio
The New York Times|New York Times|NYT
The Washington Post|Washington Post
The Wall Street Journal|Wall Street Journal|WSJ
Financial Times|FT
The Guardian|Guardian
Al Jazeera
Xinhua|Xinhua News Agency
TASS|Tass
RIA Novosti|RIA
Interfax
Kyodo|Kyodo News
Yonhap|Yonhap News Agency
KCNA|Korean Central News Agency
The Japan News|Japan News
`

/**
 * Companies, platforms, outlets, pollsters and groups whose names are nobody's name: they correct
 * the tagger's type, a person included ("Google", "Verizon"), and fill its gaps. Not tagger
 * features: the shipped weights were learned without them. Names that are also people's or
 * common words (Bloomberg, Fox, Ford, Disney, Breitbart, Gallup, Spiegel, Rasmussen, Intel) are not here.
 */
const BRANDS = `
Facebook|Meta Platforms
Twitter|X Corp.
Google|Alphabet
Microsoft
Apple Inc.
YouTube
Instagram
Snapchat
WhatsApp
TikTok
Reddit
Netflix
Uber
Lyft
Airbnb
LinkedIn
Yahoo
Tumblr
Spotify
PayPal
eBay
IBM
Oracle
Cisco
Nvidia
Samsung
Huawei
Tesla
SpaceX
OpenAI
Walmart
Exxon Mobil|ExxonMobil|Exxon
Chevron
Boeing
Lockheed Martin
General Motors|GM
General Electric
Verizon
AT&T
Comcast
Pfizer
Moderna
Goldman Sachs
JPMorgan Chase|JPMorgan|JP Morgan
Citigroup|Citibank
Morgan Stanley
Bank of America
Wells Fargo
BlackRock
Berkshire Hathaway
Starbucks
Coca-Cola
PepsiCo
Volkswagen
Toyota
Gazprom
Rosneft
Saudi Aramco|Aramco
Politico|POLITICO
The Huffington Post|Huffington Post|HuffPost|HuffPo
BuzzFeed|BuzzFeed News
Breitbart News|Breitbart News Network
Axios
The Daily Beast|Daily Beast
The Hill
Newsweek
USA Today|USA TODAY
Los Angeles Times|LA Times
Chicago Tribune
The Atlantic
Daily Mail
Der Spiegel
Le Monde
Univision
Telemundo
CNBC
C-SPAN
PBS
ESPN
Fox Business|Fox Business Network
Fox News Channel
Pew Research Center|Pew
Quinnipiac University|Quinnipiac
Rasmussen Reports
YouGov
Ipsos
WikiLeaks|Wikileaks
Planned Parenthood
National Rifle Association|NRA
American Civil Liberties Union|ACLU
Black Lives Matter
Heritage Foundation
Brookings Institution
Cato Institute
Southern Poverty Law Center
Anti-Defamation League|ADL
Hamas
Hezbollah
Taliban
Al Qaeda|al-Qaeda|al Qaeda|Al-Qaeda
Boko Haram
`

/** Common given names, a feature for the tagger (never an entity on their own). */
const FIRST_NAMES = `
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark Donald Steven
Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan
Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose
Adam Nathan Henry Douglas Zachary Peter Kyle Walter Ethan Jeremy Harold Keith Christian Roger Noah Gerald Carl Terry Sean
Austin Arthur Lawrence Jesse Dylan Bryan Joe Jordan Billy Bruce Albert Willie Gabriel Logan Alan Juan Wayne Roy Ralph Randy
Eugene Vincent Russell Elijah Louis Bobby Philip Johnny Bill Mike Tom Jim Bob Tony Nick Dan Dave Steve Chris Ben Sam Tim Ted
Hillary Barack Joe Kamala Nancy Mitch Chuck Bernie Vladimir Sergei Sergey Dmitry Dmitri Alexei Alexey Mikhail Boris Nikolai
Ivan Yuri Igor Viktor Volodymyr Xi Li Wang Zhang Kim Moon Shinzo Fumio Yoshihide Narendra Imran Recep Emmanuel Angela Olaf
Helmut Gerhard Jacques Francois Nicolas Silvio Giuseppe Mario Carlos Luis Jorge Pedro Manuel Antonio Francisco Javier Miguel
Ahmed Mohammed Mohammad Muhammad Ali Hassan Hussein Abdul Abdullah Omar Yasser Benjamin Ehud Ariel Shimon Yitzhak Mahmoud
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret Sandra Ashley Kimberly
Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela
Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet Catherine Maria Heather
Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline
Martha Gloria Teresa Ann Sara Madison Frances Kathryn Janice Jean Abigail Alice Judy Sophia Grace Denise Amber Doris Marilyn
Danielle Beverly Isabella Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Marco Stefan Hans Klaus Jan Pieter
Lars Anders Sven Erik Jean Pierre Michel Alain Philippe
`

export interface GazetteerEntry {
  canonical: string
  type: EntityType
  /** Countries and regions (from the country list) as opposed to cities and states. */
  country?: boolean
  /** A company or organisation whose name is nobody's (BRANDS): it overrules the tagger's PERSON too. */
  brand?: boolean
}

/** Folded alias → canonical entry. Keys are built with the same folding as normaliseName. */
export type AliasTable = Map<string, GazetteerEntry>

export interface RawGazetteer {
  entries: Array<[canonical: string, type: EntityType, aliases: string[], country?: boolean]>
  /** BRANDS: canonical name first; not tagger features. */
  brands: string[][]
  /** Nationality and regional adjectives ("Russian", "North Korean"): MISC, never entities. */
  adjectives: string[]
  firstNames: string[]
}

function splitList(text: string, sep: string): string[] {
  return text.split(sep).map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s.length > 0)
}

let raw: RawGazetteer | undefined

export function rawGazetteer(): RawGazetteer {
  if (raw) return raw
  const entries: RawGazetteer['entries'] = []
  const adjectives: string[] = []
  for (const part of splitList(COUNTRIES.replace(/\n/g, ''), '|')) {
    const [names, adjs = ''] = part.split(';')
    const aliases = splitList(names, '/')
    entries.push([aliases[0], 'PLACE', aliases, true])
    adjectives.push(...splitList(adjs, ','))
  }
  for (const group of splitList(PLACES.replace(/\n/g, ''), '|')) entries.push([group, 'PLACE', [group]])
  for (const line of splitList(ORGS, '\n')) {
    const names = splitList(line, '|')
    entries.push([names[0], 'ORG', names])
  }
  const brands = splitList(BRANDS, '\n').map((line) => splitList(line, '|'))
  raw = { entries, brands, adjectives, firstNames: [...new Set(splitList(FIRST_NAMES, ' ').flatMap((l) => l.split(/\s+/)))] }
  return raw
}
