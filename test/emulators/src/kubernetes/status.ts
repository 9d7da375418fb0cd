/** The `metav1.Status` object the API server answers errors (and some deletes) with. */
export interface KubernetesStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: Array<{ reason?: string; message?: string; field?: string }>;
  };
  code: number;
}

/** The reason the API server gives for each HTTP status code it uses. */
const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** The Status reason the API server uses for an HTTP status code (`''` when it has none). */
export function reasonFor(code: number): string {
  return REASONS[code] ?? (code >= 500 ? 'InternalError' : '');
}

/** A failure Status; `reason` defaults to the one the API server uses for `code`. */
export function failureStatus(
  code: number,
  message: string,
  options: { reason?: string; details?: KubernetesStatus['details'] } = {},
): KubernetesStatus {
  const status: KubernetesStatus = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: options.reason ?? reasonFor(code),
    code,
  };
  if (options.details) status.details = options.details;
  return status;
}

/** A resource as the API server names it in messages: `secrets` or `foundationdbclusters.apps.foundationdb.org`. */
export function qualifiedResource(group: string, plural: string): string {
  return group ? `${plural}.${group}` : plural;
}

function details(group: string, plural: string, name: string) {
  return group ? { name, group, kind: plural } : { name, kind: plural };
}

export function notFound(group: string, plural: string, name: string) {
  return failureStatus(
    404,
    `${qualifiedResource(group, plural)} "${name}" not found`,
    { details: details(group, plural, name) },
  );
}

export function alreadyExists(group: string, plural: string, name: string) {
  return failureStatus(
    409,
    `${qualifiedResource(group, plural)} "${name}" already exists`,
    { reason: 'AlreadyExists', details: details(group, plural, name) },
  );
}

export function conflict(group: string, plural: string, name: string) {
  return failureStatus(
    409,
    `Operation cannot be fulfilled on ${qualifiedResource(
      group,
      plural,
    )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { details: details(group, plural, name) },
  );
}

export function deleted(
  group: string,
  plural: string,
  name: string,
  uid: string,
): KubernetesStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { ...details(group, plural, name), uid },
    code: 200,
  };
}

/** An error that the server answers with its Status object. */
export class StatusError extends Error {
  constructor(readonly status: KubernetesStatus) {
    super(status.message);
  }
}
