/**
 * The one thing the app package needs to know about a PNG: its size and whether it has alpha (its
 * colour type), read from the IHDR header, to refuse replaced icons Teams would reject after upload.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Colour type 6: truecolour with alpha. */
const RGBA = 6;

export interface PngInfo {
  width: number;
  height: number;
  hasAlpha: boolean;
}

/** Size and alpha of a PNG, from its header; undefined when it is not a PNG. */
export function pngInfo(data: Buffer): PngInfo | undefined {
  if (data.length < 33 || !data.subarray(0, 8).equals(SIGNATURE)) return undefined;
  if (data.toString("latin1", 12, 16) !== "IHDR") return undefined;
  const colourType = data[25];
  return {
    width: data.readUInt32BE(16),
    height: data.readUInt32BE(20),
    hasAlpha: colourType === 4 || colourType === RGBA,
  };
}
