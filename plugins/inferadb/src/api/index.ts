export { inferadbApiRef } from './InferadbApi';
export type { InferadbApi } from './InferadbApi';
export { InferadbClient } from './InferadbClient';
