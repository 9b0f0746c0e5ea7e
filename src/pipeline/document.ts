/**
 * The typed document every pipeline stage reads and extends.
 *
 * Offsets everywhere are JavaScript string indexes (UTF-16 code units) into `body`,
 * and every span satisfies `body.slice(start, end) === text`.
 */

export type EntityType = 'PERSON' | 'ORG' | 'PLACE'

export interface Span {
  start: number
  end: number
  text: string
}

/** What the extractor knows about the page the body came from. */
export interface ArticleFields {
  headline: string | null
  dateline: string | null
  /** ISO-8601 instant in UTC, e.g. 2023-09-14T03:59:00.000Z */
  publishedAt: string | null
  /** The time as the page states it, with its offset, e.g. 2023-09-14T12:59:00+09:00 */
  publishedLocal: string | null
  /** The outlet that published the page (e.g. "The Japan News"). */
  source: string | null
  /** The wire service the story came from (e.g. "Reuters"). */
  wire: string | null
  author: string | null
  url: string | null
  language: string
  /** Photo captions, kept apart from the body. */
  captions: string[]
  /** The story text alone; paragraphs separated by "\n\n". */
  body: string
}

export interface Paragraph {
  start: number
  end: number
}

export interface Sentence {
  start: number
  end: number
  /** index into NewsDoc.paragraphs */
  paragraph: number
}

/** A named-entity mention in the body. */
export interface Mention extends Span {
  type: EntityType
  /** Canonical name of the entity this mention refers to ("Vladimir Putin"). */
  canonical: string
  /** Stable identity key across articles, e.g. "PERSON:vladimir putin". */
  key: string
}

/** One entity of the document, with every surface form the document used for it. */
export interface DocEntity {
  key: string
  type: EntityType
  canonical: string
  aliases: string[]
}

export type SpeakerResolution =
  | 'named' // the full name stands by the cue
  | 'surname' // "Miller said"
  | 'pronoun' // "he added"
  | 'title' // "the spokesman said"
  | 'organisation' // "the U.S. State Department said"
  | 'unresolved'

export interface Quote extends Span {
  /** Canonical speaker name, null when no speaker was found. */
  speaker: string | null
  /** Identity key of the speaking entity (same as Mention.key), null when unresolved. */
  speakerKey: string | null
  speakerType: 'PERSON' | 'ORG' | null
  /** Where in the body the speaker is referred to for this quote ("Miller", "he"). */
  speakerMention: Span | null
  /** The cue, e.g. "said", "told reporters", "according to". */
  cue: Span | null
  /** The speaker's role as the article states it ("State Department spokesperson"). */
  role: string | null
  resolution: SpeakerResolution
  /** 0..1 */
  confidence: number
}

/**
 * A quoted phrase that nobody says: a scare quote, a title, a nested quotation, a transcript's note
 * in quotation marks ("(CROSSTALK)").
 */
export interface QuotedPhrase extends Span {
  kind: 'scare' | 'title' | 'nested' | 'note' | 'other'
}

export interface Message {
  stage: string
  severity: 'info' | 'warning'
  text: string
}

export interface NewsDoc {
  /** Document name (file name without extension, or record id). */
  doc: string
  article: ArticleFields
  paragraphs: Paragraph[]
  sentences: Sentence[]
  mentions: Mention[]
  entities: DocEntity[]
  quotes: Quote[]
  quotedPhrases: QuotedPhrase[]
  messages: Message[]
}

export function emptyArticle(body: string): ArticleFields {
  return {
    headline: null,
    dateline: null,
    publishedAt: null,
    publishedLocal: null,
    source: null,
    wire: null,
    author: null,
    url: null,
    language: 'en',
    captions: [],
    body,
  }
}

export function newDoc(doc: string, article: ArticleFields): NewsDoc {
  return {
    doc,
    article,
    paragraphs: [],
    sentences: [],
    mentions: [],
    entities: [],
    quotes: [],
    quotedPhrases: [],
    messages: [],
  }
}
