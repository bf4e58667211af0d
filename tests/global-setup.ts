// Filled in by the data-layer tests: creates and migrates the test database once per run.
export default async function setup() {}
