import type { BenchTransport } from '../lib/types';
import { akixiRest, akixiXml } from './akixi';
import { jtelRest } from './jtel';
import { sapIciSoap } from './sapIci';
import { tvoxRest, tvoxSoap } from './tvox';

/** Every transport the bench measures, one entry each. */
export const TRANSPORTS: BenchTransport[] = [
	akixiXml,
	akixiRest,
	tvoxSoap,
	tvoxRest,
	sapIciSoap,
	jtelRest,
];
