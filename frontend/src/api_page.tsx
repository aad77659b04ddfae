// The "Use via API" page (`?view=api`, linked from the footer): every listed endpoint of the
// app's Gradio-compatible API with its parameters, returns and ready-to-copy Python
// (`gradio_client`), JavaScript (`@gradio/client`) and curl snippets, all read from
// `gradio_api/info` (the server writes the snippets, so they are the ones its tests run).

import { useEffect, useState } from "preact/hooks";

/** One parameter or return value, as `gradio_api/info` describes it. */
interface ApiValue {
  label: string;
  parameter_name?: string;
  parameter_has_default?: boolean;
  parameter_default?: unknown;
  python_type: { type: string; description: string };
  component: string;
}

/** The snippets of one endpoint; `bash` is null for an unnamed one (no REST route). */
interface Snippets {
  python: string;
  javascript: string;
  bash: string | null;
}

interface Endpoint {
  parameters: ApiValue[];
  returns: ApiValue[];
  code_snippets: Snippets;
}

interface ApiInfo {
  named_endpoints: Record<string, Endpoint>;
  unnamed_endpoints: Record<string, Endpoint>;
}

/** The pinned client versions the snippets are tested with. */
const PYTHON_CLIENT = "gradio_client==2.7.2";
const JS_CLIENT = "@gradio/client@2.7.0";

type Language = "python" | "javascript" | "bash";
const LANGUAGES: { id: Language; name: string }[] = [
  { id: "python", name: "Python" },
  { id: "javascript", name: "JavaScript" },
  { id: "bash", name: "curl" },
];

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      class="ferry-btn ferry-btn-secondary ferry-btn-sm ferry-api-copy"
      data-testid="api-copy"
      aria-label={`${copied ? "Copied" : "Copy"} the ${label} code`}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          },
          () => setCopied(false),
        );
      }}
    >
      <span class="ferry-btn-label">{copied ? "Copied" : "Copy"}</span>
    </button>
  );
}

function Code({ text, label }: { text: string; label: string }) {
  return (
    <div class="ferry-api-code">
      <CopyButton text={text} label={label} />
      <pre data-testid="api-snippet" data-language={label}>
        <code>{text}</code>
      </pre>
    </div>
  );
}

function defaultText(value: ApiValue): string {
  if (!value.parameter_has_default) return "required";
  return `default: ${JSON.stringify(value.parameter_default)}`;
}

function Values({ title, values, inputs }: { title: string; values: ApiValue[]; inputs: boolean }) {
  return (
    <div class="ferry-api-values">
      <h3>{title}</h3>
      {values.length === 0 ? (
        <p class="ferry-api-none">None</p>
      ) : (
        <ul>
          {values.map((value) => (
            <li key={value.parameter_name ?? value.label}>
              <code class="ferry-api-name">{inputs ? value.parameter_name : value.label}</code>{" "}
              <code class="ferry-api-type">{value.python_type.type}</code>
              <span class="ferry-api-component"> · {value.component}</span>
              {inputs && <span class="ferry-api-default"> · {defaultText(value)}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function EndpointSection({ name, endpoint }: { name: string; endpoint: Endpoint }) {
  const [language, setLanguage] = useState<Language>("python");
  const snippets = endpoint.code_snippets;
  const shown = LANGUAGES.filter((l) => snippets[l.id]);
  const code = snippets[language] ?? snippets.python;
  const id = `api-${name.replace(/[^A-Za-z0-9_-]/g, "")}`;
  return (
    <section class="ferry-api-endpoint" data-testid="api-endpoint" aria-labelledby={id}>
      <h2 id={id}>
        <code>{name}</code>
      </h2>
      <div class="ferry-api-tabs" role="tablist" aria-label={`Code for ${name}`}>
        {shown.map((l) => (
          <button
            type="button"
            role="tab"
            key={l.id}
            aria-selected={language === l.id}
            class={`ferry-api-tab${language === l.id ? " ferry-api-tab-on" : ""}`}
            onClick={() => setLanguage(l.id)}
          >
            {l.name}
          </button>
        ))}
      </div>
      <Code text={code} label={LANGUAGES.find((l) => l.id === language)?.name ?? "Python"} />
      <div class="ferry-api-columns">
        <Values title="Parameters" values={endpoint.parameters} inputs={true} />
        <Values title="Returns" values={endpoint.returns} inputs={false} />
      </div>
    </section>
  );
}

/** The whole API page. */
export function ApiPage({ title }: { title: string }) {
  const [info, setInfo] = useState<ApiInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch("gradio_api/info", { headers: { accept: "application/json" } })
      .then(async (res) => {
        if (!res.ok) throw new Error(`This app has no API (${res.status}).`);
        setInfo((await res.json()) as ApiInfo);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : "The API could not be read."));
  }, []);
  const endpoints: [string, Endpoint][] = info
    ? [
        ...Object.entries(info.named_endpoints),
        ...Object.entries(info.unnamed_endpoints).map(([n, e]): [string, Endpoint] => [`fn_index ${n}`, e]),
      ]
    : [];
  return (
    <main class="ferry-app ferry-api-page" data-testid="api-page">
      <p>
        <a href="./" class="ferry-api-back">
          ← Back to {title || "the app"}
        </a>
      </p>
      <h1>Use via API</h1>
      <p class="ferry-api-intro">
        Call this app's events from your own code with Gradio's clients, or with curl. Install a client:
      </p>
      <Code text={`pip install ${PYTHON_CLIENT}`} label="pip" />
      <Code text={`npm install ${JS_CLIENT}`} label="npm" />
      <p class="ferry-api-intro">
        A file parameter reads <code>file.txt</code> from the folder you run the code in; the files an
        endpoint returns are downloaded by the client.
      </p>
      {error && (
        <p class="ferry-error" role="alert">
          {error}
        </p>
      )}
      {info && endpoints.length === 0 && <p>This app lists no API endpoints.</p>}
      {endpoints.map(([name, endpoint]) => (
        <EndpointSection key={name} name={name} endpoint={endpoint} />
      ))}
    </main>
  );
}
