import { ProtoWriter } from "./protobuf";
import type { LinearModel } from "./ridge";
import type { MlpModel } from "./mlp";
import type { Matrix } from "./matrix";

// ONNX enums (onnx.proto).
const DOUBLE = 11;
const ATTR_FLOAT = 1;
const ATTR_INT = 2;

function tensor(name: string, dims: number[], values: ArrayLike<number>): ProtoWriter {
  const raw = new Uint8Array(values.length * 8);
  const dv = new DataView(raw.buffer);
  for (let i = 0; i < values.length; i++) dv.setFloat64(i * 8, values[i], true);
  const t = new ProtoWriter();
  for (const d of dims) t.int(1, d);
  t.int(2, DOUBLE).string(8, name).bytes(9, raw);
  return t;
}

function valueInfo(name: string, dims: (number | string)[]): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of dims) shape.message(1, typeof d === "number" ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  const tensorType = new ProtoWriter().int(1, DOUBLE).message(2, shape);
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
}

interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name: string;
  attributes?: { name: string; float?: number; int?: number }[];
}

function node(n: NodeSpec): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name).string(4, n.op);
  for (const a of n.attributes ?? []) {
    const at = new ProtoWriter().string(1, a.name);
    if (a.float !== undefined) at.float(2, a.float).int(20, ATTR_FLOAT);
    else at.int(3, a.int as number).int(20, ATTR_INT);
    w.message(5, at);
  }
  return w;
}

function model(graphName: string, nodes: NodeSpec[], inits: ProtoWriter[], inputs: number, docString: string): Uint8Array {
  const g = new ProtoWriter();
  for (const n of nodes) g.message(1, node(n));
  g.string(2, graphName);
  for (const t of inits) g.message(5, t);
  g.string(10, docString);
  g.message(11, valueInfo("features", ["batch", inputs]));
  g.message(12, valueInfo("score", ["batch", 1]));
  const m = new ProtoWriter();
  m.int(1, 8); // ir_version 8
  m.string(2, "evalbook").string(3, "0.1.0");
  m.message(7, g);
  m.message(8, new ProtoWriter().string(1, "").int(2, 13)); // opset 13
  return m.finish();
}

/**
 * Serialise a linear model (ridge) as an ONNX model (opset 13, float64):
 * input `features` [batch, p], output `score` [batch, 1] = Gemm(features, W, b).
 */
export function linearToOnnx(m: LinearModel, doc = m.name): Uint8Array {
  const p = m.weights.length;
  return model(
    "linear",
    [{ op: "Gemm", name: "gemm", inputs: ["features", "W", "b"], outputs: ["score"] }],
    [tensor("W", [p, 1], m.weights), tensor("b", [1], [m.intercept])],
    p,
    doc,
  );
}

/**
 * Serialise a one-hidden-layer MLP as ONNX: Gemm -> Relu -> MatMul -> Add.
 */
export function mlpToOnnx(m: MlpModel, doc = m.name): Uint8Array {
  return model(
    "mlp",
    [
      { op: "Gemm", name: "hidden", inputs: ["features", "W1", "b1"], outputs: ["h"] },
      { op: "Relu", name: "relu", inputs: ["h"], outputs: ["a"] },
      { op: "MatMul", name: "out", inputs: ["a", "W2"], outputs: ["z"] },
      { op: "Add", name: "bias", inputs: ["z", "b2"], outputs: ["score"] },
    ],
    [tensor("W1", [m.inputs, m.hidden], m.w1), tensor("b1", [m.hidden], m.b1), tensor("W2", [m.hidden, 1], m.w2), tensor("b2", [1], [m.b2])],
    m.inputs,
    doc,
  );
}

/**
 * Score features with an ONNX model through onnxruntime-node (CPU). The
 * runtime is loaded lazily on first use (it is large).
 */
export async function scoreOnnx(modelBytes: Uint8Array, x: Matrix): Promise<Float64Array> {
  const ort = await import("onnxruntime-node");
  const session = await ort.InferenceSession.create(modelBytes);
  try {
    const input = new ort.Tensor("float64", Float64Array.from(x.data), [x.rows, x.cols]);
    const out = await session.run({ features: input });
    return Float64Array.from(out.score.data as Float64Array);
  } finally {
    await session.release();
  }
}
