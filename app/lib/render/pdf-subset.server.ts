// Subset font files, encoded and compressed once per face and glyph list. pdfkit re-encodes each
// subset with fontkit (decoding every glyph's outline again) and deflates it in every document: a
// third of a menu PDF's time. The same glyphs of the same face give the same file, so a document
// whose subset was seen before gets the stored bytes; they are the bytes pdfkit would have written.
import { deflateSync } from "node:zlib";

/** The pdfkit 0.20 EmbeddedFont internals this module wraps. */
export interface SubsetFont {
  document: { compress: boolean; ref(data?: Record<string, unknown>): StreamRef };
  subset: { glyphs: number[]; encode(): Uint8Array };
  embed(): unknown;
}

interface StreamRef {
  data: Record<string, unknown>;
  compress: boolean;
  write(chunk: Uint8Array): void;
  end(chunk?: Uint8Array): void;
  finalize(): void;
}

const BUDGET = 4 * 1024 * 1024;
const files = new Map<string, Uint8Array>();
let stored = 0;

function remember(key: string, bytes: Uint8Array): void {
  files.set(key, bytes);
  stored += bytes.length;
  for (const [k, v] of files) {
    if (stored <= BUDGET) break;
    files.delete(k);
    stored -= v.length;
  }
}

/**
 * Makes `font.embed()` write its font file from the cache. `faceKey` names the font's bytes (a
 * sha256): the subset's glyph list (in the document's order) completes the key.
 */
export function cacheSubsetFile(font: SubsetFont, faceKey: string): void {
  const embed = font.embed.bind(font);
  font.embed = () => {
    const doc = font.document;
    const key = `${faceKey}|${doc.compress ? "z" : "raw"}|${font.subset.glyphs.join(",")}`;
    const encode = font.subset.encode.bind(font.subset);
    const ownEncode = Object.hasOwn(font.subset, "encode");
    const ownRef = Object.hasOwn(doc, "ref");
    // pdfkit's embed() creates the font file and ends it with subset.encode(): that one call gets a
    // marker, and the reference it ends gets the stored (or newly made) file instead.
    const marker = new Uint8Array(0);
    font.subset.encode = () => marker;
    const makeRef = doc.ref.bind(doc);
    doc.ref = (data) => {
      const ref = makeRef(data);
      const end = ref.end.bind(ref);
      ref.end = (chunk) => {
        if (chunk !== marker) return end(chunk);
        let file = files.get(key);
        if (!file) {
          const raw = encode();
          file = doc.compress ? deflateSync(raw) : raw;
          remember(key, file);
        }
        // What write() and finalize() would have made of the raw file: the same keys in the same order.
        if (ref.data.Length == null) ref.data.Length = 0;
        if (doc.compress) ref.data.Filter = "FlateDecode";
        ref.compress = false;
        ref.write(file);
        ref.finalize();
      };
      return ref;
    };
    try {
      return embed();
    } finally {
      // Back to the prototypes' methods (or the instance's own, if it had them).
      if (ownRef) doc.ref = makeRef;
      else delete (doc as Partial<SubsetFont["document"]>).ref;
      if (ownEncode) font.subset.encode = encode;
      else delete (font.subset as Partial<SubsetFont["subset"]>).encode;
    }
  };
}

/** Forgets every stored subset (tests). */
export function clearSubsetFiles(): void {
  files.clear();
  stored = 0;
}
