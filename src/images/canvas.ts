import { createRequire } from "node:module";
import type * as Canvas from "@napi-rs/canvas";

/**
 * The image library and the font every image draws its text in. Inter (SIL Open Font License, shipped by the
 * @fontsource/inter package) is registered before the first image, so labels look the same on every machine and
 * appear on one with no system fonts at all.
 */

export const FONT = "Inter";

const require = createRequire(import.meta.url);
let canvasModule: typeof Canvas | undefined;

/** The native image library (tens of MB once loaded) is loaded when the first image is drawn, not at start. */
export function canvasLibrary(): typeof Canvas {
  if (!canvasModule) {
    const library = require("@napi-rs/canvas") as typeof Canvas;
    for (const weight of [400, 700]) {
      const file = require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff2`);
      if (!library.GlobalFonts.registerFromPath(file, FONT)) throw new Error(`the font ${file} could not be loaded`);
    }
    canvasModule = library;
  }
  return canvasModule;
}
