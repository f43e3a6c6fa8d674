import { describe, expect, it } from "vitest";
import { at, DAY, HOUR, holds, MINUTE, NOW, type PropertyTest, type Row } from "./fixtures.ts";

const DAY_START = at("2026-01-31T00:00:00Z");

describe("before / after (t < X / t >= X)", () => {
  const before = { operator: "before", value: "2026-01-31" } as const;
  const after = { operator: "after", value: "2026-01-31" } as const;
  const rows: Row[] = [
    ["before: one ms earlier", before, "2026-01-30T23:59:59.999Z", true],
    ["before: exactly X is not before", before, "2026-01-31", false],
    ["before: X as a date-time without offset (UTC)", before, "2026-01-31T00:00", false],
    ["before: +02:00 offset puts it the day before in UTC", before, "2026-01-31T01:00:00+02:00", true],
    ["before: -05:00 offset puts it after X", before, "2026-01-30T20:00:00-05:00", false],
    ["before: +0000 offset without colon", before, "2026-01-31T00:00:00+0000", false],
    ["before: 7-digit fraction truncated to ms", before, "2026-01-30T23:59:59.9999999Z", true],
    ["before: epoch ms one earlier", before, DAY_START - 1, true],
    ["before: epoch ms exactly X", before, DAY_START, false],
    [
      "before: impossible date 2026-02-30 is not a date",
      { operator: "before", value: "2027-01-01" },
      "2026-02-30",
      false,
    ],
    ['before: "abc" is not a date', before, "abc", false],
    ["before: boolean is not a date", before, true, false],
    ["before: object is not a date", before, {}, false],
    ["before: absent", before, undefined, false],
    ["before: null", before, null, false],
    ["after: exactly X", after, "2026-01-31", true],
    ["after: exactly X with Z", after, "2026-01-31T00:00:00Z", true],
    ["after: one ms earlier", after, "2026-01-30T23:59:59.999Z", false],
    ["after: epoch ms exactly X", after, DAY_START, true],
    ["after: epoch ms one earlier", after, DAY_START - 1, false],
    ["after: offset making it exactly X", after, "2026-01-31T02:00:00+02:00", true],
    ["after: impossible date", { operator: "after", value: "2000-01-01" }, "2026-02-30", false],
    ['after: "abc"', after, "abc", false],
    ["after: absent fails after as well", after, undefined, false],
  ];
  it.each(rows)("%s", (_, test, actual, expected) => {
    expect(holds(test, actual)).toBe(expected);
  });
});

describe("between with ISO strings is a half-open date range (A <= t < B)", () => {
  const january: PropertyTest = { operator: "between", value: ["2026-01-01", "2026-02-01"] };
  const rows: Row[] = [
    ["at A", january, "2026-01-01", true],
    ["at B is outside", january, "2026-02-01", false],
    ["one ms before B", january, "2026-01-31T23:59:59.999Z", true],
    ["one ms before A", january, "2025-12-31T23:59:59.999Z", false],
    ["epoch ms inside", january, at("2026-01-15T00:00:00Z"), true],
    ["epoch ms at B", january, at("2026-02-01T00:00:00Z"), false],
    ["offset bringing a February local time into January UTC", january, "2026-02-01T00:30:00+01:00", true],
    ["offset pushing a January local time to February UTC", january, "2026-01-31T23:30:00-01:00", false],
    [
      "empty range [A, A] holds nothing",
      { operator: "between", value: ["2026-01-01", "2026-01-01"] },
      "2026-01-01",
      false,
    ],
    ['"abc" is not a date', january, "abc", false],
    ["boolean is not a date", january, false, false],
    ["absent", january, undefined, false],
  ];
  it.each(rows)("%s", (_, test, actual, expected) => {
    expect(holds(test, actual)).toBe(expected);
  });
});

describe("relative dates, measured from now", () => {
  const last7 = { operator: "within_last", value: { amount: 7, unit: "day" } } as const;
  const ago14 = { operator: "more_than_ago", value: { amount: 14, unit: "day" } } as const;
  const next3 = { operator: "within_next", value: { amount: 3, unit: "day" } } as const;
  const rows: Row[] = [
    ["within_last: exactly now - d", last7, NOW - 7 * DAY, true],
    ["within_last: one ms before now - d", last7, NOW - 7 * DAY - 1, false],
    ["within_last: exactly now", last7, NOW, true],
    ["within_last: one ms after now (future)", last7, NOW + 1, false],
    ["within_last: ISO at now - d", last7, "2026-01-24T12:00:00Z", true],
    ["within_last: ISO with offset at now - d", last7, "2026-01-24T14:00:00+02:00", true],
    ["within_last: ISO one ms before now - d", last7, "2026-01-24T11:59:59.999Z", false],
    [
      "within_last: minutes",
      { operator: "within_last", value: { amount: 30, unit: "minute" } },
      NOW - 30 * MINUTE,
      true,
    ],
    [
      "within_last: hours",
      { operator: "within_last", value: { amount: 2, unit: "hour" } },
      NOW - 2 * HOUR - 1,
      false,
    ],
    [
      "within_last: a week is 7 days",
      { operator: "within_last", value: { amount: 1, unit: "week" } },
      NOW - 7 * DAY,
      true,
    ],
    ['within_last: "abc"', last7, "abc", false],
    ["within_last: absent", last7, undefined, false],
    ["more_than_ago: exactly now - d is not more than ago", ago14, NOW - 14 * DAY, false],
    ["more_than_ago: one ms before now - d", ago14, NOW - 14 * DAY - 1, true],
    ["more_than_ago: ISO long ago", ago14, "2020-01-01", true],
    ["more_than_ago: now", ago14, NOW, false],
    ["more_than_ago: future", ago14, NOW + DAY, false],
    ["more_than_ago: absent", ago14, undefined, false],
    ["more_than_ago: null", ago14, null, false],
    ["within_next: exactly now", next3, NOW, true],
    ["within_next: exactly now + d", next3, NOW + 3 * DAY, true],
    ["within_next: one ms after now + d", next3, NOW + 3 * DAY + 1, false],
    ["within_next: one ms before now (past)", next3, NOW - 1, false],
    ["within_next: ISO with offset at now + d", next3, "2026-02-03T07:00:00-05:00", true],
    ["within_next: boolean", next3, true, false],
    ["within_next: absent", next3, undefined, false],
  ];
  it.each(rows)("%s", (_, test, actual, expected) => {
    expect(holds(test, actual)).toBe(expected);
  });

  it("moves with now: the same value leaves within_last once now passes t + d", () => {
    const t = NOW - DAY;
    expect(holds(last7, t, t + 7 * DAY)).toBe(true);
    expect(holds(last7, t, t + 7 * DAY + 1)).toBe(false);
    expect(holds(ago14, t, t + 14 * DAY)).toBe(false);
    expect(holds(ago14, t, t + 14 * DAY + 1)).toBe(true);
  });
});
