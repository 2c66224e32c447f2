const path = require('node:path');
const { src, dest, task } = require('gulp');

// Icons are not TypeScript, so tsc leaves them behind: copy every node and credential icon into dist.
function buildIcons() {
	const nodeIcons = src('nodes/**/*.{png,svg}', { encoding: false }).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
	return nodeIcons.on('end', () =>
		src('credentials/**/*.{png,svg}', { encoding: false, allowEmpty: true }).pipe(
			dest(path.resolve('dist', 'credentials')),
		),
	);
}

task('build:icons', buildIcons);
