import { type FormEvent, useId, useState } from "react";
import { useApi } from "../api/api-context.ts";
import { useAsync } from "../use-async.ts";

const PAGE = 25;

interface Props {
  segmentId: string;
  size: number;
  onExplain: (contactId: string) => void;
}

/** Members by id, a page at a time, and a lookup of any contact by id. */
export function MembersTable({ segmentId, size, onExplain }: Props) {
  const api = useApi();
  // Cursors of the pages seen so far: going back is popping one.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useAsync(() => api.members(segmentId, PAGE, cursor), [api, segmentId, cursor, size]);
  const id = useId();

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="card-head">
        <h2 id={`${id}-title`}>Members</h2>
        <ContactLookup segmentId={segmentId} onExplain={onExplain} />
      </div>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Contact</th>
              <th scope="col">Member since</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody data-testid="members">
            {page.data?.data.map((m) => (
              <tr key={m.contact_id}>
                <td>
                  <code>{m.contact_id}</code>
                </td>
                <td>
                  <time dateTime={m.since}>{new Date(m.since).toLocaleString("en-US")}</time>
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => onExplain(m.contact_id)}
                    aria-label={`Explain ${m.contact_id}`}
                  >
                    Explain
                  </button>
                </td>
              </tr>
            ))}
            {page.data?.data.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  No members.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Member pages">
        <button
          type="button"
          disabled={cursors.length === 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          Previous
        </button>
        <span className="muted small">Page {cursors.length}</span>
        <button
          type="button"
          disabled={!page.data?.next_cursor}
          onClick={() => setCursors((c) => [...c, page.data?.next_cursor ?? undefined])}
        >
          Next
        </button>
      </nav>
    </section>
  );
}

/** The members API has no prefix search: an exact id is looked up, member or not. */
function ContactLookup({ segmentId, onExplain }: { segmentId: string; onExplain: (id: string) => void }) {
  const api = useApi();
  const [query, setQuery] = useState("");
  const [result, setResult] = useState<string>("");
  const id = useId();

  async function search(e: FormEvent) {
    e.preventDefault();
    const contactId = query.trim();
    if (contactId === "") return;
    try {
      const check = await api.memberCheck(segmentId, contactId);
      setResult(
        check.member
          ? `${contactId} is a member since ${new Date(check.since ?? "").toLocaleString("en-US")}.`
          : `${contactId} is not a member.`,
      );
      onExplain(contactId);
    } catch (err) {
      setResult((err as Error).message);
    }
  }

  return (
    <search>
      <form onSubmit={search} className="lookup">
        <label htmlFor={id}>Find a contact by id</label>
        <input id={id} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit">Find</button>
        <span className="small" aria-live="polite" data-testid="lookup-result">
          {result}
        </span>
      </form>
    </search>
  );
}
