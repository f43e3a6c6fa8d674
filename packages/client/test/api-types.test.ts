import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { Audience } from "../../server/src/http/audiences/audience-schemas.ts";
import type { Contact } from "../../server/src/http/contacts/contact-schemas.ts";
import type { Problem } from "../../server/src/http/errors/problem.ts";
import type { IngestResponse } from "../../server/src/http/ingest/ingest-response.ts";
import type { Change } from "../../server/src/http/segments/log-schemas.ts";
import type { MemberCheck } from "../../server/src/http/segments/member-schemas.ts";
import type { Segment } from "../../server/src/http/segments/segment-schemas.ts";
import type { Template } from "../../server/src/http/templates/template-schemas.ts";
import type * as Client from "../src/index.ts";

// Checked by `tsc -p packages/client` (npm run typecheck): the client's declared shapes must
// accept what the server's schemas produce, so a change to the server's answers that the
// client would misread fails the typecheck rather than a module in production.
describe("the client's API types", () => {
  it("accept every answer the server's schemas allow", () => {
    expectTypeOf<z.output<typeof Audience>>().toExtend<Client.Page<Client.AudienceContact>>();
    expectTypeOf<Contact>().toExtend<Client.Contact>();
    expectTypeOf<z.output<typeof MemberCheck>>().toExtend<Client.MemberCheck>();
    expectTypeOf<z.output<typeof Change>>().toExtend<Client.SegmentChange>();
    expectTypeOf<Segment>().toExtend<Client.Segment>();
    expectTypeOf<z.output<typeof Template>>().toExtend<Client.Template>();
    expectTypeOf<IngestResponse>().toExtend<Client.IngestResult>();
    expectTypeOf<Problem>().toExtend<Client.Problem>();
  });
});
