import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * `@seology/cli` as people get it from npm: built and packed into `work/build`, then installed from the
 * tarball into the empty project `work/project`, away from the monorepo. Returns the project folder
 * and the installed `seology` binary.
 */
export function installCliPackage(work: string): { project: string; bin: string } {
  const tarball = execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.js'), '--pack', '--out', path.join(work, 'build', 'cli')], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop() as string;
  const project = path.join(work, 'project');
  mkdirSync(project, { recursive: true });
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'a-site', private: true }));
  // --prefer-offline: the runtime dependencies are in npm's cache after the workspace's own install.
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: project, stdio: 'pipe' });
  return { project, bin: path.join(project, 'node_modules', '.bin', 'seology') };
}
