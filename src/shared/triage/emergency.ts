import { fold, quote } from '../text/normalise';

/**
 * Emergency: someone's life or safety is at risk now. Rules look for present or
 * future danger (threats, weapons, violence in progress, self-harm intent, a
 * child in danger, a crash with injuries, life at risk), in English and Welsh.
 * Figures of speech are removed before matching, and a message that only tells
 * of the past (with no sign the danger is still going on) is not an emergency.
 * A missed emergency costs far more than a false alarm, so the rules lean
 * towards flagging when wording is ambiguous but present-tense.
 */

export type EmergencyKind =
  | 'threat to kill'
  | 'weapon present'
  | 'violence in progress'
  | 'intruder'
  | 'self-harm intent'
  | 'child in danger'
  | 'crash with injuries'
  | 'life at risk';

interface EmergencyRule {
  readonly kind: EmergencyKind;
  readonly pattern: RegExp;
}

const THREAT_VERB = String.raw`(?:kill|murder|stab|shoot|strangle|slit|burn down|petrol bomb|torch)`;
const WELSH_KILL = String.raw`(?:ladd|lladd|nladd|drywanu|nhrywanu|thrywanu|trywanu|saethu|tagu|dagu|nhagu|llosgi)`;
const WEAPON = String.raw`(?:knife|knives|machete|machetes|blade|zombie knife|meat cleaver|cleaver|gun|guns|shotgun|firearm|pistol|rifle|crossbow|sword|samurai sword|acid)`;
const BLUNT = String.raw`(?:baseball bat|bat|hammer|axe|crowbar|metal pole|iron bar|golf club)`;
const WELSH_WEAPON = String.raw`(?:cyllell|gyllell|chyllell|nghyllell|cyllyll|dryll|ddryll|nryll|gwn|machete|bwyell|fwyell|cleddyf|gleddyf|asid)`;
/** Children too young to be anywhere alone: being alone is itself the danger. */
const VERY_YOUNG = String.raw`(?:baby|babies|toddler|toddlers|infant|little (?:boy|girl|one|lad)s?|[1-5] ?(?:yr|year|y\/o|yo)s?(?:[- ]old)?|(?:one|two|three|four|five)[- ]year[- ]old)`;
const YOUNG_CHILD = String.raw`(?:baby|babies|toddler|toddlers|infant|little (?:boy|girl|one|lad|kid)s?|young (?:child|children|kids?|boy|girl)|child|children|kid|kids|[1-9] ?(?:yr|year|y\/o|yo)s?(?:[- ]old)?|(?:one|two|three|four|five|six|seven|eight|nine)[- ]year[- ]old)`;

const RULES: readonly EmergencyRule[] = [
  {
    kind: 'violence in progress',
    pattern:
      /\bthere(?:'s| is| are|s|re) (?:a |an |some |two |three |loads of )?(?:\w+ )?(?:bloke|man|woman|lad|lads|guy|guys|men|group|gang|people|youths)\s+(?:\w+\s+)?(?:kicking|beating|punching|attacking|stabbing|hitting|battering|strangling|chasing|stamping on|jumping on)\b/,
  },
  {
    kind: 'threat to kill',
    pattern:
      /\b(?:going to|gonna|will|'ll|threaten(?:s|ing|ed)? to|says? (?:he|she|they)(?:'ll| will| is going to|'s going to))\s+(?:burn|torch|set fire to) (?:the|my|our|your|her|his) (?:house|flat|home|place|car)\b/,
  },
  {
    kind: 'life at risk',
    pattern:
      /\b(?:poured|pouring|covered (?:me |us |the \w+ )?in|spraying|splashed) (?:petrol|fuel|lighter fluid|diesel)\b/,
  },
  {
    kind: 'intruder',
    pattern:
      /\b(?:broken|broke|breaking|got|get) in(?:to)?\b[^.!?]{0,60}\b(?:still (?:inside|in there|in the house|in the flat)|(?:is|are|'s|'re|re) (?:still )?inside)\b|\bburglars? (?:is |are )?(?:still )?(?:inside|in (?:the|my|our) (?:house|flat))\b/,
  },
  {
    kind: 'child in danger',
    pattern: new RegExp(
      String.raw`\b${VERY_YOUNG}\b[^.!?]{0,60}\b(?:on (?:his|her|their) own|alone|on (?:the|a) (?:balcony|roof|window ?sill|ledge)|climbing (?:on |over )?(?:the |a )?(?:railings?|balcony|window)|hanging out of (?:a|the) window|in the (?:road|middle of the road))\b`,
    ),
  },
  // --- threats to kill, English and Welsh
  {
    kind: 'threat to kill',
    pattern: new RegExp(
      String.raw`\b(?:going to|gonna|gunna|gna|goin to|will|'ll|wants? to|trying to|tryna|threaten(?:s|ing|ed)? to|says? (?:he|she|they)(?:'ll| will| is going to| are going to|'s going to)|swear(?:s|ing)? (?:he|she|they)(?:'ll| will)|about to)\s+(?:fucking\s+|f\*+ing\s+)?${THREAT_VERB}\b`,
    ),
  },
  {
    kind: 'threat to kill',
    pattern:
      /\b(?:threat(?:s|ening)? to kill|death threat (?:now|just now)|you(?:'re| are) dead|your(?:e)? dead)\b/,
  },
  {
    kind: 'threat to kill',
    pattern: new RegExp(
      String.raw`\b(?:mynd|bygwth|fygwth|isio|eisiau|moyn|am|wneith|neith|wnaiff)\s+(?:i'?n|i'?w|i'?m|i'?th|i|'?n)?\s*(?:fy\s+|dy\s+|ei\s+|ein\s+|eich\s+|eu\s+)?${WELSH_KILL}\b`,
    ),
  },
  // --- weapons present
  {
    kind: 'weapon present',
    pattern: new RegExp(
      String.raw`\b(?:with|has|has got|'s got|got|holding|carrying|waving|brandishing|pulled(?: out)?|pulling out|pointing|armed with|wielding|threatening (?:\w+ )?with)\s+(?:a\s+|an\s+|his\s+|her\s+|their\s+|some\s+)?(?:\w+\s+)?${WEAPON}\b`,
    ),
  },
  {
    kind: 'weapon present',
    pattern: new RegExp(
      String.raw`\b(?:waving|swinging|brandishing|armed with|wielding|threatening (?:\w+ )?with|smashing (?:\w+ ){0,3}with)\s+(?:a\s+|an\s+|his\s+|her\s+)?(?:\w+\s+)?${BLUNT}\b`,
    ),
  },
  {
    kind: 'weapon present',
    pattern:
      /\b(?:(?:has|have|has just|'s|just) been|getting|is being) (?:stabbed|shot|glassed|slashed)\b|\bshots? (?:fired|being fired)\b|\bgun ?shots?\b|\bfir(?:ed|ing) (?:shots|a gun|a shotgun|a weapon|at people)\b/,
  },
  {
    kind: 'weapon present',
    pattern: new RegExp(
      String.raw`\b(?:he|she|they|someone|somebody|a man|a woman|a lad|lads|men|hes|shes)(?:'s| has| have|'ve| is| are)?\s+(?:got|holding|carrying)\s+(?:a\s+|an\s+)(?:\w+\s+)?${BLUNT}\b`,
    ),
  },
  {
    kind: 'weapon present',
    pattern: new RegExp(
      String.raw`\b(?:efo|gyda|gydag|a|ag|ganddo|ganddi|ganddyn|gyda'i|efo'i|chwifio|cario)\s+(?:\w+\s+)?${WELSH_WEAPON}\b`,
    ),
  },
  {
    kind: 'weapon present',
    pattern:
      /\b(?:wedi (?:cael )?(?:ei|eu) (?:drywanu|thrywanu|saethu)|wedi'i (?:drywanu|thrywanu|saethu))\b/,
  },
  // --- violence in progress
  {
    kind: 'violence in progress',
    pattern:
      /\b(?:he|she|they|someone|somebody|people|men|lads|a man|a woman|a group|my (?:dad|mum|mam|husband|wife|partner|boyfriend|girlfriend|ex|neighbour|son|brother|stepdad))(?:'s|s| is|'re|re| are)\s+(?:\w+\s+)?(?:beating|hitting|punching|kicking|attacking|strangling|choking|stabbing|killing|battering|hurting|assaulting|dragging|smashing (?:her|him|me|my)|throttling|headbutting|jumping (?:on|him|her))\b/,
  },
  {
    // Whoever the subject is ("my ex has broken in and is hitting me"), someone doing
    // violence to a person right now. 'hurting' is left out: "my back is hurting me".
    kind: 'violence in progress',
    pattern:
      /\b(?:is|are|'s|'re)\s+(?:still\s+)?(?:hitting|beating|punching|kicking|attacking|strangling|choking|stabbing|battering|assaulting|throttling|headbutting|stamping on)\s+(?:me|us|her|him|them|my|our|his|the (?:kids?|children|baby))\b/,
  },
  {
    kind: 'violence in progress',
    pattern:
      /(?<!\b(?:was|were|been|get|got) )\bbeing (?:beaten|attacked|stabbed|assaulted|hit|kicked|punched|strangled|choked|dragged|raped|kidnapped|abducted|held hostage|jumped)\b/,
  },
  {
    kind: 'violence in progress',
    pattern:
      /\b(?:screaming|shouting|crying|yelling) (?:for help|help|stop)\b|\bhear (?:\w+ ){0,3}being (?:hit|beaten|attacked|hurt)\b|\b(?:fight|brawl|mass brawl)(?:ing)? (?:going on|happening|kicking off)\b/,
  },
  {
    kind: 'violence in progress',
    pattern:
      /\b[a-z]+(?:'n| yn)\s+(?:fy\s+|ei\s+|'?n\s+|eu\s+)?(?:lladd|curo|guro|nghuro|churo|ymosod|brifo|mrifo|frifo|trywanu|nhrywanu|tagu|nhagu|thagu|bwrw|mwrw|cicio|nghicio|ymladd|taro|nharo|tharo|daro)\b/,
  },
  {
    kind: 'violence in progress',
    pattern:
      /\b(?:yn cael (?:ei|eu|fy) (?:guro|churo|nghuro|cicio|chicio|ymosod|tagu|thagu|dagu|herwgipio))\b|\bsgrechian (?:am help|help)\b/,
  },
  // --- intruders
  {
    kind: 'intruder',
    pattern:
      /\b(?:someone|somebody|a man|men|they|he|people|lads|burglars?|intruders?)(?:'s| is| are|'re)?\s+(?:trying to\s+)?(?:break(?:ing)? in(?:to)?|kicking (?:in|down) (?:the|my|our) door|trying to get in|in my (?:house|flat|home|garden)|inside my (?:house|flat|home)|downstairs in my)\b/,
  },
  {
    kind: 'intruder',
    pattern:
      /(?:'s|s| is| are|'re)\s+(?:\w+\s+)?(?:kicking|smashing|forcing|breaking|battering) (?:in |down |up |open )?(?:the|my|our) (?:front |back )?door\b/,
  },
  {
    kind: 'intruder',
    pattern:
      /\b(?:yn torri (?:i )?mewn|trio torri mewn|rhywun yn (?:y|fy) (?:ty|nhy|fflat|nghartref)|rhywun tu fewn)\b/,
  },
  // --- self-harm intent
  {
    kind: 'self-harm intent',
    pattern:
      /\b(?:kill|end|take|hurt|harm|hang|cut)\s+(?:my ?self|my own life|myself tonight|it all|my life|himself|herself|themselves|him self|her self)\b|\bsuicidal\b|\bsuicide note\b|\b(?:going to|gonna|want to|wants to|threatening to|about to) (?:commit suicide|end (?:it|his life|her life|things))\b|\b(?:taken|took|swallowed) (?:an overdose|(?:a lot of|loads of|lots of|all (?:my|his|her|the)|a load of|a bottle of|a packet of|\d+) (?:pills|tablets|paracetamol|painkillers))\b|\boverdosed\b|\bjump(?:ing)? off (?:the|a) (?:bridge|roof|building|cliff|car park)\b|\b(?:don't|dont|do not) want to (?:live|be alive|be here) (?:anymore|any more)\b|\bcan't go on\b/,
  },
  {
    kind: 'self-harm intent',
    pattern:
      /\b(?:bridge|roof|cliff|ledge|edge|railway|tracks|viaduct)\b[^.!?]{0,60}\b(?:going to|gonna|threatening to|about to|wants to|says (?:he|she)(?:'ll| will)) jump\b|\b(?:going to|gonna|threatening to|about to|wants to) jump\b[^.!?]{0,40}\b(?:bridge|roof|cliff|ledge|railway|tracks|viaduct)\b/,
  },
  {
    kind: 'self-harm intent',
    pattern:
      /\b(?:lladd|ladd|nladd) (?:fy hun(?:an)?|ei hun(?:an)?|eu hunain)\b|\b(?:isio|eisiau|moyn|am) (?:marw|farw)\b|\b(?:diweddu|gorffen) (?:fy|ei) (?:mywyd|bywyd|fywyd)\b|\bhunanladdol\b|\b(?:cymryd|wedi cymryd) (?:gorddos|llwyth o|lot o|llawer o|potel o|paced o) ?(?:dabledi|tabledi|pils|paracetamol)?\b|\bneidio (?:oddi ar|o'r|off) (?:y |r )?(?:bont|to|clogwyn)\b|\bddim (?:isio|eisiau|moyn) byw\b/,
  },
  // --- children in danger
  {
    kind: 'child in danger',
    pattern: new RegExp(
      String.raw`\b${YOUNG_CHILD}\b[^.!?]{0,60}\b(?:locked in (?:a|the|his|her|their|my) (?:car|van)|left (?:alone|on (?:their|his|her) own|in (?:a|the) (?:hot )?(?:car|van))|(?:is|are) in danger|not breathing|being (?:hit|beaten|hurt|abused|taken|dragged|grabbed|shaken)|taken by (?:a|some) (?:man|woman|stranger)|snatched|wandered off|wandering (?:on (?:her|his|their) own|alone|around alone|by the (?:road|river|canal|water))|(?:has|have) gone missing|(?:is|are) missing|can(?:'t|not|t) find (?:him|her|them))\b`,
    ),
  },
  {
    kind: 'child in danger',
    pattern:
      /\b(?:fallen|fell|gone|went|drowning|struggling|swept|stuck) (?:\w+ ){0,2}(?:in|into) the (?:river|sea|canal|water|lake|reservoir|pond)\b|\bdrowning\b/,
  },
  {
    kind: 'child in danger',
    pattern:
      /\b(?:plentyn|plant|babi|babis|bachgen bach|merch fach|mhlentyn|mhlant|[1-9] oed)\b[^.!?]{0,60}\b(?:wedi'i gloi|wedi ei gloi|wedi'u cloi|wedi eu cloi|ar (?:ei|eu) (?:ben|pen) (?:ei|eu) hun(?:ain)?|mewn perygl|ddim yn anadlu|yn yr afon|ar goll|wedi diflannu|wedi mynd ar goll|yn cael (?:ei|eu) (?:guro|churo|brifo|frifo|cham-drin|cipio))\b/,
  },
  { kind: 'child in danger', pattern: /\b(?:yn boddi|wedi syrthio i'r (?:afon|mor|dwr|gamlas))\b/ },
  // --- life at risk (medical, fire)
  {
    kind: 'life at risk',
    pattern:
      /\b(?:is|'s|are|'re|lying|found (?:him|her|someone|a man|a woman))\s+(?:\w+\s+)?(?:unconscious|unresponsive|not breathing)\b|\b(?:not|isn't|isnt|is not|stopped|aren't|can't stop|struggling) breathing\b|\bbleeding (?:heavily|badly|everywhere|out|a lot|loads)\b|\b(?:lots of|so much|loads of) blood\b|\b(?:house|flat|home|building|car|van|shop|garage|kitchen|bedroom)(?:'s| is)? (?:on fire|in flames|alight)\b|\b(?:people|someone|somebody|kids|family|children|a man|a woman)(?:'s| is| are)? (?:still )?(?:trapped|inside|stuck) (?:\w+ )?(?:fire|flames|burning)\b|\b(?:trapped|stuck) (?:inside|in) (?:the|a) (?:fire|burning|blaze)\b|\bcollapsed and (?:isn't|is not|not|isnt) (?:moving|breathing|responding)\b/,
  },
  {
    kind: 'life at risk',
    pattern:
      /\bddim yn anadlu\b|\banymwybodol\b|\bgwaedu(?:'n| yn)? (?:drwm|ofnadwy|lot|yn ddrwg)\b|\b(?:ty|fflat|car|adeilad|cegin|siop)(?:'n| yn)? (?:ar dan|llosgi)\b|\bmae'r (?:ty|fflat|car|adeilad) ar dan\b/,
  },
];

const CRASH =
  /\b(?:crash(?:ed)?|collision|rtc|accident|hit by (?:a|the) (?:car|van|lorry|bus|vehicle|motorbike)|knocked (?:off|down|over)|run over|overturned|on (?:its|it's|their) roof|flipped|pile[- ]?up|came off (?:his|her|their) (?:bike|motorbike)|come off (?:his|her|their) (?:bike|motorbike))\b|\b(?:damwain|ddamwain|gwrthdrawiad|wedi (?:ei |'i )?daro gan|car ar ei do|wedi troi drosodd)\b/;
const INJURY =
  /\b(?:injured|injuries|hurt|bleeding|blood|unconscious|not moving|isn't moving|isnt moving|trapped|can't get out|cant get out|stuck inside|ambulance|not breathing|head injury|screaming in pain|lying in the road|broken (?:leg|arm|neck)|seriously|badly)\b|\b(?:wedi brifo|wedi'i anafu|wedi anafu|anafiadau|anafedig|gwaedu|anymwybodol|ddim yn symud|yn gaeth|methu dod allan|ambiwlans|mewn poen|gorwedd ar y ffordd)\b/;
const NO_INJURY =
  /\b(?:no(?:body|one|-one| one)?(?: was| is|'s| got| were)? (?:hurt|injured)|no injuries|not (?:hurt|injured)|unhurt|uninjured|(?:everyone|everybody|we|all)(?:'s| is| are|'re)? (?:ok|okay|fine|alright|safe)|just a (?:bump|scratch|prang|dent)|minor (?:bump|prang|damage))\b|\b(?:neb wedi (?:brifo|'i anafu|anafu|cael ei anafu)|dim anafiadau|pawb yn (?:iawn|saff|ddiogel)|neb yn brifo|neb wedi brifo)\b/;

const FIRE =
  /\b(?:on fire|in flames|alight|ablaze|blaze|smoke (?:pouring|coming)|ar dan|mwg yn dod|llosgi)\b/;
const PEOPLE_INSIDE =
  /\b(?:still inside|still in there|inside|trapped|can't get out|stuck)\b|\b(?:tu fewn|tu mewn|y tu mewn|yn gaeth|methu dod allan|dal yn y)\b/;

/** Phrases that use violent words without meaning harm. Removed before the rules run. */
const FIGURES_OF_SPEECH: readonly RegExp[] = [
  /\b(?:is|are|was|'s|'re|its|it's)\s+(?:\w+\s+)?killing\s+(?:me|us|it|my (?:feet|back|head|legs))\b/g,
  /\bkilling it\b/g,
  /\bkill(?:ing)? (?:time|the mood|the vibe|two birds)\b/g,
  /\bdying (?:to|for|of (?:laughter|boredom|embarrassment))\b/g,
  /\b(?:to die for|bored to death|scared to death|death trap|dead (?:funny|good|easy|jealous)|i'?m dead|i'm literally dead)\b/g,
  /\bcould (?:murder|kill) (?:a|for a|for)\b/g,
  /\b(?:mum|mam|mom|dad|nan|gran|boss|teacher|wife|missus|hubby|husband|girlfriend|boyfriend|she|he)(?:'s|'ll| is| will)? (?:going to |gonna |gunna )?(?:kill|murder) me (?:when|if|for|lol)\b/g,
  /\bshoot (?:me|us) (?:a|an) (?:message|dm|email|text)\b/g,
  /\b(?:marw (?:isio|eisiau|moyn) gwybod|marw o (?:chwerthin|ddiflastod|gywilydd)|bron marw o chwerthin|lladd amser)\b/g,
  /\b(?:ciw|aros|gwres|tywydd|traffig|gwaith|nghefn|nhraed|mhen)\b[^.!?]{0,30}(?:\byn|'n) (?:fy )?lladd i\b/g,
];

/** Jokes about killing ("I'll kill him lol") are not threats; weapons and violence are not excused. */
const JOKE = /\b(?:lol|lmao|haha+|hehe|jk|only joking|just joking|joking|banter)\b|😂|🤣|😆/;

const HISTORIC =
  /\b(?:years? ago|months? ago|weeks? ago|days ago|last (?:year|month|week|summer|winter|spring|christmas|weekend|night|time)|when i was (?:a |an )?(?:child|kid|little|young|teenager|teen|girl|boy|\d+)|as a (?:child|kid|teenager)|back in (?:the )?\d+|in (?:19|20)\d\d|historic(?:al)?|a while (?:ago|back)|yesterday|the other (?:day|night)|over the weekend|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|earlier (?:this (?:week|month|year)|today|on)|this morning|used to|previously|at the time|\d+ years old at the time)\b|\b(?:flynyddoedd yn ol|blynyddoedd yn ol|flwyddyn yn ol|mis yn ol|misoedd yn ol|wythnos(?:au)? yn ol|llynedd|wythnos diwethaf|mis diwethaf|pan o(?:'n|edd) i'n (?:blentyn|fach|ifanc|ferch|fachgen)|ddoe|neithiwr|y diwrnod o'r blaen|bore (?:ma|'ma|yma)|yn arfer)\b/;

const STILL_NOW =
  /\b(?:right now|(?:here|outside|back|there|coming|going|happening) now|now (?:he|she|they)(?:'s| is| are|'re)|rn|atm|at the moment|currently|still (?:here|outside|there|going on|happening|in|at|has|got)|as we speak|as i type|outside (?:my|the|our) (?:house|door|flat|window|home|gate)|at (?:my|the|our) (?:door|window|gate)|on (?:his|her|their) way|coming (?:back|round|over|for me)|tonight|please help|help me|hurry|send someone|urgent(?:ly)?)\b|\b(?:(?:yma|tu allan|yn ol|'n ol|yn dod) (?:nawr|rwan)|(?:nawr|rwan) mae (?:o|e|hi|nhw)|ar hyn o bryd|heno|tu allan i'r (?:ty|drws)|wrth y drws|ar ei ffordd|yn dod yn ol|helpwch|brysiwch|dewch yn (?:gloi|gyflym|syth))\b/;

export interface EmergencyVerdict {
  readonly emergency: boolean;
  readonly kinds: readonly EmergencyKind[];
  readonly reasons: readonly string[];
}

function removeFigures(folded: string, notes: string[]): string {
  let text = folded;
  for (const figure of FIGURES_OF_SPEECH) {
    text = text.replace(figure, (found) => {
      notes.push(`Figure of speech ignored ('${quote(found, 30)}')`);
      return ' ';
    });
  }
  return text;
}

export function detectEmergency(text: string): EmergencyVerdict {
  const notes: string[] = [];
  const folded = removeFigures(fold(text), notes);
  const hits: { kind: EmergencyKind; found: string }[] = [];
  for (const rule of RULES) {
    const match = rule.pattern.exec(folded);
    if (!match) continue;
    if (rule.kind === 'threat to kill' && JOKE.test(folded)) {
      notes.push(`Joking tone: threat not treated as real ('${quote(match[0], 30)}')`);
      continue;
    }
    hits.push({ kind: rule.kind, found: match[0] });
  }
  const crash = CRASH.exec(folded);
  const injury = INJURY.exec(folded);
  if (crash && injury && !NO_INJURY.test(folded)) {
    hits.push({ kind: 'crash with injuries', found: `${crash[0]} … ${injury[0]}` });
  }

  const fire = FIRE.exec(folded);
  const inside = PEOPLE_INSIDE.exec(folded);
  if (fire && inside) hits.push({ kind: 'life at risk', found: `${fire[0]} … ${inside[0]}` });

  if (hits.length === 0) return { emergency: false, kinds: [], reasons: notes };

  const historic = HISTORIC.exec(folded);
  if (historic && !STILL_NOW.test(folded)) {
    return {
      emergency: false,
      kinds: [],
      reasons: [
        ...notes,
        `Not an emergency: past event ('${quote(historic[0], 30)}') with no sign of danger now`,
      ],
    };
  }
  const kinds = [...new Set(hits.map((hit) => hit.kind))];
  const reasons = kinds.map((kind) => {
    const first = hits.find((hit) => hit.kind === kind);
    return `Emergency: ${kind} ('${quote(first?.found ?? '', 40)}')`;
  });
  return { emergency: true, kinds, reasons: [...reasons, ...notes] };
}
