/**
 * The body of a successful Prometheus instant query (`GET /api/v1/query`) answering one
 * unlabelled sample, or none: the wire format of Prometheus's HTTP API.
 */
export function instantVectorAnswer(
  value: number | string | undefined,
  at: number = Date.now() / 1000,
): string {
  return JSON.stringify({
    status: 'success',
    data: {
      resultType: 'vector',
      result:
        value === undefined ? [] : [{ metric: {}, value: [at, String(value)] }],
    },
  });
}
