import { parseCsv } from "../../io/csv";
import { readText } from "../../io/text";
import { InputError } from "../../util/errors";

/** One skill of a Skill-Mix skills list. */
export interface Skill {
  /** Skill name, surrounding whitespace stripped (as the original). */
  name: string;
  category: string;
  definition: string;
  example: string;
  comments: string;
  status: string;
  addedBy: string;
  /** 1-based line of the row in the CSV file. */
  line: number;
}

/** A row left out because of its status. */
export interface ExcludedSkill {
  name: string;
  status: string;
  line: number;
}

export interface SkillList {
  /** Kept skills in file order (the order sampling starts from). */
  skills: Skill[];
  /** Rows whose status is one of the excluded statuses. */
  excluded: ExcludedSkill[];
  file: string;
}

/** Statuses the original code drops (exact, case-sensitive comparison). */
export const EXCLUDED_STATUSES: readonly string[] = ["remove", "in review", "maybe"];

export interface SkillsOptions {
  /**
   * What to do with a skill name that appears twice among the kept rows.
   * "error" (default): InputError naming both lines. "last-wins": the
   * original's dict semantics (the first row's position, the last row's fields).
   */
  duplicates?: "error" | "last-wins";
}

/**
 * Parse a skills CSV (columns category, skill, definition, example,
 * comments, status, added by). As the original `get_skills_dict`: rows whose
 * status is exactly "remove", "in review" or "maybe" are dropped (reported in
 * `excluded`), names are stripped, the order of the file is kept. Only
 * `skill`, `definition`, `example` and `status` are required columns.
 */
export function parseSkills(text: string, file: string, options: SkillsOptions = {}): SkillList {
  const table = parseCsv(text, file, { required: ["skill", "definition", "example", "status"] });
  const skills: Skill[] = [];
  const excluded: ExcludedSkill[] = [];
  const byName = new Map<string, number>();
  table.rows.forEach((row, i) => {
    const line = table.lines[i];
    const name = row.skill.trim();
    if (EXCLUDED_STATUSES.includes(row.status)) {
      excluded.push({ name, status: row.status, line });
      return;
    }
    if (name === "") throw new InputError({ file, line, field: "skill" }, "empty skill name");
    const skill: Skill = {
      name,
      category: row.category ?? "",
      definition: row.definition,
      example: row.example,
      comments: row.comments ?? "",
      status: row.status,
      addedBy: row["added by"] ?? "",
      line,
    };
    const prev = byName.get(name);
    if (prev !== undefined) {
      if ((options.duplicates ?? "error") === "error") {
        throw new InputError({ file, line, field: "skill" }, "duplicate skill '" + name + "' (first on line " + skills[prev].line + ")");
      }
      skills[prev] = skill;
      return;
    }
    byName.set(name, skills.length);
    skills.push(skill);
  });
  return { skills, excluded, file };
}

/** Read a skills CSV file (see parseSkills). */
export function loadSkills(file: string, options: SkillsOptions = {}): SkillList {
  return parseSkills(readText(file), file, options);
}

/** Skills by name. */
export function skillsByName(skills: readonly Skill[]): Map<string, Skill> {
  return new Map(skills.map((s) => [s.name, s]));
}
