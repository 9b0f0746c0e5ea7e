import type { NewsDoc } from './document.js'

export function attributeSpeakers(doc: NewsDoc): void {
  void doc
}
