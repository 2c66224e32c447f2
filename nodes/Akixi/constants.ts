/**
 * Akixi endpoint facts in one place. The REST base path is documented; the XML Web Services
 * endpoint path is not, so the credential carries a full URL and this is only its default.
 */

/** REST API base path below the service host. */
export const AKIXI_REST_BASE_PATH = '/CCS/API/v1';

/** Default XML Web Services endpoint path (undocumented: the credential field can override it). */
export const AKIXI_WS_DEFAULT_PATH = '/CCS/WS';

/** Locale sent with the REST login. */
export const AKIXI_LOGIN_LOCALE = 'en_GB';

/** Integrator Client resource path below the REST base. Path parameters are URL-encoded by the caller. */
export function integratorClientPath(
	telSysId: string,
	partitionIdInTelSys: string,
	deviceNumber: string,
	id?: string,
): string {
	const base = `/admin/telsys/${encodeURIComponent(telSysId)}/partition/${encodeURIComponent(
		partitionIdInTelSys,
	)}/device/${encodeURIComponent(deviceNumber)}/integratorClient`;
	return id === undefined ? base : `${base}/${encodeURIComponent(id)}`;
}
