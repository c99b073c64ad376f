// The marque CLI: same database as the app, migrated and seeded on first use.
import { CliError, defaultIo, type Io } from "./io.ts";

const HELP = `Usage: marque <command>

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

Environment: DATABASE_URL, MARQUE_DATA_DIR, OPENAI_API_KEY, MARQUE_VIDEO_MODEL, FFMPEG_PATH (see .env.example).`;

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    io.out(HELP);
    return command ? 0 : 1;
  }
  try {
    const { ensureDatabase } = await import("../lib/bootstrap.server.ts");
    await ensureDatabase((line) => io.err(line));
    switch (command) {
      case "kits": {
        const { kitsCommand } = await import("./kits.ts");
        return await kitsCommand(rest, io);
      }
      case "audit": {
        const { auditCommand } = await import("./audit.ts");
        return await auditCommand(rest, io);
      }
      case "brandbook": {
        const { brandbookCommand } = await import("./brandbook.ts");
        return await brandbookCommand(rest, io);
      }
      case "templates": {
        const { templatesCommand } = await import("./templates.ts");
        return await templatesCommand(rest, io);
      }
      case "render": {
        const { renderCommand } = await import("./render.ts");
        return await renderCommand(rest, io);
      }
      case "library": {
        const { libraryCommand } = await import("./library.ts");
        return await libraryCommand(rest, io);
      }
      case "video": {
        const { videoCommand } = await import("./video.ts");
        return await videoCommand(rest, io);
      }
      default:
        throw new CliError(`unknown command "${command}"\n\n${HELP}`);
    }
  } catch (error) {
    io.err(`marque: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
