export { LevelStore, type LevelStoreOptions } from "./level-store.ts";
