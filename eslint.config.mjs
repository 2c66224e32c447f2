import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{
		files: ['package.json'],
		rules: {
			// The pack ships three pure-JS libraries (fast-xml-parser, soap, axios): see the README.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		files: ['**/*.ts'],
		rules: {
			// Credentials are applied by the pack's own pooled transport: see the README.
			'@n8n/community-nodes/no-http-request-with-manual-auth': 'off',
		},
	},
	{
		ignores: [
			'dist/**',
			'dist-bench/**',
			'.n8n-runtime/**',
			'node_modules/**',
			'coverage/**',
			'*.js',
			'*.mjs',
		],
	},
];
