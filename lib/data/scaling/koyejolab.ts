import { readCsv } from "../../io/csv";
import { InputError } from "../../util/errors";
import { requiredNumberCell } from "./cells";
import { trainingCompute, type ModelInfo } from "./types";

const COLUMNS = ["Model Family", "Model Nickname", "HuggingFace Path", "HuggingFace Revision", "Tokens", "Parameters"];

/**
 * Read the original study's model table (`configs/models.csv`: Model Family,
 * Model Nickname, HuggingFace Path, HuggingFace Revision, Tokens,
 * Parameters). Compute is 6·N·D as in the original's `load_models_df`.
 * Every row is kept (zero-token checkpoints too: drop them with
 * `dropUntrained` where the study does). Duplicate nicknames, missing or
 * non-numeric cells and negative counts are InputErrors.
 */
export function readKoyejolabModels(file: string): ModelInfo[] {
  const table = readCsv(file, { required: COLUMNS });
  const seen = new Map<string, number>();
  return table.rows.map((row, i) => {
    const line = table.lines[i];
    const nickname = row["Model Nickname"].trim();
    const family = row["Model Family"].trim();
    if (nickname === "") throw new InputError({ file, line, field: "Model Nickname" }, "empty model nickname");
    if (family === "") throw new InputError({ file, line, field: "Model Family" }, "empty model family");
    const prev = seen.get(nickname);
    if (prev !== undefined) throw new InputError({ file, line, field: "Model Nickname" }, "duplicate nickname '" + nickname + "' (first on line " + prev + ")");
    seen.set(nickname, line);
    const tokens = requiredNumberCell(row.Tokens, { file, line, field: "Tokens" });
    const parameters = requiredNumberCell(row.Parameters, { file, line, field: "Parameters" });
    if (tokens < 0) throw new InputError({ file, line, field: "Tokens" }, "negative token count");
    if (parameters <= 0) throw new InputError({ file, line, field: "Parameters" }, "parameter count must be positive");
    const m: ModelInfo = { nickname, family, parameters, tokens, compute: trainingCompute(parameters, tokens) };
    if (row["HuggingFace Path"].trim()) m.hfPath = row["HuggingFace Path"].trim();
    if (row["HuggingFace Revision"].trim()) m.revision = row["HuggingFace Revision"].trim();
    return m;
  });
}
