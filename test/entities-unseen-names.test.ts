import t from 'tap'
import { emptyArticle, newDoc } from '../src/pipeline/document.js'
import { recogniseEntities } from '../src/pipeline/entities.js'

/*
 * Names the tagger never saw in training: cities of 100,000–1,000,000 people and given name + surname
 * pairs that occur in neither CoNLL-2003 train nor PolNeAR train. What it knows of them comes from
 * the lists of names that ship inside the model (scripts/train/name-lists.ts): without the lists,
 * 34 of the 40 cities are found as places (Muzaffargarh, Magelang, Lekki… were people or nothing)
 * and 39 of the 40 people; with them, all 80.
 */
const CITIES = [
  'Qarchak', 'Shinyanga', 'Malatya', 'Ukhta', 'Presnenskiy', 'Navapolatsk', 'Trabzon', 'Nelspruit',
  'Muzaffargarh', 'Kalmunai', 'Parbhani', 'Hisar', 'Bettiah', 'Tyumen', 'Vinh', 'Magelang', 'Urdaneta',
  'Kulim', 'Xuanzhou', 'Shahecheng', 'Laiwu', 'Gaomi', 'Chuncheon', 'Nagaoka', 'Hikone', 'Shuangyashan',
  'Anda', 'Ziguinchor', 'Lekki', 'Laayoune', 'Dagenham', 'Kassel', 'Parla', 'Arapiraca', 'Bauru', 'Choloma',
  'Piura', 'Olathe', 'Lancaster', 'Eixample',
]
const PEOPLE = [
  'Addison Abshire', 'Adell Altenwerth', 'Adrien Ankunding', 'Alejandrin Auer', 'Arda Abicht',
  'Ecrin Abramovic', 'Jona Abt', 'Nikita Achkinadze', 'Alix Aubert', 'Archange Aubry', 'Ariel Barbier',
  'Camille Barre', 'Adela Abeyta', 'Alejandra Abrego', 'Amalia Abreu', 'Anni Adame', 'Abbondanza Abate',
  'Acilia Abbate', 'Adalberta Abbondanza', 'Adalgisa Abbrescia', 'Adelajda Adamczak', 'Agata Adamczyk',
  'Agrypina Adamek', 'Alicja Adamiak', 'Alessandra Carvalho', 'Aline Macedo', 'Antonella Martins',
  'Beatriz Melo', 'Bo Aalbers', 'Bowie Bijl', 'Jaimy Bos', 'Jip Bosch', 'Agneta Abrahamsson',
  'Alva Andreasson', 'Anette Arvidsson', 'Anneli Axelsson', 'Abak Abadan', 'Abaka Abay', 'Abakan Acar',
  'Abakay Aclan',
]
const CITY_FRAMES = [
  'The storm reached {} on Monday, officials said.',
  'Officials in {} said the bridge would reopen.',
  'She grew up in {} and moved abroad in 2010.',
  'Protesters marched through {} for a third day.',
]
const PERSON_FRAMES = [
  '{}, a teacher, said the school would reopen.',
  'The report was written by {}.',
  '“We are ready,” {} told reporters.',
  '{} won the vote by a wide margin.',
]

/** How many of the names are found, each in its own one-sentence article, with the whole name as the span and the right type. */
function found(names: string[], frames: string[], type: 'PLACE' | 'PERSON'): { hits: number; misses: string[] } {
  const misses: string[] = []
  names.forEach((name, i) => {
    const doc = newDoc(`n${i}`, emptyArticle(frames[i % frames.length].replace('{}', name)))
    recogniseEntities(doc)
    if (!doc.mentions.some((m) => m.text === name && m.type === type)) misses.push(name)
  })
  return { hits: names.length - misses.length, misses }
}

t.test('cities the tagger was never taught are places', async (t) => {
  const { hits, misses } = found(CITIES, CITY_FRAMES, 'PLACE')
  t.ok(hits >= 37, `${hits} of ${CITIES.length} found as places; missed: ${misses.join(', ') || 'none'}`)
})

t.test('people the tagger was never taught are people', async (t) => {
  const { hits, misses } = found(PEOPLE, PERSON_FRAMES, 'PERSON')
  t.ok(hits >= 37, `${hits} of ${PEOPLE.length} found as people; missed: ${misses.join(', ') || 'none'}`)
})
