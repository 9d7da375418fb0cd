export { InferadbFleetsCard } from './FleetsCard';
