import type { IciErrorCodes } from '../../nodes/SapIci/envelope';

/**
 * The ICI faults the simulator answers with. The OII specification shows the fault format and one
 * code (area 5, error 2: a phone number with characters other than +1234567890); every other area
 * and error code here is this simulator's own choice.
 */

export interface IciErrorDef {
	areaCode: number;
	errorCode: number;
	/** Default text; most faults say more. */
	text: string;
	retry?: boolean;
}

export const ICI_ERRORS = {
	malformedRequest: {
		areaCode: 1,
		errorCode: 1,
		text: 'The request is not a readable SOAP 1.1 envelope',
	},
	unknownOperation: { areaCode: 1, errorCode: 2, text: 'Unknown interface or operation' },
	missingParameter: { areaCode: 1, errorCode: 3, text: 'A required parameter is missing' },
	invalidParameter: { areaCode: 1, errorCode: 4, text: 'A parameter has an invalid value' },
	unknownUser: { areaCode: 2, errorCode: 1, text: 'Unknown user' },
	invalidWorkmode: { areaCode: 2, errorCode: 2, text: 'The workmode is not allowed for the user' },
	notAllowedForUser: { areaCode: 2, errorCode: 3, text: 'The value is not allowed for the user' },
	unknownItem: { areaCode: 3, errorCode: 1, text: 'Unknown item' },
	unknownContainer: { areaCode: 3, errorCode: 2, text: 'Unknown container' },
	notAllowedInStatus: {
		areaCode: 3,
		errorCode: 3,
		text: 'The operation is not allowed in the current status of the item',
	},
	wrongChannel: {
		areaCode: 3,
		errorCode: 4,
		text: 'The operation is not available for this kind of item',
	},
	invalidPhoneNumber: {
		areaCode: 5,
		errorCode: 2,
		text: 'SAP BCB:Other characters than +1234567890 in phone number',
	},
	unknownCallBack: { areaCode: 6, errorCode: 1, text: 'Unknown callback' },
	unknownQueue: { areaCode: 6, errorCode: 2, text: 'Unknown queue' },
	serviceUnavailable: {
		areaCode: 9,
		errorCode: 1,
		text: 'The contact center is not available',
		retry: true,
	},
} as const satisfies Record<string, IciErrorDef>;

export type IciErrorName = keyof typeof ICI_ERRORS;

/** A request the simulated OII refuses with an ICI fault. */
export class OiiFault extends Error {
	constructor(
		readonly codes: IciErrorCodes,
		readonly faultcode: 'Client' | 'Server' = 'Client',
	) {
		super(codes.errorText ?? 'ICI error');
		this.name = 'OiiFault';
	}
}

/** The fault of a named error, with a more specific text when given. */
export function oiiFault(name: IciErrorName, text?: string): OiiFault {
	const def: IciErrorDef = ICI_ERRORS[name];
	return new OiiFault({
		areaCode: def.areaCode,
		errorCode: def.errorCode,
		errorText: text ?? def.text,
		errorRetry: def.retry ?? false,
	});
}

/**
 * The ICI codes of an injected `{ kind: 'fail', code, message }` fault: `code` is `AREA.ERROR`,
 * optionally followed by `.retry` (errorRetry=true), or a plain error code (area 0).
 */
export function codesOfInjectedFault(code: number | string, message?: string): IciErrorCodes {
	const text = String(code).trim();
	const match = /^(\d+)\.(\d+)(\.retry)?$/i.exec(text);
	if (match) {
		return {
			areaCode: Number(match[1]),
			errorCode: Number(match[2]),
			errorText: message ?? `Simulated ICI error ${match[1]}.${match[2]}`,
			errorRetry: match[3] !== undefined,
		};
	}
	const plain = /^(\d+)(\.retry)?$/i.exec(text);
	return {
		areaCode: 0,
		errorCode: plain ? Number(plain[1]) : 0,
		errorText: message ?? `Simulated ICI error ${text}`,
		errorRetry: plain?.[2] !== undefined,
	};
}

/** The `code` of an injected fault for these ICI codes (the inverse of {@link codesOfInjectedFault}). */
export function injectedFaultCode(codes: {
	areaCode: number;
	errorCode: number;
	errorRetry?: boolean;
}): string {
	return `${codes.areaCode}.${codes.errorCode}${codes.errorRetry ? '.retry' : ''}`;
}
