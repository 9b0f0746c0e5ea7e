/**
 * The scale targets, each set against what this run measured: met, or missed and by how much.
 * Figures come from the sections that ran (a section left out by BENCH_ONLY leaves its targets
 * "not measured").
 */
import type { HttpResult } from './http.js'
import type { LoaderRow } from './loader.js'
import type { WorkersRow } from './workers.js'

export interface Measured {
  http?: HttpResult
  loader?: { rows: LoaderRow[] }
  workers?: { rows: WorkersRow[] }
}

interface Target {
  measure: string
  target: string
  /** The figure, and whether it meets the target; undefined when not measured. */
  result?: { figure: string; met: boolean }
}

const ms = (x: number) => `${Math.round(x)} ms`

export function targets(m: Measured): Target[] {
  const rows = m.http?.rows ?? []
  const facets = rows.find((r) => r.scenario.startsWith('facets'))
  const worst = <T>(xs: T[], by: (x: T) => number) => xs.reduce((a, b) => (by(b) > by(a) ? b : a))
  const least = <T>(xs: T[], by: (x: T) => number) => xs.reduce((a, b) => (by(b) < by(a) ? b : a))
  const loaderRows = m.loader?.rows ?? []
  const threaded = loaderRows.filter((r) => r.threads > 1)
  const emptyThreaded = threaded.find((r) => r.archive === 'empty')
  const [bigThreaded, bigAgain] = threaded.filter((r) => r.archive !== 'empty')
  const workers = m.workers?.rows ?? []

  const afresh = rows.map((r) => ({ ...r, ...r.uncached }))
  const latencyTargets = (label: string, xs: typeof rows): Target[] => [
    {
      measure: `req/s of each read route against the in-memory baseline${label}`,
      target: '≥ 0.5',
      result: xs.length ? (() => {
        const low = least(xs, (r) => r.ratio)
        return { figure: `${xs.filter((r) => r.ratio >= 0.5).length} of ${xs.length} routes; lowest ${low.ratio.toFixed(2)} (${low.scenario}), highest ${worst(xs, (r) => r.ratio).ratio.toFixed(2)}`, met: low.ratio >= 0.5 }
      })() : undefined,
    },
    {
      measure: `p99 latency of any read route, 32 connections${label}`,
      target: '≤ 20 ms',
      result: xs.length ? (() => {
        const high = worst(xs, (r) => r.p99)
        return { figure: `${xs.filter((r) => r.p99 <= 20).length} of ${xs.length} routes; highest ${ms(high.p99)} (${high.scenario})`, met: high.p99 <= 20 }
      })() : undefined,
    },
    {
      measure: `search p50 / p99${label}`,
      target: '≤ 15 ms / 50 ms',
      result: (() => {
        const found = xs.filter((r) => r.scenario.startsWith('search'))
        if (!found.length) return undefined
        const p50 = worst(found, (r) => r.p50).p50
        const p99 = worst(found, (r) => r.p99).p99
        return { figure: `highest ${ms(p50)} / ${ms(p99)}`, met: p50 <= 15 && p99 <= 50 }
      })(),
    },
  ]

  const list: Target[] = [
    ...latencyTargets(' (as shipped: repeated requests from the response cache)', rows),
    ...latencyTargets(' (afresh: every request computed, RESPONSE_CACHE_MB=0)', afresh),
    { measure: 'facets p50, computed afresh', target: '≤ 50 ms', result: facets && { figure: `${ms(facets.uncached.p50)} (${ms(facets.p50)} repeated)`, met: facets.uncached.p50 <= 50 } },
    {
      measure: 'loader, end to end, all cores, into an empty archive',
      target: '≥ 150 articles/s',
      result: emptyThreaded && { figure: `${emptyThreaded.articlesPerSecond.toFixed(1)} articles/s (${emptyThreaded.threads} threads)`, met: emptyThreaded.articlesPerSecond >= 150 },
    },
    {
      measure: 'loader into the big archive against into an empty one',
      target: '≥ 0.8×',
      result: bigThreaded && {
        figure: `${bigThreaded.ratio.toFixed(2)}× (${bigThreaded.archive})${bigAgain ? `; loaded again at once, its pages in memory: ${bigAgain.ratio.toFixed(2)}×` : ''}`,
        met: bigThreaded.ratio >= 0.8,
      },
    },
    {
      measure: 'server memory under load',
      target: '≤ 250 MB RSS',
      result: m.http?.peakRssKb === undefined ? undefined : { figure: `${(m.http.peakRssKb / 1024).toFixed(0)} MB at most`, met: m.http.peakRssKb / 1024 <= 250 },
    },
    { measure: 'database size against the raw text', target: '≤ 2.5×', result: m.http && { figure: `${m.http.sizeRatio.toFixed(2)}×`, met: m.http.sizeRatio <= 2.5 } },
    { measure: 'cold start to the first 200', target: '≤ 1 s', result: m.http && { figure: ms(m.http.coldStartMs), met: m.http.coldStartMs <= 1000 } },
    {
      measure: '2 workers against 1',
      target: '≥ 1.6× req/s',
      result: workers.length ? (() => {
        const low = least(workers, (r) => r.ratio)
        return { figure: `lowest ${low.ratio.toFixed(2)}× (${low.scenario}; the load generator shares the cores)`, met: low.ratio >= 1.6 }
      })() : undefined,
    },
  ]
  return list
}

export function targetsTable(m: Measured): string[] {
  const lines = ['| measure | target | this run | |', '|---|---|---|---|']
  for (const t of targets(m)) lines.push(`| ${t.measure} | ${t.target} | ${t.result?.figure ?? 'not measured'} | ${t.result ? (t.result.met ? 'met' : 'missed') : ''} |`)
  return lines
}
