/** A one-line progress bar on a terminal stream, redrawn at most ten times a second. */
export function progressBar(stream: NodeJS.WriteStream, label = 'loading') {
  const started = Date.now()
  let drawn = 0
  let visible = false
  return {
    update(done: number, total: number) {
      const now = Date.now()
      // Short loads finish before a bar would help; only draw once a load has run for a second.
      if (now - started < 1000 || (now - drawn < 100 && done < total)) return
      drawn = now
      visible = true
      const width = 30
      const filled = total ? Math.round((done / total) * width) : width
      const rate = done / ((now - started) / 1000)
      const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0
      const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}  ${rate.toFixed(1)}/s  ETA ${eta}s`
      stream.write(`\r${line}\x1b[K`)
    },
    done() {
      if (visible) stream.write('\r\x1b[K')
    },
  }
}
