export * from "./model.ts";
export * from "./schema/index.ts";
export * from "./values/bucket.ts";
export * from "./values/dates.ts";
export * from "./values/durations.ts";
export * from "./values/property-path.ts";
