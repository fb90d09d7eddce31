import type { VNode } from "preact";
import { Layout, PageHeader } from "../../components/Layout.tsx";
import { SetupGuides } from "../../components/SetupGuides.tsx";
import type { Assets } from "../../lib/web/assets.ts";
import type { DashboardSession, ToolDoc } from "../../lib/web/deps.ts";

/** Props of {@link Docs}. */
export interface DocsProps {
  readonly assets: Assets;
  readonly sandbox: boolean;
  readonly session: DashboardSession | null;
  readonly mcpUrl: string;
  readonly tools: readonly ToolDoc[];
  readonly toolsets?: Readonly<Record<string, string>>;
}

const ENTRY_POINTS: readonly (readonly [string, string])[] = [
  ["create(name, verb)", "An API endpoint (query); verb is GET, POST, PUT, PATCH or DELETE"],
  ["createFunction(name)", "A reusable function"],
  ["createTask(name)", "A scheduled task (add .schedule([...]))"],
  ["createTable(name)", "A table (add .field(name, type, opts) and .index(type, fields))"],
  ["createApiGroup(name, canonical?)", "An API group"],
];

const METHODS: readonly (readonly [string, string])[] = [
  [".input(name, type, opts?)", "Declares an input; required unless { required: false }"],
  [".requiresAuth(table = 'user')", "Requires an authenticated user of that table"],
  [".var(name, value) / .varUpdate(name, value)", "Creates or updates a variable"],
  [".dbGet / .dbHas(table, { field: value }, alias)", "Reads one record, or checks that it exists"],
  [".dbQuery(table, { where, sort, page, perPage, return }, alias)", "Queries records"],
  [".dbAdd(table, data, alias)", "Adds a record"],
  [".dbEdit / .dbPatch / .dbAddOrEdit(table, { field: value }, data, alias)", "Changes a record"],
  [".dbDelete(table, { field: value })", "Deletes a record"],
  [".conditional(expr).then(…).elseIf(…).else(…).endConditional()", "Branches"],
  [".forEach(arrayExpr, 'item', b => …)", "Loops over a list"],
  [".precondition(expr, message, kind?)", "Stops with an error unless expr holds"],
  [".apiRequest(url, method, { headers, body, query, timeout }, alias)", "Calls an external API"],
  [".callFunction(name, input, alias)", "Runs a function"],
  [".createAuthToken / .verifyPassword", "Authentication helpers"],
  [".response(value)", "What the endpoint returns"],
  [".build()", "Finishes the builder: { script, diagnostics, fixes }"],
];

/** `/dashboard/docs`: tool reference, SDK reference and setup guides. */
export default function Docs(props: DocsProps): VNode {
  const toolsets = new Map<string, ToolDoc[]>();
  for (const tool of props.tools) {
    toolsets.set(tool.toolset, [...(toolsets.get(tool.toolset) ?? []), tool]);
  }
  return (
    <Layout title="Docs" active={props.session ? "/dashboard/docs" : undefined} {...props}>
      <PageHeader
        title="Documentation"
        lead="Connect an assistant, see every tool it gets, and learn the SDK it writes."
      />
      <nav class="toc" aria-label="On this page">
        <ul>
          <li>
            <a href="#setup">Setup guides</a>
          </li>
          <li>
            <a href="#tools">Tool reference</a>
          </li>
          <li>
            <a href="#sdk">SDK reference</a>
          </li>
        </ul>
      </nav>
      <section id="setup" aria-labelledby="setup-h">
        <h2 id="setup-h">Setup guides</h2>
        <p>
          The MCP URL of this server is <code>{props.mcpUrl}</code>.
        </p>
        <SetupGuides mcpUrl={props.mcpUrl} />
      </section>
      <section id="tools" aria-labelledby="tools-h">
        <h2 id="tools-h">Tool reference</h2>
        <p>
          {props.tools.length} tools in {toolsets.size}{" "}
          toolsets. A connection sees the toolsets it was granted; read-only connections see only
          the tools marked read-only, and destructive tools ask for confirmation first.
        </p>
        <ul class="toc">
          {[...toolsets.keys()].map((toolset) => (
            <li key={toolset}>
              <a href={`#ts-${toolset}`}>{toolset}</a>
            </li>
          ))}
        </ul>
        {[...toolsets].map(([toolset, tools]) => (
          <section key={toolset} class="toolset" aria-labelledby={`ts-${toolset}`}>
            <h3 id={`ts-${toolset}`}>{toolset}</h3>
            {props.toolsets?.[toolset] && <p class="muted">{props.toolsets[toolset]}</p>}
            <dl class="tools">
              {tools.map((tool) => <ToolEntry key={tool.name} tool={tool} />)}
            </dl>
          </section>
        ))}
      </section>
      <section id="sdk" aria-labelledby="sdk-h">
        <h2 id="sdk-h">SDK reference</h2>
        <p>
          Assistants write endpoints in a small fluent JavaScript SDK. The server parses the code
          and interprets the builder calls it recognises; it never runs the code. Strings that start
          with <code>$</code>{" "}
          are XanoScript expressions (<code>'$input.id'</code>); other strings are text. Try it in
          the <a href="/dashboard/playground">playground</a>.
        </p>
        <h3>Entry points</h3>
        <RefTable rows={ENTRY_POINTS} />
        <h3>Builder methods</h3>
        <RefTable rows={METHODS} />
        <h3>Automatic fixes</h3>
        <p>
          The compiler repairs mistakes it can repair without guessing (method and type aliases such
          as <code>.auth()</code> → <code>.requiresAuth()</code> or <code>string</code> →{" "}
          <code>text</code>, <code>else if</code> →{" "}
          <code>elseif</code>) and reports each one. Where a repair would be a guess, it stops with
          a diagnostic at the line that says what to write.
        </p>
      </section>
    </Layout>
  );
}

function ToolEntry({ tool }: { readonly tool: ToolDoc }): VNode {
  const properties = (tool.inputSchema?.properties ?? {}) as Record<
    string,
    { description?: string; type?: string }
  >;
  const required = new Set((tool.inputSchema?.required ?? []) as string[]);
  return (
    <>
      <dt id={`tool-${tool.name}`}>
        <code>{tool.name}</code>
        {tool.readOnly && <span class="badge ok">read-only</span>}
        {tool.destructive && <span class="badge error">destructive</span>}
      </dt>
      <dd>
        <p>{tool.description}</p>
        {Object.keys(properties).length > 0 && (
          <ul class="params">
            {Object.entries(properties).map(([name, schema]) => (
              <li key={name}>
                <code>{name}</code>
                {schema.type && <span class="muted">{String(schema.type)}</span>}
                {required.has(name) && <span class="muted">(required)</span>}
                {schema.description && <>· {schema.description}</>}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </>
  );
}

function RefTable({ rows }: { readonly rows: readonly (readonly [string, string])[] }): VNode {
  return (
    <div class="table-wrap">
      <table class="list ref">
        <tbody>
          {rows.map(([code, text]) => (
            <tr key={code}>
              <th scope="row">
                <code>{code}</code>
              </th>
              <td>{text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
