import { Command, CommanderError, Option } from 'commander';
import { loadConfig } from '../config.js';
import { describeError, InputError, isJobsiftError, RulesError } from '../errors.js';
import { loadRules } from '../rules/index.js';
import { runClassify } from './classify-command.js';

/** Runs the `jobsift` command line and resolves to its exit code: 0 ok, 1 failure, 2 bad input. */
export async function main(argv: readonly string[]): Promise<number> {
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  let exitCode = 0;
  const program = new Command('jobsift')
    .description('Classify job postings into roles and extract the skills they ask for.')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .showHelpAfterError('(run jobsift --help for usage)');

  program
    .command('classify')
    .description('classify one posting (text or HTML) from FILE or standard input')
    .argument('[FILE]', 'posting file; "-" or nothing reads standard input')
    .option('-t, --title <title>', "the posting's title")
    .addOption(new Option('--json', 'print the Enrichment as JSON').conflicts('jsonl'))
    .option('--jsonl', 'batch: each input line {"id","title"?,"description"} gives one output line')
    .option('--max-bytes <bytes>', 'largest posting accepted (default 2 MB)')
    .option(
      '--rules <dir>',
      'rules folder with roles.yaml and skills/ (default: the shipped rules)',
    )
    .action(
      async (
        file: string | undefined,
        options: {
          title?: string;
          json?: boolean;
          jsonl?: boolean;
          maxBytes?: string;
          rules?: string;
        },
      ) => {
        const config = loadConfig(process.env, {
          maxInputBytes: options.maxBytes,
          rulesDir: options.rules,
        });
        const rules = loadRules(config.rulesDir);
        exitCode = await runClassify(file, options, config, rules, io);
      },
    );

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`jobsift: ${describeError(error)}\n`);
    if (error instanceof InputError || error instanceof RulesError) return 2;
    if (isJobsiftError(error)) return 1;
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    return 1;
  }
}
