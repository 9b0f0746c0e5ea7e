/** From a speaker phrase (a name, a pronoun, a description) to the entity it stands for. */
import type { Span, SpeakerResolution } from '../document.js'
import { span, type Context } from './context.js'
import type { Entity } from './discourse.js'
import type { PhraseHead } from './phrases.js'
import { resolvePronoun } from './pronouns.js'
import { turnSpeaker } from './transcripts.js'

export interface Resolved {
  entity: Entity | null
  resolution: SpeakerResolution
  mention: Span | null
  role: string | null
  surface: string | null
}

export function resolveHead(ctx: Context, head: PhraseHead, pos: number, lastSpeaker: Entity | null, lastSpeakerPos: number): Resolved | null {
  const { body, discourse } = ctx
  if (head.kind === 'none') return null
  if (head.kind === 'name') {
    const text = head.text === head.text.toUpperCase() && head.text.length > 4 && !head.text.includes('.')
      ? head.text.charAt(0) + head.text.slice(1).toLowerCase()
      : head.text
    const occ = head.person ? undefined : discourse.occurrences.find((o) => o.start === head.start)
    if (!occ && !/\s/.test(text.trim()) && discourse.commonWord(text) && !ctx.doc.mentions.some((m) => m.start <= head.start && m.end >= head.end)) return null
    const type = head.person ? 'PERSON' : occ?.entity.type ?? discourse.classify(text, head.start, head.end) ?? 'PERSON'
    const entity = occ?.entity ?? discourse.entityFor(text, type, head.start, head.end)
    const single = !text.trim().includes(' ') || /^(Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?\s+\S+$/.test(text)
    return {
      entity,
      resolution: type === 'ORG' ? 'organisation' : single ? 'surname' : 'named',
      mention: span(body, head.start, head.end),
      role: head.role,
      surface: head.text,
    }
  }
  if (head.kind === 'pronoun') {
    if (head.gender === 'i') {
      // "I" outside a quotation is the writer's, except in a transcript turn: there it is the speaker's.
      const turn = turnSpeaker(ctx, head.start)
      if (turn) return resolveHead(ctx, turn, pos, lastSpeaker, lastSpeakerPos)
      return { entity: null, resolution: 'unresolved', mention: span(body, head.start, head.end), role: null, surface: null }
    }
    const entity = resolvePronoun(ctx, head.gender, pos, lastSpeaker, lastSpeakerPos)
    return { entity, resolution: entity ? 'pronoun' : 'unresolved', mention: span(body, head.start, head.end), role: null, surface: null }
  }
  // A description: "the spokesman", "the North Korean leader"; "the foundation", "the department"
  // for the organisation named so.
  const org = head.person ? null : discourse.byOrgWord(head.head, pos)
  if (org) return { entity: org, resolution: 'organisation', mention: span(body, head.start, head.end), role: null, surface: null }
  const entity = head.person ? discourse.byRole(head.head, pos) : null
  return {
    entity,
    resolution: entity ? 'title' : 'unresolved',
    mention: span(body, head.start, head.end),
    role: head.text.replace(/^(the|a|an)\s+/i, ''),
    surface: null,
  }
}

export const CONFIDENCE: Record<SpeakerResolution, number> = {
  named: 0.92,
  surname: 0.9,
  organisation: 0.85,
  title: 0.75,
  pronoun: 0.7,
  unresolved: 0,
}
