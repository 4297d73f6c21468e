/**
 * `descent/onnx`: ONNX export and import, in the browser and Node (bytes in, bytes out).
 *
 * ```ts
 * import { exportOnnx, importOnnx } from 'descent/onnx';
 * const bytes = exportOnnx(model.eval(), sampleInput);   // Uint8Array
 * const back = importOnnx(bytes);                        // a Module running the graph
 * back.forward(sampleInput);
 * ```
 */
export { exportOnnx, registerOnnxExporter, type ExportOnnxOptions, type ExportContext, type OnnxExporter, type Traced } from './export-nn.js';
export { GraphBuilder, DEFAULT_OPSET, ML_OPSET } from './graph-builder.js';
export { quantizeValues, roundHalfEven, type QParams, type QdqSpec } from './qdq.js';
export { decodeModel } from './proto-read.js';
export { encodeModel, DataType, type ModelProto, type GraphProto, type NodeProto, type TensorProto, type AttributeProto, type ValueInfoProto } from './proto.js';
export { exportOnnxEstimator, floorFloat32 } from './export-learn.js';
export { importOnnx, OnnxModule, SUPPORTED_ONNX_OPS } from './import.js';
