import WebSocket from 'ws'

/**
 * A connection to a process's inspector (started with `--inspect=127.0.0.1:0`), found by the
 * "Debugger listening on ws://…" line it prints. Tests use it to run a full garbage collection in
 * the server before reading its memory: the figure is then what the server holds, not how much
 * garbage V8 happened to leave between collections.
 */
export async function connectInspector(output: () => string): Promise<{ collectGarbage(): Promise<void>; close(): void }> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(output())?.[1]
  if (!url) throw new Error(`the process prints no inspector address:\n${output()}`)
  const socket = new WebSocket(url)
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  let last = 0
  const call = (method: string) =>
    new Promise<void>((resolve, reject) => {
      const id = ++last
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as { id?: number; error?: { message: string } }
        if (message.id !== id) return
        socket.off('message', onMessage)
        if (message.error) reject(new Error(`${method}: ${message.error.message}`))
        else resolve()
      }
      socket.on('message', onMessage)
      socket.send(JSON.stringify({ id, method }))
    })
  return { collectGarbage: () => call('HeapProfiler.collectGarbage'), close: () => socket.close() }
}
