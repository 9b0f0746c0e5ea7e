import type { DocEntity, Mention, Paragraph, Quote, Sentence, Span, SpeakerResolution } from '../../src/pipeline/document.js'
import type { WorldEntity } from './world.js'

/**
 * Writes an article body left to right and records every annotation at the offset where its text
 * lands, so `body.slice(start, end) === text` holds by construction (JavaScript string indexes).
 */
export class BodyBuilder {
  private readonly parts: string[] = []
  private length = 0
  private paragraphStart = -1
  private sentenceStart = -1
  readonly paragraphs: Paragraph[] = []
  readonly sentences: Sentence[] = []
  readonly mentions: Mention[] = []
  readonly quotes: Quote[] = []
  private readonly entities = new Map<string, DocEntity>()
  /** People already named in full: later references use the surname. */
  readonly introduced = new Set<string>()

  /** Appends text and returns its span. */
  write(text: string): Span {
    const start = this.length
    this.parts.push(text)
    this.length += text.length
    return { start, end: this.length, text }
  }

  /** Appends the surface form of an entity and records the mention. */
  mention(entity: WorldEntity, surface: string): Span {
    const span = this.write(surface)
    this.mentions.push({ start: span.start, end: span.end, text: span.text, type: entity.type, canonical: entity.name, key: entity.key })
    const known = this.entities.get(entity.key)
    if (!known) this.entities.set(entity.key, { key: entity.key, type: entity.type, canonical: entity.name, aliases: [surface] })
    else if (!known.aliases.includes(surface)) known.aliases.push(surface)
    return span
  }

  /** A person by full name the first time, by surname afterwards. */
  person(entity: WorldEntity): Span {
    if (entity.type !== 'PERSON' || !this.introduced.has(entity.key)) {
      this.introduced.add(entity.key)
      return this.mention(entity, entity.name)
    }
    return this.mention(entity, entity.short)
  }

  quote(
    span: Span,
    speaker: WorldEntity | null,
    speakerMention: Span | null,
    cue: Span | null,
    resolution: SpeakerResolution,
    confidence: number,
  ): void {
    this.quotes.push({
      ...span,
      speaker: speaker?.name ?? null,
      speakerKey: speaker?.key ?? null,
      speakerType: speaker ? (speaker.type === 'PERSON' ? 'PERSON' : 'ORG') : null,
      speakerMention,
      cue,
      role: speaker?.role ?? null,
      resolution,
      confidence,
    })
  }

  startParagraph(): void {
    if (this.paragraphs.length > 0 || this.length > 0) this.write('\n\n')
    this.paragraphStart = this.length
  }

  endParagraph(): void {
    this.paragraphs.push({ start: this.paragraphStart, end: this.length })
  }

  startSentence(): void {
    if (this.length > this.paragraphStart) this.write(' ')
    this.sentenceStart = this.length
  }

  endSentence(): void {
    this.sentences.push({ start: this.sentenceStart, end: this.length, paragraph: this.paragraphs.length })
  }

  body(): string {
    return this.parts.join('')
  }

  docEntities(): DocEntity[] {
    return [...this.entities.values()]
  }
}
