import { type RuleIssue, validateRule } from "@growthos/segments-core";
import { type FormEvent, useMemo, useState } from "react";
import { useApi } from "../api/api-context.ts";
import { ApiError } from "../api/api-error.ts";
import { LiveCountPanel } from "../editor/live-count.tsx";
import { type EditorData, loadEditorData } from "../editor/segment-form.ts";
import { useLiveCount } from "../editor/use-live-count.ts";
import { Link, navigate } from "../router.tsx";
import { type EditorGroup, toRule } from "../rule-builder/editor-tree.ts";
import { JsonView } from "../rule-builder/json-view.tsx";
import { RuleBuilder } from "../rule-builder/rule-builder.tsx";
import { useAsync } from "../use-async.ts";

interface Props {
  segmentId?: string;
  template?: string;
}

/** Create or edit a segment: name, the rule (visual or JSON), its live count, save. */
export default function EditorPage({ segmentId, template }: Props) {
  const api = useApi();
  const data = useAsync(() => loadEditorData(api, segmentId, template), [api, segmentId, template]);
  if (data.error)
    return (
      <p className="error" role="alert">
        {data.error.message}
      </p>
    );
  if (data.data === undefined) return <p className="muted">Loading…</p>;
  return <Editor data={data.data} />;
}

function Editor({ data }: { data: EditorData }) {
  const api = useApi();
  const [name, setName] = useState(data.name);
  const [description, setDescription] = useState(data.description);
  const [tree, setTree] = useState<EditorGroup>(data.tree);
  const [view, setView] = useState<"visual" | "json">("visual");
  const [serverIssues, setServerIssues] = useState<RuleIssue[]>([]);
  const [saveError, setSaveError] = useState("");
  const [saving, setSaving] = useState(false);
  const selfId = data.existing?.id;

  const rule = useMemo(() => toRule(tree), [tree]);
  const checked = useMemo(() => {
    const byId = new Map(data.segments.map((s) => [s.id, s]));
    return validateRule(rule, {
      segmentExists: (id) => byId.has(id),
      listExists: (id) => data.lists.some((l) => l.id === id),
      segmentRule: (id) => byId.get(id)?.rule,
      selfId,
    });
  }, [rule, data.segments, data.lists, selfId]);
  const issues = checked.ok ? serverIssues : checked.issues;
  const count = useLiveCount(api, rule, checked.ok, selfId);
  const blocked = !checked.ok
    ? "Fix the problems marked in the rule to save."
    : name.trim() === ""
      ? "Give the segment a name to save."
      : "";

  function edit(next: EditorGroup) {
    setServerIssues([]);
    setTree(next);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (blocked) return;
    setSaving(true);
    setSaveError("");
    try {
      const input = { name: name.trim(), description, rule };
      const saved =
        selfId === undefined ? await api.createSegment(input) : await api.updateSegment(selfId, input);
      navigate(`/segments/${encodeURIComponent(saved.id)}`);
    } catch (err) {
      setSaveError((err as Error).message);
      if (err instanceof ApiError && err.problem) {
        setServerIssues(
          err.problem.errors
            .filter((i) => i.path.startsWith("/rule"))
            .map((i) => ({ code: "invalid_value", path: i.path.slice("/rule".length), message: i.message })),
        );
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="editor" onSubmit={save} aria-labelledby="editor-title">
      <div className="page-head">
        <h1 id="editor-title">{data.existing ? `Edit ${data.existing.name}` : "New segment"}</h1>
        <div className="actions">
          <Link
            to={data.existing ? `/segments/${encodeURIComponent(data.existing.id)}` : "/"}
            className="button"
          >
            Cancel
          </Link>
          <button
            type="submit"
            className="primary"
            disabled={saving || blocked !== ""}
            aria-describedby="save-blocked"
          >
            {saving ? "Saving…" : "Save segment"}
          </button>
        </div>
      </div>
      <p id="save-blocked" className="muted small" aria-live="polite">
        {blocked}
      </p>
      {saveError && (
        <p className="error" role="alert">
          {saveError}
        </p>
      )}
      <div className="form-row">
        <label>
          Name
          <input
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={256}
          />
        </label>
        <label className="grow">
          Description
          <input
            type="text"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={2000}
          />
        </label>
      </div>
      <div className="editor-grid">
        <div>
          <fieldset className="view-switch">
            <legend className="visually-hidden">Rule view</legend>
            <button type="button" aria-pressed={view === "visual"} onClick={() => setView("visual")}>
              Visual
            </button>
            <button type="button" aria-pressed={view === "json"} onClick={() => setView("json")}>
              JSON
            </button>
          </fieldset>
          {view === "visual" ? (
            <RuleBuilder
              tree={tree}
              onChange={edit}
              issues={issues}
              catalog={data.catalog}
              segments={data.segments.filter((s) => s.id !== selfId)}
              lists={data.lists}
            />
          ) : (
            <JsonView
              tree={tree}
              onApply={(t) => {
                edit(t);
                setView("visual");
              }}
            />
          )}
        </div>
        <div className="side">
          <LiveCountPanel count={count} valid={checked.ok} />
          {issues.length > 0 && (
            <section className="card" aria-label="Problems">
              <h2>Problems ({issues.length})</h2>
              <ul className="issue-summary">
                {issues.map((i) => (
                  <li key={`${i.path}:${i.code}:${i.message}`}>
                    <code>{i.path || "/"}</code> {i.message}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
    </form>
  );
}
