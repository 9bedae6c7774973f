/**
 * Together AI: training files (validate, write, upload), fine-tuning jobs
 * (create-or-re-attach, wait with events, cancel, list) and dedicated
 * endpoints (create, wait, scoped use that always stops, cost). See README.md.
 * Everything here compiles under TypeScript 5.0 / ES2022.
 */
export { TogetherHttp, TogetherApiError, DEFAULT_TOGETHER_BASE_URL, type TogetherConfig } from "./http";
export { openLedger, type Ledger } from "./ledger";

export * from "./files/formats";
export { validateTrainingFile, validateTrainingText, validateTrainingRows, assertValidTraining, formatProblems, type TrainingProblem, type TrainingValidation, type ValidateOptions } from "./files/validate";
export { writeTrainingFile, sha256Hex, fileDigest, type WrittenTrainingFile } from "./files/write";
export { getFile, listFiles, deleteFile, fileState, type TogetherFile } from "./files/api";
export { uploadTrainingFile, waitForFile, filesLedger, type UploadOptions, type UploadResult, type FileLedgerEntry } from "./files/upload";

export { fineTuneWireBody, checkFineTuneParams, fineTuneKey, canonicalJson, type FineTuneParams, type LoraParams, type FineTuneWireBody } from "./finetune/params";
export {
  createFineTune,
  getFineTune,
  listFineTunes,
  listFineTuneEvents,
  cancelFineTune,
  isFinalStatus,
  outputModelName,
  failureReason,
  FINAL_STATUSES,
  type FineTuneJob,
  type FineTuneEvent,
  type FineTuneStatus,
} from "./finetune/api";
export { waitForFineTune, describeJob, eventKey, FineTuneFailedError, type WaitForJobOptions, type WaitForJobResult } from "./finetune/wait";
export { ensureFineTune, runFineTune, jobsLedger, type EnsureFineTuneOptions, type EnsureFineTuneResult, type RunFineTuneResult, type JobLedgerEntry } from "./finetune/ensure";

export {
  createEndpoint,
  createEndpointBody,
  getEndpoint,
  listEndpoints,
  setEndpointState,
  stopEndpoint,
  deleteEndpoint,
  listHardware,
  type DedicatedEndpoint,
  type EndpointState,
  type Hardware,
  type Autoscaling,
  type CreateEndpointParams,
} from "./endpoints/api";
export { waitForEndpoint, EndpointNotReadyError, type WaitForEndpointOptions } from "./endpoints/wait";
export { hourlyCostUsd, replicasBilled, isRunningState } from "./endpoints/cost";
export { withEndpoint, startEndpoint, pointRoleAt, endpointRole, type WithEndpointOptions, type EndpointUseRecord } from "./endpoints/scoped";
export { endpointsWithCost, type EndpointWithCost } from "./endpoints/running";
export { activeEndpointIds, stopAllActive } from "./endpoints/cleanup";

export { createTogetherMock, togetherRoutes, registerFineTuneEffect, type TogetherMock, type TogetherMockOptions, type FineTuneEffect, type FineTuneInfo } from "./mock-routes";
