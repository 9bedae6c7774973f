/** Small, dependency-free machine learning for the perf-pred study. */
export { zeros, fromRows, row, takeRows, dot, columnMeans, choleskySolve, mean, type Matrix } from "./matrix";
export { TfidfVectorizer, wordNgrams, type TfidfOptions } from "./tfidf";
export { fitRidge, ridge, linearModel, type LinearModel } from "./ridge";
export { fitKnn, knn, type KnnOptions } from "./knn";
export { fitMlp, mlp, mlpPredict, type MlpModel, type MlpOptions } from "./mlp";
export { fitMeanBaseline, meanBaseline } from "./mean-baseline";
export { linearToOnnx, mlpToOnnx, scoreOnnx } from "./onnx";
export { ProtoWriter } from "./protobuf";
export type { Regressor, RegressorSpec } from "./regressor";
