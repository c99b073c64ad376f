// Fonts and logos of a kit: upload (validated on the server), specimens, removal, palette from logo.
import { Form, useNavigation } from "@remix-run/react";
import { LOGO_VARIANTS, TYPE_ROLES, type BrandKit } from "~/lib/kit/schema.ts";
import { fileUrl } from "~/lib/kit/view.ts";
import { kitFontFamily } from "./kit-fonts.tsx";

export function FilesEditor({ kit, version }: { kit: BrandKit; version: number }) {
  const nav = useNavigation();
  const busy = (intent: string) => nav.state !== "idle" && nav.formData?.get("intent") === intent;
  return (
    <>
      <section className="card" style={{ marginBottom: "1rem" }}>
        <h2 style={{ marginTop: 0 }}>Fonts</h2>
        <p className="muted small">TTF, OTF, WOFF or WOFF2. The family and weight are read from the file; WOFF2 is converted so print PDFs can embed it.</p>
        {TYPE_ROLES.map((role) => (
          <div className="specimen" key={role} data-font-role={role}>
            <div className="row" style={{ alignItems: "center" }}>
              <div>
                <b>{role}</b> <span className="muted">· {kit.typography[role].family}</span>
                <ul className="small" style={{ margin: ".3rem 0", paddingLeft: "1.1rem" }}>
                  {kit.typography[role].files.map((f, i) => (
                    <li key={`${f.weight}${f.style}${i}`}>
                      <span style={{ fontFamily: `${kitFontFamily(role)}, sans-serif`, fontWeight: f.weight, fontStyle: f.style, fontSize: "1.2rem" }}>Aa Bb 123</span>{" "}
                      {f.weight} {f.style}{" "}
                      <Form method="post" style={{ display: "inline" }}>
                        <input type="hidden" name="baseVersion" value={version} />
                        <input type="hidden" name="role" value={role} />
                        <input type="hidden" name="index" value={i} />
                        <button name="intent" value="remove-font" className="danger" style={{ padding: ".1rem .4rem" }} aria-label={`Remove ${role} ${f.weight} ${f.style}`}>remove</button>
                      </Form>
                    </li>
                  ))}
                  {kit.typography[role].files.length === 0 ? <li className="muted">No file: Inter is used when rendering.</li> : null}
                </ul>
              </div>
              <Form method="post" encType="multipart/form-data" className="row" style={{ alignItems: "center" }}>
                <input type="hidden" name="baseVersion" value={version} />
                <input type="hidden" name="role" value={role} />
                <input type="file" name="file" aria-label={`${role} font file`} accept=".ttf,.otf,.woff,.woff2,font/ttf,font/otf,font/woff,font/woff2" required />
                <button name="intent" value="upload-font" disabled={busy("upload-font")} style={{ flex: "0 0 auto" }}>Upload {role} font</button>
              </Form>
            </div>
          </div>
        ))}
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Logos</h2>
        <p className="muted small">SVG (scripts and external references are removed), PNG, JPEG or WebP.</p>
        <div className="grid">
          {LOGO_VARIANTS.map((variant) => {
            const logo = kit.logos[variant];
            return (
              <div key={variant} data-logo={variant}>
                <div className="logo-tile" style={{ background: variant === "reverse" ? kit.palette.primary.color : kit.palette.background.color }}>
                  {logo ? <img src={fileUrl(logo.src)} alt={`${variant} logo`} /> : <span className="muted">No {variant} logo</span>}
                </div>
                <Form method="post" encType="multipart/form-data" style={{ marginTop: ".4rem" }}>
                  <input type="hidden" name="baseVersion" value={version} />
                  <input type="hidden" name="variant" value={variant} />
                  <input type="file" name="file" aria-label={`${variant} logo file`} accept=".svg,.png,.jpg,.jpeg,.webp,image/*" required />
                  <div className="actions" style={{ marginTop: ".3rem" }}>
                    <button name="intent" value="upload-logo" disabled={busy("upload-logo")}>Upload {variant}</button>
                  </div>
                </Form>
                {logo ? (
                  <Form method="post">
                    <input type="hidden" name="baseVersion" value={version} />
                    <input type="hidden" name="variant" value={variant} />
                    <button name="intent" value="remove-logo" className="danger" style={{ marginTop: ".3rem" }}>Remove</button>
                  </Form>
                ) : null}
              </div>
            );
          })}
        </div>
        <h3>Palette from logo</h3>
        <Form method="post" encType="multipart/form-data" className="row" style={{ alignItems: "center" }}>
          <input type="file" name="file" aria-label="Image to take colours from" accept=".svg,.png,.jpg,.jpeg,.webp,image/*" />
          <button name="intent" value="palette-from-logo" disabled={busy("palette-from-logo")} style={{ flex: "0 0 auto" }}>Suggest palette</button>
          <span className="muted small">Uses the primary logo when no file is chosen. Suggestions appear under the palette.</span>
        </Form>
      </section>
    </>
  );
}
