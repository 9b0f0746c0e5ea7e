/** Content that cannot be turned into an article; the message says why in a reader's words. */
export class ExtractError extends Error {
  override name = 'ExtractError'
}
