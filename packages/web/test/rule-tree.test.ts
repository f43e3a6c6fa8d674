import { TEMPLATES, validateRule } from "@growthos/segments-core";
import { describe, expect, it } from "vitest";
import { type EditorGroup, emptyRoot, fromRule, toRule } from "../src/rule-builder/editor-tree.ts";
import { issuesAt } from "../src/rule-builder/node-issues.ts";
import { findNode, moveNode, pointerOf } from "../src/rule-builder/tree-ops.ts";

const cond = (score: string) => ({ type: "score", score, operator: "gte", value: 1 });
const RULE = {
  combinator: "or",
  type: "group",
  children: [
    cond("a"),
    { type: "group", children: [cond("b"), cond("c")], combinator: "and", negate: false },
    cond("d"),
  ],
};

function tree(): EditorGroup {
  const t = fromRule(RULE);
  if (t === undefined) throw new Error("not a group");
  return t;
}
const idAt = (t: EditorGroup, pointer: string) => {
  const walk = (n: EditorGroup): string | undefined => {
    if (pointerOf(t, n.id) === pointer) return n.id;
    for (const c of n.children) {
      if (pointerOf(t, c.id) === pointer) return c.id;
      if (c.kind === "group") {
        const found = walk(c);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  return walk(t) as string;
};
const scores = (t: EditorGroup) =>
  JSON.stringify(toRule(t))
    .match(/"score":"\w"/g)
    ?.map((s) => s.slice(-2, -1))
    .join("");

describe("the builder's working copy", () => {
  it("round-trips JSON exactly, key order and every field included", () => {
    expect(JSON.stringify(toRule(tree()))).toBe(JSON.stringify(RULE));
    for (const template of TEMPLATES) {
      const rule = template.build();
      expect(JSON.stringify(toRule(fromRule(rule) as EditorGroup))).toBe(JSON.stringify(rule));
    }
  });

  it("refuses what it cannot show: not a group, or a child that is not an object", () => {
    expect(fromRule([])).toBeUndefined();
    expect(fromRule({ type: "score" })).toBeUndefined();
    expect(fromRule({ type: "group", combinator: "and", children: [1] })).toBeUndefined();
  });

  it("moves a node to just before its target, or to the end of a group", () => {
    const t = tree();
    const root = t.id;
    const inner = idAt(t, "/children/1");
    expect(scores(moveNode(t, idAt(t, "/children/0"), { parentId: root, index: 2 }))).toBe("bcad");
    expect(scores(moveNode(t, idAt(t, "/children/2"), { parentId: root, index: 0 }))).toBe("dabc");
    expect(scores(moveNode(t, idAt(t, "/children/0"), { parentId: inner, index: 1 }))).toBe("bacd");
    expect(scores(moveNode(t, idAt(t, "/children/1/children/1"), { parentId: root, index: 3 }))).toBe("abdc");
    expect(moveNode(t, idAt(t, "/children/0"), { parentId: root, index: 1 })).toBe(t); // already there
  });

  it("never moves a group into itself", () => {
    const t = tree();
    const inner = idAt(t, "/children/1");
    expect(moveNode(t, inner, { parentId: inner, index: 0 })).toBe(t);
    expect(findNode(t, inner)?.kind).toBe("group");
  });

  it("puts each validation issue at its node: a group's own, a condition's whole subtree", () => {
    const checked = validateRule(
      toRule(
        fromRule({
          type: "group",
          combinator: "and",
          children: [
            { type: "score", score: "nps", operator: "gte" },
            { type: "group", combinator: "or", children: [] },
          ],
        }) as EditorGroup,
      ),
    );
    expect(checked.ok).toBe(false);
    const issues = checked.ok ? [] : checked.issues;
    expect(issuesAt(issues, "/children/0", false).map((i) => i.path)).toEqual(["/children/0/value"]);
    expect(issuesAt(issues, "/children/1", true).map((i) => i.code)).toEqual(["empty_group"]);
    expect(issuesAt(issues, "", true)).toEqual([]);
    expect(validateRule(toRule(emptyRoot())).ok).toBe(false); // an empty rule never means everyone
  });
});
