/** Word lists for speaker attribution. Facts about English news prose, not tuned to any article. */

const words = (s: string) => new Set(s.trim().split(/\s+/))

/** Reporting verbs in every inflection we look for (lower case). */
export const CUE_VERBS = words(`
say says said saying add adds added adding stated stating tell tells told telling
write writes wrote writing written tweeted tweeting posted ask asks asked asking
explain explains explained explaining note notes noted noting warn warns warned insist insists insisted insisting
reports reported declare declares declared declaring argue argues argued arguing claimed claiming
continue continues continued continuing recall recalls recalled recalling acknowledge acknowledges acknowledged acknowledging
admit admits admitted admitting announce announces announced announcing assert asserts asserted asserting
remarked respond responds responded responding reply replies replied replying commented
observe observes observed conclude concludes concluded confirm confirms confirmed deny denies denied emphasize emphasizes
emphasized emphasise emphasised stresses stressed suggest suggests suggested predict predicts predicted
quipped joked contend contends contended countered concede concedes conceded
complain complains complained urge urges urged vowed promised praises praised
boast boasts boasted maintain maintains maintained recount recounts recounted describe describes described
called calling shout shouts shouted yell yelled scream screamed cried exclaim exclaimed whisper whispered
testify testifies testified charged allege alleges alleged accuse accuses accused mock mocks mocked
pledged cautioned lament laments lamented mused opine opined reasoned
retort retorts retorted snapped thunder thundered proclaim proclaimed proclaims repeat repeats repeated
agree agrees agreed disagree disagreed chime chimed interject interjected begin began tout touts touted
predicted estimated hint hinted reiterate reiterates reiterated articulate articulated
highlight highlights highlighted underline underlines underlined underscore underscores underscored
`)

/** Participles that open a reporting clause with no subject of their own ("…, adding that"). */
export const CUE_PARTICIPLES = new Set([...CUE_VERBS].filter((w) => w.endsWith('ing')))

export const PRONOUNS: Record<string, 'm' | 'f' | 'p' | 'i'> = {
  he: 'm',
  she: 'f',
  they: 'p',
  i: 'i',
  we: 'p',
}

/** Capitalised words that start sentences or name times, never speakers. */
export const NOT_NAMES = words(`
The A An In On At By For From With Without Of To Into But And Or Nor If When While After Before As Since Until Because
Although Though It Its He She They We I You His Her Their Our My Your This That These Those There Here What Why How Who
Whom Whose Which Where Meanwhile Still Yet So Also Then Now Last Next Later Earlier Monday Tuesday Wednesday Thursday
Friday Saturday Sunday January February March April May June July August September October November December Jan Feb
Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Asked According Many Some Most Other Others Even
Just Only Both Each Every All Any No Not Yes Instead However Indeed Moreover Furthermore Nevertheless Thus Hence Today
Tonight Yesterday Tomorrow Please Thanks Well Oh Ah Dear Sir Madam Speaking Read Like Unlike Despite Under Over About
Against Among Between Through During Such Several Few Another One Two Three Four Five Six Seven Eight Nine Ten
I'm I’m I'd I’d I've I’ve I'll I’ll Former Ever Never Perhaps Maybe Often Again Once Twice Signs Horrified
`)

/** Words marking an organisation inside a capitalised name. */
export const ORG_WORDS = words(`
Department Ministry Agency Administration Committee Commission Council Party Campaign Campaigns Association Institute
Foundation Center Centre Office Bureau Service Services Court Congress Senate House Parliament Assembly Government
Union League Network News Times Post Journal Tribune Herald Press Reuters Bloomberg CNN NBC ABC CBS MSNBC Fox BBC AP
Corporation Corp Inc Company Co Group Bank Fund Board Authority Commission Council University College School Church
Army Navy Force Forces Guard Police Command Coalition Alliance Organization Organisation Federation Caucus Times
Magazine Radio Television TV Agency Republicans Democrats GOP PAC Pentagon Kremlin Cabinet Ministry Embassy Mission
Club Society Trust Project Watch Foundation Report Review Daily Weekly Politico Breitbart Gazette Telegraph Guardian
Observer Economist Convention Conference Summit Cowboys Tass Yonhap KCNA Xinhua Interfax RIA Novosti Facebook Twitter Google Microsoft Apple Amazon
`)

/** Role nouns that make a descriptor ("the spokesman", "a senior official"). */
export const ROLE_NOUNS = words(`
spokesman spokeswoman spokesperson spokespeople official officials leader president secretary minister senator
representative congressman congresswoman governor mayor candidate nominee adviser advisor aide strategist pollster
analyst economist expert professor director chairman chairwoman chair chief executive ceo founder head manager
ambassador envoy diplomat general commander officer lawyer attorney judge justice prosecutor sheriff agent
spokesperson reporter journalist editor columnist writer author anchor host moderator commentator critic activist
organizer organiser lawmaker legislator speaker whip member delegate voter resident supporter donor consultant
operative chief-of-staff staffer worker researcher scientist historian scholar student teacher doctor physician
father mother son daughter wife husband brother sister friend owner partner president-elect premier chancellor
king queen prince dictator ruler monarch pope bishop pastor priest rabbi imam official source sources witness
victim survivor veteran soldier officer commissioner inspector detective investigator counsel councilman
councilwoman administrator coordinator manager campaign-manager adviser advocate fellow
`)

/** Common first names by gender, for agreeing "he"/"she" with a person. */
export const MALE_NAMES = words(`
james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald
steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric
jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
tyler aaron jose adam nathan henry douglas zachary peter kyle noah ethan jeremy walter christian keith roger terry
austin sean gerald carl harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe logan alan juan albert
willie elijah wayne randy vincent mason roy ralph bobby russell bradley philip eugene bill ted jeb marco rand ben chris
mike mitt newt rick bernie barack joe hunter mitch chuck harry lindsey reince jared kellyanne corey rudy rudolph jim
tim tom dick al herman vladimir xi shinzo emmanuel boris recep benjamin bashar hassan ali mohammed muhammad ahmed
abdul omar sergei sergey dmitry alexei alexey nikolai ivan igor viktor vladimir volodymyr petro moon jae yoon fumio
narendra rahul imran nawaz mahmoud ayatollah antony lloyd jake ned ned josh jay sean sebastian steve rex dan jeff
chad lamar elijah cory tim martin lincoln bob newt rick
`)

export const FEMALE_NAMES = words(`
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley
kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy
shirley angela helen anna brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet
ruth maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl
andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia
judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella charlotte rose
alexis kayla hillary carly nikki sarah michele elizabeth elise kirsten tammy tulsi kamala nancy condoleezza condi
madeleine huma hope kellyanne ivanka melania chelsea dana jen karine kayleigh liz ilhan alexandria marsha susan
angela theresa jacinda ursula giorgia marine christine kristalina yulia liz sanna mette
`)

/** Family names written first (Kim Jong Un, Xi Jinping): "Kim said" refers to the full name. */
export const FAMILY_FIRST = words(`kim xi li wang zhang liu chen yang zhao huang zhou wu hu park moon yoon choi jiang deng mao
lee kang jung`)
