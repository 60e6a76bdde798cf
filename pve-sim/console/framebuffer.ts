import { glyphPixel } from "./font";

export interface PixelFormat {
  bitsPerPixel: number;
  bigEndian: boolean;
  redShift: number;
  greenShift: number;
  blueShift: number;
}

export const defaultPixelFormat: PixelFormat = {
  bitsPerPixel: 32,
  bigEndian: false,
  redShift: 16,
  greenShift: 8,
  blueShift: 0,
};

type Rgb = [number, number, number];

/** The built-in display: a coloured screen with text lines, redrawn as state changes or keys arrive. */
export class Framebuffer {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
  }

  fill(colour: Rgb) {
    for (let offset = 0; offset < this.pixels.length; offset += 3) this.pixels.set(colour, offset);
  }

  text(line: string, left: number, top: number, scale: number, colour: Rgb) {
    [...line].forEach((character, index) => {
      for (let y = 0; y < 7; y++) {
        for (let x = 0; x < 5; x++) {
          if (!glyphPixel(character, x, y)) continue;
          for (let dy = 0; dy < scale; dy++) {
            for (let dx = 0; dx < scale; dx++) {
              const px = left + (index * 6 + x) * scale + dx;
              const py = top + y * scale + dy;
              if (px < this.width && py < this.height) this.pixels.set(colour, (py * this.width + px) * 3);
            }
          }
        }
      }
    });
  }

  /** The whole screen in the client's pixel format (true colour, 32 or 16 bits per pixel). */
  encode(format: PixelFormat): Buffer {
    const bytes = format.bitsPerPixel / 8;
    const out = Buffer.alloc(this.width * this.height * bytes);
    for (let index = 0; index < this.width * this.height; index++) {
      const [r, g, b] = [this.pixels[index * 3]!, this.pixels[index * 3 + 1]!, this.pixels[index * 3 + 2]!];
      const value =
        bytes === 4
          ? ((r << format.redShift) | (g << format.greenShift) | (b << format.blueShift)) >>> 0
          : ((r >> 3) << format.redShift) | ((g >> 2) << format.greenShift) | ((b >> 3) << format.blueShift);
      if (bytes === 4) {
        if (format.bigEndian) out.writeUInt32BE(value, index * 4);
        else out.writeUInt32LE(value, index * 4);
      } else if (format.bigEndian) out.writeUInt16BE(value & 0xffff, index * 2);
      else out.writeUInt16LE(value & 0xffff, index * 2);
    }
    return out;
  }
}
