// The marque CLI: same database as the app, migrated and seeded on first use.
import { CliError, defaultIo, type Io } from "./io.ts";

const HELP = `Usage: marque [--workspace <slug>] <command>

  --workspace <slug>                         Act as this workspace (or set MARQUE_WORKSPACE); needed
                                             only when the database has more than one
  workspaces list [--json]                   List workspaces: slug, name, kits, members
  workspaces create <name>                   Create a workspace
  workspaces invite <email> [--role R]       Print a single-use invitation link (owner | editor | viewer)
  users list [--json]                        List accounts and their workspaces
  users set-password <email> --password-stdin
                                             Reset a forgotten password (read from standard input)

  kits list [--json]                         List brand kits
  kits import <file> [--name N] [--into S]   Import a Marque kit JSON, DTCG tokens, CSS or Tailwind @theme file
  kits export <slug> --format F [--out FILE] Export a kit: json | dtcg | css | tailwind
  audit <file>|--asset ID|--video ID --kit <slug> [--json] [--min-score S]
                                             Brand audit: colours against the kit (ΔE00), score, PDF fonts
  brandbook --kit <slug> --out <file.pdf>    Brand guidelines PDF: palette, type, logo use, voice, style
  templates list [--json]                    List templates: id, name, category, formats
  render --kit <slug> --template <id> --format png|jpeg|webp|avif|pdf --out <file|folder>
         [--data <json|csv>] [--size <format id>] [--bleed] [--map field=Column]
                                             Render sample content, a JSON design, or one file per CSV row
  video prompt --kit <slug> --brief <file.json> [--variants n] [--json]
                                             Show the prompt a video brief compiles to (and A/B variants)
  video generate --kit <slug> --brief <file.json> --out <file.mp4> [--provider local|openai]
         [--cta T] [--tagline T] [--handle T] [--no-end-card] [--logo-bug]
                                             Make the video (offline animatic by default) with the end card
  library list [--stale] [--json] [--kit S] [--template T] [--format F]
                                             List rendered assets (stale: made with an older kit version)
  library rerender --stale [--kit S]         Re-render every stale asset (old files kept until the new ones are saved)
  library check [--repair] [--json]          Find orphan files and rows whose file is missing; --repair fixes them
  library delete <id>                        Delete an asset and its file

Environment: MARQUE_WORKSPACE, DATABASE_URL, MARQUE_DATA_DIR, OPENAI_API_KEY, MARQUE_VIDEO_MODEL, FFMPEG_PATH (see .env.example).`;

/** Takes `--workspace <slug>` / `--workspace=<slug>` out of the arguments, wherever it is. */
function takeWorkspace(argv: string[]): { args: string[]; workspace: string | undefined } {
  const args: string[] = [];
  let workspace: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--workspace") {
      workspace = argv[++i];
      if (!workspace) throw new CliError("--workspace needs a workspace slug (marque workspaces list shows them)");
    } else if (a.startsWith("--workspace=")) workspace = a.slice("--workspace=".length);
    else args.push(a);
  }
  return { args, workspace };
}

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  let parsed: ReturnType<typeof takeWorkspace>;
  try {
    parsed = takeWorkspace(argv);
  } catch (error) {
    io.err(`marque: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const [command, ...rest] = parsed.args;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    io.out(HELP);
    return command ? 0 : 1;
  }
  try {
    const { ensureDatabase } = await import("../lib/bootstrap.server.ts");
    await ensureDatabase((line) => io.err(line));
    if (command === "users") {
      const { usersCommand } = await import("./users.ts");
      return await usersCommand(rest, io);
    }
    if (command === "workspaces") {
      const { workspacesCommand } = await import("./workspaces.ts");
      return await workspacesCommand(rest, io, parsed.workspace ?? (process.env.MARQUE_WORKSPACE || undefined));
    }
    // Every other command reads and writes one workspace's kits, designs and assets, like a member would.
    const { cliWorkspace } = await import("../models/workspace.server.ts");
    const scope = await cliWorkspace(parsed.workspace ?? (process.env.MARQUE_WORKSPACE || undefined));
    switch (command) {
      case "kits": {
        const { kitsCommand } = await import("./kits.ts");
        return await kitsCommand(rest, io, scope);
      }
      case "audit": {
        const { auditCommand } = await import("./audit.ts");
        return await auditCommand(rest, io, scope);
      }
      case "brandbook": {
        const { brandbookCommand } = await import("./brandbook.ts");
        return await brandbookCommand(rest, io, scope);
      }
      case "templates": {
        const { templatesCommand } = await import("./templates.ts");
        return await templatesCommand(rest, io);
      }
      case "render": {
        const { renderCommand } = await import("./render.ts");
        return await renderCommand(rest, io, scope);
      }
      case "library": {
        const { libraryCommand } = await import("./library.ts");
        return await libraryCommand(rest, io, scope);
      }
      case "video": {
        const { videoCommand } = await import("./video.ts");
        return await videoCommand(rest, io, scope);
      }
      default:
        throw new CliError(`unknown command "${command}"\n\n${HELP}`);
    }
  } catch (error) {
    io.err(`marque: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
