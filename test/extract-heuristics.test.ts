import t from 'tap'
import { isDateLine, parseDate } from '../src/pipeline/extract/dates.js'
import { readByline, readDateline, readSignOff } from '../src/pipeline/extract/wires.js'
import { extractFile } from '../src/pipeline/extract.js'

t.test('dates as pages state them', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['12:59 JST, September 14, 2023', '2023-09-14T03:59:00.000Z', '2023-09-14T12:59:00+09:00'],
    ['September 14, 2023 12:59 PM EDT', '2023-09-14T16:59:00.000Z', '2023-09-14T12:59:00-04:00'],
    ['Sept. 14, 2023 at 9 a.m. ET', '2023-09-14T13:00:00.000Z', '2023-09-14T09:00:00-04:00'],
    ['Dec 4, 2023 9:00 AM ET', '2023-12-04T14:00:00.000Z', '2023-12-04T09:00:00-05:00'],
    ['Mar 1, 2024 6:30 PM PT', '2024-03-02T02:30:00.000Z', '2024-03-01T18:30:00-08:00'],
    ['14 September 2023 10:05 BST', '2023-09-14T09:05:00.000Z', '2023-09-14T10:05:00+01:00'],
    ['Updated: Sep 14, 2023, 03:59 PM IST', '2023-09-14T10:29:00.000Z', '2023-09-14T15:59:00+05:30'],
    ['Thursday, September 14, 2023 20:00 KST', '2023-09-14T11:00:00.000Z', '2023-09-14T20:00:00+09:00'],
    ['14 Sep 2023 17:00 CEST', '2023-09-14T15:00:00.000Z', '2023-09-14T17:00:00+02:00'],
    ['14 Sep 2023 17:00 AEST', '2023-09-14T07:00:00.000Z', '2023-09-14T17:00:00+10:00'],
    ['September 14, 2023 08:00 GMT', '2023-09-14T08:00:00.000Z', '2023-09-14T08:00:00+00:00'],
    ['September 14, 2023 08:00 UTC+5:30', '2023-09-14T02:30:00.000Z', '2023-09-14T08:00:00+05:30'],
    ['2023-09-14T12:59:00+09:00', '2023-09-14T03:59:00.000Z', '2023-09-14T12:59:00+09:00'],
    ['2023-09-14T03:59:00Z', '2023-09-14T03:59:00.000Z', '2023-09-14T03:59:00+00:00'],
    ['Sep 14, 2023', '2023-09-14T00:00:00.000Z', '2023-09-14'],
    ['September 14, 2023 12:59', '2023-09-14T12:59:00.000Z', '2023-09-14T12:59:00'],
  ]
  for (const [text, at, local] of cases) t.same(parseDate(text), { publishedAt: at, publishedLocal: local }, text)
  t.equal(parseDate('February 30, 2023'), null, 'no such day')
  t.equal(parseDate('the meeting on Wednesday'), null)
})

t.test('a date stamp line versus a sentence with a date', async (t) => {
  for (const line of ['12:59 JST, September 14, 2023', 'Published: Sep 14, 2023, 03:59 PM IST', 'Saturday, March 19, 2016.'])
    t.ok(isDateLine(line), line)
  for (const line of ['Russia, September 13, 2023.', 'The law takes effect on January 1, 2024.'])
    t.notOk(isDateLine(line), line)
})

t.test('datelines, bylines and sign-offs', async (t) => {
  t.same(readDateline('WASHINGTON (Reuters) – The Biden administration said'), { place: 'WASHINGTON', wire: 'Reuters' })
  t.same(readDateline('NEW DELHI, Sept 14 (PTI) The government said'), { place: 'NEW DELHI', wire: 'PTI' })
  t.same(readDateline('Washington [US], September 14 (ANI): The United States said'), { place: 'Washington', wire: 'ANI' })
  t.same(readDateline('SEOUL, Sept. 14 (Yonhap) -- North Korea fired'), { place: 'SEOUL', wire: 'Yonhap' })
  t.same(readDateline('MOSCOW (AFP) - Russia said'), { place: 'MOSCOW', wire: 'AFP' })
  t.same(readDateline('CHARLOTTE - The wife of a man'), { place: 'CHARLOTTE', wire: null })
  t.equal(readDateline('A Bloomberg poll shows that Americans'), null)
  t.equal(readDateline('Miller (D-NY) said on Monday'), null, 'a party label is not an agency')
  t.same(readByline('By Jane Doe'), { author: 'Jane Doe', wire: null })
  t.same(readByline('By Jane Doe and John Roe | Reuters'), { author: 'Jane Doe, John Roe', wire: 'Reuters' })
  t.same(readByline('By The Associated Press'), { author: null, wire: 'Associated Press' })
  t.equal(readByline('By the time the vote was called, most senators had left the chamber.'), null)
  t.same(readSignOff('Reporting by Simon Lewis; Editing by Sandra Maler'), { wire: 'Reuters' })
  t.same(readSignOff('— AP'), { wire: 'Associated Press' })
  t.equal(readSignOff('Miller said.'), null)
})

t.test('text pages: byline, teaser lists and comment forms', async (t) => {
  const page = [
    'Home › World › Asia',
    '',
    'Typhoon Lan makes landfall in western Japan',
    'By Aiko Sato, Kyodo',
    'August 15, 2023 7:40 AM JST',
    '',
    'OSAKA (Kyodo) – Typhoon Lan made landfall in western Japan early Tuesday, disrupting travel during the Bon holiday.',
    '',
    'Hundreds of flights were cancelled and bullet train services between Tokyo and Osaka were suspended, operators said.',
    '',
    'Advertisement',
    '',
    '“Please take every precaution to protect your lives,” the chief cabinet secretary told a news conference.',
    '',
    'Reporting by Aiko Sato; Editing by Ken Mori',
    '',
    'You May Also Like',
    'Yen slides to nine-month low',
    'Traders braced for intervention as the currency weakened past...',
    'LEAVE A REPLY',
    'Please enter your comment!',
  ].join('\n')
  const [{ article: a }] = extractFile({ name: 'typhoon.txt', content: page })
  t.equal(a.headline, 'Typhoon Lan makes landfall in western Japan')
  t.equal(a.author, 'Aiko Sato')
  t.equal(a.wire, 'Kyodo')
  t.equal(a.dateline, 'OSAKA')
  t.equal(a.publishedAt, '2023-08-14T22:40:00.000Z')
  t.same(a.body.split('\n\n').map((p) => p.slice(0, 20)), ['OSAKA (Kyodo) – Typh', 'Hundreds of flights ', '“Please take every p'])
})

t.test('hard-wrapped text is read paragraph by paragraph', async (t) => {
  const text = [
    'Council approves new harbour plan after two-year review of the',
    'waterfront',
    '',
    'PORTSMOUTH – The city council on Tuesday approved a plan to rebuild the',
    'old harbour wall, ending a two-year review. Councillor Ann Lee said the',
    'work would begin in the spring and last about 18 months.',
    '',
    '“We have listened to residents,” Lee said. “This plan protects homes and',
    'keeps the ferry running while the work goes on.”',
  ].join('\n')
  const [{ article: a }] = extractFile({ name: 'harbour.txt', content: text })
  t.equal(a.headline, 'Council approves new harbour plan after two-year review of the waterfront')
  t.equal(a.dateline, 'PORTSMOUTH')
  t.equal(a.body.split('\n\n').length, 2)
  t.match(a.body, /rebuild the old harbour wall/)
})
