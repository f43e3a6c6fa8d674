import { embeddedRunTests } from "./ingest-checks.ts";

embeddedRunTests("leveldb");
