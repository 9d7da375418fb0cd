import '@testing-library/jest-dom';

// Role queries over MUI tables are slow on the shared 2-core machine.
jest.setTimeout(30_000);
