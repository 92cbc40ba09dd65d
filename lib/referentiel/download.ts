// Node only: fetches the sources that have an official URL into a cache folder, one progress bar
// per file, reusing cached copies younger than maxAgeMs. Never throws on network failure: it reports.
// `origin` (or REFERENTIEL_DOWNLOAD_ORIGIN in the CLI) replaces every source's scheme and host and
// keeps its path and query: tests serve the official formats from a loopback server that way.
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import { SOURCES } from './sources';

export interface DownloadReport {
  downloaded: string[];
  cached: string[];
  failed: { file: string; reason: string }[];
  offline: boolean;
}

export async function downloadSources(
  cacheDir: string,
  {
    timeoutMs = 30_000,
    maxAgeMs = 7 * 86_400_000,
    progress = process.stderr.isTTY,
    origin = '',
  }: { timeoutMs?: number; maxAgeMs?: number; progress?: boolean; origin?: string } = {},
): Promise<DownloadReport> {
  const report: DownloadReport = { downloaded: [], cached: [], failed: [], offline: false };
  const bars = progress ? new cliProgress.MultiBar({ format: ' {bar} {percentage}% {file}', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  try {
    for (const s of SOURCES) {
      if (!s.url || !s.cacheFile) continue;
      const target = join(cacheDir, s.cacheFile);
      if (existsSync(target) && Date.now() - statSync(target).mtimeMs < maxAgeMs) {
        report.cached.push(s.cacheFile);
        continue;
      }
      if (report.offline) {
        report.failed.push({ file: s.cacheFile, reason: 'pas de réseau' });
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      const tmp = `${target}.part`;
      try {
        const res = await fetch(sourceUrl(s.url, origin), { signal: AbortSignal.timeout(timeoutMs) });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        const total = Number(res.headers.get('content-length')) || 0;
        const bar = bars?.create(total || 1, 0, { file: s.cacheFile });
        let done = 0;
        const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream);
        body.on('data', (chunk: Buffer) => {
          done += chunk.length;
          if (bar && total) bar.update(done);
          else if (bar) bar.setTotal(done + 1);
        });
        await pipeline(body, createWriteStream(tmp));
        bar?.update(total || done);
        renameSync(tmp, target);
        report.downloaded.push(s.cacheFile);
      } catch (e) {
        if (existsSync(tmp)) unlinkSync(tmp);
        const err = e as Error & { cause?: { code?: string } };
        const code = err.cause?.code ?? '';
        if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|EHOSTUNREACH/.test(code) || err.name === 'TimeoutError') report.offline = true;
        report.failed.push({ file: s.cacheFile, reason: code || err.message });
      }
    }
  } finally {
    bars?.stop();
  }
  return report;
}

/** The official URL, or the same path and query under another origin (`http://127.0.0.1:8080`). */
export function sourceUrl(url: string, origin = ''): string {
  if (!origin) return url;
  const u = new URL(url);
  return new URL(u.pathname + u.search, origin.replace(/\/?$/, '/')).href;
}
