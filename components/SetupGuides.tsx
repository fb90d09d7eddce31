import type { VNode } from "preact";
import { Island } from "../lib/web/island.tsx";

/** One client's setup instructions. */
export interface SetupGuide {
  readonly id: string;
  readonly client: string;
  readonly steps: readonly string[];
  /** Text to paste, when the client takes a file or a command. */
  readonly snippet?: { readonly label: string; readonly text: string };
}

/** Setup instructions for the mainstream MCP clients, for this server's MCP URL. */
export function setupGuides(mcpUrl: string): readonly SetupGuide[] {
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  const isLocal = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(mcpUrl);
  return [
    {
      id: "claude-desktop",
      client: "Claude desktop",
      steps: [
        "Open Settings → Connectors → Add custom connector.",
        "Name it “Xano”, paste the MCP URL, and choose Add.",
        "Choose Connect and sign in with your Xano account; approve the access you want.",
        "Or, with an older Claude desktop, add this to claude_desktop_config.json and restart:",
      ],
      snippet: {
        label: "claude_desktop_config.json",
        text: json({
          mcpServers: { xano: { command: "npx", args: ["-y", "mcp-remote", mcpUrl] } },
        }),
      },
    },
    {
      id: "claude-web",
      client: "Claude on the web (claude.ai)",
      steps: [
        "Open Settings → Connectors → Add custom connector.",
        "Paste the MCP URL and choose Add, then Connect.",
        "Sign in with your Xano account and approve the access.",
        ...(isLocal
          ? [
            "claude.ai cannot reach a server on your own machine: deploy it at a public HTTPS URL first.",
          ]
          : []),
      ],
    },
    {
      id: "chatgpt",
      client: "ChatGPT",
      steps: [
        "Turn on Settings → Apps & Connectors → Advanced → Developer mode.",
        "Choose Create connector, paste the MCP URL, and pick OAuth as the authentication.",
        "Sign in with your Xano account when ChatGPT asks.",
        ...(isLocal ? ["ChatGPT cannot reach localhost: it needs a public HTTPS URL."] : []),
      ],
    },
    {
      id: "cursor",
      client: "Cursor",
      steps: [
        "Add the server to ~/.cursor/mcp.json (or .cursor/mcp.json in a project).",
        "Cursor opens the sign-in page the first time it connects.",
      ],
      snippet: { label: "mcp.json", text: json({ mcpServers: { xano: { url: mcpUrl } } }) },
    },
    {
      id: "vscode",
      client: "VS Code",
      steps: [
        "Add the server to .vscode/mcp.json in your workspace (or run “MCP: Add Server…”).",
        "Start it from the file’s code lens; VS Code asks you to sign in.",
      ],
      snippet: {
        label: ".vscode/mcp.json",
        text: json({ servers: { xano: { type: "http", url: mcpUrl } } }),
      },
    },
    {
      id: "mcp-remote",
      client: "Any stdio client (mcp-remote)",
      steps: [
        "mcp-remote bridges a stdio-only client to this server and handles the sign-in in your browser.",
        "For scripts and CI, create an API key and pass it as a header instead.",
      ],
      snippet: {
        label: "command",
        text:
          `npx -y mcp-remote ${mcpUrl}\n\n# with an API key:\nnpx -y mcp-remote ${mcpUrl} --header "Authorization: Bearer $XANO_MCP_KEY"`,
      },
    },
  ];
}

/** Renders every guide as a disclosure widget (works without JavaScript). */
export function SetupGuides(
  { mcpUrl, headingLevel = 3 }: { readonly mcpUrl: string; readonly headingLevel?: 2 | 3 },
): VNode {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div class="guides">
      {setupGuides(mcpUrl).map((guide) => (
        <details key={guide.id} id={`setup-${guide.id}`} class="guide">
          <summary>
            <Heading class="guide-title">{guide.client}</Heading>
          </summary>
          <ol>
            {guide.steps.map((step, i) => <li key={i}>{step}</li>)}
          </ol>
          {guide.snippet && (
            <div class="snippet">
              <div class="snippet-bar">
                <span>{guide.snippet.label}</span>
                <Island
                  name="CopyButton"
                  props={{ text: guide.snippet.text, label: "Copy" }}
                />
              </div>
              <pre><code>{guide.snippet.text}</code></pre>
            </div>
          )}
        </details>
      ))}
    </div>
  );
}
