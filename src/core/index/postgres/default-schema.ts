/** The PostgreSQL schema the index (and, beside it, the votes) lives in when `INDEX_SCHEMA` names none. */
export const DEFAULT_SCHEMA = "citebot";
