import type { Category } from '../domain/enums';
import { fold, quote } from '../text/normalise';

/**
 * Category by weighted phrase patterns in English and Welsh. Each category sums
 * the weights of the distinct patterns it matches; the highest total wins, ties
 * going to the more specific category (order of CATEGORY_ORDER). Patterns are
 * general wording people use, not example sentences.
 */

type TopicCategory = Exclude<Category, 'emergency'>;

interface CategoryRule {
  readonly category: TopicCategory;
  readonly weight: number;
  readonly pattern: RegExp;
}

/** Tie-break order: specific before general. */
const CATEGORY_ORDER: readonly TopicCategory[] = [
  'sexual-offence',
  'domestic-abuse',
  'missing-person',
  'stolen-vehicle',
  'fraud-cyber',
  'road-traffic',
  'intelligence',
  'anti-social-behaviour',
  'update-request',
  'complaint',
  'crime-report',
  'general-enquiry',
];

const VEHICLE = String.raw`(?:car|cars|van|vans|motorbike|motor bike|motorcycle|moped|scooter|quad|truck|pickup|pick-up|lorry|vehicle|landrover|land rover|range rover|transit|camper(?:van)?|caravan|jeep|4x4|audi|bmw|merc|mercedes|ford|fiesta|focus|golf|corsa|vw|volkswagen|vauxhall|toyota|honda|nissan|kia|hyundai|peugeot|renault|mini|tesla)`;
const WELSH_VEHICLE = String.raw`(?:car|nghar|char|gar|fan|fan wen|beic modur|moped|cerbyd|gerbyd|nghar i|lori|land rover|transit)`;

const RULES: readonly CategoryRule[] = [
  // --- sexual offences (confidential)
  {
    category: 'sexual-offence',
    weight: 5,
    pattern:
      /\b(?:rap(?:ed|e|ing|ist)|sexual(?:ly)? (?:assault(?:ed)?|abuse(?:d)?|touched|harass(?:ed|ment))|sexual offence|indecent(?:ly)? (?:exposure|exposed|assault|images)|exposed (?:himself|herself)|flash(?:ed|ing|er) (?:at|his|her)|upskirt(?:ing)?|revenge porn|intimate (?:images|photos|pictures)|nudes? (?:of me|shared|leaked|posted)|shared (?:my )?nudes|groped|groping|touched (?:me|her|him|my) (?:inappropriately|up|down there|under)|molest(?:ed|ing)?|spiked|grooming|groomed|sextortion|forced (?:me|her|him) to have sex|non[- ]consensual|child abuse images)\b/,
  },
  {
    category: 'sexual-offence',
    weight: 5,
    pattern:
      /\b(?:treisio|threisio|nhreisio|treisiodd|ymosodiad rhywiol|ymosod(?:odd)? yn rhywiol|cam-drin rhywiol|gam-drin rhywiol|(?:cyffwrdd|gyffwrdd|chyffwrdd|nghyffwrdd) (?:\w+ )?(?:yn amhriodol|a fi|yn rhywiol)|lluniau (?:noeth|personol|anweddus)|dinoethi|noeth)\b/,
  },
  // --- domestic abuse
  {
    category: 'domestic-abuse',
    weight: 4,
    pattern:
      /\b(?:domestic(?: abuse| violence| incident)?|coercive|controlling (?:behaviour|me|partner)|clare'?s law|(?:assaulted|attacked|hit|beaten|abused|threatened|strangled|punched|stalked|harassed) by (?:my|her|his|their) (?:ex|partner|husband|wife|boyfriend|girlfriend|ex[- ]partner|ex[- ]husband|ex[- ]wife)|dvpo|non[- ]molestation|restraining order|refuge)\b/,
  },
  {
    category: 'domestic-abuse',
    weight: 4,
    pattern:
      /\b(?:(?:my|her|his|their) )?(?:partner|husband|wife|boyfriend|girlfriend|bf|gf|ex|ex[- ]partner|ex[- ]husband|ex[- ]wife|ex[- ]boyfriend|ex[- ]girlfriend|fiance|fiancee|baby ?dad|baby ?father|other half|stepdad)(?:'s|s)? (?:\w+ ){0,4}(?:hit|hits|hitting|beat|beats|beating|punch(?:ed|es|ing)?|kick(?:ed|s|ing)?|push(?:ed|es|ing)?|slapped|slaps|strangled|strangles|choked|chokes|grabbed|threaten(?:ed|s|ing)?|controls?|controlling|won'?t let me|wont let me|keeps? (?:turning up|texting|calling|messaging|following)|turned up|turning up|smashed|locked me|hurt(?:s|ing)?|abus(?:e|es|ed|ing|ive)|scared of|scares me|violent|attack(?:ed|s|ing)?)\b/,
  },
  {
    category: 'domestic-abuse',
    weight: 3,
    pattern:
      /\b(?:hits me|beats me|hurts me|abusive relationship|scared to go home|afraid of (?:my|him|her)|he'?s violent|she'?s violent|bail conditions? (?:say|says|not to)|not allowed to contact me|breach(?:ed|ing)? (?:his|her|the) (?:bail|order|injunction))\b/,
  },
  {
    category: 'domestic-abuse',
    weight: 4,
    pattern:
      /\b(?:cam-drin domestig|gam-drin domestig|trais domestig|ngwr|ngwraig|nghariad|mhartner|cyn-?bartner|cyn-?gariad|gyn-?gariad|cyn-?wr|nghyn-?wr|nghyn-?gariad|nghyn-?bartner)\b[^.!?]{0,60}\b(?:taro|nharo|curo|nghuro|bygwth|mygwth|rheoli|ymosod|brifo|mrifo|cicio|nghicio|gwthio|ngwthio|dod i'?r ty|troi lan|ofn|dal i)\b/,
  },
  {
    category: 'domestic-abuse',
    weight: 4,
    pattern:
      /\b(?:cam-drin domestig|gam-drin domestig|trais domestig|ymddygiad rheolaethol|(?:cyfraith|gyfraith|nghyfraith) clare|ofn mynd adre|ofn mynd adref|mae arna i ofn (?:o|e|fe|fo|ohono|ohoni))\b/,
  },
  // --- missing persons
  {
    category: 'missing-person',
    weight: 4,
    pattern:
      /\b(?:missing|gone missing|go missing|went missing|not come home|hasn'?t come home|hasnt come home|didn'?t come home|not been home|not been seen|hasn'?t been seen|no one has seen|nobody has seen|can'?t get hold of|cant get hold of|can'?t contact (?:him|her|them)|last seen|whereabouts|run away|ran away|runaway|absconded|not returned home|never came home|(?:hasn'?t|hasnt|not|didn'?t|never) come back|haven'?t seen (?:him|her|them)(?: \w+){0,3} (?:for|since|in)|haven'?t heard from (?:him|her|them|my))\b/,
  },
  {
    category: 'missing-person',
    weight: 4,
    pattern:
      /\b(?:ar goll|wedi mynd ar goll|wedi diflannu|heb ddod adre(?:f)?|ddim wedi dod adre(?:f)?|heb ddod yn ol|heb (?:ei|eu) (?:gweld|weld)(?: hi| o| e| nhw)? ers|neb wedi (?:ei|ei gweld|ei weld|gweld)|methu cael gafael|wedi rhedeg i ffwrdd|welwyd (?:ddiwethaf|o ddiwethaf|hi ddiwethaf)|gwelwyd (?:ddiwethaf|hi ddiwethaf|o ddiwethaf))\b/,
  },
  {
    category: 'missing-person',
    weight: 2,
    pattern:
      /\b(?:seen (?:the|your) (?:missing|appeal)|missing (?:man|woman|boy|girl|teen|lad|person|pensioner)|your appeal for)\b/,
  },
  // --- stolen vehicles
  {
    category: 'stolen-vehicle',
    weight: 5,
    pattern: new RegExp(
      String.raw`\b${VEHICLE}(?:'s|s)? (?:\w+ ){0,4}(?:stolen|nicked|taken|pinched|robbed|been took|was took)\b`,
    ),
  },
  {
    category: 'stolen-vehicle',
    weight: 5,
    pattern: new RegExp(
      String.raw`\b(?:stole|stolen|nicked|pinched|took|taken|drove off in|driven off in|robbed|jacked|carjack(?:ed|ing)?)\s+(?:\w+\s+){0,3}${VEHICLE}\b|\b(?:stolen|nicked) ${VEHICLE}\b|\bkeyless (?:theft|entry)|\bcar ?jack(?:ed|ing)|\brelay attack\b|\bcloned plates?\b|\bfalse plates?\b`,
    ),
  },
  {
    category: 'stolen-vehicle',
    weight: 5,
    pattern: new RegExp(
      String.raw`\b${WELSH_VEHICLE} (?:\w+ ){0,3}(?:wedi'?i? (?:ddwyn|dwyn|gymryd|chymryd|fynd)|wedi mynd|ar goll o|wedi ei ddwyn|wedi cael ei ddwyn)\b|\b(?:dwyn|ddwyn|nwyn) (?:fy |ein |ei |my |our |the )?${WELSH_VEHICLE}\b`,
    ),
  },
  {
    category: 'stolen-vehicle',
    weight: 3,
    pattern: new RegExp(
      String.raw`\b${VEHICLE}(?:'s|s)? (?:\w+ ){0,2}(?:gone|missing from|disappeared)\b|\b(?:wasn'?t|not|hasn'?t been|wasnt) towed\b`,
    ),
  },
  // --- fraud and cyber crime
  {
    category: 'fraud-cyber',
    weight: 4,
    pattern:
      /\b(?:scam(?:med|mer|mers|s)?|fraud(?:ster|sters|ulent)?|phishing|hacked|hacker|hack(?:ed)? into|account (?:was |has been )?(?:taken over|hacked|compromised)|fake (?:website|seller|listing|profile|account|page|text|email|ticket)|ripped off|con(?:ned)? (?:me|out of)|conned|identity theft|stole my identity|money (?:taken|stolen|gone) from (?:my|our) (?:account|bank)|(?:bank|card) details|transferred (?:£|\$)?\d|sent (?:them|him|her) (?:£|\$)?\d|paid (?:for|a deposit|£|\$)|never (?:arrived|received|turned up)|crypto|bitcoin|investment (?:scam|fraud)|romance scam|sextort|blackmail(?:ing|ed)?|ransomware|virus on|malware|cyber ?(?:crime|bullying|stalking)|online (?:harassment|abuse|bullying)|trolling|fake profile|impersonating me|cloned (?:my )?(?:facebook|account|card)|action fraud|clicked (?:on )?(?:it|the link|a link)|put (?:my|in my) (?:card|bank) (?:details )?in|payments? (?:i|we) didn'?t make|(?:didn'?t|did not) authori[sz]e|unauthori[sz]ed (?:payments?|transactions?)|marketplace|vinted|ebay|gumtree|courier fraud|pretending to be (?:from )?(?:my bank|the bank|hmrc|the police|amazon|bt)|hmrc)\b/,
  },
  {
    category: 'fraud-cyber',
    weight: 4,
    pattern:
      /\b(?:sgam|sgamiwr|twyll(?:wr|wyr)?|nhwyllo|twyllo|dwyllo|wedi'?i hacio|hacio|hacwyr|cyfrif banc|manylion banc|manylion (?:fy )?ngherdyn|arian wedi (?:mynd|diflannu|ei ddwyn)|wedi talu|talu (?:am|blaendal)|gwefan ffug|proffil ffug|neges ffug|negeseuon ffug|bwlio ar-?lein|aflonyddu ar-?lein|blacmel)\b/,
  },
  // --- road traffic
  {
    category: 'road-traffic',
    weight: 4,
    pattern:
      /\b(?:crash(?:ed)?|collision|rtc|road traffic|hit and run|fail(?:ed)? to stop|drove off without|dangerous(?:ly)? driv(?:ing|er|en)|drink[- ]?driv(?:ing|er|e)|drunk driv(?:ing|er)|drug[- ]?driv(?:ing|er)|driving (?:while|whilst) (?:drunk|over)|speeding|boy racers?|racing up and down|road (?:closed|closure|closures|blocked)|roadworks|traffic lights?|dashcam|dash cam|tailgat(?:ing|ed)|undertook|overtook|no insurance|uninsured|no mot|no tax|untaxed|parked (?:on|across|in|over)|parking on|pavement parking|double parked|abandoned car|sped off|speed camera|speed bumps?|pothole|driving like (?:an? )?(?:idiot|lunatic|maniac)|clipped my (?:car|mirror|wing)|hit my (?:car|parked car|wing mirror)|reversed into|pranged|prang|traffic (?:is|on the)|is the (?:a\d+|m4|m48|m50|heads of the valleys|road)|m4|a465|a470|a4042|a467|a449|a48|m48|shunt|bump at|swap(?:ped)? details|exchange(?:d)? details|insurance details|learner driver|driving without|on the phone while driving|mobile phone (?:while|whilst) driving|van driver|lorry driver|motorist|cyclist|pedestrian)\b/,
  },
  {
    category: 'road-traffic',
    weight: 4,
    pattern:
      /\b(?:damwain|ddamwain|gwrthdrawiad|ffordd ar gau|heol ar gau|ffordd wedi cau|gyrru(?:'n)? (?:yn )?(?:beryglus|rhy gyflym|fel ffwl)|gyrrwr (?:meddw|peryglus)|yfed a gyrru|goryrru|parcio (?:ar|tu allan|o flaen)|wedi parcio|taro (?:fy |ein )?nghar|wedi taro'?r car|gyrru i ffwrdd|gyrrodd i ffwrdd|heb adael nodyn|tarodd|wedi taro|(?:car|nghar|char|gar) (?:ei|wedi'i|wedi ei) daro|traffig|goleuadau traffig|dim yswiriant|heb yswiriant|camera cyflymder|tagfa)\b/,
  },
  // --- intelligence (confidential)
  {
    category: 'intelligence',
    weight: 4,
    pattern:
      /\b(?:information about|info about|info on|information on|intel(?:ligence)?|tip[- ]?off|anonymous(?:ly)? (?:tip|info|report)|(?:dealing|selling|supplying) (?:drugs|weed|cannabis|coke|cocaine|heroin|crack)|drug (?:dealing|dealer|dealers|house|den)|dealers?|cannabis (?:farm|factory)|weed (?:farm|factory)|county lines|cuckoo(?:ing|ed)|trap house|grow house|stash(?:ing)?|smuggling|modern slavery|trafficking|trafficked|exploited|exploitation|sells? (?:drugs|weed|coke)|knows? who (?:did|done|stole|broke|burgled|set fire)|i know who|the person who did|who is responsible|wanted (?:man|person|on warrant)|on the run|fake (?:cigarettes|tobacco|goods)|illegal (?:tobacco|cigarettes|workers|firearms?)|storing (?:guns|drugs|stolen)|stolen goods|selling stolen|handling stolen|(?:man|woman|person|lad|suspect|bloke|guy) (?:you(?:'re| are| r)|your) (?:looking for|appeal|after)|(?:i|we) know where (?:he|she|they)|is (?:staying|hiding) (?:at|in|with)|hiding out|(?:are|is|'re|'s|been|be|r) dealing\b|dealing (?:from|out of)|fencing|money laundering|crimestoppers|suspicious (?:activity|car|van|vehicle|people|person|behaviour) (?:keeps|parked|visiting|coming))\b/,
  },
  {
    category: 'intelligence',
    weight: 4,
    pattern:
      /\b(?:gwybodaeth (?:am|ynglyn|ar)|delio(?: cyffuriau| cyffurie)?|dod a mynd|dod ac yn mynd|gwerthu (?:cyffuriau|cyffurie|canabis|coc)|cyffuriau (?:yn cael eu|o'r ty)|ffatri ganabis|tyfu canabis|gwybod (?:lle|ble) mae (?:o|e|hi|nhw)|gwybod pwy (?:wnaeth|sydd|oedd|ddwynodd|dorrodd)|pwy (?:wnaeth|ddwynodd) (?:hyn|o)|nwyddau wedi'u dwyn|caethwasiaeth|masnachu pobl|ceir (?:yn|ddieithr) (?:dod|galw) (?:a|ac) mynd|pobl (?:yn|ddieithr) (?:dod|galw) (?:a|ac) mynd)\b/,
  },
  {
    category: 'intelligence',
    weight: 2,
    pattern:
      /\b(?:cars? (?:coming|pulling up) and going|people (?:coming and going|in and out) all (?:day|night|hours)|short visits|different cars (?:every|all))\b/,
  },
  // --- anti-social behaviour
  {
    category: 'anti-social-behaviour',
    weight: 3,
    pattern:
      /\b(?:anti[- ]?social|asb|youths|yobs|teenagers|gang of (?:kids|lads|youths)|group of (?:kids|lads|youths|teenagers|boys|girls|men)|kids (?:hanging|throwing|shouting|smashing|causing|on bikes|riding|setting|knocking|climbing|drinking|smoking|messing|screaming|kicking|running)|lads (?:hanging|throwing|shouting|drinking|smoking|riding)|noise|noisy|loud (?:music|party|parties|bass|shouting)|music (?:blasting|until|till|all night)|blasting (?:out )?(?:music|tunes)|party (?:every|all night|next door)|nuisance|fireworks|air (?:rifles?|guns?)|bb guns?|catapults?|off[- ]road (?:bikes?|motorbikes?)|scramblers?|quad bikes?|motorbikes? (?:on|in|up|racing|tearing)|(?:drinking|smoking weed|smoking cannabis) in (?:the|our) (?:park|street|lane|bus shelter|alley)|fly[- ]?tipping|graffiti|vandal(?:s|ism|ised)|throwing (?:stones|eggs|rocks|bricks)|knock(?:ing)? (?:on doors|door run|a door)|ding dong|harass(?:ing)? (?:people|residents|staff)|intimidat(?:ing|ed|ion)|rowdy|shouting and swearing|begging|aggressive begging|dog fouling|dogs? (?:barking|off lead|out of control|loose)|setting fires|starting fires|bonfires?|campfires?|lighting fires|being a nuisance|playing football against|ringing doorbells|neighbours? from hell)\b/,
  },
  {
    category: 'anti-social-behaviour',
    weight: 3,
    pattern:
      /\b(?:ymddygiad gwrthgymdeithasol|gwrthgymdeithasol|pobl ifanc|plant (?:yn taflu|yn gweiddi|ar feiciau|yn cicio|yn smocio)|criw o (?:bobl ifanc|blant|fechgyn|ddynion)|swn|swnllyd|cerddoriaeth (?:uchel|yn uchel)|parti(?:on)? (?:swnllyd|bob nos|drwy'r nos)|tan gwyllt|beiciau (?:modur|cwad|oddi ar y ffordd)|taflu (?:cerrig|wyau|brics)|graffiti|fandaliaeth|fandaliaid|tipio anghyfreithlon|gweiddi a rhegi|yfed yn y parc|niwsans|tanau)\b/,
  },
  // --- update requests
  {
    category: 'update-request',
    weight: 6,
    pattern:
      /\b(?:any (?:update|updates|news|progress)|an update|update on|updates on|update me|chasing (?:up|an update|my)|heard back|hear back|heard nothing|still waiting|haven'?t heard|havent heard|no one has (?:contacted|got back|been in touch|called)|nobody has (?:contacted|got back|been in touch|called)|when will (?:someone|an officer|i hear|i get|the officer|they)|officer in charge|oic|investigating officer|(?:crime )?ref(?:erence)?(?: number| no\.?| num)?:? ?[a-z]*[\d/]{4,}|crime (?:number|ref|reference)|occurrence number|incident number|log number|case (?:number|progress|status)|progress (?:of|on) (?:my|the) (?:case|report|crime)|status of my|what(?:'s| is) happening with my|(?:is|has) (?:there|anyone|someone) been (?:any|assigned|arrested|charged)|(?:is|was) the case (?:still )?(?:open|closed)|case still open|still (?:open|being investigated)|did (?:anyone|they|you|someone|he|she) (?:get )?(?:arrested|caught|charged)|anyone (?:been )?(?:arrested|caught|charged)|(?:about|bout|on|with|re) (?:my|our) (?:case|report|statement|crime report)|been charged yet|gone to court|court date|was (?:he|she|anyone) (?:arrested|charged))\b/,
  },
  {
    category: 'update-request',
    weight: 6,
    pattern:
      /\b(?:diweddariad|newyddion am (?:fy|yr) (?:achos|adroddiad)|heb glywed (?:dim|gair|unrhyw beth|yn ol)|dal i aros|yn dal i ddisgwyl|rhif (?:cyfeirnod|trosedd|digwyddiad|achos|log)|cyfeirnod|swyddog (?:sy'n delio|ymchwilio|sy'n gyfrifol|achos)|beth sy'n digwydd (?:gyda|efo) (?:fy|yr) (?:achos|adroddiad)|achos (?:dal |yn dal |dal yn )?ar agor|(?:wedi|oes) (?:rhywun|unrhyw un) (?:wedi )?(?:cael ei )?(?:arestio|gyhuddo)|oes unrhyw newyddion|pryd (?:fydd|bydd) (?:rhywun|swyddog))\b/,
  },
  // --- complaints
  {
    category: 'complaint',
    weight: 5,
    pattern:
      /\b(?:complain(?:t|ts|ing)?|professional standards|iopc|ipcc|disgusted (?:with|by) (?:the|your|how)|appalled (?:by|at|with)|shocking service|disgraceful|rude (?:officer|call handler|operator|staff|pc|pcso|to me)|officer was (?:rude|aggressive|unprofessional|dismissive)|unprofessional|abuse of power|misconduct|wrongful(?:ly)? arrest(?:ed)?|(?:your|the) officers? (?:were|was) (?:rude|aggressive|useless|horrible|racist|dismissive)|useless (?:police|force|service)|you (?:lot )?(?:did nothing|never do anything|don'?t care)|didn'?t even (?:bother|turn up|come out)|feedback about|poor service|terrible service|(?:shit|crap|rubbish|awful|useless|pathetic) service|wait(?:ed|ing) (?:for )?(?:over )?(?:\d+|an?|two|three) ?(?:mins|minutes|hours?|hrs?)|not good enough|let down by|never (?:around|there|about|here) when|where (?:were|are|r) (?:you|u)(?: lot)?|wer r u|no ?(?:one|1|body) (?:came|turned up|showed up|bothered)|joke of a (?:force|service)|(?:police|force|you lot) (?:are|is) a (?:joke|disgrace)|waste of (?:space|money|time|taxpayers)|(?:been )?waiting (?:for )?(?:over )?(?:\d+|an?|two|three) ?(?:mins|minutes|hours?|hrs?))\b/,
  },
  {
    category: 'complaint',
    weight: 5,
    pattern:
      /\b(?:cwyn|gwyn|cwyno|gwyno|achwyn|anfodlon (?:iawn )?(?:gyda|efo|a)|gwasanaeth (?:gwael|ofnadwy|siomedig)|swyddog (?:anghwrtais|digywilydd|haerllug|ymosodol)|yn anghwrtais|safonau proffesiynol|siomedig iawn (?:gyda|efo|yn)|gwarthus|wnaethoch chi ddim byd|heb wneud dim byd|(?:aros|disgwyl) (?:dros )?(?:\d+|hanner|awr|dwy awr)|dros hanner awr|neb wedi dod)\b/,
  },
  // --- crime reports (the catch-all for offences)
  {
    category: 'crime-report',
    weight: 3,
    pattern:
      /\b(?:burgl(?:ed|ary|ar|ars)|broken into|broke into|break[- ]in|stole|stolen|nicked|theft|thief|thieves|robbed|robbery|mugged|mugging|shoplift(?:ing|er|ed)|criminal damage|damaged my|smashed (?:my|our|the)|keyed my|slashed my tyres|vandalised my|assault(?:ed)?|attacked me|punched|beaten up|beat me up|headbutted|threatened me|threatening (?:messages|texts|me|behaviour)|harass(?:ed|ing|ment)|stalk(?:ed|ing|er)|hate crime|racially abused|racist abuse|homophobic abuse|abuse(?:d)? (?:me|us) because|arson|set fire to|trespass(?:ing|ers)?|blackmail|extort(?:ed|ion)|report (?:a|an) (?:crime|theft|assault|incident|burglary)|want to report|like to report|crime to report|been a victim of|(?:window|windscreen|windows|door|car|fence|shed|van|tyres)\b[^.!?]{0,20}\b(?:smashed|damaged|vandalised|keyed|kicked in|slashed)|key(?:ed|ing) (?:my|our|the)|(?:hit|punched|kicked|slapped|beat|attacked|assaulted|abused) (?:me|my (?:son|daughter|husband|wife|mum|dad|friend|brother|sister))|(?:used to|would) (?:hit|beat|hurt|abuse) me)\b/,
  },
  {
    category: 'crime-report',
    weight: 3,
    pattern:
      /\b(?:wedi'?i? (?:ddwyn|dwyn)|wedi dwyn|ddwyn (?:fy|ein|ei)|lladrad|lleidr|lladron|byrgleriaeth|torri i mewn|wedi torri (?:i mewn|ffenest|ffenestr|drws)|difrod(?:i)?|malu (?:fy|ein|y|ffenest|ffenestr|drws|car)|dwyn (?:arian|o'r|pethau|fy|ein)|ymosod(?:iad|odd)? (?:arna i|arnaf|arno|arni|arnon ni)|ymosodiad|wedi fy (?:nharo|nghuro|mygwth|mhoeni)|bygwth fi|mygwth|aflonyddu|stelcian|trosedd casineb|cam-drin hiliol|riportio trosedd|adrodd trosedd|rhoi gwybod am drosedd|eisiau riportio|isio riportio|moyn riportio|fy (?:nharo|nghuro|nghicio|mrifo|nilyn)|negeseuon (?:bygythiol|cas|sarhaus)|bygythiol)\b/,
  },
  {
    category: 'crime-report',
    weight: 1,
    pattern:
      /\b(?:bike|bicycle|wallet|purse|handbag|phone|laptop|tools|parcel|parcels|shed|garage|catalytic converter|number plates?)\b[^.!?]{0,30}\b(?:stolen|nicked|taken|gone)\b/,
  },
  // --- general enquiries (low weight: only wins when nothing else does)
  {
    category: 'general-enquiry',
    weight: 4,
    pattern:
      /\b(?:if|in case|so) (?:it|they|my \w+)(?:'s| is| are|'re| gets?| get| ever gets?)? (?:ever )?(?:stolen|nicked|broken into|lost)\b|\bprevent (?:\w+ )?(?:theft|crime|burglary)\b|\b(?:register|mark|tag|security mark) my (?:bike|property|tools|catalytic|valuables)\b/,
  },
  {
    category: 'general-enquiry',
    weight: 2,
    pattern:
      /\b(?:how (?:do|can) i|can i|is it legal|am i allowed|what (?:are|is) the (?:law|rules?|opening|number)|opening (?:hours|times)|front (?:desk|counter)|police station open|lost property|found (?:a|an|some) (?:wallet|purse|phone|bag|keys|dog|bike|bank card|card)|handed in|firearms? licen[cs]e|shotgun certificate|dbs check|police check|subject access|foi|freedom of information|careers?|recruit(?:ment|ing)?|join the police|volunteer|special constable|work experience|pcso (?:jobs|role)|community event|pact meeting|neighbourhood watch|advice (?:on|about)|crime prevention|what number|who do i (?:contact|speak)|is there (?:a|any)|where (?:can|do) i)\b/,
  },
  {
    category: 'general-enquiry',
    weight: 2,
    pattern:
      /\b(?:sut (?:mae|ydw i|alla i|gallaf|wyf i)|ga i|a alla i|alla i|oes (?:modd|angen)|ydy'?r orsaf|ydy hi'?n gyfreithlon|gorsaf(?: heddlu)? (?:ar agor|yn agor)|oriau agor|eiddo coll|wedi dod o hyd i|wedi ffeindio|trwydded dryll|swyddi|gwirfoddoli|cwnstabl gwirfoddol|cyngor (?:ar|am|ynglyn)|cyfarfod pact|gwarchod cymdogaeth|pwy ddylwn i)\b/,
  },
];

export interface CategoryVerdict {
  readonly category: TopicCategory;
  readonly scores: Readonly<Partial<Record<TopicCategory, number>>>;
  readonly cues: readonly string[];
  /** Second-best topic when it scored too: shown so an emergency keeps its context. */
  readonly runnerUp: TopicCategory | null;
}

export function categorise(text: string): CategoryVerdict {
  const folded = fold(text);
  const scores: Partial<Record<TopicCategory, number>> = {};
  const cues: Partial<Record<TopicCategory, string[]>> = {};
  for (const rule of RULES) {
    const match = rule.pattern.exec(folded);
    if (!match) continue;
    scores[rule.category] = (scores[rule.category] ?? 0) + rule.weight;
    (cues[rule.category] ??= []).push(quote(match[0], 30));
  }
  const ranked = CATEGORY_ORDER.filter((category) => (scores[category] ?? 0) > 0).sort(
    (a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || CATEGORY_ORDER.indexOf(a) - CATEGORY_ORDER.indexOf(b),
  );
  const category = ranked[0] ?? 'general-enquiry';
  return { category, scores, cues: cues[category] ?? [], runnerUp: ranked[1] ?? null };
}

export const categoryLabels: Record<Category, string> = {
  emergency: 'emergency',
  'crime-report': 'crime report',
  'domestic-abuse': 'domestic abuse',
  'sexual-offence': 'sexual offence',
  intelligence: 'intelligence',
  'missing-person': 'missing person',
  'road-traffic': 'road traffic',
  'stolen-vehicle': 'stolen vehicle',
  'anti-social-behaviour': 'anti-social behaviour',
  'fraud-cyber': 'fraud / cyber crime',
  'update-request': 'update request',
  complaint: 'complaint',
  'general-enquiry': 'general enquiry',
};
