import { type FormEvent, useState } from "react";
import { Api } from "../api/client.ts";

interface Props {
  onSignedIn: (key: string) => void;
  rejected: boolean;
}

/** Asks for the workspace key once; it is checked against the API before it is kept. */
export function SignIn({ onSignedIn, rejected }: Props) {
  const [key, setKey] = useState("");
  const [error, setError] = useState(rejected ? "That key was not accepted. Enter it again." : "");
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      await new Api(key.trim()).segments();
      onSignedIn(key.trim());
    } catch {
      setError("That key was not accepted. Check it and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>GrowthOS Segments</h1>
      <form onSubmit={submit} className="card">
        <p>
          Enter your workspace's API key. <code>npm start</code> prints it, with a sign-in link, on the first
          start.
        </p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="current-password"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-describedby={error ? "api-key-error" : undefined}
          aria-invalid={error ? true : undefined}
          required
        />
        {error && (
          <p id="api-key-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || key.trim() === ""}>
          Sign in
        </button>
      </form>
    </main>
  );
}
