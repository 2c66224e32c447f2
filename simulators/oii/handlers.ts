import { CALL_HANDLERS } from './callHandlers';
import type { Handler } from './handlerKit';
import { MESSAGE_HANDLERS } from './messageHandlers';
import { SYSTEM_HANDLERS } from './systemHandlers';

export { Args, type Answer, type Handler } from './handlerKit';

/**
 * One handler per ICI operation, keyed `<resource>.<operation>` like the operation table: each
 * reads the request's elements, drives the simulated contact center and says what to answer.
 */
export const OII_HANDLERS: Record<string, Handler> = {
	...SYSTEM_HANDLERS,
	...CALL_HANDLERS,
	...MESSAGE_HANDLERS,
};
