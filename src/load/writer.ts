import type { Database } from 'better-sqlite3'
import type { NewsDoc } from '../pipeline/document.js'
import { annotate } from '../pipeline/index.js'
import { articleIdByHash, forgetCaches, saveArticle, saveArticles } from '../db/store.js'
import { reasonOf, type Prepared } from './prepare.js'

/**
 * Articles saved per commit, and the longest an annotated article waits for its commit. Every commit
 * writes a new full-text index segment, later merged, and writes to the WAL every page it changed; in
 * a big archive a batch's index rows land on pages all over the big indexes, and the next batch
 * changes many of the same pages again, so fewer, larger commits write fewer pages. A kill loses at
 * most one batch, which a re-run stores.
 */
const BATCH_ARTICLES = 128
const BATCH_MILLISECONDS = 2000

/**
 * The one writer of a load: takes prepared records in the order they must be stored and saves them
 * a few at a time, one transaction per batch, so a kill loses at most the batch and never leaves
 * half an article. A batch is written without a savepoint per article (each savepoint makes the
 * full-text index write out a segment); only when an article in it fails is the batch written
 * again an article at a time, so the failing one is reported and the others stored. Content already
 * stored, or already waiting in the batch, is counted as skipped.
 */
export class ArchiveWriter {
  added = 0
  skipped = 0
  private readonly pending: { path: string; doc: NewsDoc; contentHash: string }[] = []
  private readonly pendingHashes = new Set<string>()
  private pendingSince = 0
  private readonly saveOneByOne: { immediate(): void }

  constructor(
    private readonly db: Database,
    readonly problems: { path: string; reason: string }[] = [],
  ) {
    this.saveOneByOne = db.transaction(() => {
      for (const item of this.pending) {
        try {
          if (saveArticle(db, item.doc, item).added) this.added++
          else this.skipped++
        } catch (error) {
          this.problems.push({ path: item.path, reason: `${item.doc.doc}: ${reasonOf(error)}` })
        }
      }
    })
  }

  /** True when content with this hash waits in the current batch. */
  has(hash: string): boolean {
    return this.pendingHashes.has(hash)
  }

  accept(path: string, prepared: Prepared): void {
    if (prepared.kind === 'problem') this.problems.push({ path, reason: prepared.reason })
    else if (this.pendingHashes.has(prepared.hash) || articleIdByHash(this.db, prepared.hash) !== undefined) this.skipped++
    else {
      let doc: NewsDoc
      try {
        // Seen as stored when it was prepared, but not stored now: annotate it here after all.
        doc = prepared.kind === 'article' ? prepared.doc : annotate(prepared.name, prepared.article)
      } catch (error) {
        this.problems.push({ path, reason: reasonOf(error) })
        return
      }
      if (this.pending.length === 0) this.pendingSince = Date.now()
      this.pending.push({ path, doc, contentHash: prepared.hash })
      this.pendingHashes.add(prepared.hash)
    }
    if (this.pending.length >= BATCH_ARTICLES || (this.pending.length && Date.now() - this.pendingSince >= BATCH_MILLISECONDS)) this.flush()
  }

  /** Commits the batch waiting, if any. */
  flush(): void {
    if (this.pending.length === 0) return
    try {
      let added: number | null = null
      try {
        added = saveArticles(this.db, this.pending)
      } catch {
        // Rolled back whole (and the store's caches dropped); written again below, article by article.
      }
      if (added === null) this.saveOneByOne.immediate()
      else {
        this.added += added
        // Stored by another process since it was accepted.
        this.skipped += this.pending.length - added
      }
    } catch (error) {
      forgetCaches(this.db)
      throw error
    } finally {
      this.pending.length = 0
      this.pendingHashes.clear()
    }
  }
}
