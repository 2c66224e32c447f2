'use strict';
/**
 * `npm run scan`: n8n's community-package scanner (@n8n/scan-community-package) on the packed
 * pack and on the source, offline. The scanner's CLI fetches a published version from the
 * registry and checks its provenance; its analyzer is what n8n runs on the code, and that is run
 * here with the scanner's own configuration (`buildScanConfig`), on the same files it lints:
 *
 *   tarball  the unpacked `npm pack` of the built pack: every .js file and package.json
 *   source   package.json and nodes/ and credentials/ (.js, .ts, .json)
 *
 * Every finding must be one of the deliberate ones listed in DELIBERATE below (each with its
 * reason, also in the README); any other finding fails the run. Prints each finding group and,
 * last, `scan: N findings, all deliberate` or `scan: M findings not on the list`.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/**
 * The deliberate findings: rule, the files it may hit (relative to the scanned folder) and the
 * message it gives. Keep in step with the README's "n8n's linter and package scanner" section.
 */
const DELIBERATE = [
	{
		rule: '@n8n/community-nodes/no-runtime-dependencies',
		files: /^package\.json$/,
		message: /"dependencies" field must be empty/,
		reason:
			'fast-xml-parser, soap and axios are the runtime dependencies of the self-hosted design',
	},
	{
		rule: '@n8n/community-nodes/no-restricted-imports',
		files: /^(dist\/)?nodes\//,
		message: /of '(fast-xml-parser|soap|soap\/lib\/wsdl\/elements|axios)' is not allowed/,
		reason:
			'the three runtime dependencies: the XML writer, the WSDL reader and the client interface the WSDL reader takes',
	},
	{
		rule: '@n8n/community-nodes/no-restricted-imports',
		files: /^(dist\/)?(nodes|credentials)\//,
		message: /of 'node:(http|https|net|tls|zlib|util|stream|buffer|async_hooks)' is not allowed/,
		reason:
			"Node built-ins of the pooled keep-alive transport (http, https, net, tls, zlib, stream, util's TextDecoder), the webhook triggers' own body reading (buffer's isUtf8, net's BlockList) and the XML layer's per-parse state (async_hooks)",
	},
	{
		rule: '@n8n/community-nodes/no-restricted-globals',
		files: /^(dist\/)?nodes\/shared\/transport\/proxy\.(js|ts)$/,
		message: /restricted global 'process'/,
		reason:
			'HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY are read from the environment as n8n reads them; n8n gives nodes no helper for them',
	},
	{
		rule: '@n8n/community-nodes/no-restricted-globals',
		files: /^(dist\/)?nodes\/shared\/(transport\/exchange|webhookRequest)\.(js|ts)$/,
		message: /restricted global '(setTimeout|clearTimeout)'/,
		reason:
			"a request's total deadline and a webhook body's read deadline are timers cleared when the answer or body is complete; n8n's sleep helpers wait, they do not bound an operation",
	},
	{
		rule: '@n8n/community-nodes/credential-unnecessary-password',
		files: /^credentials\/AkixiApi\.credentials\.ts$/,
		message: /Field 'sessionId'/,
		reason:
			'an Akixi session ID authenticates every request made with it, so it is kept like a password',
	},
	{
		rule: 'n8n-nodes-base/node-param-default-missing',
		files: /^nodes\/shared\/operations\.ts$/,
		message: /Add a default/,
		reason:
			'the Resource and Operation defaults are the first declared resource and operation, computed from the declarations',
	},
];

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
	}
	return result.stdout;
}

/** The built pack as n8n's installer gets it: `npm pack`, unpacked. */
function unpackedTarball(workDir) {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes')))
		throw new Error('dist/ is missing: run `npm run build` first');
	const output = run('npm', ['pack', '--json', '--pack-destination', workDir]);
	const [{ filename }] = JSON.parse(output);
	const dir = path.join(workDir, 'package');
	run('tar', ['-xzf', path.join(workDir, filename), '-C', workDir]);
	return dir;
}

/** ESLint findings of the scanner's configuration on the files its analyzer lints. */
async function findings(dir, patterns) {
	const { buildScanConfig } = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const { ESLint } = require('eslint');
	const glob = require('fast-glob');
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(files);
	return results.flatMap((result) =>
		result.messages.map((m) => ({
			file: path.relative(dir, result.filePath).split(path.sep).join('/'),
			line: m.line,
			rule: m.ruleId ?? '(parse error)',
			severity: m.severity === 2 ? 'error' : 'warning',
			message: m.message,
		})),
	);
}

function deliberate(finding) {
	return DELIBERATE.find(
		(d) => d.rule === finding.rule && d.files.test(finding.file) && d.message.test(finding.message),
	);
}

async function main() {
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-contact-center-scan-'));
	try {
		const scans = [
			{ name: 'tarball', dir: unpackedTarball(workDir), patterns: ['**/*.js', 'package.json'] },
			{
				name: 'source',
				dir: ROOT,
				patterns: ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'],
			},
		];
		let total = 0;
		const unexpected = [];
		for (const scan of scans) {
			const found = await findings(scan.dir, scan.patterns);
			total += found.length;
			const byEntry = new Map();
			for (const finding of found) {
				const entry = deliberate(finding);
				if (!entry) {
					unexpected.push({ scan: scan.name, ...finding });
					continue;
				}
				byEntry.set(entry, (byEntry.get(entry) ?? 0) + 1);
			}
			for (const [entry, count] of byEntry) {
				process.stdout.write(
					`scan ${scan.name}: ${String(count).padStart(3)} × ${entry.rule} (${entry.message.source}) — deliberate: ${entry.reason}\n`,
				);
			}
		}
		for (const f of unexpected) {
			process.stdout.write(
				`scan ${f.scan}: NOT ON THE LIST ${f.file}:${f.line} ${f.severity} ${f.rule}: ${f.message}\n`,
			);
		}
		if (unexpected.length > 0) {
			process.stdout.write(
				`scan: ${unexpected.length} finding(s) not on the list of deliberate ones (of ${total})\n`,
			);
			process.exitCode = 1;
		} else {
			process.stdout.write(`scan: ${total} findings, all deliberate\n`);
		}
	} finally {
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch((error) => {
	process.stderr.write(`scan: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
