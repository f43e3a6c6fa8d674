export type { SqliteStoreOptions } from "./open-database.ts";
export { SqliteStore } from "./sqlite-store.ts";
