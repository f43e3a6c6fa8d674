export { assertSchemaName, type PostgresStoreOptions } from "./connect.ts";
export { PostgresStore } from "./postgres-store.ts";
