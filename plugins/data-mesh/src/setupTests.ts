import '@testing-library/jest-dom';

// Component tests render whole MUI pages; on a busy 2-core CI machine,
// beside the integration suites, one can outlast jest's default 5 s.
jest.setTimeout(30_000);
