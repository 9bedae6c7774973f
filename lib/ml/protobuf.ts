/**
 * A minimal protocol-buffers writer (proto3 wire format): varints,
 * length-delimited fields and fixed 64-bit doubles. Enough to write ONNX
 * models; field numbers are supplied by the caller.
 */
export class ProtoWriter {
  private chunks: number[] = [];

  private varint(v: number): void {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError("varint needs a non-negative safe integer, got " + v);
    while (v >= 0x80) {
      this.chunks.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.chunks.push(v);
  }

  private key(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  /** int32/int64/enum/bool field (non-negative values). */
  int(field: number, v: number): this {
    this.key(field, 0);
    this.varint(v);
    return this;
  }

  /** float (32-bit) field. */
  float(field: number, v: number): this {
    this.key(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    for (const x of b) this.chunks.push(x);
    return this;
  }

  /** bytes field. */
  bytes(field: number, b: Uint8Array): this {
    this.key(field, 2);
    this.varint(b.length);
    for (let i = 0; i < b.length; i++) this.chunks.push(b[i]);
    return this;
  }

  /** string field (UTF-8). */
  string(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }

  /** Embedded message field. */
  message(field: number, m: ProtoWriter): this {
    return this.bytes(field, m.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}
