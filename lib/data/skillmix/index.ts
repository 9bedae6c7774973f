/** Loaders of the Skill-Mix skills list (CSV) and topics list (one per line). */
export { parseSkills, loadSkills, skillsByName, EXCLUDED_STATUSES, type Skill, type SkillList, type ExcludedSkill, type SkillsOptions } from "./skills";
export { parseTopics, loadTopics } from "./topics";
