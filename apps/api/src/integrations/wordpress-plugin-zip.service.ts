import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

/** The plugin folder, relative to the repository root. */
const PLUGIN_FOLDER = join('integrations', 'wordpress', 'seology');
/** A fixed time for every entry, so the same files always give the same bytes and ETag. */
const ENTRY_TIME = new Date('2026-01-01T00:00:00Z');

export interface PluginZip {
  bytes: Uint8Array;
  etag: string;
  version: string;
  fileName: string;
}

/**
 * The Seology plugin for WordPress as the zip WordPress's "Upload Plugin" takes: one top folder,
 * `seology/`, holding the plugin. Built from the folder on first request and kept in memory.
 */
@Injectable()
export class WordPressPluginZipService {
  private zip: PluginZip | null = null;

  get(): PluginZip {
    this.zip ??= buildPluginZip(findPluginFolder());
    return this.zip;
  }
}

export function buildPluginZip(folder: string): PluginZip {
  const files: Zippable = {};
  for (const file of listFiles(folder)) {
    const name = `seology/${relative(folder, file).split(sep).join('/')}`;
    files[name] = [readFileSync(file), { mtime: ENTRY_TIME }];
  }
  const bytes = zipSync(files, { level: 9 });
  const header = readFileSync(join(folder, 'seology.php'), 'utf8');
  const version = /^\s*\*\s*Version:\s*(\S+)/m.exec(header)?.[1] ?? 'unknown';
  return {
    bytes,
    etag: `"${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}"`,
    version,
    fileName: `seology-${version}.zip`,
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.name.startsWith('.')) return [];
      return entry.isDirectory() ? listFiles(path) : [path];
    });
}

/** The plugin folder from the source tree or a build output beside it (dist/apps/api/...). */
function findPluginFolder(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (;;) {
      const candidate = join(dir, PLUGIN_FOLDER);
      if (existsSync(join(candidate, 'seology.php')) && statSync(candidate).isDirectory()) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  // A deployment without the folder is broken; say what is missing rather than serve an empty zip.
  throw new Error(`The WordPress plugin folder ${PLUGIN_FOLDER} was not found above ${__dirname} or ${process.cwd()}`);
}
