import { interfaceOperations } from './interfaces';
import { param } from './params';

/** The operations of IciActionItem (chapter 9.12). */
export const ACTION_ITEM_OPERATIONS = interfaceOperations('actionItem', [
	{
		operation: 'route',
		action: 'Route an action item',
		description:
			'Queue an action item for allocation to an agent, with its attributes and routing attributes',
		params: [
			param('actionItemId', 'string', 'Action Item ID', 'Not used by OII'),
			param(
				'itemData',
				'itemData',
				'Item Data',
				'The action item: attributes (FROM_ADDRESS, TO_ADDRESS, SUBJECT, …) and identifiers',
				{ required: true },
			),
			param(
				'routingAttributes',
				'attributes',
				'Routing Attributes',
				"Attributes that override the item's (Z_TO_ADDRESS, SKILL, REQUIRED_AGENT, …)",
				{ required: true, whenEmpty: 'empty' },
			),
			param('scenarioId', 'string', 'Scenario ID', 'Not used by OII', { whenEmpty: 'empty' }),
		],
		response: { kind: 'element', element: 'RouteResult' },
	},
]);
