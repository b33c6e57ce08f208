/**
 * Hashing and a fast PRNG for the simulated market. All randomness is a function of (seed, symbol,
 * time bucket), never of call order, so any time range can be generated on its own.
 * Math.imul and unsigned shifts keep everything in exact 32-bit integer arithmetic.
 */

/** FNV-1a over the UTF-16 code units of a string. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: a good avalanche in five operations. */
export function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_POW_32 = 4294967296;

/** Hash of a key and two non-negative integers (indices may exceed 2^32). */
export function hash3(key: number, a: number, b: number): number {
  const aHigh = Math.floor(a / TWO_POW_32);
  let h = mix32(key ^ Math.imul(a >>> 0, 0x9e3779b1) ^ Math.imul(aHigh, 0x27d4eb2f));
  h = mix32(h ^ Math.imul(b >>> 0, 0x85ebca77) ^ 0x165667b1);
  return h;
}

/** A uniform in (0, 1) from a hash. */
export function unitOf(hash: number): number {
  return (hash + 0.5) / TWO_POW_32;
}

/**
 * An approximately standard normal value from one hash: Irwin-Hall over its four bytes. Cheap, and
 * bounded (|z| < 3.5), which suits noise anchors that must not produce absurd prices.
 */
export function normalOf(hash: number): number {
  const sum = (hash & 0xff) + ((hash >>> 8) & 0xff) + ((hash >>> 16) & 0xff) + (hash >>> 24);
  // four uniforms on [0, 255]: mean 510, variance 4 * (256^2 - 1) / 12
  return (sum - 510) / 147.7973;
}

/** splitmix32: a tiny, fast, well-mixed generator, re-seedable without allocation. */
export class SplitMix32 {
  private state = 0;
  private spare = 0;
  private hasSpare = false;

  reset(seed: number): this {
    this.state = seed | 0;
    this.hasSpare = false;
    return this;
  }

  nextU32(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    return mix32(this.state);
  }

  /** Uniform in (0, 1). */
  next(): number {
    return (this.nextU32() + 0.5) / TWO_POW_32;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box-Muller, both values used). */
  gaussian(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const r = Math.sqrt(-2 * Math.log(this.next()));
    const theta = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(theta);
    this.hasSpare = true;
    return r * Math.cos(theta);
  }
}

/**
 * Value noise: standard normals at integer points of x, smoothly interpolated between them. A
 * function of x alone, so any point is computable on its own.
 */
export function valueNoise(key: number, tag: number, x: number): number {
  const i = Math.floor(x);
  const f = x - i;
  const a = normalOf(hash3(key, i, tag));
  const b = normalOf(hash3(key, i + 1, tag));
  const s = f * f * (3 - 2 * f);
  return a + (b - a) * s;
}
