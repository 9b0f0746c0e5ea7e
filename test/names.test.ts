import t from 'tap'
import { canonicalName, entityKey, normaliseName } from '../src/pipeline/names.js'
import type { EntityType } from '../src/pipeline/document.js'

const key = (surface: string, type: EntityType) => entityKey(type, canonicalName(surface, type))

t.test('normaliseName folds case, diacritics, punctuation and hyphens', async (t) => {
  t.equal(normaliseName('Kim Jong-un'), 'kim jong un')
  t.equal(normaliseName('KIM JONG UN'), 'kim jong un')
  t.equal(normaliseName('Recep Tayyip Erdoğan'), 'recep tayyip erdogan')
  t.equal(normaliseName('U.S.'), normaliseName('US'))
  t.equal(normaliseName('North Korea’s'), 'north korea')
  t.equal(normaliseName('  Procter & Gamble '), 'procter and gamble')
})

t.test('titles, nationality words and possessives are not part of a person’s name', async (t) => {
  t.equal(canonicalName('President Vladimir Putin', 'PERSON'), 'Vladimir Putin')
  t.equal(canonicalName('Russia President Vladimir Putin', 'PERSON'), 'Vladimir Putin')
  t.equal(canonicalName('Russian President Vladimir Putin', 'PERSON'), 'Vladimir Putin')
  t.equal(canonicalName('North Korean leader Kim Jong Un', 'PERSON'), 'Kim Jong Un')
  t.equal(canonicalName('State Department spokesperson Matthew Miller', 'PERSON'), 'Matthew Miller')
  t.equal(canonicalName('Putin’s', 'PERSON'), 'Putin')
  t.equal(canonicalName('Jordan Peterson', 'PERSON'), 'Jordan Peterson', 'a first name that is also a country stays')
  t.equal(canonicalName('Chad Johnson', 'PERSON'), 'Chad Johnson')
  // A name that is only a title-like word is kept rather than emptied.
  t.equal(canonicalName('King', 'PERSON'), 'King')
})

t.test('the same entity written differently has one key', async (t) => {
  t.equal(key('Kim Jong-un', 'PERSON'), key('Kim Jong Un', 'PERSON'))
  t.equal(key('Kim Jong Un', 'PERSON'), 'PERSON:kim jong un')
  t.equal(key('N Korea', 'PLACE'), key('North Korea', 'PLACE'))
  t.equal(key('U.S.', 'PLACE'), key('US', 'PLACE'))
  t.equal(key('US', 'PLACE'), key('United States', 'PLACE'))
  t.equal(canonicalName('U.S.', 'PLACE'), 'United States')
  t.equal(canonicalName('U.S. State Department', 'ORG'), 'US State Department')
  t.equal(key('US Department of State', 'ORG'), key('State Department', 'ORG'))
  t.equal(key('State Department', 'ORG'), key('U.S. State Department', 'ORG'))
  t.equal(canonicalName('U.N. Security Council', 'ORG'), 'UN Security Council')
  t.equal(key('UN Security Council', 'ORG'), key('United Nations Security Council', 'ORG'))
  t.equal(canonicalName('The Associated Press', 'ORG'), 'Associated Press')
  t.equal(key('AP', 'ORG'), key('Associated Press', 'ORG'))
  t.equal(key('Reuters', 'ORG'), 'ORG:reuters')
})

t.test('different entities keep different keys', async (t) => {
  t.not(key('North Korea', 'PLACE'), key('South Korea', 'PLACE'))
  t.not(key('Bill Clinton', 'PERSON'), key('Hillary Clinton', 'PERSON'))
  t.not(key('Georgia', 'PLACE'), key('Georgia', 'PERSON'))
  // Unknown organisations keep their own words, with dotted abbreviations undotted.
  t.equal(canonicalName('U.S. Federal Aviation Administration', 'ORG'), 'US Federal Aviation Administration')
})

t.test('an acronym names an organisation only when it is written in capitals', async (t) => {
  t.equal(canonicalName('WHO', 'ORG'), 'World Health Organization')
  t.equal(canonicalName('Who', 'ORG'), 'Who', '“Who will win?” is a question')
  t.equal(canonicalName('AP', 'ORG'), 'Associated Press')
  t.equal(canonicalName('Ap', 'ORG'), 'Ap')
  t.equal(canonicalName('U.N.', 'ORG'), 'United Nations')
  t.equal(canonicalName('Nato', 'ORG'), 'NATO', 'a mixed-case alias listed as such still matches')
  t.equal(canonicalName('Fed', 'ORG'), 'Federal Reserve')
})
