import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

// No Docker engine runs in the tests: the Dockerfile and docker-compose.yml are read against the
// commands, files and settings that exist, so that neither goes stale unnoticed.

const root = new URL('../..', import.meta.url).pathname;
const help = (args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/jobsift.js'), ...args, '--help'], {
    encoding: 'utf8',
  }).stdout;

/** The subcommands `jobsift --help` lists. */
function commands(): string[] {
  const section = help([]).split('Commands:')[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z-]+)/gm)].map((match) => match[1] ?? '');
}

interface Service {
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
}

describe('the Docker files', () => {
  it('copy only files that exist, and build what bin/jobsift.js loads', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const copies = [...dockerfile.matchAll(/^COPY (.+) \S+$/gm)].flatMap((m) =>
      (m[1] ?? '').split(' '),
    );
    expect(copies).toEqual(expect.arrayContaining(['src', 'workers', 'bin', 'rules', 'fixtures']));
    for (const path of copies) expect(existsSync(join(root, path)), path).toBe(true);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "bin\/jobsift\.js"\]$/m);
    expect(readFileSync(join(root, 'bin/jobsift.js'), 'utf8')).toContain('../dist/src/cli/main.js');
    expect(dockerfile).toContain('npx tsc -p tsconfig.build.json');
    const build = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));
    expect(build.include).toEqual(['src', 'workers']);
  });

  it('run only jobsift commands and options that exist, with settings jobsift reads', () => {
    const compose = yaml.load(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, Service>;
    };
    const known = commands();
    expect(known).toEqual(expect.arrayContaining(['schedule', 'worker', 'crawl', 'stats']));
    const config = readFileSync(join(root, 'src/config.ts'), 'utf8');
    const jobsift = Object.entries(compose.services).filter(([, service]) => service.build === '.');
    expect(jobsift.length).toBeGreaterThan(0);
    for (const [name, service] of jobsift) {
      const [command = '', ...args] = service.command ?? [];
      expect(known, `${name}: command ${command}`).toContain(command);
      const options = help([command]);
      for (const flag of args.filter((arg) => arg.startsWith('--'))) {
        expect(options, `${name}: ${command} ${flag}`).toContain(`${flag} `);
      }
      for (const variable of Object.keys(service.environment ?? {})) {
        if (variable === 'NODE_OPTIONS') continue; // Node's own
        expect(config, `${name}: ${variable}`).toContain(`'${variable}'`);
      }
      const sources = service.environment?.JOBSIFT_SOURCES;
      if (sources !== undefined) {
        expect(service.volumes ?? []).toContain(`./sources.yaml:${sources}:ro`);
      }
    }
  });
});
