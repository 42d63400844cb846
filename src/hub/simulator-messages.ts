import type { ConversationKind } from '../shared/domain';

/**
 * What the public writes to a force's Social Media Desk, in English and Welsh, modelled on
 * the message types the desk reports (non-urgent crime, updates, intelligence, missing
 * people, stolen vehicles, anti-social behaviour, fraud, the odd emergency, comments).
 */
export interface SimulatedText {
  readonly kind: ConversationKind;
  readonly text: string;
}

export const SIMULATED_TEXTS: readonly SimulatedText[] = [
  {
    kind: 'dm',
    text: 'Hi, someone has smashed the window of my car overnight on Commercial Street and taken my sat nav. Do I report it here?',
  },
  {
    kind: 'dm',
    text: 'My shed was broken into last night and two bikes were stolen. I have CCTV footage if that helps.',
  },
  {
    kind: 'dm',
    text: 'Can I get an update on my crime reference number please? I reported a burglary two weeks ago and have heard nothing.',
  },
  {
    kind: 'dm',
    text: 'I was told an officer would ring me back about my report from Tuesday but nobody has. Any update?',
  },
  {
    kind: 'dm',
    text: 'I don’t want to give my name but the house at the end of our road has people coming and going all night, I think they are dealing drugs.',
  },
  {
    kind: 'dm',
    text: 'I have information about who set fire to the bins behind the shops last weekend, I want to stay anonymous.',
  },
  {
    kind: 'dm',
    text: 'My son is 15 and hasn’t come home since yesterday afternoon, his phone is off. What should I do?',
  },
  {
    kind: 'dm',
    text: 'My van was stolen from outside my house this morning, it is a white Ford Transit. I have the registration.',
  },
  {
    kind: 'dm',
    text: 'Group of youths are throwing stones at cars on the estate again tonight, it happens every weekend.',
  },
  {
    kind: 'dm',
    text: 'Neighbours are playing loud music every night until 3am and shouting abuse when we complain.',
  },
  {
    kind: 'dm',
    text: 'I got a text saying it was from my bank and I gave them my card details, now £900 has gone from my account.',
  },
  {
    kind: 'dm',
    text: 'Someone has hacked my Facebook account and is messaging my friends asking for money.',
  },
  {
    kind: 'dm',
    text: 'A car hit my parked car and drove off without stopping, I got part of the number plate.',
  },
  {
    kind: 'dm',
    text: 'HELP there is a man with a knife outside the pub on the high street right now, people are screaming',
  },
  {
    kind: 'dm',
    text: 'My ex keeps turning up at my house and threatening me, I am scared to leave the house.',
  },
  {
    kind: 'dm',
    text: 'I want to report something that happened to me years ago, a sexual assault. I have never told anyone.',
  },
  { kind: 'dm', text: 'How do I get a copy of a police report for my insurance company?' },
  {
    kind: 'dm',
    text: 'I want to make a complaint about how an officer spoke to me at a road stop yesterday.',
  },
  { kind: 'dm', text: 'Is the road through the town centre still closed after the accident this morning?' },
  {
    kind: 'dm',
    text: 'Helo, mae rhywun wedi torri i mewn i fy nghar neithiwr a dwyn fy mag. Ydw i’n gallu adrodd hyn yma?',
  },
  {
    kind: 'dm',
    text: 'Oes diweddariad ar fy nghyfeirnod trosedd os gwelwch yn dda? Dw i heb glywed dim ers wythnos.',
  },
  {
    kind: 'dm',
    text: 'Mae fy merch 14 oed heb ddod adref ers neithiwr ac mae ei ffôn wedi ei ddiffodd. Beth ddylwn i ei wneud?',
  },
  { kind: 'dm', text: 'Mae criw o bobl ifanc yn taflu cerrig at geir ar yr ystâd eto heno.' },
  { kind: 'dm', text: 'Cafodd fy fan ei dwyn o du allan i’r tŷ bore ma. Fan wen ydy hi.' },
  {
    kind: 'dm',
    text: 'Ces i neges destun yn honni bod o’r banc a rhoddais fanylion fy ngherdyn, mae arian wedi mynd o fy nghyfrif.',
  },
  {
    kind: 'dm',
    text: 'Mae gen i wybodaeth am bwy sy’n gwerthu cyffuriau ger yr ysgol, dw i eisiau aros yn ddienw.',
  },
  { kind: 'dm', text: 'Mae dyn gyda chyllell tu allan i’r dafarn nawr, helpwch!' },
  {
    kind: 'comment',
    text: 'Well done to the officers who found the missing man last night, brilliant work.',
  },
  { kind: 'comment', text: 'Any news on the road closure by the roundabout? Been stuck here 40 minutes.' },
  { kind: 'comment', text: 'Shared. Hope she is found safe and well.' },
  { kind: 'comment', text: 'My car was broken into on the same street last week, nobody has been in touch.' },
  { kind: 'comment', text: 'Where are the police when you need them, useless as always.' },
  { kind: 'comment', text: 'Wedi rhannu. Gobeithio ei fod yn ddiogel.' },
  { kind: 'comment', text: 'Diolch i’r swyddogion am eu gwaith caled neithiwr.' },
];

export const SIMULATED_NAMES: readonly string[] = [
  'Rhian Evans',
  'Dafydd Jones',
  'Sarah Williams',
  'Gareth Davies',
  'Emma Thomas',
  'Owain Roberts',
  'Jess Hughes',
  'Tom Lewis',
  'Ceri Morgan',
  'Aled Price',
  'Kelly Powell',
  'Sian Jenkins',
];
